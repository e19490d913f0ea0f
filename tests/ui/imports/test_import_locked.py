"""A roster dropped on the window while Excel still has it open: the wizard says to close it."""

from __future__ import annotations

from pathlib import Path

import pytest
from locked_files import IN_USE, lock
from roster_files import ROWS, write_csv

from member_reach.store.database import Database


def test_a_roster_open_in_excel_says_to_close_it_there(
    qtbot, window_factory, empty_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_factory(empty_db)
    roster = write_csv(tmp_path / "Roster November.csv", ROWS)
    lock(monkeypatch, roster)
    wizard = window.start_import("roster", roster)
    assert wizard.sheet_page.status.text() == f"Roster November.csv: {IN_USE}"
    assert wizard.sheet_page.status.isVisible()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()

    monkeypatch.undo()  # closed in Excel: trying again goes on
    wizard.back()
    wizard.next()
    assert IN_USE not in wizard.sheet_page.status.text()
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
