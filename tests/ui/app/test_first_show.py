"""MEMBER_REACH_QUIT_AFTER_SHOW: the first show's time is printed and the window closes."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QMainWindow

from member_reach.ui.app import first_show


def test_the_first_show_prints_its_time_and_closes_the_window(
    qtbot, capsys: pytest.CaptureFixture[str]
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    first_show.FirstShowTimer(window)
    before = time.time()
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible())
    shown = first_show.first_show_time(capsys.readouterr().out)
    assert shown is not None
    assert before <= shown <= time.time()
    window.show()  # a second show is the user's: nothing printed, nothing closed
    qtbot.wait(50)
    assert window.isVisible()
    assert capsys.readouterr().out == ""


def test_it_is_wanted_only_when_the_variable_says_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(first_show.QUIT_AFTER_SHOW, raising=False)
    assert not first_show.wanted()
    monkeypatch.setenv(first_show.QUIT_AFTER_SHOW, "0")
    assert not first_show.wanted()
    monkeypatch.setenv(first_show.QUIT_AFTER_SHOW, "1")
    assert first_show.wanted()


def test_a_run_that_printed_no_first_show_has_no_time() -> None:
    assert first_show.first_show_time("member-reach 0.1.0\n") is None
    line = f"{first_show.FIRST_SHOW_LINE}1796400000.250000 (processor 0.900 s)\n"
    assert first_show.first_show_time(line) == 1796400000.25
