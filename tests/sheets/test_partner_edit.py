"""A partner's edit of a partner workbook: filled rows read back, the rest of the workbook kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from member_reach.sheets import SheetError, open_table
from member_reach.sheets.crypto import decrypt
from member_reach.sheets.partner_edit import fill_in_calls
from member_reach.sheets.partner_workbook import (
    CALLS_SHEET,
    CODES_SHEET,
    META_SHEET,
    PartnerExport,
    write_partner_workbook,
)

CODES = [("renewed", "Renewed on the call", "success"), ("callback", "Call back", "neutral")]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    rows = [["C1-00001", "Ada Lovelace"], ["C1-00002", "Alan Turing"], ["C1-00003", "Grace Hopper"]]
    export = PartnerExport(7, 1, "Winter", ["Ref", "Name"], rows, CODES, [("Goal", "10")])
    path = tmp_path / "Winter - Partner.xlsx"
    write_partner_workbook(path, export)
    return path


def test_filled_rows_read_back_and_the_others_stay_blank(exported: Path, tmp_path: Path) -> None:
    worked = tmp_path / "worked.xlsx"
    callback = dt.datetime(2026, 11, 26, 10, 0)
    filled = fill_in_calls(
        exported,
        worked,
        {
            "C1-00001": {"Outcome": "renewed", "Amount": 195.0, "Notes": "Paid by card"},
            "C1-00003": {"Outcome": "callback", "Callback date": callback},
            "C9-99999": {"Outcome": "renewed"},  # not in the file: nothing to fill
        },
    )
    assert filled == 2
    table = open_table(worked, sheet=CALLS_SHEET)
    rows = {row.cells[0]: dict(zip(table.header, row.cells, strict=True)) for row in table.rows}
    assert rows["C1-00001"]["Outcome"] == "renewed" and rows["C1-00001"]["Amount"] == 195
    assert rows["C1-00001"]["Notes"] == "Paid by card"
    assert rows["C1-00002"]["Outcome"] is None and rows["C1-00002"]["Name"] == "Alan Turing"
    assert rows["C1-00003"]["Callback date"] == callback
    # As a spreadsheet program saves it: the other sheets, the mark and the protection kept.
    book = openpyxl.load_workbook(worked)
    assert {CODES_SHEET, META_SHEET} <= set(book.sheetnames)
    assert book[META_SHEET].sheet_state == "hidden" and book[CALLS_SHEET].protection.sheet
    assert exported.read_bytes() != worked.read_bytes()


def test_saved_in_place_with_a_password(exported: Path) -> None:
    assert fill_in_calls(exported, exported, {"C1-00002": {"Outcome": "renewed"}}, "pw") == 1
    book = openpyxl.load_workbook(decrypt(exported, "pw"))
    assert book[CALLS_SHEET]["C3"].value == "renewed"


def test_only_the_fill_in_columns_can_be_filled(exported: Path, tmp_path: Path) -> None:
    worked = tmp_path / "worked.xlsx"
    with pytest.raises(SheetError, match="has no fill-in column Name"):
        fill_in_calls(exported, worked, {"C1-00001": {"Name": "Someone else"}})
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    other = tmp_path / "other.xlsx"
    book.save(other)
    with pytest.raises(SheetError, match="has no Calls sheet"):
        fill_in_calls(other, worked, {"C1-00001": {"Outcome": "renewed"}})
    other.write_bytes(b"not a workbook")
    with pytest.raises(SheetError, match="the workbook cannot be read"):
        fill_in_calls(other, worked, {})
    assert not worked.exists()
