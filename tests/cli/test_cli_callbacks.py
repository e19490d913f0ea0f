"""`calls log --callback`: a time without an offset is the member's local time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cli.test_cli_hints import TODAY, message_and_hint, refusal, write_csv
from member_reach.__main__ import main
from member_reach.store.database import open_database
from member_reach.store.models import CallTask, ExternalId


@pytest.fixture
def assoc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A New York member and one with a toll-free number (no one zone) on a campaign."""
    db = tmp_path / "assoc.sqlite3"
    roster = write_csv(
        tmp_path / "roster.csv",
        ["Member ID", "First Name", "Last Name", "Phone", "Paid Thru"],
        [
            ["M-1", "Ada", "Lovelace", "(646) 555-0101", "2026-12-31"],
            ["M-2", "Alan", "Turing", "(800) 555-0102", "2026-12-15"],
        ],
    )
    for argv in (
        ["import", "roster", str(roster)],
        ["campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31", "--name", "Dec"],
    ):
        assert main(["--db", str(db), "--today", TODAY, *argv]) == 0, capsys.readouterr().err
    return db


def callback_of(db: Path, member: str) -> dt.datetime | None:
    database = open_database(db)
    try:
        with database.session() as s:
            return s.scalar(
                select(CallTask.next_callback)
                .join(ExternalId, ExternalId.person_id == CallTask.person_id)
                .where(ExternalId.value == member)
            )
    finally:
        database.close()


def log(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    status = main(["--db", str(db), "--today", TODAY, "calls", "log", "Dec", *argv])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def test_a_callback_without_offset_is_the_members_time(
    assoc: Path, capsys: pytest.CaptureFixture[str], in_london: None
) -> None:
    out = log(assoc, capsys, "M-1", "callback", "--callback", "2026-12-24T14:00")
    assert callback_of(assoc, "M-1") == dt.datetime(2026, 12, 24, 19, 0)  # 14:00 in New York
    assert "2026-12-24 14:00 their time (America/New_York), 2026-12-24 19:00 your time" in out


def test_a_callback_with_an_offset_is_that_moment(
    assoc: Path, capsys: pytest.CaptureFixture[str], in_london: None
) -> None:
    log(assoc, capsys, "M-1", "callback", "--callback", "2026-12-24T14:00+01:00")
    assert callback_of(assoc, "M-1") == dt.datetime(2026, 12, 24, 13, 0)


def test_a_member_whose_zone_is_unknown_gets_the_callers_time_and_is_told(
    assoc: Path, capsys: pytest.CaptureFixture[str], in_london: None
) -> None:
    out = log(assoc, capsys, "M-2", "callback", "--callback", "2026-12-24T14:00")
    assert callback_of(assoc, "M-2") == dt.datetime(2026, 12, 24, 14, 0)  # London = UTC now
    assert "cannot be told" in out and "read as yours" in out


def test_the_callback_code_without_a_time_is_refused_with_the_option(
    assoc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(capsys, assoc, "calls", "log", "Dec", "M-1", "callback")
    message = message_and_hint(line, "--callback YYYY-MM-DDTHH:MM, their local time")
    assert message.startswith("“Asked to be called back” needs the time to call back (call ")
    assert callback_of(assoc, "M-1") is None


def test_a_callback_already_past_is_refused(
    assoc: Path, capsys: pytest.CaptureFixture[str], in_london: None
) -> None:
    argv = ("calls", "log", "Dec", "M-1", "callback", "--callback", "2026-11-22T14:00")
    line = refusal(capsys, assoc, *argv)
    assert line == (
        "The callback time has already passed (2026-11-22 14:00 their time (America/New_York), "
        "2026-11-22 19:00 your time): give a later one; nothing was logged."
    )
    assert callback_of(assoc, "M-1") is None
