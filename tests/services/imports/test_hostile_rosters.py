"""Hostile rosters (issue 19, items 4, 6 and 9): values too long for their field, rows that would
be lost silently, and values accepted without a doubt. Each is flagged or refused with a clear
reason, alike on SQLite and PostgreSQL, and never written as it is."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

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
