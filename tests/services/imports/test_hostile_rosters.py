"""Hostile rosters (issue 19, items 4, 6 and 9): values too long for their field, rows that would
be lost silently, and values accepted without a doubt. Each is flagged or refused with a clear
reason, alike on SQLite and PostgreSQL, and never written as it is."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_types import RowIssue
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import Person, PhoneNumber

TODAY = dt.date(2026, 11, 23)
HEADER = ["Member ID", "First Name", "Last Name", "Email", "Phone", "City", "Paid Thru"]


def write(path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
    return path


def issue_of(issues: Sequence[RowIssue], row: int) -> RowIssue:
    found = [i for i in issues if i.row == row]
    assert len(found) == 1, [i.describe() for i in issues]
    return found[0]


def test_a_value_over_its_fields_limit_is_flagged_and_kept_whole(
    db: Database, tmp_path: Path
) -> None:
    city, org_city = "C" * 121, "Springfield"
    rows = [
        ["M-1", "Ada", "Lovelace", "ada@example.org", "646 555 0101", city, "2027-01-31"],
        ["M-2", "Alan", "Turing", "alan@example.org", "646 555 0102", org_city, "2027-02-28"],
        ["M-3", "G" * 300, "Hopper", "grace@example.org", "646 555 0103", "", "2027-03-31"],
    ]
    report = run_roster_import(db, write(tmp_path / "long.csv", rows), TODAY)
    assert (report.counts.inserted, report.counts.flagged) == (3, 2)
    ada = issue_of(report.issues, 2)
    assert ada.result == "flagged"
    assert "column 'City': 121 characters, more than the 120" in ada.reason
    assert city not in ada.reason  # the value is in the cells, not in the reason
    assert city in ada.cells  # kept whole in the rows to check
    grace = issue_of(report.issues, 4)
    assert "column 'First Name': 300 characters, more than the 255" in grace.reason
    with db.session() as s:
        people = {p.last_name: (p.first_name, p.city) for p in s.scalars(select(Person))}
    assert people == {
        "Lovelace": ("Ada", ""),
        "Turing": ("Alan", org_city),
        "Hopper": ("", ""),
    }


def test_an_over_long_phone_is_left_out_and_flagged(db: Database, tmp_path: Path) -> None:
    phone = "646 555 0101 " + "9" * 70
    rows = [["M-1", "Ada", "Lovelace", "ada@example.org", phone, "", "2027-01-31"]]
    report = run_roster_import(db, write(tmp_path / "phone.csv", rows), TODAY)
    assert "column 'Phone':" in issue_of(report.issues, 2).reason
    with db.session() as s:
        assert s.scalars(select(PhoneNumber)).all() == []


HEADERLESS = [
    ["M-1", "Contact", "Lovelace", "ada@example.org", "646 555 0101", "London", "2027-01-31"],
    ["M-2", "Alan", "Turing", "alan@example.org", "646 555 0102", "Wilmslow", "2027-02-28"],
]


def test_a_roster_without_a_header_row_is_refused_in_one_line(db: Database, tmp_path: Path) -> None:
    """Its first member would have become the column names ("Contact" a name column)."""
    path = write(tmp_path / "noheader.csv", HEADERLESS, header=())
    with pytest.raises(ServiceError) as caught:
        run_roster_import(db, path, TODAY)
    message = str(caught.value)
    assert message.startswith("noheader.csv, row 1, column D: holds an e-mail address")
    assert "no header row" in message and "\n" not in message
    assert "ada@" not in message
    with db.session() as s:
        assert s.scalars(select(Person)).all() == []


def test_a_workbook_without_a_header_row_names_its_sheet(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Members"
    sheet.append(["Roster exported 2026-11-20"])
    for row in HEADERLESS:
        sheet.append([*row[:6], dt.date.fromisoformat(row[6])])
    book.save(tmp_path / "noheader.xlsx")
    with pytest.raises(ServiceError) as caught:
        run_roster_import(db, tmp_path / "noheader.xlsx", TODAY)
    assert str(caught.value).startswith(
        "noheader.xlsx, sheet 'Members', row 2, column D: holds an e-mail address"
    )
