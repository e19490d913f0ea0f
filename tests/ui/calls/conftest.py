"""The Calls page's fixtures: a renewal campaign of three callable members."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.store.database import Database

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def calls_db(callable_db: Database) -> Database:
    """The test people with phones, and a renewal campaign of three calls."""
    with callable_db.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name="Winter renewals",
            brief=Brief(
                goal_count=2,
                talking_points="Thank them for their years with us.",
                handoff_owner="Maya",
            ),
        )
    return callable_db
