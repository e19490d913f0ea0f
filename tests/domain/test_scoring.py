"""Ranking: every factor adds its declared weight, and the reason names the biggest ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from member_reach.domain.scoring import WEIGHTS, Candidate, Weights, rank

TODAY = dt.date(2026, 11, 23)
WINDOW = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
END = dt.date(2026, 12, 31)  # at the window's end: no "soonest" points


def points(candidate: Candidate, weights: Weights = WEIGHTS) -> float:
    return rank(candidate, TODAY, WINDOW, weights).priority


def test_each_factor_adds_its_weight() -> None:
    base = points(Candidate(END, join_date=dt.date(2026, 1, 1)))  # under a year: no tenure
    assert base == 0
    assert points(Candidate(END, first_term=True)) == WEIGHTS.first_year
    assert points(Candidate(END, has_email=False)) == WEIGHTS.no_email
    assert points(Candidate(END, positive_outcomes=2)) == WEIGHTS.earlier_positive
    assert points(Candidate(END, events=("Expo 2025",))) == WEIGHTS.per_event
    assert points(Candidate(END, events=tuple(f"E{i}" for i in range(9)))) == WEIGHTS.event_cap
    assert points(Candidate(END, join_date=dt.date(2016, 1, 1))) == 10 * WEIGHTS.per_tenure_year
    assert points(Candidate(END, join_date=dt.date(1980, 1, 1))) == WEIGHTS.tenure_cap
    assert points(Candidate(END, dues=Decimal("200"))) == 2 * WEIGHTS.per_100_dues
    assert points(Candidate(END, dues=Decimal("90000"))) == WEIGHTS.dues_cap
    assert points(Candidate(dt.date(2026, 11, 10))) == WEIGHTS.in_grace
    assert points(Candidate(dt.date(2026, 12, 1))) == WEIGHTS.soonest  # the window's first day


def test_the_reason_names_the_renewal_and_the_biggest_factors() -> None:
    ranked = rank(
        Candidate(
            dt.date(2027, 1, 14),
            join_date=dt.date(2017, 6, 1),
            events=("Expo 2025", "Expo 2024"),
            has_email=False,
        ),
        TODAY,
        (dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
    )
    assert ranked.reason == (
        "Renews by 14 Jan · 9-year member · attended Expo 2025 and 1 more event · no e-mail on file"
    )
    grace = rank(Candidate(dt.date(2026, 11, 10), first_term=True), TODAY, WINDOW)
    assert grace.reason == "Lapsed 10 Nov, in grace · first-year member"


def test_weights_live_in_one_place_and_change_the_order() -> None:
    newcomer = Candidate(END, first_term=True)
    veteran = Candidate(END, join_date=dt.date(2000, 1, 1))
    assert points(newcomer) > points(veteran)
    loyalty_first = Weights(first_year=5.0, tenure_cap=40.0)
    assert points(newcomer, loyalty_first) < points(veteran, loyalty_first)


def test_a_win_back_is_named_as_such_without_grace_points() -> None:
    lapsed = Candidate(dt.date(2025, 9, 1), join_date=dt.date(2010, 12, 5), win_back=True)
    ranked = rank(lapsed, TODAY, WINDOW)
    assert ranked.reason == "Win-back: lapsed 1 Sep 2025 · 15-year member"
    assert ranked.priority == WEIGHTS.tenure_cap
