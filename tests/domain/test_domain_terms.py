"""Membership terms and anniversaries: examples, and Hypothesis properties over 1990–2060."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from member_reach.domain.status import PeriodKind
from member_reach.domain.terms import (
    TermError,
    TermRule,
    add_months,
    anniversaries,
    expiry_in_window,
    fixed_term_end,
    renewal_day,
    rolling_term_end,
    term_end,
)

D = dt.date
DATES = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
YEARLY = TermRule(PeriodKind.ROLLING, 12)
CALENDAR_YEAR = TermRule(PeriodKind.FIXED, None, 1, 1, 10, 1)  # 1 Jan renewals, 1 Oct rollover
JULY_YEAR = TermRule(PeriodKind.FIXED, None, 7, 1)  # a 1 July fiscal year, no rollover


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2026, 3, 15), D(2027, 3, 14)),
        (D(2026, 1, 1), D(2026, 12, 31)),
        (D(2024, 2, 29), D(2025, 2, 27)),  # anniversary 28 Feb in a common year
        (D(2027, 2, 28), D(2028, 2, 27)),  # ... and 28 Feb stays 28 Feb in a leap year
        (D(2023, 3, 1), D(2024, 2, 29)),  # a term into a leap year covers 29 Feb
        (D(2026, 1, 31), D(2027, 1, 30)),
    ],
)
def test_rolling_year(start: dt.date, end: dt.date) -> None:
    assert term_end(start, YEARLY) == end


def test_rolling_month_ends() -> None:
    assert rolling_term_end(D(2026, 1, 31), 1) == D(2026, 2, 27)  # renews 28 Feb
    assert rolling_term_end(D(2026, 8, 31), 6) == D(2027, 2, 27)
    assert rolling_term_end(D(2026, 3, 15), 24) == D(2028, 3, 14)


@pytest.mark.parametrize(
    ("join", "end"),
    [
        (D(2026, 1, 1), D(2026, 12, 31)),
        (D(2026, 9, 30), D(2026, 12, 31)),  # the day before the rollover: the rest of this year
        (D(2026, 10, 1), D(2027, 12, 31)),  # from the rollover: this year's rest and next year
        (D(2026, 12, 31), D(2027, 12, 31)),
    ],
)
def test_fixed_calendar_year_with_rollover(join: dt.date, end: dt.date) -> None:
    assert term_end(join, CALENDAR_YEAR) == end


@pytest.mark.parametrize(
    ("join", "end"),
    [
        (D(2026, 6, 30), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2027, 6, 30)),
        (D(2027, 2, 10), D(2027, 6, 30)),
    ],
)
def test_fixed_fiscal_year_without_rollover(join: dt.date, end: dt.date) -> None:
    assert term_end(join, JULY_YEAR) == end


def test_a_fiscal_year_rollover_in_the_periods_second_calendar_year() -> None:
    rule = TermRule(PeriodKind.FIXED, None, 7, 1, 4, 1)  # July years, 1 April rollover
    assert fixed_term_end(D(2027, 3, 31), rule) == D(2027, 6, 30)
    assert fixed_term_end(D(2027, 4, 1), rule) == D(2028, 6, 30)
    assert fixed_term_end(D(2026, 8, 1), rule) == D(2027, 6, 30)


def test_lifetime_never_ends() -> None:
    assert term_end(D(2001, 5, 5), TermRule(PeriodKind.LIFETIME, None)) is None


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (TermRule(PeriodKind.ROLLING, None), "term length"),
        (TermRule(PeriodKind.ROLLING, 0), "term length"),
        (TermRule(PeriodKind.FIXED, None), "renewal month and day"),
        (TermRule(PeriodKind.FIXED, None, 2, 29), "29 is not a day of month 2 in every year"),
        (TermRule(PeriodKind.FIXED, None, 13, 1), "renewal month and day"),
        (TermRule(PeriodKind.FIXED, None, 1, 1, 10), "both the month and the day"),
        (TermRule(PeriodKind.FIXED, None, 1, 1, 4, 31), "31 is not a day of month 4"),
    ],
)
def test_incomplete_rules_say_what_to_fix(rule: TermRule, message: str) -> None:
    with pytest.raises(TermError, match=message):
        term_end(D(2026, 1, 1), rule)


def test_anniversaries_of_29_february() -> None:
    assert anniversaries(D(2020, 2, 29), D(2021, 1, 1), D(2024, 12, 31)) == [
        D(2021, 2, 28),
        D(2022, 2, 28),
        D(2023, 2, 28),
        D(2024, 2, 29),
    ]


def test_anniversaries_window_edges() -> None:
    anchor = D(2015, 1, 15)
    assert anniversaries(anchor, D(2027, 1, 15), D(2027, 1, 15)) == [D(2027, 1, 15)]
    assert anniversaries(anchor, D(2027, 1, 16), D(2027, 12, 31)) == []
    assert anniversaries(anchor, D(2014, 1, 1), D(2016, 1, 31)) == [D(2016, 1, 15)]
    assert anniversaries(anchor, D(2027, 2, 1), D(2027, 1, 1)) == []
    assert anniversaries(anchor, D(2015, 1, 1), D(2015, 12, 31), months=6) == [D(2015, 7, 15)]


def test_expiry_in_window_and_renewal_day() -> None:
    assert expiry_in_window(D(2027, 1, 31), D(2027, 1, 1), D(2027, 1, 31))
    assert not expiry_in_window(D(2027, 2, 1), D(2027, 1, 1), D(2027, 1, 31))
    assert not expiry_in_window(None, D(2027, 1, 1), D(2027, 1, 31))
    assert renewal_day(D(2028, 2, 28)) == D(2028, 2, 29)


# -- properties ------------------------------------------------------------------------------


@given(DATES, st.sampled_from([1, 3, 6, 12, 24]))
def test_rolling_term_covers_its_months_and_renews_on_the_anniversary(
    start: dt.date, months: int
) -> None:
    end = rolling_term_end(start, months)
    assert renewal_day(end) == add_months(start, months)
    assert start < renewal_day(end)
    covered = (end - start).days + 1
    assert 28 * months - 3 * months <= covered <= 31 * months
    if months == 12:
        assert covered in (365, 366)  # 366 only when the term covers a 29 February
        assert (
            covered == 365
            or D(end.year, 3, 1) - D(end.year, 2, 28) == dt.timedelta(days=2)
            or (D(start.year, 3, 1) - D(start.year, 2, 28) == dt.timedelta(days=2))
        )
    if start.day <= 28:  # no short month in the way: the anniversary keeps the day
        assert renewal_day(end).day == start.day


@given(DATES, st.integers(1, 12), st.integers(1, 28), st.booleans())
def test_fixed_terms_end_the_day_before_the_renewal_day(
    join: dt.date, month: int, day: int, with_rollover: bool
) -> None:
    rollover = ((month + 8) % 12 + 1, 1) if with_rollover else (None, None)
    rule = TermRule(PeriodKind.FIXED, None, month, day, *rollover)
    end = term_end(join, rule)
    assert end is not None and join <= end
    assert (renewal_day(end).month, renewal_day(end).day) == (month, day)
    limit = 2 * 366 if with_rollover else 366
    assert (end - join).days < limit
    # A later joiner never gets an earlier end.
    later = join + dt.timedelta(days=1)
    later_end = term_end(later, rule)
    assert later_end is not None and later_end >= end


@given(DATES, DATES, st.integers(0, 800))
def test_anniversaries_match_a_day_by_day_search(
    anchor: dt.date, start: dt.date, length: int
) -> None:
    end = start + dt.timedelta(days=length)
    expected = []
    years = range(start.year - 1, end.year + 1)
    for k in (year - anchor.year for year in years):
        if k >= 1:
            day = add_months(anchor, 12 * k)
            if start <= day <= end:
                expected.append(day)
    assert anniversaries(anchor, start, end) == expected


@given(DATES, DATES, st.integers(0, 800), st.sampled_from([1, 3, 6]))
def test_anniversaries_of_shorter_periods_are_in_the_window_and_complete(
    anchor: dt.date, start: dt.date, length: int, months: int
) -> None:
    end = start + dt.timedelta(days=length)
    found = anniversaries(anchor, start, end, months)
    assert all(start <= day <= end and day > anchor for day in found)
    assert found == sorted(set(found))
    count = sum(1 for k in range(1, 2000) if start <= add_months(anchor, k * months) <= end)
    assert len(found) == count
