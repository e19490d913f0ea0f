"""Editing a campaign's brief after Create, each change recorded with who and when; states too.
On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from member_reach.services.campaigns.campaign_edit import (
    FieldChange,
    campaign_edits,
    edit_brief,
)
from member_reach.services.campaigns.campaign_state import change_state
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database

NOW = dt.datetime(2026, 11, 24, 15, 0)
LATER = dt.datetime(2026, 11, 25, 9, 30)
NAME = "Winter renewals"


def test_the_brief_is_edited_and_each_change_kept(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        edited = edit_brief(
            s,
            find_campaign(s, NAME),
            {
                "goal_count": 40,
                "goal_revenue": Decimal("7800.00"),
                "deadline": dt.date(2026, 12, 20),
                "why_it_matters": "Dues fund the journal",
                "handoff_owner": "Maya (staff)",  # as it was: not a change
            },
            who="Dana",
            now=NOW,
        )
    assert edited.changes == (
        FieldChange("goal_count", "", "40"),
        FieldChange("goal_revenue", "", "7800.00"),
        FieldChange("deadline", "2027-12-31", "2026-12-20"),  # was the window end
        FieldChange("why_it_matters", "", "Dues fund the journal"),
    )
    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        assert (campaign.goal_count, campaign.goal_revenue, campaign.deadline) == (
            40,
            Decimal("7800.00"),
            dt.date(2026, 12, 20),
        )
        edit_brief(s, campaign, {"goal_count": 0}, who="Sam", now=LATER)  # 0: no goal
        change_state(s, campaign, "pause", who="Sam", now=LATER)
    with campaign_db.session() as s:
        history = campaign_edits(s, find_campaign(s, NAME))
    assert [(when, who, c.field, c.before, c.after) for when, who, c in history[:2]] == [
        (LATER, "Sam", "status", "active", "paused"),
        (LATER, "Sam", "goal_count", "40", ""),
    ]
    assert len(history) == 6 and {who for _, who, _ in history[2:]} == {"Dana"}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"goal_count": -1}, "A goal is a whole number of successes, 0 or more."),
        ({"goal_revenue": Decimal("-5")}, "A revenue goal is an amount, 0 or more."),
        ({"name": "New name"}, "A campaign's name cannot be edited; nothing changed."),
        ({"handoff_owner": "x" * 300}, "The hand-off owner is too long; shorten it."),
    ],
)
def test_what_a_campaign_cannot_take_changes_nothing(
    campaign_db: Database, values: dict[str, object], message: str
) -> None:
    with pytest.raises(ServiceError) as refused, campaign_db.session() as s:
        edit_brief(
            s, find_campaign(s, NAME), {"faq": "Monthly? Yes.", **values}, who="Dana", now=NOW
        )
    assert str(refused.value) == message
    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        assert campaign.faq == "" and campaign_edits(s, campaign) == []


def test_codes_edited_a_used_one_retired_an_unused_one_removed(campaign_db: Database) -> None:
    from member_reach.services.calls.call_console import console_campaign
    from member_reach.services.calls.calls import find_code, find_task, log_call
    from member_reach.services.campaigns.campaign_builder import CodeChoice
    from member_reach.services.campaigns.campaign_edit import edit_codes

    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        task = find_task(s, campaign, "M-001")
        log_call(s, campaign, task, find_code(s, campaign, "busy"), NOW, caller="Jo")
        kept = [
            CodeChoice(c.code, c.label, c.category, c.answered, c.creates_handoff, c.asks_callback)
            for c in campaign.outcome_codes
            if c.code not in ("busy", "wrong_number")
        ]
        kept[0] = CodeChoice("renewed", "Renewed and paid on the call", "success")  # renamed
        kept.append(CodeChoice("moved", "Moved away", "negative"))  # new
        edited = edit_codes(s, campaign, kept, who="Dana", now=NOW)
    assert set(edited.changes) == {
        FieldChange(
            "code renewed",
            "Renewed on the call (success, talked)",
            "Renewed and paid on the call (success, talked)",
        ),
        FieldChange("code moved", "", "Moved away (negative, talked)"),
        FieldChange("code busy", "Line busy (neutral)", "retired"),  # logged on a call
        FieldChange("code wrong_number", "Wrong number (negative)", ""),  # never used: removed
    }
    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        offered = [c.code for c in console_campaign(s, campaign).codes]
        assert "busy" not in offered and "wrong_number" not in offered
        assert offered[0] == "renewed" and offered[-1] == "moved"
        with pytest.raises(ServiceError, match="'busy' is retired on Winter renewals"):
            find_code(s, campaign, "busy")
        assert find_code(s, campaign, "busy", retired_ok=True).retired  # its call keeps it
        assert len(campaign_edits(s, campaign)) == 4
