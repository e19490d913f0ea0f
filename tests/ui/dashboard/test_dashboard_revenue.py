"""Revenue beside the count on the dashboard's campaign cards (and the Calls page's goal, the
same widget): a second bar, what is pledged and the pace still needed, for a campaign with a
revenue goal; nothing more for one without."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign
from member_reach.ui.dashboard.dashboard_page import DashboardPage

TODAY = dt.date(2026, 11, 23)


def renewals(database: Database, revenue: str | None) -> None:
    """A renewal campaign of the test people due from December to March, with calls logged:
    195.00 paid on one, 97.50 pledged on another."""
    with database.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name="Winter renewals",
            brief=Brief(
                goal_count=2,
                goal_revenue=None if revenue is None else Decimal(revenue),
                deadline=dt.date(2026, 12, 31),
            ),
        )
    with database.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        first, second = s.query(CallTask).order_by(CallTask.priority.desc()).limit(2).all()
        when = dt.datetime(2026, 11, 20, 15)
        for task, code, amount in ((first, "renewed", "195"), (second, "promised", "97.50")):
            log_call(
                s,
                campaign,
                task,
                find_code(s, campaign, code),
                when,
                amount_promised=Decimal(amount),
            )


def card_of(window_factory, database: Database):  # type: ignore[no-untyped-def]
    window = window_factory(database)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    [card] = [c for c in page.progress.cards if c.isVisibleTo(page.progress)]
    return card


def test_revenue_fills_up_beside_the_count(window_factory, callable_db: Database) -> None:  # type: ignore[no-untyped-def]
    renewals(callable_db, "600")
    card = card_of(window_factory, callable_db)
    assert card.bar.format() == "1 of 2"  # the count, as it was
    revenue = card.goal.revenue
    assert revenue.isVisibleTo(card)
    assert revenue.bar.text() == "195.00 of 600.00 in dues (32%)"
    assert revenue.bar.value() == 325  # per mille
    # 405.00 to go in the 39 days from 23 November to 31 December.
    assert revenue.pace.text() == (
        "97.50 pledged, not yet paid. 405.00 to go: 10.38 a day to make it by 12/31/26."
    )


def test_a_revenue_goal_reached_and_thousands(window_factory, callable_db: Database) -> None:  # type: ignore[no-untyped-def]
    renewals(callable_db, "150")
    card = card_of(window_factory, callable_db)
    assert card.goal.revenue.bar.text() == "195.00 of 150.00 in dues (130%)"
    assert card.goal.revenue.bar.value() == 1000
    assert card.goal.revenue.pace.text() == "97.50 pledged, not yet paid. Revenue goal reached."
    with callable_db.session() as s:
        s.query(Campaign).one().goal_revenue = Decimal("12345.6")
    card = card_of(window_factory, callable_db)
    assert card.goal.revenue.bar.text() == "195.00 of 12,345.60 in dues (2%)"


def test_no_revenue_goal_no_revenue_bar(window_factory, callable_db: Database) -> None:  # type: ignore[no-untyped-def]
    renewals(callable_db, None)
    card = card_of(window_factory, callable_db)
    assert card.bar.format() == "1 of 2"
    assert not card.goal.revenue.isVisibleTo(card)
