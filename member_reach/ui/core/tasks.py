"""The one background-task helper: run a job off the GUI thread, with progress and cancel.

A job is a plain function ``job(control) -> result``. It never touches widgets; it reports
progress through ``control.progress(done, total)`` (which is also the ``progress`` callback the
services take) and stops when the user cancels. :class:`TaskRunner` runs jobs one at a time on
its own thread pool (database work is serialised), shows a busy cursor at once and a progress
dialog only when a job lasts longer than ``dialog_delay_ms`` (so quick jobs do not flash), and
delivers the result or a one-line error through signals in the GUI thread. Tests build the
runner with ``synchronous=True``: jobs then run inside :meth:`TaskRunner.run`.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from member_reach.domain.jobs import Cancelled
from member_reach.services.common.errors import ServiceError
from member_reach.store.errors import StoreError, without_rows
from member_reach.store.integrity import DamagedDatabaseError
from member_reach.ui.core.progress_dialog import ProgressDialog

log = logging.getLogger(__name__)

DIALOG_DELAY_MS = 600
_PROGRESS_INTERVAL_S = 0.05
# Errors whose message is written for people; anything else is a bug, logged with its traceback.
USER_ERRORS: tuple[type[Exception], ...] = (StoreError, ServiceError)


class TaskControl:
    """What a running job may use: report progress, and learn that it was cancelled."""

    def __init__(self, relay: _Relay, task_id: int) -> None:
        self._relay = relay
        self._id = task_id
        self._cancel = threading.Event()
        self._last_report = 0.0

    @property
    def cancelled(self) -> bool:
        """Whether the user asked the job to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (safe from any thread)."""
        self._cancel.set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the job was cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps (total 0: unknown); stop here if cancelled."""
        self.check()
        now = time.monotonic()
        # A job may report per row: only a few reports a second reach the GUI thread.
        if done < total and now - self._last_report < _PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._relay.progressed.emit(self._id, int(done), int(total))

    def say(self, text: str) -> None:
        """Show ``text`` as what the job is doing now ("Waiting for another import…")."""
        self._relay.said.emit(self._id, text)


Job = Callable[[TaskControl], Any]


class _Relay(QObject):
    """The runner's one messenger: workers emit on it, the runner receives in the GUI thread.

    It lives as long as the runner, so no worker ever touches an object the GUI thread may
    have deleted; each message carries the id of its task.
    """

    progressed = Signal(int, int, int)
    said = Signal(int, str)
    succeeded = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    damaged = Signal(object)  # the last good backup (a Path) or None


def user_message(exc: BaseException) -> str:
    """Return the one line to show a person for an error raised by a job."""
    if isinstance(exc, USER_ERRORS):
        return str(exc)
    return QApplication.translate(
        "TaskRunner",
        "Something unexpected went wrong ({error}). Please try again; if it happens again, "
        "report it with the steps that led to it.",
    ).format(error=without_rows(exc))


def _execute(job: Job, control: TaskControl, relay: _Relay, task_id: int) -> None:
    """Run ``job`` and emit exactly one of succeeded, failed or cancelled."""
    try:
        control.check()
        result = job(control)
    except Cancelled:
        relay.cancelled.emit(task_id)
    except Exception as exc:
        if not isinstance(exc, USER_ERRORS):  # where it happened, never the rows it held
            stack = "".join(traceback.format_tb(exc.__traceback__))
            log.error("background job failed: %s\n%s", without_rows(exc), stack)
        if isinstance(exc, DamagedDatabaseError):
            relay.damaged.emit(exc.good_backup)
        relay.failed.emit(task_id, user_message(exc))
    else:
        relay.succeeded.emit(task_id, result)


class TaskHandle(QObject):
    """One submitted job: its outcome arrives as signals, ``finished`` always last."""

    progressed = Signal(int, int)
    said = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, control: TaskControl) -> None:
        super().__init__()
        self.control = control
        self.done = False

    def cancel(self) -> None:
        """Ask the job to stop; ``cancelled`` follows unless it had already finished."""
        self.control.cancel()


class TaskRunner(QObject):
    """Runs jobs one at a time off the GUI thread, with a delayed, cancellable progress dialog.

    Args:
        parent: the widget progress dialogs and error messages belong to (None at start-up).
        synchronous: run each job inside :meth:`run`, in the calling thread (for tests).
        dialog_delay_ms: how long a job runs before its progress dialog appears.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        synchronous: bool = False,
        dialog_delay_ms: int = DIALOG_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._widget = parent
        self._synchronous = synchronous
        self._delay = dialog_delay_ms
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # database writes are serialised
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progressed)
        self._relay.said.connect(self._on_said)
        self._relay.succeeded.connect(self._on_succeeded)
        self._relay.failed.connect(self._on_failed)
        self._relay.cancelled.connect(self._on_cancelled)
        # A job found the database damaged: the window offers the last good backup.
        self.damaged = self._relay.damaged
        self._active: dict[int, TaskHandle] = {}
        self._next_id = 0

    @property
    def busy(self) -> bool:
        """Whether a job is queued or running."""
        return bool(self._active)

    def run(
        self,
        job: Job,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        title: str = "",
        label: str = "",
        quiet: bool = False,
    ) -> TaskHandle:
        """Start ``job`` and return its handle.

        Args:
            job: the work, ``job(control) -> result``; it must not touch widgets.
            on_success: called in the GUI thread with the job's result.
            on_failure: called with the one-line error; by default a message box shows it
                (quiet jobs only log it).
            on_cancel: called when the user cancelled the job.
            title: the progress dialog's and error box's title.
            label: what the progress dialog says is happening.
            quiet: no busy cursor, no progress dialog, no error box (searches, figures).
        """
        self._next_id += 1
        task_id = self._next_id
        control = TaskControl(self._relay, task_id)
        handle = TaskHandle(control)
        self._active[task_id] = handle
        if on_success is not None:
            handle.succeeded.connect(on_success)
        if on_failure is not None:
            handle.failed.connect(on_failure)
        elif not quiet:
            handle.failed.connect(lambda message: self._show_error(title, message))
        else:
            handle.failed.connect(lambda message: log.warning("quiet job failed: %s", message))
        if on_cancel is not None:
            handle.cancelled.connect(on_cancel)
        if not quiet:
            self._watch(handle, title, label)
        relay = self._relay
        if self._synchronous:
            _execute(job, control, relay, task_id)
        else:
            # A plain callable: Qt wraps it in a runnable it owns and deletes.
            self._pool.start(lambda: _execute(job, control, relay, task_id))
        return handle

    def cancel_all(self) -> None:
        """Ask every queued or running job to stop."""
        for handle in list(self._active.values()):
            handle.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for the worker to stop; return whether it did."""
        self.cancel_all()
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, int, int)
    def _on_progressed(self, task_id: int, done: int, total: int) -> None:
        handle = self._active.get(task_id)
        if handle is not None:
            handle.progressed.emit(done, total)

    @Slot(int, str)
    def _on_said(self, task_id: int, text: str) -> None:
        handle = self._active.get(task_id)
        if handle is not None:
            handle.said.emit(text)

    @Slot(int, object)
    def _on_succeeded(self, task_id: int, result: object) -> None:
        self._finish(task_id, "succeeded", result)

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        self._finish(task_id, "failed", message)

    @Slot(int)
    def _on_cancelled(self, task_id: int) -> None:
        self._finish(task_id, "cancelled")

    def _finish(self, task_id: int, outcome: str, *args: object) -> None:
        handle = self._active.pop(task_id, None)
        if handle is None:
            return
        handle.done = True
        getattr(handle, outcome).emit(*args)
        handle.finished.emit()

    def _watch(self, handle: TaskHandle, title: str, label: str) -> None:
        """Busy cursor now; a progress dialog if the job is still running after the delay."""
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        dialog = ProgressDialog(self._widget, title=title, label=label)
        dialog.cancel_requested.connect(handle.cancel)
        handle.progressed.connect(dialog.set_progress)
        handle.said.connect(dialog.set_label)
        timer = QTimer(dialog)
        timer.setSingleShot(True)
        timer.timeout.connect(dialog.open)
        timer.start(self._delay)

        def done() -> None:
            timer.stop()
            dialog.finish()
            QApplication.restoreOverrideCursor()

        handle.finished.connect(done)

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self._widget, title or self.tr("member_reach"), message)
