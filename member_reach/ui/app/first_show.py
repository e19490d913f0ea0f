"""Start-up timing: with ``MEMBER_REACH_QUIT_AFTER_SHOW=1`` the app closes at its first show.

The start-up budget (packaging/README.md) runs from the process's start to the main window's
first show event. A program that measures it (``packaging/smoke_test.py``,
``tests/benchmarks/bench_startup.py``) starts the app with this variable, notes the wall clock
just before, and reads the line printed at the first show: ``member-reach: first show at
<seconds since the epoch> (processor <seconds> s)``, with the processor time the process had
used by then. The window then closes as if the user had closed it (its state is saved, its jobs
stopped), so the process ends.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

QUIT_AFTER_SHOW = "MEMBER_REACH_QUIT_AFTER_SHOW"
FIRST_SHOW_LINE = "member-reach: first show at "


def wanted() -> bool:
    """Whether this run measures its start-up (the variable is set to 1)."""
    return os.environ.get(QUIT_AFTER_SHOW) == "1"


class FirstShowTimer(QObject):
    """Prints the wall-clock time of ``window``'s first show event, then closes it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            # The processor time too: on a busy machine it tells the app's own share.
            print(
                f"{FIRST_SHOW_LINE}{time.time():.6f} (processor {time.process_time():.3f} s)",
                flush=True,
            )
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._window.close)
        return False


def first_show_time(stdout: str) -> float | None:
    """The time a measured run printed at its first show (None if it printed none)."""
    for line in stdout.splitlines():
        if line.startswith(FIRST_SHOW_LINE):
            return float(line.removeprefix(FIRST_SHOW_LINE).split()[0])
    return None
