"""Campaign figures and retention, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from roster_files import ROWS, write_csv
from sqlalchemy import update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.reports.reports import (
    CallerFigures,
    CampaignReport,
    DayTotal,
    Goal,
    TaskCounts,
    campaign_report,
    retention_by_month,
)
from member_reach.store.database import Database
from member_reach.store.models import Campaign, Membership, Person

D = dt.date


def call(
    db: Database, member: str, code: str, when: dt.datetime, caller: str, **extra: object
) -> None:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, member)
        log_call(s, campaign, task, find_code(s, campaign, code), when, caller=caller, **extra)  # type: ignore[arg-type]


def report(db: Database, today: dt.date) -> CampaignReport:
    with db.session() as s:
        return campaign_report(s, find_campaign(s, "Winter renewals"), today)


def test_goal_pace_outcomes_and_callers(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        s.execute(update(Campaign).values(goal_count=4, deadline=D(2026, 12, 31)))
    call(campaign_db, "M-001", "voicemail", dt.datetime(2026, 11, 24, 10), "Ann")
    call(campaign_db, "M-001", "renewed", dt.datetime(2026, 11, 25, 10), "Ann")
    call(campaign_db, "M-002", "no answer", dt.datetime(2026, 11, 25, 11), "Bob")
    call(
        campaign_db,
        "M-002",
        "promised",
        dt.datetime(2026, 11, 26, 9),
        "Bob",
        amount_promised=Decimal("195"),
    )
    call(campaign_db, "M-003", "declined", dt.datetime(2026, 11, 26, 9), "Bob")
    # Katherine renews on her own; the next roster says so and the campaign counts it.
    rows = [list(r) for r in ROWS]
    rows[5][7] = "06/30/2028"
    run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), D(2026, 11, 27))
    figures = report(campaign_db, D(2026, 11, 27))
    assert figures.successes == 2  # Ada on the phone, Katherine by the roster
    assert (figures.renewals_detected, figures.renewals_after_a_call) == (1, 0)
    assert figures.goal == Goal(
        target=4,
        deadline=D(2026, 12, 31),
        achieved=2,
        progress=0.5,
        remaining=2,
        days_left=35,
        pace_needed_per_day=0.06,
    )
    assert figures.calls == 5 and figures.conversations == 3  # voicemail, no answer: not
    # Calls only: Katherine's renewal came with no call, it is not the callers' success (it
    # read 1.5 when the renewal counted: 3 conversations for 2 successes).
    assert figures.conversations_per_success == 3.0
    assert figures.outcomes == {"neutral": 2, "success": 1, "positive": 1, "negative": 1}
    assert figures.promised == Decimal("195.00") and str(figures.promised) == "195.00"
    # Katherine renewed by the roster: her call is finished as renewed, no longer to make.
    assert figures.tasks == TaskCounts(open=1, done=4, closed=0, total=5)
    callers = {c.caller: c for c in figures.callers}
    assert callers["Ann"] == CallerFigures("Ann", 2, 1, 1, 1.0)
    assert (callers["Bob"].conversations, callers["Bob"].successes) == (2, 0)
    daily = {d.date: d.successes for d in figures.daily}
    assert daily[D(2026, 11, 24)] == 0 and daily[D(2026, 11, 25)] == 1
    assert daily[D(2026, 11, 27)] == 2
    # From the campaign's first day (its first call: the test clock is behind the wall clock
    # that stamped its creation), the pace from 4/38 a day to 4 on 31 December.
    assert figures.daily[0] == DayTotal(D(2026, 11, 24), 0, 0, 0, 0.11)
    assert figures.daily[-1] == DayTotal(D(2026, 11, 27), 2, 1, 1, 0.42)
    assert (figures.successes_by_calls, figures.successes_by_renewals) == (1, 1)


def test_a_campaign_without_calls(campaign_db: Database) -> None:
    figures = report(campaign_db, D(2026, 11, 23))
    assert figures.successes == 0 and figures.start == D(2026, 11, 23)
    # No call yet: today's point, at none, already shows (a chart of the campaign's days).
    assert figures.daily == (DayTotal(D(2026, 11, 23), 0, 0, 0, None),)
    assert figures.conversations_per_success is None and figures.goal.target is None
    assert figures.promised == 0 and figures.outcomes == {} and figures.callers == ()


def test_retention_and_churn_by_month(db: Database) -> None:
    with db.session() as s:
        for i, (join, end) in enumerate(
            [
                (D(2020, 1, 1), D(2027, 1, 1)),  # stays
                (D(2020, 1, 1), D(2026, 7, 15)),  # lapses in August (30 days of grace)
                (D(2020, 1, 1), D(2027, 6, 30)),  # stays
                (D(2020, 1, 1), D(2028, 1, 1)),  # stays
                (D(2026, 8, 10), D(2027, 8, 9)),  # joins in August
            ]
        ):
            p = Person(first_name=f"P{i}")
            s.add(p)
            s.flush()
            s.add(Membership(person_id=p.id, join_date=join, term_end=end))
    with db.session() as s:
        months = retention_by_month(s, D(2026, 9, 15), months=2)
    assert [m.month for m in months] == [D(2026, 7, 1), D(2026, 8, 1)]
    july, august = months
    assert (july.members_at_start, july.members_at_end, july.dropped) == (4, 4, 0)
    assert july.retention == 1.0 and july.churn == 0.0
    assert (august.members_at_start, august.members_at_end) == (4, 4)
    assert (august.joined, august.dropped) == (1, 1)
    assert august.retention == 0.75 and august.churn == 0.25


def test_members_without_a_join_date_count(db: Database) -> None:
    with db.session() as s:
        for i in range(4):
            p = Person(first_name=f"P{i}")
            s.add(p)
            s.flush()
            s.add(Membership(person_id=p.id, join_date=None, term_end=D(2027, 6, 30)))
    with db.session() as s:
        [month] = retention_by_month(s, D(2026, 9, 15), months=1)
    assert (month.members_at_start, month.retention) == (4, 1.0)


def test_the_dashboard_reads_every_active_campaign(campaign_db: Database) -> None:
    from member_reach.services.reports.reports import active_campaign_reports

    call(campaign_db, "M-001", "renewed", dt.datetime(2026, 11, 24, 10), "Ann")
    with campaign_db.session() as s:
        [active] = active_campaign_reports(s, D(2026, 11, 25))
        assert active == campaign_report(s, find_campaign(s, "Winter renewals"), D(2026, 11, 25))
        s.execute(update(Campaign).values(status="closed"))
        assert active_campaign_reports(s, D(2026, 11, 25)) == []
    assert active.successes == 1 and active.daily[-1].successes == 1
