from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

from member_reach.store.errors import StoreError
from member_reach.ui.core.progress_dialog import ProgressDialog
from member_reach.ui.core.tasks import TaskControl, TaskRunner


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_synchronous_success_failure_and_cancel(parent: QWidget) -> None:
    runner = TaskRunner(parent, synchronous=True)
    results: list[object] = []
    runner.run(lambda control: 42, on_success=results.append)
    runner.run(
        lambda control: (_ for _ in ()).throw(StoreError("The file is gone. Choose another.")),
        on_failure=results.append,
    )

    def cancelled_job(control: TaskControl) -> None:
        control.cancel()
        control.progress(1, 10)

    runner.run(cancelled_job, on_cancel=lambda: results.append("cancelled"))
    assert results == [42, "The file is gone. Choose another.", "cancelled"]
    assert not runner.busy
    assert QApplication.overrideCursor() is None


def test_unexpected_error_says_what_to_do_and_default_failure_shows_a_box(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    runner = TaskRunner(parent, synchronous=True)

    def broken(control: TaskControl) -> None:
        raise ZeroDivisionError("division by zero")

    runner.run(broken, title="Backup")
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Backup"
    assert "ZeroDivisionError: division by zero" in text
    assert "try again" in text


def test_quiet_failure_shows_no_box(parent: QWidget, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("no box for quiet jobs"))
    runner = TaskRunner(parent, synchronous=True)
    failures: list[str] = []
    handle = runner.run(lambda c: 1 / 0, quiet=True)
    handle.failed.connect(failures.append)  # already finished: nothing more arrives
    assert failures == []
    assert not runner.busy


def test_background_job_reports_progress_and_result(qtbot, parent: QWidget) -> None:
    runner = TaskRunner(parent)
    seen: list[tuple[int, int]] = []

    def job(control: TaskControl) -> str:
        for done in range(1, 4):
            control.progress(done, 3)
        return f"ran in {threading.current_thread().name}"

    handle = runner.run(job, quiet=True)
    handle.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(handle.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args[0] != f"ran in {threading.main_thread().name}"
    assert (3, 3) in seen or seen == []  # the last report is never throttled away
    assert runner.shutdown(5000)


def test_progress_dialog_appears_late_and_cancel_stops_the_job(qtbot, parent: QWidget) -> None:
    runner = TaskRunner(parent, dialog_delay_ms=50)
    started = threading.Event()

    def endless(control: TaskControl) -> None:
        started.set()
        while True:
            control.progress(1, 0)
            threading.Event().wait(0.01)

    cancelled: list[bool] = []
    handle = runner.run(endless, title="Long job", label="Working hard…")
    handle.cancelled.connect(lambda: cancelled.append(True))
    assert QApplication.overrideCursor() is not None  # busy cursor at once

    def dialog() -> ProgressDialog | None:
        found = [d for d in parent.findChildren(ProgressDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: dialog() is not None, timeout=5000)
    cancel_button = dialog().findChild(QPushButton)  # type: ignore[union-attr]
    with qtbot.waitSignal(handle.finished, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert started.is_set()
    assert cancelled == [True]
    assert QApplication.overrideCursor() is None
    assert runner.shutdown(5000)


def test_quick_job_never_flashes_a_dialog(qtbot, parent: QWidget) -> None:
    runner = TaskRunner(parent)  # the default delay, ~600 ms
    handle = runner.run(lambda control: "done", title="Quick")
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert not [d for d in parent.findChildren(ProgressDialog) if d.isVisible()]
    assert QApplication.overrideCursor() is None
    assert runner.shutdown(5000)


def test_a_job_says_what_it_waits_for_in_its_progress_dialog(qtbot, parent: QWidget) -> None:
    runner = TaskRunner(parent, dialog_delay_ms=0)
    go_on, over = threading.Event(), threading.Event()

    def waits(control: TaskControl) -> None:
        control.say("Waiting for another import to finish (started 10:42 by Ann)…")
        go_on.wait(5)
        control.say("")  # the wait is over: the dialog says what it said first
        over.wait(5)

    handle = runner.run(waits, title="Importing", label="Importing roster.csv…")

    def label() -> str:
        found = [d for d in parent.findChildren(ProgressDialog) if d.isVisible()]
        return found[0].findChild(QLabel).text() if found else ""  # type: ignore[union-attr]

    qtbot.waitUntil(lambda: label().startswith("Waiting for another import"), timeout=5000)
    go_on.set()
    qtbot.waitUntil(lambda: label() == "Importing roster.csv…", timeout=5000)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        over.set()
    assert runner.shutdown(5000)
