"""An unhandled error in a slot, a thread or a Qt critical message shows the crash dialog.

pytest-qt catches errors raised in slots itself; these tests turn that off
(``qt_no_exception_capture``) so the error reaches the hook the app installs, as it would for
a user.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QtMsgType, qCritical
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from member_reach import __version__
from member_reach.services.common.logs import start_logging, stop_logging
from member_reach.ui.app.crash_dialog import CrashDialog, CrashReporter

from .test_user_guide import _Browser

# The offscreen platform cannot raise a window; a desktop does.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise()")

SECRET = "Ada Lovelace <ada@example.org> +44 20 7946 0018"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = start_logging(tmp_path / "logs")
    assert path is not None
    yield path
    stop_logging()


@pytest.fixture
def reporter(qtbot: QtBot, log_file: Path) -> Iterator[CrashReporter]:
    crash = CrashReporter(log_file)
    crash.install()
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        qtbot.addWidget(crash.dialog)


def _broken_slot() -> None:
    raise LookupError(SECRET)  # an error whose text quotes a member


def _shown(qtbot: QtBot, reporter: CrashReporter) -> CrashDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    return reporter.dialog


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_the_app_goes_on(
    qtbot: QtBot, reporter: CrashReporter, log_file: Path
) -> None:
    button = QPushButton("Renew")
    qtbot.addWidget(button)
    button.clicked.connect(_broken_slot)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = _shown(qtbot, reporter)
    assert "met an unexpected problem" in dialog.message.text()
    assert "send the details to your support contact" in dialog.message.text()
    assert str(log_file) in dialog.log_label.text()
    assert button.isVisible()  # the window is still there

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == dialog.details
    assert f"member_reach {__version__}" in copied
    assert "Python " in copied and "Qt " in copied
    assert "_broken_slot" in copied and "test_crash_dialog.py" in copied
    assert "LookupError" in copied
    for word in ("Ada", "example.org", "7946"):
        assert word not in copied
        assert word not in log_file.read_text(encoding="utf-8")
    assert "_broken_slot" in log_file.read_text(encoding="utf-8")

    # Once more: the same dialog counts it, no second window opens.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.reports) == 2)
    assert "2" in dialog.count_label.text() and dialog.count_label.isVisible()
    assert sum(isinstance(w, CrashDialog) for w in QApplication.topLevelWidgets()) == 1


@pytest.mark.qt_no_exception_capture
def test_with_debug_set_the_details_hold_the_message(
    qtbot: QtBot, reporter: CrashReporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMBER_REACH_DEBUG", "1")
    button = QPushButton("Renew")
    qtbot.addWidget(button)
    button.clicked.connect(_broken_slot)
    button.click()
    assert SECRET in _shown(qtbot, reporter).details


def test_an_error_in_a_thread_shows_the_dialog_in_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    worker = threading.Thread(target=_broken_slot, name="exporter")
    worker.start()
    worker.join()
    dialog = _shown(qtbot, reporter)
    assert "_broken_slot" in dialog.details and "LookupError" in dialog.details


@pytest.mark.qt_log_ignore("the style sheet engine gave up")
def test_a_qt_critical_message_shows_the_dialog(
    qtbot: QtBot, reporter: CrashReporter, log_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        qCritical("the style sheet engine gave up")
    dialog = _shown(qtbot, reporter)
    assert f"Qt {QtMsgType.QtCriticalMsg.name}: the style sheet engine gave up" in dialog.details
    assert "the style sheet engine gave up" in log_file.read_text(encoding="utf-8")


def test_the_hooks_are_given_back(qtbot: QtBot, log_file: Path) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    crash = CrashReporter(log_file)
    crash.install()
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    crash.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_without_a_log_file_the_dialog_says_to_copy_the_details(qtbot: QtBot) -> None:
    dialog = CrashDialog(None)
    qtbot.addWidget(dialog)
    dialog.add("details")
    assert "No log file" in dialog.log_label.text()
    assert not dialog.folder_button.isEnabled()
    assert not dialog.open_log_folder()


def test_open_log_folder_shows_the_folder_of_the_log(qtbot: QtBot, log_file: Path) -> None:
    dialog = CrashDialog(log_file)
    qtbot.addWidget(dialog)
    opener = _Browser()  # the system's file manager, replaced through Qt's own hook
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in opener.opened] == [log_file.parent]


def test_run_gui_gives_the_hooks_back(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    from member_reach import app

    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    before = (sys.excepthook, threading.excepthook)
    assert app.run_gui(str(tmp_path / "missing" / "x.sqlite3"), today=None, demo=False) == 1
    assert (sys.excepthook, threading.excepthook) == before


_FATAL_CHILD = """
from PySide6.QtCore import qFatal
from PySide6.QtWidgets import QApplication
from member_reach.services.common.crash_reports import start_run
from member_reach.ui.app.crash_dialog import CrashReporter

log, crash = start_run()
print(log, crash.path, sep="\\n", flush=True)
app = QApplication([])
CrashReporter(log, app).install()
qFatal("the scene graph gave up")
"""


def test_a_qt_fatal_message_is_logged_and_its_stack_kept(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONFAULTHANDLER": ""}
    done = subprocess.run(
        [sys.executable, "-c", _FATAL_CHILD],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0  # Qt ends the process: offscreen, no dialog waits for anyone
    log, crash = (Path(line) for line in done.stdout.split())
    assert "Qt QtFatalMsg" in log.read_text(encoding="utf-8")
    assert "the scene graph gave up" in log.read_text(encoding="utf-8")
    assert "Aborted" in crash.read_text(encoding="utf-8")  # faulthandler's stack of the abort
