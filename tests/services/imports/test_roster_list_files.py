"""A roster import's lists saved for a director: xlsx or CSV, the file's row numbers first, the
columns to check, formulas neutralised, written whole; ``lists_folder`` saves every list."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import ROWS, write_csv

from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.imports.roster_list_files import list_table, save_list
from member_reach.store.database import Database

NOW = dt.datetime(2026, 11, 24, 15, 0)
DAY = dt.date(2026, 11, 24)


def december(tmp_path: Path) -> Path:
    """Ada renewed, Katherine gone, and a new member on two rows, her name a formula."""
    rows = [list(r) for r in ROWS if r[0] != "M-006"]
    rows[0][7] = "01/31/2028"
    liskov = ["M-009", "=HYPERLINK(0)", "Liskov", "", "barbara@example.org", "646 555 0109"]
    rows.append([*liskov, "09/01/2020", "03/31/2027", "Individual", "yes"])
    rows.append([*liskov, "09/01/2020", "03/31/2026", "Individual", "yes"])
    return write_csv(tmp_path / "december.csv", rows)


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_every_list_is_saved_with_its_rows_to_check(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        [ref] = reserve(s, find_campaign(s, "Winter renewals"), "Jo", 1, NOW)
    folder = tmp_path / "lists"
    folder.mkdir()
    options = ImportOptions(dry_run=True, lists_folder=folder)
    report = run_roster_import(campaign_db, december(tmp_path), DAY, options)
    assert sorted(Path(p).name for p in report.lists_saved) == [
        "december - calls a renewal would close.xlsx",
        "december - duplicates merged.xlsx",
        "december - members on file not in this roster.xlsx",
        "december - renewals detected.xlsx",
    ]
    merged = sheet_rows(folder / "december - duplicates merged.xlsx")
    assert merged[0][:7] == (
        "Rows", "Member ID", "Name", "Matched on", "Expiry kept", "Kept from row", "Why",
    )  # fmt: skip
    assert merged[1] == (  # Alan's rows, unchanged since November: not read again
        "5, 10", "M-002", "Alan Turing", None, dt.datetime(2027, 12, 31), None,
        "rows unchanged since the last import: the expiry on file", None,
    )  # fmt: skip
    assert merged[2][0] == "12, 13" and merged[2][2] == "'=HYPERLINK(0) Liskov"  # no formula
    assert merged[2][4] == dt.datetime(2027, 3, 31) and merged[2][5] == 12
    assert merged[2][6] == "the later expiry" and merged[2][7] == "2026-03-31 (row 13)"
    assert sheet_rows(folder / "december - renewals detected.xlsx") == [
        ("Row", "Member ID", "Name", "Expiry on file", "New expiry"),
        (4, "M-001", "Ada Lovelace", dt.datetime(2027, 1, 31), dt.datetime(2028, 1, 31)),
    ]
    assert sheet_rows(folder / "december - members on file not in this roster.xlsx") == [
        ("Member ID", "Name", "Expiry on file"),
        ("M-006", "Katherine Johnson", dt.datetime(2027, 6, 30)),
    ]
    assert sheet_rows(folder / "december - calls a renewal would close.xlsx") == [
        ("Row", "Name", "Campaign", "Ref", "State before"),
        (4, "Ada Lovelace", "Winter renewals", ref, "reserved by Jo"),
    ]


def test_a_list_saved_as_csv_and_a_file_that_cannot_be_written(
    db: Database, tmp_path: Path
) -> None:
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), DAY)
    report = run_roster_import(db, december(tmp_path), DAY, ImportOptions(dry_run=True))
    table = list_table(report, "merged")
    saved = Path(save_list(tmp_path / "merged.csv", table))
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Rows", "Member ID", "Name"]
    assert rows[1][:7] == ["5, 10", "M-002", "Alan Turing", "", "2027-12-31", "", rows[1][6]]
    assert rows[2][:3] == ["12, 13", "M-009", "'=HYPERLINK(0) Liskov"]
    assert rows[2][4] == "2027-03-31"
    with pytest.raises(ServiceError, match="not saved"):
        save_list(tmp_path / "no such folder" / "merged.xlsx", table)
    with pytest.raises(ServiceError, match=r"\.xlsx or \.csv"):
        save_list(tmp_path / "merged.pdf", table)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_missing_folder_is_refused_before_anything_is_imported(
    db: Database, tmp_path: Path
) -> None:
    options = ImportOptions(lists_folder=tmp_path / "nowhere")
    with pytest.raises(ServiceError, match="does not exist"):
        run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), DAY, options)
    report = run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), DAY)
    assert report.batch_id == 1  # the refused import left no batch behind
