"""Pause, resume, close and reopen a campaign: only an active one gives calls or is exported;
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from member_reach.services.calls.call_console import (
    ConsoleCall,
    active_campaigns,
    log_console_call,
    next_call,
)
from member_reach.services.campaigns.campaign_state import change_state
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.dialer_export import export_calls_csv
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.store.database import Database
from member_reach.store.models import CallLog

NOW = dt.datetime(2026, 11, 24, 15, 0)  # 10:00 in New York
NAME = "Winter renewals"


def act(db: Database, action: str) -> tuple[str, str]:
    with db.session() as s:
        changed = change_state(s, find_campaign(s, NAME), action, who="Dana", now=NOW)
    return changed.before, changed.after


def test_the_states_follow_one_another(campaign_db: Database) -> None:
    assert act(campaign_db, "pause") == ("active", "paused")
    with pytest.raises(ServiceError, match="already paused; nothing changed"):
        act(campaign_db, "pause")
    assert act(campaign_db, "resume") == ("paused", "active")
    assert act(campaign_db, "close") == ("active", "closed")
    with pytest.raises(ServiceError, match="is closed, so it cannot be resumed: reopen it first"):
        act(campaign_db, "resume")
    assert act(campaign_db, "reopen") == ("closed", "active")
    with pytest.raises(ServiceError, match="not something a campaign does"):
        act(campaign_db, "archive")


def test_a_paused_campaign_gives_no_call_but_a_held_one_can_be_logged(
    campaign_db: Database,
) -> None:
    with campaign_db.session() as s:
        held = next_call(s, find_campaign(s, NAME), "Maya", NOW)
    assert isinstance(held, ConsoleCall)
    act(campaign_db, "pause")
    with campaign_db.session() as s:
        campaign = find_campaign(s, NAME)
        assert active_campaigns(s) == []
        with pytest.raises(ServiceError, match="paused: its calls are not given to callers"):
            next_call(s, campaign, "Jo", NOW)
        log_console_call(s, campaign, held.task_id, "renewed", NOW, caller="Maya")  # was made
    with campaign_db.session() as s:
        assert len(s.scalars(select(CallLog)).all()) == 1
    act(campaign_db, "resume")
    with campaign_db.session() as s:
        assert isinstance(next_call(s, find_campaign(s, NAME), "Jo", NOW), ConsoleCall)


def refused_exports(db: Database, folder: Path) -> list[str]:
    """Try each export of the campaign; the one-line refusals."""
    refusals = []
    with db.session() as s:
        campaign = find_campaign(s, NAME)
        for export in (
            lambda: export_partner(s, campaign, folder / "p.xlsx", NOW),
            lambda: export_calls_csv(s, campaign, folder / "d.csv", NOW),
            lambda: export_to_partner(s, campaign, folder / "t.xlsx", NOW, "Acme", password="pw"),
        ):
            with pytest.raises(ServiceError) as refused:
                export()
            refusals.append(str(refused.value))
    return refusals


def test_a_paused_or_closed_campaign_is_not_exported(campaign_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    for action, word, back in (("pause", "paused", "resume"), ("close", "closed", "reopen")):
        act(campaign_db, action)
        expected = (
            f"{NAME} is {word}: its calls are not exported until you {back} it on the "
            "Campaigns page."
        )
        assert refused_exports(campaign_db, out) == [expected] * 3
        assert list(out.iterdir()) == []  # nothing written
        act(campaign_db, back)
