"""A campaign's page shows its revenue beside the count when it has a revenue goal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QWidget
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.changes import Change
from member_reach.store.database import Database
from member_reach.store.models import CallTask
from member_reach.ui.campaigns.brief_form import BriefFields
from member_reach.ui.campaigns.campaigns_page import CampaignsPage

TODAY = dt.date(2026, 11, 23)


def campaign(database: Database, name: str, revenue: str | None) -> None:
    with database.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name=name,
            brief=Brief(goal_count=2, goal_revenue=None if revenue is None else Decimal(revenue)),
        )


def log(database: Database, code: str, amount: str) -> None:
    """Log ``code`` with ``amount`` on the best open call of "Dues drive"."""
    with database.session() as s:
        found = find_campaign(s, "Dues drive")
        task = s.scalars(
            select(CallTask)
            .where(CallTask.campaign_id == found.id, CallTask.state == "open")
            .order_by(CallTask.priority.desc())
        ).first()
        assert task is not None
        when = dt.datetime(2026, 11, 23, 15)
        code_ = find_code(s, found, code)
        log_call(s, found, task, code_, when, amount_promised=Decimal(amount))


def test_the_campaign_page_shows_revenue_beside_the_count(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database
) -> None:
    campaign(callable_db, "Dues drive", "1500")
    log(callable_db, "renewed", "1234.5")
    window = window_factory(callable_db)
    window.show_page("campaigns")
    page = window.pages["campaigns"]
    assert isinstance(page, CampaignsPage)
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.detail.progress.text().startswith("1 of 2 successes")
    assert page.detail.revenue.isVisibleTo(page)
    assert page.detail.revenue.bar.text() == "1,234.50 of 1,500.00 in dues (82%)"
    # No deadline: the window's end, 31 Mar 2027, is 129 days away, both counted.
    assert page.detail.revenue.pace.text() == "265.50 to go: 2.06 a day to make it by 3/31/27."
    log(callable_db, "promised", "80")  # someone logs a pledge: the page follows
    page._workspace.notify(Change.CALLS)
    assert page.detail.revenue.pace.text().startswith("80.00 pledged, not yet paid. 265.50 to go")


def test_no_revenue_goal_shows_the_count_alone(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database
) -> None:
    campaign(callable_db, "Dues drive", None)
    window = window_factory(callable_db)
    window.show_page("campaigns")
    page = window.pages["campaigns"]
    assert isinstance(page, CampaignsPage)
    page.open_campaign(0)
    assert page.stack.currentIndex() == 1 and not page.detail.revenue.isVisibleTo(page)


@pytest.mark.parametrize(
    ("typed", "goal"),
    [("$6,000", Decimal("6000.00")), ("6.000,50 €", Decimal("6000.50")), ("lots", None)],
)
def test_a_revenue_goal_typed_as_money(qtbot, typed: str, goal: Decimal | None) -> None:  # type: ignore[no-untyped-def]
    form = QWidget()
    qtbot.addWidget(form)
    fields = BriefFields(QFormLayout(form), dt.date(2026, 12, 31))
    fields.revenue_edit.insert(typed)  # typed or pasted (QTest cannot type "€")
    assert fields.brief().goal_revenue == goal
