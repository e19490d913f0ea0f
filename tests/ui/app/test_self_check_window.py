"""The self-check's window steps (``member_reach.self_check``) fail on what a person would not see.

The whole self-check runs in ``tests/test_self_check.py``, in a process of its own; here, in this
one, what would otherwise pass unnoticed off screen.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from member_reach.self_check import CheckFailed, SelfCheck
from member_reach.store.database import open_database


def test_an_error_in_a_slot_fails_the_step(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An exception in a slot only prints a traceback and the window goes on: the step fails."""

    def broken() -> None:
        raise RuntimeError("a slot went wrong")

    check = SelfCheck(tmp_path, io.StringIO())
    with (
        qtbot.captureExceptions() as caught,  # what the self-check prints, kept by pytest-qt here
        pytest.raises(CheckFailed, match=r"the window met an error: RuntimeError in broken \("),
        check._main_window(open_database(tmp_path / "empty.sqlite3")) as window,
    ):
        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: len(caught) == 1)
        assert window.current_page == "welcome"
