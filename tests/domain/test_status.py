"""Derived membership status: the rule itself, and the SQL form agreeing with it everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from member_reach.domain.status import (
    Status,
    StatusRules,
    derive_status,
    roster_status_disagrees,
    status_cutoffs,
)
from member_reach.services.members.members import status_expression
from member_reach.store.database import Database
from member_reach.store.models import Membership, MembershipType, Person

TODAY = dt.date(2026, 11, 23)
RULES = StatusRules(grace_days=30, new_months=3)
CUT = status_cutoffs(TODAY, RULES)


@pytest.mark.parametrize(
    ("kind", "joined", "term_end", "expected"),
    [
        ("lifetime", dt.date(1990, 1, 1), None, Status.LIFETIME),
        ("lifetime", dt.date(1990, 1, 1), dt.date(2001, 1, 1), Status.LIFETIME),
        ("rolling", dt.date(2015, 1, 1), None, Status.UNKNOWN),
        ("rolling", dt.date(2015, 1, 1), TODAY, Status.CURRENT),  # the last covered day
        ("rolling", dt.date(2015, 1, 1), TODAY - dt.timedelta(days=1), Status.GRACE),
        ("rolling", dt.date(2015, 1, 1), TODAY - dt.timedelta(days=30), Status.GRACE),
        ("rolling", dt.date(2015, 1, 1), TODAY - dt.timedelta(days=31), Status.LAPSED),
        ("rolling", dt.date(2026, 9, 1), dt.date(2027, 8, 31), Status.NEW),
        ("rolling", dt.date(2026, 8, 23), dt.date(2027, 8, 22), Status.CURRENT),  # 3 months ago
        ("rolling", dt.date(2026, 8, 24), dt.date(2027, 8, 23), Status.NEW),
        ("fixed", None, dt.date(2026, 12, 31), Status.CURRENT),
        ("fixed", dt.date(2026, 10, 1), dt.date(2025, 12, 31), Status.LAPSED),  # lapsed beats new
    ],
)
def test_derive_status(
    kind: str, joined: dt.date | None, term_end: dt.date | None, expected: Status
) -> None:
    assert derive_status(kind, joined, term_end, CUT) is expected


def test_a_type_grace_period_overrides_the_rule() -> None:
    ended = TODAY - dt.timedelta(days=45)
    assert derive_status("rolling", None, ended, status_cutoffs(TODAY, RULES)) is Status.LAPSED
    assert derive_status("rolling", None, ended, status_cutoffs(TODAY, RULES, 60)) is Status.GRACE


def test_new_window_follows_calendar_months_at_month_end() -> None:
    cut = status_cutoffs(dt.date(2026, 5, 31), RULES)
    assert cut.new_after == dt.date(2026, 2, 28)


dates = st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31))
memberships = st.lists(
    st.tuples(
        st.sampled_from(["rolling", "fixed", "lifetime"]),
        st.one_of(st.none(), dates),
        st.one_of(st.none(), dates),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=memberships,
    today=dates,
    grace=st.integers(0, 120),
    new_months=st.integers(0, 24),
    type_grace=st.one_of(st.none(), st.integers(0, 120)),
)
def test_sql_status_agrees_with_python(
    db: Database,
    rows: list[tuple[str, dt.date | None, dt.date | None]],
    today: dt.date,
    grace: int,
    new_months: int,
    type_grace: int | None,
) -> None:
    rules = StatusRules(grace_days=grace, new_months=new_months)
    with db.session() as s:
        s.execute(delete(Person))
        s.execute(delete(MembershipType))
        types = {
            kind: MembershipType(
                name=kind, period_kind=kind, grace_days=type_grace if kind == "fixed" else None
            )
            for kind in ("rolling", "fixed", "lifetime")
        }
        s.add_all(types.values())
        for kind, joined, term_end in rows:
            s.add(
                Person(membership=Membership(type=types[kind], join_date=joined, term_end=term_end))
            )
        s.flush()
        status = status_expression(s, today, rules)
        got = s.execute(
            select(MembershipType.period_kind, Membership.join_date, Membership.term_end, status)
            .select_from(Membership)
            .join(MembershipType)
        ).all()
    assert len(got) == len(rows)
    for kind, joined, term_end, sql_status in got:
        cut = status_cutoffs(today, rules, type_grace if kind == "fixed" else None)
        assert sql_status == derive_status(kind, joined, term_end, cut).value


@pytest.mark.parametrize(
    ("word", "derived", "disagrees"),
    [
        ("Active", "lapsed", True),
        ("Active", "current", False),
        ("Current", "new", False),
        ("Lapsed", "current", True),
        ("Expired", "grace", False),
        ("Expired", "lapsed", False),
        ("Grace period", "grace", False),
        ("Grace period", "lapsed", True),
        ("Lifetime", "lifetime", False),
        ("Honorary member", "current", True),
        ("Gold", "lapsed", False),  # a word not understood never disagrees
        ("", "lapsed", False),
    ],
)
def test_roster_status_disagreement(word: str, derived: str, disagrees: bool) -> None:
    assert roster_status_disagrees(word, derived) is disagrees
