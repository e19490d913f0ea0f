"""`import roster` on the command line says who it kept apart and why: a member id column that is
no id (one note), two people sharing an id, and a row of details read as the person's above."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from member_reach.__main__ import main

TODAY = "2026-11-23"
HEADER = ["membership_id", "First Name", "Last Name", "Email", "Phone", "Paid Thru"]


def write_roster(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def import_roster(capsys: pytest.CaptureFixture[str], db: Path, roster: Path, *options: str) -> str:
    capsys.readouterr()
    status = main(["--db", str(db), "--today", TODAY, *options, "import", "roster", str(roster)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def test_a_level_column_is_said_once_and_nobody_is_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [("Ada", "Lovelace"), ("Alan", "Turing"), ("Grace", "Hopper"), ("Hedy", "Lamarr")]
    rows = [
        [level, first, last, f"{first.lower()}@example.org", "", "2027-01-31"]
        for level, (first, last) in zip(("1", "2", "3", "2"), names, strict=True)
    ]
    roster = write_roster(tmp_path / "plugin export.csv", rows)
    guessed = import_roster(capsys, tmp_path / "guessed.sqlite3", roster)
    assert "4 rows read: 4 new" in guessed  # its values keep the column out of the mapping
    assert "a level or a code, not a member id" in guessed
    # Mapped as the member id by hand, the import still tells the people apart and says why.
    capsys.readouterr()
    mapped = ["import", "roster", str(roster), "--map", "membership_id=external_id"]
    status = main(["--db", str(tmp_path / "db.sqlite3"), "--today", TODAY, *mapped])
    out = capsys.readouterr().out
    assert status == 0 and "4 rows read: 4 new" in out
    assert (
        "Column 'membership_id' repeats the same values for different people (3 distinct "
        "values in 4 rows), so it is not used to tell members apart" in out
    )
    status = main(["--db", str(tmp_path / "dry.sqlite3"), "--today", TODAY, "--json", *mapped])
    payload = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert status == 0
    assert payload["inserted"] == 4 and payload["merges"] == []
    assert payload["notes"][0].startswith("Column 'membership_id' repeats")


def test_two_people_sharing_an_id_and_a_row_of_details_are_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["M-1", "Ada", "Lovelace", "", "", "2027-01-31"],
        ["", "", "", "ada@example.org", "(646) 555-0101", ""],  # row 3: Ada's details
        ["M-2", "Alan", "Turing", "alan@example.org", "", "2027-02-28"],
        ["M-3", "Grace", "Hopper", "grace@example.org", "", "2027-03-31"],
        ["M-4", "Hedy", "Lamarr", "hedy@example.org", "", "2027-04-30"],
        ["M-5", "Edsger", "Dijkstra", "edsger@example.org", "", "2027-05-31"],
        ["M-2", "Dora", "Maar", "dora@example.org", "", "2027-06-30"],  # row 8: another person
    ]
    out = import_roster(capsys, tmp_path / "db.sqlite3", write_roster(tmp_path / "r.csv", rows))
    assert "7 rows read: 6 new, 0 updated, 0 unchanged, 0 rejected, 3 flagged" in out
    assert (
        "  row 3: flagged: row 3 has no name: read as more contact details of the person on "
        "row 2" in out
    )
    assert "  row 4: flagged: same member id 'M-2' as row 8, with another name" in out
    assert "  row 8: flagged: same member id 'M-2' as row 4, with another name" in out
    assert "different people?" in out
