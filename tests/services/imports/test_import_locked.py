"""A roster still open in Excel: one line saying to close it there, and nothing changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from locked_files import IN_USE, lock
from openpyxl import Workbook
from roster_files import HEADER, ROWS, dump, write_csv

from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.sheets.detect import sniff
from member_reach.sheets.errors import SheetError
from member_reach.store.database import Database

TODAY = dt.date(2026, 11, 23)


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in ROWS[3:6]:
        sheet.append(row)
    book.save(path)
    return path


def test_the_reader_says_the_file_is_open_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = _xlsx(tmp_path / "Roster November.xlsx")
    lock(monkeypatch, roster)
    with pytest.raises(SheetError) as caught:
        sniff(roster)
    assert str(caught.value) == f"Roster November.xlsx: {IN_USE}"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_import_of_a_locked_roster_changes_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    run_roster_import(db, write_csv(tmp_path / "first.csv", ROWS), TODAY)
    with db.session() as s:
        before = dump(s)
    roster = tmp_path / f"roster{suffix}"
    _xlsx(roster) if suffix == ".xlsx" else write_csv(roster, ROWS)
    lock(monkeypatch, roster)
    with pytest.raises(ServiceError) as caught:
        run_roster_import(db, roster, TODAY)
    assert str(caught.value) == f"roster{suffix}: {IN_USE}"
    with db.session() as s:
        assert dump(s) == before
