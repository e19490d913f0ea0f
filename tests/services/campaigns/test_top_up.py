"""Topping up a campaign: the next best people its plan left over capacity, or those the
extended window brings; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from roster_files import ROWS, write_csv
from sqlalchemy import select

from member_reach.services.campaigns.campaign_edit import campaign_edits
from member_reach.services.campaigns.campaign_state import change_state
from member_reach.services.campaigns.campaigns import create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.campaigns.top_up import plan_top_up, top_up
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import CallTask

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 24, 15, 0)


@pytest.fixture
def small(db: Database, tmp_path) -> Database:  # type: ignore[no-untyped-def]
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    with db.session() as s:
        created, plan = create_renewal_campaign(
            s, TODAY, RenewalOptions(dt.date(2026, 11, 24), dt.date(2027, 12, 31), capacity=2),
            name="Small",
        )  # fmt: skip
        assert created.tasks == 2 and len(plan.over_capacity) >= 3
    return db


def refs_and_people(db: Database) -> list[tuple[str, int]]:
    with db.session() as s:
        return [
            (r, p)
            for r, p in s.execute(select(CallTask.ref, CallTask.person_id).order_by(CallTask.id))
        ]


def test_the_next_best_are_added_with_their_reasons(small: Database) -> None:
    with small.session() as s:
        campaign = find_campaign(s, "Small")
        preview = plan_top_up(s, campaign, TODAY, 2)
        assert len(preview.added) == 2 and all(p.reason for p in preview.added)
        assert preview.added[0].priority >= preview.added[1].priority
    assert len(refs_and_people(small)) == 2  # a preview writes nothing
    with small.session() as s:
        done = top_up(s, find_campaign(s, "Small"), TODAY, 2, who="Dana", now=NOW)
    assert [p.person_id for p in done.added] == [p.person_id for p in preview.added]
    rows = refs_and_people(small)
    assert [r for r, _ in rows] == ["C1-00001", "C1-00002", "C1-00003", "C1-00004"]
    assert len({p for _, p in rows}) == 4  # nobody twice
    with small.session() as s:
        rest = plan_top_up(s, find_campaign(s, "Small"), TODAY, 100)
        assert rest.still_left == 0 and len(rest.added) == done.still_left
        history = campaign_edits(s, find_campaign(s, "Small"))
    assert [(who, c.field, c.before, c.after) for _, who, c in history] == [
        ("Dana", "topped_up", "2", "4")
    ]


def test_what_cannot_be_topped_up(small: Database) -> None:
    with small.session() as s:
        campaign = find_campaign(s, "Small")
        with pytest.raises(ServiceError, match="Add at least one person"):
            plan_top_up(s, campaign, TODAY, 0)
        with pytest.raises(ServiceError, match="give a later end to extend it"):
            plan_top_up(s, campaign, TODAY, 1, end=dt.date(2027, 1, 1))
        top_up(s, campaign, TODAY, 1000, who="Dana", now=NOW)  # everyone left
        with pytest.raises(ServiceError, match="Nobody is left to add to Small"):
            top_up(s, campaign, TODAY, 1, who="Dana", now=NOW)
        change_state(s, campaign, "pause", who="Dana", now=NOW)
        with pytest.raises(ServiceError, match="Small is paused: its calls are not topped up"):
            plan_top_up(s, campaign, TODAY, 1)


def test_extending_the_window_brings_the_members_due_in_it(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    with db.session() as s:
        created, _ = create_renewal_campaign(
            s, TODAY, RenewalOptions(dt.date(2026, 11, 24), dt.date(2026, 12, 31)), name="Dec"
        )
    with db.session() as s:
        campaign = find_campaign(s, "Dec")
        assert plan_top_up(s, campaign, TODAY, 50).added == ()  # nobody else due in December
        wider = top_up(s, campaign, TODAY, 50, end=dt.date(2027, 12, 31), who="Dana", now=NOW)
        assert wider.added and campaign.window_end == dt.date(2027, 12, 31)
    assert len(refs_and_people(db)) == created.tasks + len(wider.added)
