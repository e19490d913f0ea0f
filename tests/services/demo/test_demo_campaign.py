"""The demo opens in the middle of its month (issue 16): a renewal campaign two weeks in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from member_reach.services.calls.follow_up import callbacks_due, day_end, open_handoffs
from member_reach.services.demo.demo import create_demo_database
from member_reach.services.demo.demo_campaign import CALLERS, DAYS_IN
from member_reach.services.reports.reports import active_campaign_reports
from member_reach.store.database import Database
from member_reach.store.models import CallLog, Campaign

TODAY = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = create_demo_database(path, TODAY, mid_month=True)
    yield database
    database.close()


def _logs(database: Database) -> list[tuple[object, ...]]:
    with database.session() as s:
        rows = s.execute(
            select(
                CallLog.called_at, CallLog.caller, CallLog.task_id, CallLog.outcome_code_id
            ).order_by(CallLog.id)
        )
        return [tuple(r) for r in rows]


def test_one_renewal_campaign_two_weeks_in_part_filled(demo: Database) -> None:
    with demo.session() as s:
        campaigns = s.scalars(select(Campaign)).all()
        assert [(c.kind, c.status) for c in campaigns] == [("renewal", "active")]
        assert campaigns[0].created_at.date() == TODAY - dt.timedelta(days=DAYS_IN)
        assert campaigns[0].why_it_matters and campaigns[0].handoff_owner
        (report,) = active_campaign_reports(s, TODAY)
    goal = report.goal.target
    assert goal is not None and 0 < report.successes < goal  # a goal filling up, not done
    assert report.calls >= 50
    assert sorted(c.caller for c in report.callers) == sorted(CALLERS)
    assert all(c.calls > 0 and c.successes > 0 for c in report.callers)


def test_calls_fall_on_the_weekdays_before_today(demo: Database) -> None:
    logs = _logs(demo)
    days = {called_at.date() for called_at, *_ in logs}
    assert min(days) == TODAY - dt.timedelta(days=DAYS_IN)
    assert max(days) < TODAY
    assert all(day.weekday() < 5 for day in days)
    assert len(days) >= 9  # a point per working day on the dashboard's chart


def test_warm_leads_and_callbacks_wait_for_today(demo: Database) -> None:
    with demo.session() as s:
        handoffs = open_handoffs(s, TODAY)
        due = callbacks_due(s, day_end(TODAY), dt.datetime.combine(TODAY, dt.time(9)))
    assert handoffs and all(h.owner == "Maria Lopez" for h in handoffs)
    assert due


def test_the_same_day_gives_the_same_month(demo: Database, tmp_path: Path) -> None:
    again = create_demo_database(tmp_path / "again.sqlite3", TODAY, mid_month=True)
    try:
        assert _logs(again) == _logs(demo)
    finally:
        again.close()


def test_without_mid_month_the_demo_has_no_campaign(tmp_path: Path) -> None:
    database = create_demo_database(tmp_path / "plain.sqlite3", TODAY)
    try:
        with database.session() as s:
            assert s.scalars(select(Campaign)).all() == []
    finally:
        database.close()
