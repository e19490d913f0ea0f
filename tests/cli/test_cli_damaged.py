"""The attack's case: five good imports, one damaged page, five more imports. Each of the five
says in one line that the database is damaged and which backup to restore; the good backups stay
as they were; no traceback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from damage import damage_page_of

from cli.test_cli_hints import write_csv
from member_reach.__main__ import main

TODAY = "2026-11-23"


def roster(folder: Path, number: int) -> Path:
    rows = [
        [f"M-{n}", f"First{n}", f"Last{n}", f"(646) 555-{n:04d}", f"2027-{number + 1:02d}-15"]
        for n in range(200)
    ]
    header = ["Member ID", "First Name", "Last Name", "Phone", "Paid Thru"]
    return write_csv(folder / f"roster-{number}.csv", header, rows)


def run(db: Path, file: Path) -> int:
    return main(["--db", str(db), "--today", TODAY, "import", "roster", str(file)])


def backups(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((folder / "backups").iterdir())
    }


@pytest.mark.parametrize("page", ["person", "ix_import_change_batch_id"])
def test_a_damaged_database_never_replaces_the_good_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    db = tmp_path / "members.sqlite3"
    for number in range(5):
        assert run(db, roster(tmp_path, number)) == 0
    good = backups(tmp_path)
    assert len(good) == 5
    damage_page_of(db, page)  # a page the import reads, or one only a check reads
    capsys.readouterr()
    for _ in range(5):
        status = run(db, roster(tmp_path, 5))
        captured = capsys.readouterr()
        assert status == 1
        lines = captured.err.splitlines()
        assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
        newest = sorted(good)[-1]
        assert lines[0].startswith(f"member-reach: The database {db} is damaged (SQLite: ")
        assert f"restore the last good backup, {tmp_path / 'backups' / newest}" in lines[0]
        assert "First1" not in captured.err and "Last1" not in captured.err
    assert backups(tmp_path) == good
