"""``people erase ID`` and ``people export ID OUT`` (DESIGN.md, "Command-line contract"): the
person named by number only, the JSON, and one-line errors that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from roster_files import ROWS, write_csv

from member_reach.__main__ import main


def run(
    db: Path, *args: str, capsys: pytest.CaptureFixture[str], json_out: bool = True
) -> tuple[int, str, str]:
    status = main(["--db", str(db), "--today", "2026-11-23", *(["--json"] if json_out else []),
                   *args])  # fmt: skip
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_people_export_then_erase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "members.sqlite3"
    roster = write_csv(tmp_path / "roster.csv", ROWS)
    for _ in range(2):  # the backup before the second import holds Ada
        assert run(db, "import", "roster", str(roster), capsys=capsys)[0] == 0
    status, out, _ = run(db, "members", "--search", "Lovelace", capsys=capsys)
    [ada] = json.loads(out.strip().splitlines()[-1])["members"]
    person = str(ada["member_id"])

    status, out, err = run(
        db, "people", "export", person, str(tmp_path / "ada.xlsx"), capsys=capsys
    )
    assert status == 0 and err == "" and "Lovelace" not in out
    assert json.loads(out.strip().splitlines()[-1])["rows"]["Person"] == 1
    book = CalamineWorkbook.from_path(str(tmp_path / "ada.xlsx"))
    assert "Lovelace" in str(book.get_sheet_by_name("Person").to_python())

    status, out, err = run(db, "people", "erase", person, capsys=capsys, json_out=False)
    assert status == 0 and "Lovelace" not in out and f"Erased person {person}" in out
    assert "1 automatic backup still holds this person" in out and "backups" in out

    status, out, err = run(db, "people", "erase", person, capsys=capsys)
    assert status == 1 and err.count("\n") == 1 and f"no person number {person}" in err
    status, _, err = run(db, "people", "export", person, str(tmp_path / "x.xlsx"), capsys=capsys)
    assert status == 1 and not (tmp_path / "x.xlsx").exists()
    status, _, err = run(db, "members", "--search", "Lovelace", capsys=capsys)
    assert status == 0
