"""The called group against the control: Newcombe's interval checked against published figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from member_reach.domain.control_stats import (
    GroupCount,
    compare,
    newcombe_interval,
    verdict_words,
    wilson_interval,
)

# Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (the hybrid score
# interval without continuity correction): x1/n1 - x2/n2 and its 95% limits to 4 places.
PUBLISHED = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "limits"), PUBLISHED)
def test_the_interval_matches_newcombe_s_published_examples(
    counts: tuple[int, int, int, int], limits: tuple[float, float]
) -> None:
    low, high = newcombe_interval(*counts)
    assert (round(low, 4), round(high, 4)) == limits


def test_wilson_matches_a_hand_computation() -> None:
    # 81/263 (Newcombe's companion paper, Statistics in Medicine 17:857-872): 0.2553 to 0.3662
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_an_empty_group_or_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        newcombe_interval(0, 0, 1, 2)
    with pytest.raises(ValueError):
        newcombe_interval(3, 2, 1, 2)


@given(
    n1=st.integers(1, 400),
    n2=st.integers(1, 400),
    f1=st.floats(0, 1),
    f2=st.floats(0, 1),
)
def test_the_interval_holds_the_difference_and_stays_within_minus_one_and_one(
    n1: int, n2: int, f1: float, f2: float
) -> None:
    x1, x2 = round(f1 * n1), round(f2 * n2)
    low, high = newcombe_interval(x1, n1, x2, n2)
    assert -1.0 <= low <= x1 / n1 - x2 / n2 <= high <= 1.0


def test_a_tiny_group_is_too_early_to_tell_however_large_the_difference() -> None:
    result = compare(GroupCount(40, 40, 40), GroupCount(4, 4, 0), Decimal("200"))
    assert result.verdict == "too_early"
    assert result.difference == 1.0
    assert verdict_words(result) == (
        "Too early to tell: 4 of 4 control members' periods have ended "
        "(at least 10 in each group are needed)."
    )


def test_no_ended_period_gives_no_interval() -> None:
    result = compare(GroupCount(432, 0, 0), GroupCount(48, 0, 0), None)
    assert (result.verdict, result.difference, result.low, result.extra_renewals) == (
        "too_early",
        None,
        None,
        None,
    )


def test_the_calls_helped_in_renewals_and_dues() -> None:
    # 56/70 called against 48/80 control: +0.2 (0.0524 to 0.3339) on a called group of 70.
    result = compare(GroupCount(70, 70, 56), GroupCount(80, 80, 48), Decimal("195.00"))
    assert result.verdict == "calls_helped"
    assert result.extra_renewals == pytest.approx(14.0)
    assert result.extra_low == pytest.approx(0.0524 * 70, abs=0.01)
    assert result.extra_dues == Decimal("2730.00")
    assert verdict_words(result) == "The calls added 14 renewals (95% CI 4 to 23)."


def test_an_interval_across_zero_is_no_clear_difference() -> None:
    result = compare(GroupCount(100, 100, 60), GroupCount(20, 20, 11), None)
    assert result.verdict == "no_clear_difference"
    assert result.extra_dues is None
    assert verdict_words(result).startswith("No clear difference yet: the interval (")


def test_a_control_that_renewed_more_is_said_plainly() -> None:
    result = compare(GroupCount(100, 100, 10), GroupCount(50, 50, 40), None)
    assert result.verdict == "control_did_better"
    assert verdict_words(result).startswith("The control group renewed more: 70 renewals fewer")


def test_everyone_or_nobody_renewed_in_both_groups() -> None:
    for renewed in (0, 1):
        result = compare(
            GroupCount(30, 30, 30 * renewed), GroupCount(12, 12, 12 * renewed), Decimal(100)
        )
        assert result.difference == 0.0
        assert result.low is not None and result.high is not None
        assert result.low < 0 < result.high
        assert result.verdict == "no_clear_difference"
