"""Files written whole, encrypted before they take their name, and one line when they cannot be.

Issue 19, items 1 and 7: an encrypted export killed at any point leaves no plain workbook under
its name, and its temporary file is removed by the next write; an empty password writes
nothing; a read-only folder or a full disk is one line for every export, the rows to check, the
import's lists and ``db backup``; a huge number or a date at the calendar's ends is one line.
Each on SQLite and PostgreSQL (``campaign_db``).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from member_reach.__main__ import main
from member_reach.sheets.crypto import decrypt
from member_reach.store.database import Database
from member_reach.store.models import CallTask, ExportBatch, ImportBatch

from .test_cli import read_only_folder

CAMPAIGN = "Winter renewals"
PASSWORD = "Renew-2026!"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an encrypted workbook; a plain one is a zip ("PK")


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def cli(db: Database, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--db", _url(db), "--today", "2026-11-23", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line(status: int, err: str, *words: str) -> None:
    assert status == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


# --- item 1: an encrypted export killed at any point --------------------------------------

_CHILD = textwrap.dedent(
    """
    import io, sys, time
    from member_reach.sheets import saving

    def hold() -> None:
        print("HOLDING", flush=True)
        time.sleep(120)

    if sys.argv[1] == "rename":  # the encrypted file is whole, not yet renamed
        saving.os.replace = lambda *args: hold()
    else:  # half of the encrypted file is written
        real = saving.encrypt_into
        def half(plain, password, out):
            whole = io.BytesIO()
            real(plain, password, whole)
            out.write(whole.getvalue()[: len(whole.getvalue()) // 2])
            out.flush()
            hold()
        saving.encrypt_into = half
    from member_reach.__main__ import main
    sys.exit(main(sys.argv[2:]))
    """
)


def _wait_for_hold(child: subprocess.Popen[str]) -> None:
    assert child.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=90):
            pytest.fail("the export never reached the point where it is killed")
    line = child.stdout.readline()
    assert line.strip() == "HOLDING", (line, child.stderr.read() if child.stderr else "")


@pytest.mark.parametrize("point", ["encrypting", "rename"])
def test_an_encrypted_export_killed_leaves_no_plain_workbook_and_is_cleaned_next_time(
    campaign_db: Database, tmp_path: Path, point: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "winter.xlsx"
    argv = ["--db", _url(campaign_db), "--today", "2026-11-23", "export", "partner"]
    child = subprocess.Popen(  # a real process, killed with SIGKILL while it writes
        [sys.executable, "-c", _CHILD, point, *argv, CAMPAIGN, str(target), "--password", PASSWORD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_hold(child)
        [partial] = list(folder.iterdir())
        assert partial.name.startswith(f".winter.xlsx.partial-{child.pid}-")
        assert partial.read_bytes()[:4] == OLE_MAGIC  # encrypted from its first byte
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert not target.exists()  # never the plain workbook under its name
    assert [p.name for p in folder.iterdir()] == [partial.name]
    minutes_later = time.time() - 5 * 60  # the next export, some minutes later
    os.utime(partial, (minutes_later, minutes_later))

    status, _, err = cli(
        campaign_db, "export", "partner", CAMPAIGN, str(target), "--password", PASSWORD,
        capsys=capsys,
    )  # fmt: skip
    assert status == 0, err
    assert [p.name for p in folder.iterdir()] == ["winter.xlsx"]  # the killed run's file is gone
    assert target.read_bytes()[:4] == OLE_MAGIC
    load_workbook(decrypt(target, PASSWORD)).close()


@pytest.mark.parametrize("password", ["", "   "])
@pytest.mark.parametrize("given", [(), ("--to", "Acme Calls")], ids=["every call", "--to"])
def test_an_empty_password_writes_nothing(
    campaign_db: Database,
    tmp_path: Path,
    password: str,
    given: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    status, _, err = cli(
        campaign_db, "export", "partner", CAMPAIGN, str(folder / "winter.xlsx"),
        "--password", password, *given, capsys=capsys,
    )  # fmt: skip
    assert_one_line(status, err, "empty password")
    assert list(folder.iterdir()) == []
    status, out, _ = cli(campaign_db, "--json", "campaign", "show", CAMPAIGN, capsys=capsys)
    shown = json.loads(out.strip().splitlines()[-1])
    assert not any(t["with_partner"] for t in shown["tasks"])  # nothing was given either


# --- item 7: a destination that refuses the file ------------------------------------------


def _writes(db: Database, folder: Path, roster: Path) -> dict[str, list[str]]:
    """Every command that writes a file for a person, each into ``folder``."""
    return {
        "partner": ["export", "partner", CAMPAIGN, str(folder / "p.xlsx")],
        "partner encrypted": [
            "export", "partner", CAMPAIGN, str(folder / "p.xlsx"), "--password", PASSWORD,
        ],
        "partner --to": ["export", "partner", CAMPAIGN, str(folder / "p.xlsx"), "--to", "Acme"],
        "calls": ["export", "calls", CAMPAIGN, str(folder / "c.csv")],
        "results": ["export", "results", CAMPAIGN, str(folder / "r.xlsx")],
        "rejects": ["import", "roster", str(roster), "--rejects", str(folder / "rows.xlsx")],
        "lists": ["import", "roster", str(roster), "--save-lists", str(folder)],
        "backup": ["db", "backup", str(folder / "backup.sqlite3")],
    }  # fmt: skip


@contextlib.contextmanager
def small_folder(path: Path, size: str) -> Iterator[Path]:
    """A folder on a file system of ``size`` (a tmpfs; skipped where none can be mounted)."""
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


@contextlib.contextmanager
def full_folder(path: Path) -> Iterator[Path]:
    """A folder on a tiny file system already full."""
    with small_folder(path, "64k"):
        with contextlib.suppress(OSError), (path / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
                os.fsync(filler.fileno())
        yield path


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    from roster_files import ROWS, write_csv

    return write_csv(tmp_path / "roster again.csv", ROWS)  # rows to check, duplicates merged


def _each_write_is_one_line(
    db: Database, folder: Path, roster: Path, capsys: pytest.CaptureFixture[str], why: str
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    for name, args in _writes(db, folder, roster).items():
        status, out, err = cli(db, *args, capsys=capsys)
        assert status == 1, (name, out, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (name, err)
        assert why in err, (name, err)
        assert sorted(p.name for p in folder.iterdir()) == before, name  # no temporary left
    with db.session() as s:  # nothing recorded, given or imported
        assert s.scalar(select(func.count(ExportBatch.id))) == 0
        assert s.scalar(select(func.count(ImportBatch.id))) == 1  # the campaign's roster
        assert s.scalar(select(func.count(CallTask.id)).where(CallTask.assignee != "")) == 0


def test_a_read_only_folder_is_one_line_for_every_file(
    campaign_db: Database, tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only_folder(tmp_path / "locked") as folder:
        _each_write_is_one_line(campaign_db, folder, roster, capsys, "read-only")


def test_a_full_disk_is_one_line_for_every_file(
    campaign_db: Database, tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with full_folder(tmp_path / "full") as folder:
        _each_write_is_one_line(campaign_db, folder, roster, capsys, "full")


def test_a_full_disk_under_the_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import that fills the SQLite database's disk: one line, the database as it was."""
    from roster_files import many_rows, write_csv

    from member_reach.store.database import open_database

    roster = write_csv(tmp_path / "big.csv", many_rows(20_000))
    with small_folder(tmp_path / "small", "1m") as folder:
        open_database(folder / "m.sqlite3").close()
        before = (folder / "m.sqlite3").read_bytes()
        status = main(["--db", str(folder / "m.sqlite3"), "import", "roster", str(roster)])
        err = capsys.readouterr().err
        assert_one_line(status, err)
        # The disk fills while the backup is taken (then no backup is left half-written), or,
        # with room for the backup, while the import writes.
        assert "The database's disk is full" in err or (
            "Cannot write the backup" in err and "disk is full" in err
        ), err
        assert all(not p.name.startswith(".") for p in (folder / "backups").iterdir())
        assert (folder / "m.sqlite3").read_bytes() == before


# --- item 7: numbers and dates no record or calendar holds ----------------------------------

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("import", "undo", HUGE), ("no roster, attendee or outcomes import number",)),
        (("import", "undo", "2147483648"), ("no roster, attendee or outcomes import number",)),
        (("campaign", "show", HUGE), ("There is no campaign",)),
        (("campaign", "show", "2147483648"), ("There is no campaign",)),
        (("campaign", "show", "²"), ("There is no campaign",)),
        (("calls", "log", CAMPAIGN, HUGE, "renewed"), ("is not on campaign",)),
        (("calls", "log", CAMPAIGN, "2147483648", "renewed"), ("is not on campaign",)),
        (("handoffs", "close", "2147483648", "joined"), ("There is no hand-off number",)),
        (("export", "calls", HUGE, "out.csv"), ("There is no campaign",)),
    ],
)
def test_a_huge_number_is_one_line(
    campaign_db: Database,
    args: tuple[str, ...],
    words: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = cli(campaign_db, *args, capsys=capsys)
    assert_one_line(status, err, *words)


def test_a_huge_number_searched_finds_nobody(
    campaign_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(campaign_db, "--json", "members", "--search", HUGE, capsys=capsys)
    assert status == 0, err
    assert json.loads(out.strip().splitlines()[-1])["members"] == []


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize(
    "args",
    [
        ("--today", "{day}", "calls", "due"),
        ("--today", "{day}", "members"),
        ("--today", "{day}", "report", CAMPAIGN),
        ("--today", "{day}", "export", "partner", CAMPAIGN, "out.xlsx"),
        ("campaign", "renewal", "--from", "2026-12-01", "--to", "{day}"),
        ("campaign", "renewal", "--from", "{day}", "--to", "2026-12-31"),
        ("calls", "log", CAMPAIGN, "1", "renewed", "--callback", "{day}T10:00"),
    ],
)
def test_a_date_at_the_calendars_ends_is_refused_without_a_traceback(
    campaign_db: Database,
    tmp_path: Path,
    day: str,
    args: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [a.format(day=day) for a in args]
    with pytest.raises(SystemExit) as caught:
        main(["--db", _url(campaign_db), *argv])
    err = capsys.readouterr().err
    assert caught.value.code == 2  # wrong usage, as any date that is not one
    assert "Traceback" not in err
    [message] = [line for line in err.splitlines() if "error:" in line]
    assert f"'{day}" in message and "2999-12-31" in message
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_today_at_the_calendars_end_in_the_environment_is_one_line(
    campaign_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEMBER_REACH_TODAY", "9999-12-31")
    status = main(["--db", _url(campaign_db), "calls", "due"])
    assert_one_line(status, capsys.readouterr().err, "MEMBER_REACH_TODAY='9999-12-31'")


# --- the last resort -------------------------------------------------------------------------


def test_an_unforeseen_error_is_one_line_without_its_text(
    campaign_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from member_reach.cli import campaigns

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("Ada Lovelace, +1 646 555 0100")  # a member's row in an error's text

    monkeypatch.setattr(campaigns, "find_campaign", broken)
    status, _, err = cli(campaign_db, "campaign", "show", CAMPAIGN, capsys=capsys)
    assert_one_line(status, err, "campaign show stopped on an unexpected error (KeyError)")
    assert "Ada" not in err and "555" not in err
    monkeypatch.setenv("MEMBER_REACH_DEBUG", "1")
    with pytest.raises(KeyError):
        cli(campaign_db, "campaign", "show", CAMPAIGN, capsys=capsys)
