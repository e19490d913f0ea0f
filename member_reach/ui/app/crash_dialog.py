"""When the app fails: a dialog in one line, "Copy details" for support, and the app goes on.

:class:`CrashReporter` takes over ``sys.excepthook`` (errors in Qt slots and event handlers
arrive there), ``threading.excepthook`` and Qt's message handler (critical and fatal messages).
Each failure is logged with its details (see
:func:`~member_reach.services.common.crash_reports.error_details`: code locations and error
kinds, never the error's text unless ``MEMBER_REACH_DEBUG`` is set) and shown in one
:class:`CrashDialog`, which names the log file and stays until closed; the window goes on.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from member_reach import APP_TITLE
from member_reach.services.common.crash_reports import environment_lines, log_unexpected
from member_reach.services.common.logs import redact

log = logging.getLogger(__name__)

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]
_QT_FAILURES = (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
_HEADLESS = ("offscreen", "minimal")


def qt_lines() -> tuple[str, ...]:
    """The Qt version and platform plug-in, added to every error's details."""
    platform = QApplication.platformName() if QApplication.instance() else "none"
    return (f"Qt {qVersion()} ({platform})",)


class CrashDialog(QDialog):
    """Says in one line that something failed and what to do; copies the details for support."""

    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{title} met a problem").format(title=APP_TITLE))
        self.setObjectName("crashDialog")
        self._log_file = log_file
        self.reports: list[str] = []
        self.message = QLabel(
            self.tr(
                "{title} met an unexpected problem and stopped what it was doing. Your data is "
                "saved up to the last action; please send the details to your support contact."
            ).format(title=APP_TITLE)
        )
        self.message.setWordWrap(True)
        self.log_label = QLabel(self._log_text())
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = QPushButton(self.tr("Open &log folder"))
        self.folder_button.setEnabled(log_file is not None)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.log_label, self.count_label):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.count_label.hide()
        self.setMinimumWidth(460)

    def _log_text(self) -> str:
        if self._log_file is None:
            return self.tr("No log file could be written; copy the details before closing this.")
        return self.tr("The details are also kept in the log file {path}").format(
            path=self._log_file
        )

    def add(self, details: str) -> None:
        """Add one failure's details (shown as a count when there are several)."""
        self.reports.append(details)
        count = len(self.reports)
        self.count_label.setVisible(count > 1)
        self.count_label.setText(self.tr("It happened %n time(s) so far.", "", count))
        self.copy_button.setText(self.tr("&Copy details"))

    @property
    def details(self) -> str:
        """Everything "Copy details" copies: each failure's version, platform and stack."""
        return "\n\n".join(self.reports)

    def copy_details(self) -> None:
        """Put the details on the clipboard, to paste into a message to support."""
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))

    def open_log_folder(self) -> bool:
        """Show the folder of the log file in the system's file manager."""
        if self._log_file is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_file.parent)))


class CrashReporter(QObject):
    """Turns unhandled errors and Qt's critical messages into a :class:`CrashDialog`.

    Args:
        log_file: the app's log file, named in the dialog (None: there is none).
    """

    reported = Signal(str)  # one failure's details; delivered in the GUI thread

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._previous_qt: MessageHandler | None = None
        self._installed = False
        self.reported.connect(self.show_report, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Take over the error hooks and Qt's message handler (the previous ones are kept)."""
        if self._installed:
            return
        self._previous_hook, sys.excepthook = sys.excepthook, self._excepthook
        self._previous_thread_hook, threading.excepthook = threading.excepthook, self._thread_hook
        self._previous_qt = qInstallMessageHandler(self._qt_message)
        self._installed = True

    def uninstall(self) -> None:
        """Give the hooks back to those they were taken from."""
        if not self._installed:
            return
        sys.excepthook = self._previous_hook or sys.__excepthook__
        threading.excepthook = self._previous_thread_hook or threading.__excepthook__
        qInstallMessageHandler(self._previous_qt)
        self._installed = False

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, error, trace)
            return
        self.reported.emit(log_unexpected(error, trace, extra=qt_lines()))

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        where = f"thread {args.thread.name}" if args.thread is not None else "a thread"
        self.reported.emit(
            log_unexpected(args.exc_value, args.exc_traceback, where=where, extra=qt_lines())
        )

    def _qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if self._previous_qt is not None:
            self._previous_qt(kind, context, message)
        elif sys.stderr is not None:  # Qt's own default: the message on stderr
            print(message, file=sys.stderr)
        if kind not in _QT_FAILURES:
            if kind == QtMsgType.QtWarningMsg:
                log.warning("Qt: %s", message)
            return
        where = f"{context.file}:{context.line} {context.function}" if context.file else ""
        details = "\n".join(
            [*environment_lines(qt_lines()), f"Qt {kind.name}: {redact(message)}", where]
        ).rstrip()
        log.error("Qt %s\n%s", kind.name, details)
        if kind == QtMsgType.QtFatalMsg:
            # Qt ends the process when this returns: the dialog is shown now, or never (and
            # never where nobody can close it: the offscreen smoke test must end, not hang).
            on_screen = QApplication.platformName() not in _HEADLESS
            if on_screen and QThread.currentThread() is self.thread():
                self.show_report(details)
                if self.dialog is not None:
                    self.dialog.exec()
            return
        self.reported.emit(details)

    def show_report(self, details: str) -> CrashDialog:
        """Show ``details`` in the dialog (one dialog, however many failures); return it."""
        if self.dialog is None:
            # A window of its own: it outlives whichever window was active when it failed.
            self.dialog = CrashDialog(self.log_file)
        self.dialog.add(details)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
