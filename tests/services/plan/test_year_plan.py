"""The year's call plan on SQLite and PostgreSQL: every figure of a small association worked
out by hand (tests/plan_association.py says how), and its workbook read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_association import TODAY, build

from member_reach.domain.call_plan import SegmentRate
from member_reach.services.common.errors import ServiceError
from member_reach.services.plan.plan_export import export_plan
from member_reach.services.plan.plan_people import EventOutreach
from member_reach.services.plan.year_plan import YearPlan, plan_year
from member_reach.store.database import Database

D = dt.date


@pytest.fixture
def plan(db: Database) -> YearPlan:
    build(db)
    with db.session() as s:
        return plan_year(s, TODAY, 3)


def test_renewals_and_outreach_month_by_month(plan: YearPlan) -> None:
    january, february, march = plan.months
    # A and D (in grace today); B and C; F's anniversary.
    assert (january.renewals, january.by_type) == (2, {"Individual": 2})
    assert (february.renewals, february.by_type) == (2, {"Individual": 1, "Student": 1})
    assert (march.renewals, march.by_type) == (1, {"Individual": 1})
    # Expo 2027 (10 March) is called in February: A and K; L registered already.
    assert [m.outreach for m in plan.months] == [0, 2, 0]
    assert february.events == ("Expo 2027",)
    assert plan.events == [EventOutreach("Expo 2027", D(2027, 3, 10), D(2027, 2, 1), 2, False)]


def test_rates_from_the_past_year(plan: YearPlan) -> None:
    rates = plan.rates
    assert (rates.history.calls, rates.history.conversations, rates.history.successes) == (
        24,
        10,
        4,
    )
    assert (rates.calls_per_conversation, rates.observed_calls) == (2.4, True)
    # Four successes are too few: the default.
    assert (rates.conversations_per_success, rates.observed_successes) == (4.0, False)


def test_calls_hours_staff_and_partner_by_hand(plan: YearPlan) -> None:
    rows = [
        (
            f.month,
            f.first_day,
            f.people,
            f.calls_needed,
            f.hours_needed,
            f.staff_hours,
            f.staff_calls,
            f.hand_over,
            f.successes_expected,
        )
        for f in (m.figures for m in plan.months)
    ]
    assert rows == [
        (D(2027, 1, 1), D(2027, 1, 1), 2, 5, 5.0, 4.4, 4, 1, 0.5),
        (D(2027, 2, 1), D(2027, 2, 1), 4, 10, 10.0, 4.0, 4, 6, 1.0),
        (D(2027, 3, 1), D(2027, 3, 1), 1, 3, 3.0, 4.4, 4, 0, 0.2),
    ]
    assert [m.month for m in plan.partner_months] == [D(2027, 1, 1), D(2027, 2, 1)]


def test_hit_rate_by_segment(plan: YearPlan) -> None:
    assert plan.segments == [
        SegmentRate("first_year", 3, 3),  # M
        SegmentRate("tenure_1_5", 0, 0),
        SegmentRate("long_tenure", 7, 1),  # J's 6, N's 1
        SegmentRate("event_goer", 3, 3),  # M came to Gala 2026
        SegmentRate("no_email", 3, 3),  # M
        SegmentRate("in_grace", 1, 1),  # N, by the expiry a later renewal moved
        SegmentRate("lapsed", 0, 0),
    ]
    assert [s.rate for s in plan.segments] == [1.0, None, 0.1429, 1.0, 1.0, 1.0, None]


def test_the_first_month_counts_from_today(db: Database) -> None:
    build(db)
    with db.session() as s:
        plan = plan_year(s, D(2027, 1, 20), 1)
    (january,) = plan.months
    # A's expiry (15 Jan) is past, within grace: due today; D's too (31 days after 20 Dec
    # is past its 30 days of grace: lapsed). 12 days left: 12/7 = 1.71 hours, 1 call.
    assert (january.renewals, january.figures.first_day) == (1, D(2027, 1, 20))
    assert (january.figures.staff_hours, january.figures.staff_calls) == (1.7, 1)


def test_a_plan_spans_1_to_36_months(db: Database) -> None:
    with db.session() as s, pytest.raises(ServiceError, match="1 to 36 months"):
        plan_year(s, TODAY, 0)


def test_the_workbook_for_the_partner(plan: YearPlan, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    assert export_plan(plan, path) == 3
    book = load_workbook(path)
    assert book.sheetnames == ["About", "Plan", "Events", "Hit rate"]
    rows = list(book["Plan"].iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Month",
        "Renewals due",
        "Event outreach",
        "People to call",
        "Calls needed",
        "Staff calls",
        "Calls to hand over",
    )
    assert rows[1:] == [
        ("January 2027", 2, 0, 2, 5, 4, 1, 5, 4.4, "needed"),
        ("February 2027", 2, 2, 4, 10, 4, 6, 10, 4, "needed"),
        ("March 2027", 1, 0, 1, 3, 4, 0, 3, 4.4, None),
    ]
    assert len(book["Plan"]._charts) == 1
    events = list(book["Events"].iter_rows(min_row=2, values_only=True))
    assert events == [
        ("Expo 2027", dt.datetime(2027, 3, 10), "February 2027", 2, "who its list would hold")
    ]
    about = dict(book["About"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert about["Months needing a call partner"] == "January 2027, February 2027"
    hits = list(book["Hit rate"].iter_rows(min_row=2, values_only=True))
    assert hits[0] == ("First-year members", 3, 3, 1)
    assert hits[2] == ("Members of more than 5 years", 7, 1, 0.1429)
