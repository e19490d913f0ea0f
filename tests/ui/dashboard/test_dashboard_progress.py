"""The dashboard's campaigns and retention: a goal filling up as calls are logged, and retention
by month, read from a real database."""

from __future__ import annotations

import datetime as dt

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.changes import Change
from member_reach.store.database import Database
from member_reach.store.models import CallTask
from member_reach.ui.dashboard.dashboard_page import DashboardPage

TODAY = dt.date(2026, 11, 23)


def dashboard(window_factory, database: Database) -> DashboardPage:  # type: ignore[no-untyped-def]
    window = window_factory(database)
    window.show()  # the campaigns' figures are read when the dashboard is seen
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    return page


def winter(database: Database, name: str, goal: int, deadline: dt.date) -> None:
    """A renewal campaign of the test people due from December to March."""
    with database.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name=name,
            brief=Brief(goal_count=goal, deadline=deadline),
        )


def test_without_a_campaign_it_says_where_to_build_one(window_factory, people_db) -> None:  # type: ignore[no-untyped-def]
    section = dashboard(window_factory, people_db).progress
    assert section.progress is not None and section.progress.campaigns == []
    assert section.no_campaign.isVisibleTo(section)
    assert "Campaigns page" in section.no_campaign.text()
    table = section.retention.table  # a row a month: its five columns fit any width
    assert table.rowCount() == 12 and table.columnCount() == 5
    assert table.verticalHeaderItem(0).text() == "Oct 2026"  # the latest whole month first
    assert table.horizontalHeaderItem(3).text() == "Retention"
    assert table.item(0, 3).text().endswith("%") or table.item(0, 3).text() == "–"
    assert len(section.retention.chart.labels) == 12


def test_a_goal_fills_up_as_calls_are_logged(window_factory, callable_db: Database) -> None:  # type: ignore[no-untyped-def]
    winter(callable_db, "Winter renewals", 2, dt.date(2026, 12, 31))
    with callable_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        first, second = s.query(CallTask).order_by(CallTask.priority.desc()).limit(2).all()
        when = dt.datetime(2026, 11, 20, 15)
        log_call(s, campaign, first, find_code(s, campaign, "renewed"), when, caller="Sam")
        log_call(s, campaign, second, find_code(s, campaign, "voicemail"), when, caller="Sam")
    page = dashboard(window_factory, callable_db)
    section = page.progress
    assert not section.no_campaign.isVisibleTo(section)
    [card] = [c for c in section.cards if c.isVisibleTo(section)]
    assert card.title.text() == "Winter renewals"
    assert card.bar.format() == "1 of 2" and card.bar.value() == 1 and card.bar.maximum() == 2
    # 1 to go in the 39 days from 23 November to 31 December.
    assert card.pace.text() == "1 to go: one every 39 days to make it by 12/31/26."
    assert card.calls.text() == (
        "Calls: 2 · conversations: 1 · conversations per success: 1 · still to call: 2"
    )
    assert card.outcomes.text() == "Outcomes: 1 success, 1 neutral"
    successes = card.chart.series[2]
    assert successes.values[card.chart.marked] == 1 and card.chart.goal == 2
    assert card.chart.deadline == dt.date(2026, 12, 31)
    assert "1 so far, 1 by calls and 0 by roster renewals" in card.chart.accessibleDescription()
    assert "The dashed line is the pace to 2 by 31 Dec" in card.chart.accessibleDescription()


def test_the_pace_a_day_and_one_read_per_change(  # type: ignore[no-untyped-def]
    window_factory, callable_db: Database, monkeypatch
) -> None:
    import member_reach.ui.dashboard.dashboard_progress as progress

    winter(callable_db, "Sprint", 100, dt.date(2026, 11, 30))
    reads = []
    real = progress.active_campaign_reports
    monkeypatch.setattr(progress, "active_campaign_reports", lambda *a: reads.append(1) or real(*a))
    page = dashboard(window_factory, callable_db)
    [card] = [c for c in page.progress.cards if c.isVisibleTo(page.progress)]
    # 100 to go in the 8 days from 23 to 30 November.
    assert card.pace.text() == "100 to go: 12.5 a day to make it by 11/30/26."
    # No call yet: today's point, at none, on the way to the goal.
    assert card.chart.accessibleDescription().startswith("Successes day by day since ")
    assert card.chart.series[2].values[card.chart.marked] == 0
    reads.clear()
    page._workspace.notify(Change.CALLS)
    assert len(reads) == 1  # once per change, not once per listener
    page.window().show_page("members")  # not seen: read when seen again
    page._workspace.notify(Change.CALLS)
    assert reads == [1]
    page.window().show_page("dashboard")
    assert len(reads) == 2
