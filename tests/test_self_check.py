"""``member-reach --self-check`` (issue 16): the installation proves itself in one command."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from member_reach.self_check import CheckFailed, SelfCheck, sample_files


def test_the_samples_are_one_small_roster_per_format() -> None:
    assert sorted(p.suffix for p in sample_files()) == [".csv", ".ods", ".xls", ".xlsx"]
    csv = next(p for p in sample_files() if p.suffix == ".csv")
    assert "Zoë".encode("cp1252") in csv.read_bytes()  # Windows' own encoding, not UTF-8
    with pytest.raises(UnicodeDecodeError):
        csv.read_bytes().decode("utf-8")


def test_self_check_runs_every_step_and_leaves_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "member_reach", "--self-check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the offscreen notices are the known ones, kept off stderr
    lines = done.stdout.splitlines()
    steps = [line for line in lines if line.startswith("ok ")]
    total = len(steps)
    assert [line.split()[1] for line in steps] == [f"{n}/{total}" for n in range(1, total + 1)]
    text = done.stdout
    for step in ("import csv roster", "import xls roster", "import ods roster", "import xlsx"):
        assert step in text
    assert "encrypted partner workbook out and back: 1 outcome applied" in text
    # The welcome page of a new database, each of its choices pressed (the demo among them).
    assert "welcome page of a new database: shown; 4 choices pressed, 3 dialogs opened" in text
    # Every page, and the dialogs found from the menus and the pages' buttons, not from a list.
    walked = re.search(
        r"every page and dialog of the window: (\d+) pages \(.*\), (\d+) dialogs", text
    )
    assert walked is not None, text
    assert int(walked[1]) == 7  # the Plan page added (issue 18)
    assert int(walked[2]) >= 18  # 22 when written: menus (11), page buttons and rows opened
    assert ("PostgreSQL: connected" in text) == bool(os.environ.get("MEMBER_REACH_TEST_PG"))
    assert lines[-1] == "member-reach self-check: everything works"
    # Its temporary folder is gone; openpyxl's private one (sheets/openpyxl_temp) stays, empty.
    left = list(tmp_path.iterdir())
    assert all(p.name.startswith("member_reach-sheets-") for p in left)
    assert all(list(p.iterdir()) == [] for p in left)
    # The demos the walk makes (File › New demo database, the welcome page's) stayed in there too:
    # the user's data folder holds the run's log, no database.
    data = Path(os.environ["XDG_DATA_HOME"])
    assert [p for p in data.rglob("*") if p.is_file() and ".sqlite3" in p.name] == []
    assert not (data / "member_reach" / "demo").exists()


def test_a_failing_step_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "self-check-roster.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    check = SelfCheck(tmp_path, io.StringIO())
    runner = dict(check.steps())
    assert "demo association" in runner
    with pytest.raises(CheckFailed, match="failed: .*self-check-roster.xlsx"):
        check._importer(broken)()
