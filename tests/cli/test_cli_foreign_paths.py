"""A user called Zoë Müller, a folder "100% Données #1", a roster called 会員.xlsx.

Windows user names and the folders directors make are not ASCII and hold ``%``, ``#`` and
spaces: creating the database, importing, exporting and backing up work there, and the copies
hold the data (a bare ``file:`` URI once backed up an empty file named by the path up to its
``#``). Alembic's configuration reads ``%`` as interpolation: the app installed under a folder
named "100%" must still open its databases.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from roster_files import HEADER, ROWS

from member_reach.__main__ import main
from member_reach.store.paths import default_database_path

ROOT = Path(__file__).resolve().parents[2]
ODD = "100% Données #1 ?"


def _people(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM person").fetchone()[0])


def _roster(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in ROWS[3:]:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def zoe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Zoë Müller's home, with her data folder in it, and a folder of her files."""
    home = tmp_path / "Zoë Müller"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ODD / "données"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ODD / "config"))
    files = home / "Documents" / ODD
    files.mkdir(parents=True)
    return files


def test_create_import_export_and_back_up_in_odd_folders(
    zoe: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = _roster(zoe / "会員 Novembre.xlsx")
    database = default_database_path()
    assert ODD in str(database) and "Zoë" in str(database)

    assert main(["--today", "2026-11-23", "import", "roster", str(roster)]) == 0
    people = _people(database)
    assert people > 0
    automatic = list((database.parent / "backups").iterdir())
    assert len(automatic) == 1
    assert main(["--today", "2026-11-23", "import", "roster", str(roster)]) == 0
    before_second = max((database.parent / "backups").iterdir(), key=lambda p: p.name)
    assert _people(before_second) == people  # the copy holds the data, not an empty file

    assert main(["--today", "2026-11-23", "campaign", "renewal", "--from", "2026-01-01",
                 "--to", "2027-12-31", "--name", "Renouvellements été"]) == 0  # fmt: skip
    workbook = zoe / "Appels à passer #2.xlsx"
    assert main(["--today", "2026-11-23", "export", "partner", "Renouvellements été",
                 str(workbook)]) == 0  # fmt: skip
    assert workbook.stat().st_size > 0
    assert main(["--today", "2026-11-24", "import", "outcomes", str(workbook)]) == 0

    copy = zoe / "sauvegarde ü 100%.sqlite3"
    assert main(["db", "backup", str(copy)]) == 0
    assert _people(copy) == people
    capsys.readouterr()
    assert not any(p.name == "Données " for p in zoe.rglob("*"))  # no stray file cut at "#"


def test_the_app_installed_under_a_folder_named_100_percent(tmp_path: Path) -> None:
    installed = tmp_path / "100% Zoë" / "site-packages"
    shutil.copytree(
        ROOT / "member_reach",
        installed / "member_reach",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {**os.environ, "PYTHONPATH": str(installed)}
    database = tmp_path / "assoc.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "member_reach", "--db", str(database), "db", "upgrade"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Created" in done.stdout
    assert _people(database) == 0
