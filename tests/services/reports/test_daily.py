"""A campaign's days: who counts a success first by which way, the pace, the first day."""

from __future__ import annotations

import datetime as dt

from member_reach.services.reports.daily import (
    DayTotal,
    FirstSuccess,
    campaign_start,
    daily_totals,
    first_successes,
    pace_on,
)

D = dt.date


def test_the_first_way_counts_and_a_call_keeps_its_day() -> None:
    first = first_successes(
        [(1, D(2026, 11, 20)), (2, D(2026, 11, 22)), (3, D(2026, 11, 21)), (1, D(2026, 11, 25))],
        [(1, D(2026, 11, 21)), (2, D(2026, 11, 21)), (3, D(2026, 11, 21)), (4, D(2026, 11, 23))],
    )
    assert first == {
        1: FirstSuccess(D(2026, 11, 20), True),  # called, then renewed: the call's
        2: FirstSuccess(D(2026, 11, 21), False),  # renewed before the call that said so
        3: FirstSuccess(D(2026, 11, 21), True),  # the same day: the call's
        4: FirstSuccess(D(2026, 11, 23), False),  # renewed, never called
    }


def test_the_pace_reaches_the_goal_on_the_deadline() -> None:
    start, deadline = D(2026, 11, 1), D(2026, 11, 10)
    assert [pace_on(D(2026, 11, d), start, deadline, 20) for d in (1, 2, 5, 10, 15)] == [
        2.0,
        4.0,
        10.0,
        20.0,
        20.0,  # past the deadline: the goal
    ]
    assert pace_on(start, start, start, 7) == 7  # a one-day campaign
    assert pace_on(start, start, None, 7) is None and pace_on(start, start, deadline, None) is None
    assert pace_on(start, start, D(2026, 10, 1), 7) is None  # a deadline before it began


def test_a_total_a_day_from_the_first_day() -> None:
    successes = {1: FirstSuccess(D(2026, 11, 3), True), 2: FirstSuccess(D(2026, 11, 4), False)}
    days = daily_totals(successes, D(2026, 11, 2), D(2026, 11, 5), (4, D(2026, 11, 5)))
    assert days == (
        DayTotal(D(2026, 11, 2), 0, 0, 0, 1.0),
        DayTotal(D(2026, 11, 3), 1, 1, 0, 2.0),
        DayTotal(D(2026, 11, 4), 2, 1, 1, 3.0),
        DayTotal(D(2026, 11, 5), 2, 1, 1, 4.0),
    )
    assert daily_totals({}, D(2026, 11, 5), D(2026, 11, 5), (None, None)) == (
        DayTotal(D(2026, 11, 5), 0, 0, 0, None),
    )


def test_the_first_day_is_never_after_today() -> None:
    assert campaign_start(D(2026, 11, 20), [D(2026, 11, 18)], D(2026, 11, 23)) == D(2026, 11, 18)
    assert campaign_start(D(2026, 11, 20), [], D(2026, 11, 23)) == D(2026, 11, 20)
    assert campaign_start(D(2026, 12, 4), [], D(2026, 11, 23)) == D(2026, 11, 23)
