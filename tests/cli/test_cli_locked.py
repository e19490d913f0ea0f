"""Files open in Excel, and files we may not read: one line on stderr, exit 1, nothing changed.

The Windows lock is simulated at the system's edge (``locked_files``); the refused read is a real
one: a file of mode 000, read by a process without root's power to override it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from locked_files import IN_USE, lock
from roster_files import ROWS, write_csv

from member_reach.__main__ import main
from member_reach.domain.file_access import READ_REFUSED

ROOT = Path(__file__).resolve().parents[2]


def _one_line(err: str) -> str:
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err.strip()


def test_a_roster_open_in_excel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write_csv(tmp_path / "Roster.csv", ROWS)
    database = tmp_path / "assoc.sqlite3"
    lock(monkeypatch, roster)
    status = main(["--db", str(database), "import", "roster", str(roster)])
    err = _one_line(capsys.readouterr().err)
    assert status == 1
    assert err == f"member-reach: Roster.csv: {IN_USE}"
    assert not database.exists()  # the database it named was not left behind


def _without_override() -> list[str]:
    """A prefix that runs a command unable to read files its mode forbids, root or not."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 file would be read anyway")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}"]


def test_a_roster_we_may_not_read_says_both_causes(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "Roster.csv", ROWS)
    roster.chmod(0)
    database = tmp_path / "assoc.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "member_reach", "--db", str(database)]
    done = subprocess.run(
        [*_without_override(), *command, "import", "roster", str(roster)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    roster.chmod(0o644)
    assert done.returncode == 1, done.stderr
    assert _one_line(done.stderr) == f"member-reach: Roster.csv: {READ_REFUSED}"
