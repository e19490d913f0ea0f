"""Hostile values on the command line (issue 19, items 4 and 9): a text longer than the field it
is written to is refused in one line, alike on SQLite and PostgreSQL, with nothing changed and no
value printed; ``--db`` naming a file that is not there says the database was created."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from member_reach.__main__ import main
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, Campaign

TODAY = "2026-11-23"


def target(db: Database) -> str:
    if db.is_sqlite:
        return str(db.url.database)
    return db.url.render_as_string(hide_password=False)


def run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--db", target(db), "--today", TODAY, *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def refused(status: int, out: str, err: str, *fragments: str) -> str:
    assert "Traceback" not in out + err
    assert status == 1, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def table_counts(db: Database) -> dict[str, Any]:
    with db.session() as s:
        return {
            "campaigns": s.scalar(select(func.count()).select_from(Campaign)),
            "logs": s.scalar(select(func.count()).select_from(CallLog)),
            "reserved": s.scalar(
                select(func.count()).select_from(CallTask).where(CallTask.reserved_by != "")
            ),
        }


def first_ref(db: Database, capsys: pytest.CaptureFixture[str]) -> str:
    status, out, _ = run(db, capsys, "--json", "campaign", "show", "Winter renewals")
    assert status == 0
    return str(json.loads(out.strip().splitlines()[-1])["tasks"][0]["ref"])


def test_a_300_character_campaign_name_is_one_line(
    campaign_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    before = table_counts(campaign_db)
    name = "Winter " + "w" * 293
    status, out, err = run(campaign_db, capsys, "campaign", "prospects", "--name", name)
    line = refused(status, out, err, "300 characters", "200")
    assert "www" not in line  # never the value
    assert table_counts(campaign_db) == before


def test_a_200_character_caller_is_one_line(
    campaign_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = first_ref(campaign_db, capsys)
    before = table_counts(campaign_db)
    caller = "c" * 200
    status, out, err = run(
        campaign_db, capsys, "calls", "log", "Winter renewals", ref, "no_answer", "--caller", caller
    )
    line = refused(status, out, err, "200 characters", "120")
    assert "ccc" not in line
    status, out, err = run(campaign_db, capsys, "calls", "reserve", "Winter renewals", caller)
    refused(status, out, err, "200 characters", "120")
    assert table_counts(campaign_db) == before


def test_a_database_file_not_there_is_created_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("First Name,Last Name,Email\nAda,Lovelace,ada@example.org\n")
    typo = tmp_path / "typo.sqlite3"
    capsys.readouterr()
    assert main(["--db", str(typo), "--today", TODAY, "import", "roster", str(roster)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"member-reach: created a new, empty database {typo}"]
    # The second time it is there: nothing said about creating it.
    assert main(["--db", str(typo), "--today", TODAY, "import", "roster", str(roster)]) == 0
    captured = capsys.readouterr()
    assert "created" not in (captured.out + captured.err).lower()


def test_a_refused_import_into_a_database_not_there_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Notes\n\n")
    typo = tmp_path / "typo.sqlite3"
    capsys.readouterr()
    assert main(["--db", str(typo), "--today", TODAY, "import", "roster", str(roster)]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert not typo.exists()
