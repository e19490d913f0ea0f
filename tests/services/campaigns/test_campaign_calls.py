"""A campaign's calls with what was logged on each (last outcome, attempts, callback, with
whom), and the names calls can be assigned to; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.calls.task_assignment import assign, reserve
from member_reach.services.campaigns.campaign_calls import CallRow, campaign_calls, known_names
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.store.database import Database
from member_reach.store.models import CallTask

NOW = dt.datetime(2026, 11, 24, 15, 0)  # 10:00 in New York
NAME = "Winter renewals"


def log(
    db: Database, ref: str, code: str, caller: str, callback: dt.datetime | None = None
) -> None:
    with db.session() as s:
        campaign = find_campaign(s, NAME)
        task = s.scalars(select(CallTask).where(CallTask.ref == ref)).one()
        log_call(
            s,
            campaign,
            task,
            find_code(s, campaign, code),
            NOW,
            caller=caller,
            callback_at=callback,
        )


def rows(db: Database) -> dict[str, CallRow]:
    with db.session() as s:
        return {row.task.ref: row for row in campaign_calls(s, find_campaign(s, NAME), NOW)}


def test_each_call_shows_its_last_outcome_attempts_callback_and_with_whom(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:
        calls = campaign_calls(s, find_campaign(s, NAME), NOW)
    first, second, third = (row.task.ref for row in calls[:3])
    assert [row.task.priority for row in calls] == sorted(
        (row.task.priority for row in calls), reverse=True
    )
    assert all(
        row.attempts == 0 and row.last_outcome == "" and row.with_whom == "" for row in calls
    )
    log(campaign_db, first, "no_answer", "Sam")
    callback = dt.datetime(2026, 11, 26, 19, 0)
    log(campaign_db, first, "callback", "Jo", callback)
    log(campaign_db, second, "renewed", "Sam")
    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        reserve(s, campaign, "Kim", 1, NOW)  # the best open call: the first
        export_to_partner(s, campaign, tmp_path / "acme.xlsx", NOW, "Acme Calls", count=1)
    shown = rows(campaign_db)
    one, two, three = shown[first], shown[second], shown[third]
    assert (one.last_outcome, one.last_category, one.attempts) == (
        "Asked to be called back",
        "neutral",
        2,
    )
    assert one.callback_at == callback and one.last_caller == "Jo"
    assert one.with_whom == "Kim"  # reserved: who holds it
    assert (two.last_outcome, two.attempts, two.task.state) == ("Renewed on the call", 1, "done")
    assert two.with_whom == "Sam" and two.callback_at is None
    assert three.partner == "Acme Calls" and three.with_whom == "Acme Calls"
    assert three.attempts == 0 and three.last_outcome == ""


def test_the_known_names_are_callers_and_partners(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        assert known_names(s).callers == () and known_names(s).partners == ()
        campaign = find_campaign(s, NAME)
        refs = [t.task.ref for t in campaign_calls(s, campaign, NOW)]
        export_to_partner(s, campaign, tmp_path / "acme.xlsx", NOW, "Acme Calls", count=1)
        assign(s, campaign, "dana", 1)
    log(campaign_db, refs[-1], "no_answer", "Sam")
    log(campaign_db, refs[-2], "no_answer", " ")  # no name given: not a name
    with campaign_db.session() as s:
        names = known_names(s)
    assert names.partners == ("Acme Calls",)
    assert names.callers == ("dana", "Sam")  # the partner is not a caller too
