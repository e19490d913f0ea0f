"""The learned ranking's model: it falls back while the history is small, learns who the call
helps from a generated history, and words its evidence so the director can check it."""

from __future__ import annotations

import random

import pytest

from member_reach.domain.segments import FIRST_YEAR, IN_GRACE, LONG_TENURE, TENURE_1_5
from member_reach.domain.uplift_evidence import evidence_words, factor_rows
from member_reach.domain.uplift_model import (
    MIN_CALLED,
    MIN_UNCALLED,
    HistoryRecord,
    Profile,
    fit_uplift,
)

FIRST = Profile(FIRST_YEAR)
MIDDLE = Profile(TENURE_1_5)
LONG = Profile(LONG_TENURE)


def records(profile: Profile, called: bool, n: int, renewed: int) -> list[HistoryRecord]:
    """``n`` members of a profile, called or not, ``renewed`` of whom renewed."""
    return [HistoryRecord(profile, called, called, i < renewed) for i in range(n)]


def generated(seed: int, members: int = 20_000) -> list[HistoryRecord]:
    """A history where the call helps first-year members most and veterans hardly at all."""
    rng = random.Random(seed)
    base = {FIRST_YEAR: 0.55, TENURE_1_5: 0.75, LONG_TENURE: 0.88}
    effect = {FIRST_YEAR: 0.20, TENURE_1_5: 0.10, LONG_TENURE: 0.02}
    history = []
    for _ in range(members):
        tenure = rng.choice((FIRST_YEAR, TENURE_1_5, LONG_TENURE))
        profile = Profile(tenure, rng.random() < 0.3, rng.random() < 0.1, rng.random() < 0.15)
        called = rng.random() < 0.5
        answered = called and rng.random() < 0.45
        chance = base[tenure] + (effect[tenure] + 0.25 * profile.in_grace) * answered
        history.append(HistoryRecord(profile, called, answered, rng.random() < chance))
    return history


def test_too_little_history_keeps_the_fixed_weights() -> None:
    small = records(FIRST, True, MIN_CALLED - 1, 300) + records(FIRST, False, 2000, 900)
    model = fit_uplift(small)
    assert not model.ready
    assert model.coefficients == ()
    assert (model.overall.called, model.overall.uncalled) == (MIN_CALLED - 1, 2000)
    # Enough calls but too few members without one: still not enough.
    assert not fit_uplift(records(FIRST, True, 900, 600) + records(FIRST, False, 10, 5)).ready


def test_just_enough_history_is_learned_from() -> None:
    model = fit_uplift(
        records(FIRST, True, MIN_CALLED, 280) + records(FIRST, False, MIN_UNCALLED, 160)
    )
    assert model.ready
    assert model.chance(FIRST, True) == pytest.approx(0.70, abs=0.01)
    assert model.chance(FIRST, False) == pytest.approx(0.40, abs=0.01)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_learns_who_the_call_helps_most(seed: int) -> None:
    model = fit_uplift(generated(seed))
    assert model.ready
    assert model.uplift(FIRST) > model.uplift(MIDDLE) > model.uplift(LONG)
    # The call helps members in grace more (the veterans' chance is near 1 already: less so).
    assert model.uplift(Profile(FIRST_YEAR, in_grace=True)) > model.uplift(FIRST) + 0.05
    assert model.uplift(Profile(LONG_TENURE, in_grace=True)) > model.uplift(LONG) + 0.02
    # The veterans renew most without a call: a ranking by chance would call them first.
    assert model.chance(LONG, False) > model.chance(FIRST, False)


def test_reasons_name_the_evidence_with_its_rates() -> None:
    history = (
        records(FIRST, True, 200, 140)  # 70% after a call
        + records(FIRST, False, 200, 80)  # 40% without
        + records(LONG, True, 300, 270)  # 90% either way
        + records(LONG, False, 300, 270)
    )
    model = fit_uplift(history)
    assert model.ready
    assert evidence_words(model, FIRST) == (
        "first-year members here renewed 70% after a call, 40% without"
    )
    assert evidence_words(model, LONG) == (
        "members of more than 5 years here renewed 90% after a call, 90% without"
    )


def test_a_segment_with_too_few_members_is_not_named() -> None:
    history = records(FIRST, True, 500, 350) + records(FIRST, False, 500, 200)
    history += records(Profile(FIRST_YEAR, in_grace=True), True, 5, 5)
    model = fit_uplift(history + records(Profile(FIRST_YEAR, in_grace=True), False, 5, 0))
    words = evidence_words(model, Profile(FIRST_YEAR, in_grace=True))
    assert words.startswith("first-year members here renewed")


def test_factor_rows_count_and_order_the_segments() -> None:
    history = records(FIRST, True, 200, 140) + records(FIRST, False, 200, 80)
    history += records(Profile(LONG_TENURE, in_grace=True), True, 300, 270)
    history += records(Profile(LONG_TENURE, in_grace=True), False, 300, 270)
    rows = factor_rows(fit_uplift(history))
    assert [row.key for row in rows][0] == FIRST_YEAR  # the largest difference first
    first = rows[0]
    assert (first.tally.called, first.tally.called_renewed) == (200, 140)
    assert (first.tally.uncalled, first.tally.uncalled_renewed) == (200, 80)
    assert first.difference == pytest.approx(0.30)
    assert first.extra_per_100 is not None and first.extra_per_100 > 20
    grace = next(row for row in rows if row.key == IN_GRACE)
    assert grace.difference == pytest.approx(0.0)
