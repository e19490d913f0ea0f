"""The campaign form's service: a preview that matches what is then created, edited outcome
codes, and requests that are incomplete. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from roster_files import ROWS, write_csv
from sqlalchemy import func, select

from member_reach.services.campaigns.campaign_builder import (
    CampaignRequest,
    CodeChoice,
    create_campaign,
    default_codes,
    preview_campaign,
)
from member_reach.services.campaigns.campaigns import Brief, find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign, Person

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def roster_db(db: Database, tmp_path: Path) -> Database:
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    return db


def test_the_preview_is_the_list_that_is_then_created(roster_db: Database) -> None:
    request = CampaignRequest(
        "renewal",
        start=dt.date(2026, 11, 24),
        end=dt.date(2027, 12, 31),
        capacity=3,
        brief=Brief(goal_count=2, why_it_matters="Dues fund the journal"),
    )
    with roster_db.session() as s:
        dnc = s.scalars(select(Person).where(Person.last_name == "Turing")).one()
        dnc.do_not_call = True
    with roster_db.session() as s:
        preview = preview_campaign(s, TODAY, request)
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0  # nothing written
    assert preview.name == "Renewals 24 Nov 2026 – 31 Dec 2027"
    assert len(preview.selected) == 3 and preview.over_capacity >= 1
    assert all(row.reason for row in preview.selected)
    assert preview.excluded["do_not_call"] == 1
    assert preview.excluded_people["do_not_call"][0][1] == "Alan Turing"
    with roster_db.session() as s:
        created = create_campaign(s, TODAY, request)
    assert created.name == preview.name and created.excluded == preview.excluded
    with roster_db.session() as s:
        campaign = find_campaign(s, preview.name)
        tasks = s.scalars(
            select(CallTask.person_id)
            .where(CallTask.campaign_id == campaign.id)
            .order_by(CallTask.priority.desc(), CallTask.id)
        ).all()
        assert list(tasks) == [row.person_id for row in preview.selected]
        assert campaign.why_it_matters == "Dues fund the journal" and campaign.goal_count == 2


def test_outcome_codes_as_the_director_edited_them(roster_db: Database) -> None:
    codes = [c for c in default_codes("prospect") if c.code != "busy"]
    codes.append(CodeChoice("sent_info", "Sent the membership pack", "positive"))
    request = CampaignRequest("prospect", name="Win-back spring", codes=tuple(codes))
    with roster_db.session() as s:
        create_campaign(s, TODAY, request)
    with roster_db.session() as s:
        kept = {c.code: c.label for c in find_campaign(s, "Win-back spring").outcome_codes}
    assert "busy" not in kept and kept["sent_info"] == "Sent the membership pack"
    assert "no_answer" in kept
    with roster_db.session() as s, pytest.raises(ServiceError, match="at least one outcome"):
        create_campaign(s, TODAY, CampaignRequest("prospect", name="Empty", codes=()))


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (CampaignRequest("renewal"), "first and last expiry day"),
        (CampaignRequest("event"), "Choose the event"),
        (CampaignRequest("event", event="Gala 2030"), "Gala 2030"),
    ],
)
def test_an_incomplete_request_says_what_is_missing(
    roster_db: Database, request_: CampaignRequest, message: str
) -> None:
    with roster_db.session() as s, pytest.raises(ServiceError, match=message):
        preview_campaign(s, TODAY, request_)
