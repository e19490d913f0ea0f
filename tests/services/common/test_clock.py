"""The one clock: a fixed day (--today) moves "now" to that day, at the time of day."""

from __future__ import annotations

import datetime as dt

from member_reach.services.common.clock import Clock


def test_a_fixed_day_keeps_the_time_of_day() -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    now = Clock(fixed_today=dt.date(2026, 11, 23)).now()
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert now.date() == dt.date(2026, 11, 23)
    # The time of day is the computer's (midnight may pass between the readings).
    assert before.time() <= now.time() <= after.time() or after.date() != before.date()


def test_a_fixed_moment_wins_and_no_fixing_reads_the_computer() -> None:
    fixed = dt.datetime(2026, 11, 24, 15, 0)
    assert Clock(fixed_today=dt.date(2026, 11, 23), fixed_now=fixed).now() == fixed
    assert abs(Clock().now() - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(
        seconds=5
    )
