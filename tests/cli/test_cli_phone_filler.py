"""On the command line too, "n/a" in a roster's phone column is no phone and no problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from roster_files import PHONE_FILLER as FILLER
from roster_files import filler_roster

from .test_cli_import import run_json


def test_import_roster_leaves_filler_phones_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "assoc.sqlite3")
    roster = filler_roster(tmp_path / "roster.csv")
    imported = run_json(capsys, "--db", db, "import", "roster", str(roster))
    assert (imported["inserted"], imported["rejected"], imported["flagged"]) == (
        len(FILLER) + 1,
        0,
        0,
    )
    listed = run_json(capsys, "--db", db, "members")
    phones = {m["external_id"]: m["phone"] for m in listed["members"]}
    assert phones.pop("M-99") == "+16465550101"
    assert set(phones.values()) == {""}
