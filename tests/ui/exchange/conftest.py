"""The Exchange tests' export: a renewal campaign of the test people, exported for a partner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from member_reach.services.campaigns.campaign_builder import CampaignRequest, create_campaign
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.store.database import Database

NOW = dt.datetime(2026, 11, 23, 15)


@pytest.fixture
def exported(callable_db: Database, tmp_path: Path) -> Path:
    """A renewal campaign of the test people, exported for a partner."""
    with callable_db.session() as s:
        request = CampaignRequest(
            "renewal", name="Winter", start=dt.date(2026, 12, 1), end=dt.date(2027, 3, 31)
        )
        create_campaign(s, dt.date(2026, 11, 23), request)
        path = tmp_path / "winter.xlsx"
        export_partner(s, find_campaign(s, "Winter"), path, NOW, assignee=None)
    return path
