"""The command-line tests' shared association: a roster, a renewal campaign, two coming events."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from member_reach.__main__ import main

TODAY = "2026-11-23"


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def assoc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A roster, a renewal campaign, and two coming events: one without a series, one undated."""
    db = tmp_path / "assoc.sqlite3"
    roster = write_csv(
        tmp_path / "roster.csv",
        ["Member ID", "First Name", "Last Name", "Phone", "Paid Thru"],
        [
            ["M-1", "Ada", "Lovelace", "(646) 555-0101", "2026-12-31"],
            ["M-2", "Alan", "Turing", "(646) 555-0102", "2026-12-15"],
        ],
    )
    attendees = write_csv(tmp_path / "attendees.csv", ["Name", "E-mail"], [["Grace Hopper", ""]])
    for argv in (
        ["import", "roster", str(roster)],
        ["campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31", "--name", "Dec"],
        ["import", "events", str(attendees), "--event", "Gala 2027", "--event-date", "2027-03-01"],
        ["import", "events", str(attendees), "--event", "Expo 2027", "--series", "Expo"],
    ):
        assert main(["--db", str(db), "--today", TODAY, *argv]) == 0, capsys.readouterr().err
    return db
