"""The call a caller still holds is found for them alone, without reserving anything, on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from member_reach.services.calls.held_calls import call_held_by
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign

NOW = dt.datetime(2026, 11, 24, 15, 0)


def reserved(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).where(CallTask.state == "reserved")) or 0


def test_the_call_held_by_a_caller_and_no_one_else(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        assert call_held_by(s, "Ann", NOW) is None  # nothing held: nothing reserved either
    assert reserved(campaign_db) == 0
    with campaign_db.session() as s:
        [ref] = reserve(s, find_campaign(s, "Winter renewals"), "Ann", 1, NOW)
    with campaign_db.session() as s:
        held = call_held_by(s, "  Ann ", NOW)
        assert held is not None and held.call.ref == ref and held.call.resumed
        assert held.brief.name == "Winter renewals"
        assert call_held_by(s, "Bob", NOW) is None and call_held_by(s, "", NOW) is None
        s.execute(update(Campaign).values(status="paused"))
        assert call_held_by(s, "Ann", NOW) is None  # only active campaigns' calls
    assert reserved(campaign_db) == 1
