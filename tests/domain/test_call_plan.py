"""The plan's arithmetic (domain.call_plan): rates from the history or the defaults, a month's
calls, hours and staff time, and the months counted from today."""

from __future__ import annotations

import datetime as dt

from member_reach.domain.call_plan import (
    DEFAULT_CALLS_PER_CONVERSATION,
    DEFAULT_CONVERSATIONS_PER_SUCCESS,
    Capacity,
    History,
    SegmentRate,
    month_figures,
    month_starts,
    rates_from,
)

D = dt.date


def test_without_history_the_defaults_are_used_and_said() -> None:
    rates = rates_from(History())
    assert (rates.calls_per_conversation, rates.observed_calls) == (
        DEFAULT_CALLS_PER_CONVERSATION,
        False,
    )
    assert (rates.conversations_per_success, rates.observed_successes) == (
        DEFAULT_CONVERSATIONS_PER_SUCCESS,
        False,
    )


def test_enough_history_gives_the_association_its_own_rates() -> None:
    rates = rates_from(History(calls=60, conversations=25, successes=10))
    assert (rates.calls_per_conversation, rates.conversations_per_success) == (2.4, 2.5)
    assert rates.observed_calls and rates.observed_successes
    # Calls but no conversation at all: nothing to divide by, the default.
    assert not rates_from(History(calls=30)).observed_calls


def test_a_month_in_figures() -> None:
    rates = rates_from(History(calls=30, conversations=12, successes=6))  # 2.5 and 2.0
    staff = Capacity(callers=2, hours_per_week=7, calls_per_hour=10)
    june = month_figures(D(2027, 6, 1), D(2027, 5, 20), 100, rates, staff)
    # 250 calls, 25 hours; 2 x 7 x 30/7 = 60 hours, 600 calls: no partner.
    assert (june.calls_needed, june.hours_needed, june.staff_hours, june.staff_calls) == (
        250,
        25.0,
        60.0,
        600,
    )
    assert (june.hand_over, june.partner_needed, june.successes_expected) == (0, False, 50.0)
    # From the 25th of May: 7 days, 14 hours, 140 calls for 250: 110 to a partner.
    may = month_figures(D(2027, 5, 1), D(2027, 5, 25), 100, rates, staff)
    assert (may.first_day, may.staff_calls, may.hand_over, may.partner_needed) == (
        D(2027, 5, 25),
        140,
        110,
        True,
    )


def test_months_run_on_across_the_year() -> None:
    assert month_starts(D(2026, 11, 23), 3) == [D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1)]


def test_a_segment_without_conversations_has_no_rate() -> None:
    assert SegmentRate("lapsed", 0, 0).rate is None
    assert SegmentRate("first_year", 3, 1).rate == 0.3333


def test_successes_without_conversations_give_the_default_not_a_division_by_zero() -> None:
    # A success code that is not a conversation, logged 5 times with nobody answering.
    staff = Capacity(callers=1, hours_per_week=5, calls_per_hour=10)
    for history in (History(30, 0, 5), History(30, 2, 500)):
        rates = rates_from(history)
        assert not rates.observed_successes
        assert rates.conversations_per_success == DEFAULT_CONVERSATIONS_PER_SUCCESS
        june = month_figures(D(2027, 6, 1), D(2027, 5, 20), 40, rates, staff)
        assert june.successes_expected == round(40 / DEFAULT_CONVERSATIONS_PER_SUCCESS, 1)
