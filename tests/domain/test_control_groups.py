"""The control draw: its size, its balance across priority bands, made again from its seed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from member_reach.domain.control_groups import (
    band_bounds,
    control_size,
    draw_control,
    top_up_control_size,
)


def test_the_share_is_rounded_and_zero_means_none() -> None:
    assert [control_size(n, 10) for n in (0, 4, 5, 14, 15, 480)] == [0, 0, 1, 1, 2, 48]
    assert control_size(480, 0) == 0
    assert control_size(3, 100) == 3


def test_the_same_seed_gives_the_same_group_and_another_seed_another() -> None:
    ranked = list(range(1000, 1480))
    first = draw_control(ranked, 48, seed=20261201)
    assert first == draw_control(ranked, 48, seed=20261201)
    assert len(first) == 48 and first <= set(ranked)
    assert first != draw_control(ranked, 48, seed=20261202)
    assert first != draw_control(ranked, 48, seed=20261201, salt=480)


def test_each_fifth_of_the_ranked_list_gives_its_share() -> None:
    ranked = list(range(500))
    chosen = draw_control(ranked, 50, seed=7)
    per_band = [sum(1 for i in chosen if start <= i < stop) for start, stop in band_bounds(500)]
    assert per_band == [10, 10, 10, 10, 10]
    # 48 of 480: 9.6 a band; the largest remainders (the first bands on a tie) get the rest
    chosen = draw_control(list(range(480)), 48, seed=7)
    per_band = [sum(1 for i in chosen if start <= i < stop) for start, stop in band_bounds(480)]
    assert per_band == [10, 10, 10, 9, 9]


@given(size=st.integers(0, 600), percent=st.integers(0, 50), seed=st.integers(1, 2**31))
def test_the_draw_is_balanced_across_bands_for_any_list(size: int, percent: int, seed: int) -> None:
    ranked = list(range(size))
    wanted = control_size(size, percent)
    chosen = draw_control(ranked, wanted, seed)
    assert len(chosen) == wanted
    for start, stop in band_bounds(size) if size else ():
        exact = wanted * (stop - start) / size
        assert abs(sum(1 for i in chosen if start <= i < stop) - exact) < 1


def test_a_top_up_keeps_the_share_of_the_whole_list() -> None:
    assert top_up_control_size(before=95, in_control=10, added=25, percent=10) == 2
    assert top_up_control_size(before=100, in_control=10, added=4, percent=10) == 0
    assert top_up_control_size(before=100, in_control=10, added=5, percent=10) == 1
    assert top_up_control_size(before=100, in_control=0, added=10, percent=0) == 0
