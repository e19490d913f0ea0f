"""A roster that flags someone do-not-call closes their calls still to make; undoing the import
gives them back as they were. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from roster_files import HEADER, ROWS, write_csv
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Person

NOW = dt.datetime(2026, 11, 24, 15, 0)


def flag_ada(db: Database, tmp_path: Path) -> int:
    """Import the roster again, Ada now marked "do not call"; return the batch."""
    rows = [[*r, "yes" if r[0] == "M-001" else ""] for r in ROWS]
    path = write_csv(tmp_path / "next.csv", rows, [*HEADER, "Do not call"])
    report = run_roster_import(db, path, dt.date(2026, 11, 24))
    assert report.batch_id is not None
    return report.batch_id


def ada_calls(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as s:
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        return [
            (t.state, t.reserved_by, t.assignee)
            for t in s.scalars(select(CallTask).where(CallTask.person_id == ada))
        ]


def test_a_roster_do_not_call_closes_the_calls_and_undo_gives_them_back(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:  # Jo holds the call to Ada
        campaign = find_campaign(s, "Winter renewals")
        reserve(s, campaign, "Jo", 1, NOW)
    assert ada_calls(campaign_db) == [("reserved", "Jo", "")]
    batch = flag_ada(campaign_db, tmp_path)
    assert ada_calls(campaign_db) == [("closed", "", "")]
    with campaign_db.session() as s:
        undo_import(s, batch)
    assert ada_calls(campaign_db) == [("reserved", "Jo", "")]
    with campaign_db.session() as s:
        assert not s.scalars(select(Person.do_not_call).where(Person.last_name == "Lovelace")).one()


def test_undo_is_refused_once_the_closed_call_was_logged_again(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:  # a call logged before the import does not count
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, "M-001")
        log_call(s, campaign, task, find_code(s, campaign, "voicemail"), NOW)
    batch = flag_ada(campaign_db, tmp_path)
    with campaign_db.session() as s:
        undo_import(s, batch)  # nothing logged since: it is undone
    batch = flag_ada(campaign_db, tmp_path)
    with campaign_db.session() as s:  # someone reopens and logs it after the import
        task = find_task(s, find_campaign(s, "Winter renewals"), "M-001")
        task.state = "open"
        s.flush()
        log_call(
            s, find_campaign(s, "Winter renewals"), task, find_code(s, task.campaign, "busy"), NOW
        )
    with campaign_db.session() as s, pytest.raises(ServiceError, match="calls were logged"):
        undo_import(s, batch)


def test_an_earlier_outcomes_import_waits_for_the_roster_that_closed_its_calls(
    campaign_db: Database, tmp_path: Path
) -> None:
    """Undo in the reverse order of the imports that touched the same call."""
    from openpyxl import load_workbook

    from member_reach.services.exchange.exchange_export import export_partner
    from member_reach.services.exchange.exchange_import import run_outcomes_import

    exported = tmp_path / "winter.xlsx"
    with campaign_db.session() as s:
        export_partner(s, find_campaign(s, "Winter renewals"), exported, NOW)
    book = load_workbook(exported)
    calls = book["Calls"]
    headings = [c.value for c in calls[1]]
    for row in calls.iter_rows(min_row=2):
        if row[headings.index("Name")].value == "Ada Lovelace":
            row[headings.index("Outcome")].value = "voicemail"
    book.save(tmp_path / "worked.xlsx")
    outcomes = run_outcomes_import(campaign_db, tmp_path / "worked.xlsx", NOW)
    assert outcomes.count("applied") == 1
    roster = flag_ada(campaign_db, tmp_path)
    assert ada_calls(campaign_db) == [("closed", "", "")]
    with campaign_db.session() as s, pytest.raises(ServiceError, match=f"undo import {roster}"):
        undo_import(s, outcomes.batch_id)
    with campaign_db.session() as s:
        undo_import(s, roster)
        undo_import(s, outcomes.batch_id)
    with campaign_db.session() as s:
        ada = s.scalars(
            select(CallTask).where(CallTask.ref.in_(s.scalars(select(CallTask.ref))))
        ).all()
        task = find_task(s, find_campaign(s, "Winter renewals"), "M-001")
        assert (task.state, task.attempts) == ("open", 0)
        assert ada
