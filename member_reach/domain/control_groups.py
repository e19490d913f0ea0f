"""Drawing a campaign's control group: members kept uncalled to measure what the calls change.

The draw is random within priority bands (the ranked list cut into fifths), so the control
group matches the called group from the top of the list to its bottom: a control taken only
from the bottom would renew less for reasons that have nothing to do with the calls. It is made
from a seed recorded with the campaign, so the same list and seed always give the same group
(anyone can make it again and check it).

How many: the share of the list, rounded; each band gets its share of them by largest remainder
(so the bands differ from the exact share by less than one member). A top-up keeps the share of
the whole list: it draws what brings the campaign's control back to its share.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Final

#: Priority bands the ranked list is cut into (fifths).
BANDS: Final = 5
#: The share suggested to a director who keeps a control group.
SUGGESTED_PERCENT: Final = 10
#: The largest share the app lets a director keep uncalled.
MAX_PERCENT: Final = 50


def control_size(list_size: int, percent: int) -> int:
    """How many of ``list_size`` members a control of ``percent`` keeps uncalled (rounded)."""
    if percent <= 0 or list_size <= 0:
        return 0
    return min(list_size, int(list_size * percent / 100 + 0.5))


def band_bounds(size: int, bands: int = BANDS) -> list[tuple[int, int]]:
    """The (start, stop) positions of each band of a ranked list of ``size`` (near-equal)."""
    count = max(1, min(bands, size))
    return [(size * b // count, size * (b + 1) // count) for b in range(count)]


def _per_band(bounds: Sequence[tuple[int, int]], size: int, wanted: int) -> list[int]:
    """Split ``wanted`` over the bands in proportion to their sizes (largest remainder)."""
    if size == 0:
        return [0 for _ in bounds]
    exact = [wanted * (stop - start) / size for start, stop in bounds]
    counts = [int(e) for e in exact]
    by_remainder = sorted(range(len(bounds)), key=lambda b: (-(exact[b] - counts[b]), b))
    for band in by_remainder[: wanted - sum(counts)]:
        counts[band] += 1
    return counts


def draw_control(ranked: Sequence[int], wanted: int, seed: int, salt: int = 0) -> frozenset[int]:
    """Who of ``ranked`` (ids, best first) the control keeps uncalled: ``wanted`` of them.

    Args:
        ranked: the list's ids in its order (the highest priority first).
        wanted: how many to keep uncalled (:func:`control_size`).
        seed: the campaign's recorded seed.
        salt: 0 for the list as built; a top-up passes the list's size before it, so each
            top-up's draw is its own and still made again from the seed.
    """
    wanted = max(0, min(wanted, len(ranked)))
    if wanted == 0:
        return frozenset()
    rng = random.Random(f"{seed}:{salt}")
    bounds = band_bounds(len(ranked))
    chosen: set[int] = set()
    for (start, stop), count in zip(bounds, _per_band(bounds, len(ranked), wanted), strict=True):
        chosen.update(rng.sample(list(ranked[start:stop]), count))
    return frozenset(chosen)


def top_up_control_size(before: int, in_control: int, added: int, percent: int) -> int:
    """How many of ``added`` people a top-up keeps uncalled to keep the share of the whole list.

    Args:
        before: the list's size before the top-up.
        in_control: of them, those in the control group.
        added: the people the top-up adds.
        percent: the campaign's control share.
    """
    target = control_size(before + added, percent) - in_control
    return max(0, min(added, target))


def new_seed() -> int:
    """A fresh seed for a campaign's draw (recorded with it)."""
    return random.SystemRandom().randrange(1, 2**31 - 1)


__all__ = [
    "BANDS",
    "MAX_PERCENT",
    "SUGGESTED_PERCENT",
    "band_bounds",
    "control_size",
    "draw_control",
    "new_seed",
    "top_up_control_size",
]
