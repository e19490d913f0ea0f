"""Did the calls work? The called group's renewal rate against the control group's.

The difference of two independent proportions gets a 95% confidence interval by Newcombe's
hybrid score method ("method 10" of R. G. Newcombe, *Interval estimation for the difference
between independent proportions: comparison of eleven methods*, Statistics in Medicine 17
(1998) 873–890), built on each group's Wilson score interval (E. B. Wilson, JASA 22 (1927)
209–212). With p1 = x1/n1 (called), p2 = x2/n2 (control), (l1, u1) and (l2, u2) their Wilson
intervals and d = p1 − p2::

    lower = d − sqrt((p1 − l1)² + (u2 − p2)²)
    upper = d + sqrt((u1 − p1)² + (p2 − l2)²)

It keeps within [−1, 1], behaves with 0 or all renewed and with small groups, and needs only
the normal quantile (``statistics.NormalDist``): no statistics library in the installer.

The called group is every list member outside the control, called or not ("intention to
treat"): members the callers never reached count too, so the difference measures what putting
a member on the list did, not what an answered call did among those who answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist
from typing import Final, Literal

#: Members of each group whose period has ended before the comparison says anything.
MIN_ENDED: Final = 10

Verdict = Literal["too_early", "calls_helped", "no_clear_difference", "control_did_better"]


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``total`` (``(0, 1)`` when total is 0)."""
    if total <= 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


def newcombe_interval(
    x1: int, n1: int, x2: int, n2: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for x1/n1 − x2/n2 (see the module docstring).

    Raises:
        ValueError: a group is empty, or has more successes than members.
    """
    if n1 <= 0 or n2 <= 0 or not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise ValueError("each group needs members, and no more renewals than members")
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, confidence)
    l2, u2 = wilson_interval(x2, n2, confidence)
    d = p1 - p2
    lower = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return max(-1.0, lower), min(1.0, upper)


@dataclass(frozen=True)
class GroupCount:
    """One group's members, those whose period has ended, and of those, the renewed."""

    members: int
    ended: int
    renewed: int

    @property
    def rate(self) -> float | None:
        """Renewed / ended, None before any period has ended."""
        return self.renewed / self.ended if self.ended else None


@dataclass(frozen=True)
class Comparison:
    """The called group against the control (periods ended only), and what it means.

    Attributes:
        difference, low, high: called rate − control rate and its 95% interval (None while
            either group has no ended period).
        extra_renewals, extra_low, extra_high: the difference × the called group's size: the
            renewals the calls added, with the interval's ends likewise.
        extra_dues: extra_renewals × the called members' mean dues (None without dues).
        verdict: too early, the calls helped, no clear difference, or the control did better.
    """

    called: GroupCount
    control: GroupCount
    difference: float | None
    low: float | None
    high: float | None
    extra_renewals: float | None
    extra_low: float | None
    extra_high: float | None
    extra_dues: Decimal | None
    verdict: Verdict


def compare(called: GroupCount, control: GroupCount, mean_dues: Decimal | None) -> Comparison:
    """Compare the groups (see :class:`Comparison`)."""
    if not called.ended or not control.ended:
        return Comparison(called, control, None, None, None, None, None, None, None, "too_early")
    d = called.renewed / called.ended - control.renewed / control.ended
    low, high = newcombe_interval(called.renewed, called.ended, control.renewed, control.ended)
    size = called.members
    extra = d * size
    dues = (
        None
        if mean_dues is None
        else (mean_dues * Decimal(str(round(extra, 4)))).quantize(Decimal("0.01"))
    )
    verdict: Verdict
    if min(called.ended, control.ended) < MIN_ENDED:
        verdict = "too_early"
    elif low > 0:
        verdict = "calls_helped"
    elif high < 0:
        verdict = "control_did_better"
    else:
        verdict = "no_clear_difference"
    return Comparison(called, control, d, low, high, extra, low * size, high * size, dues, verdict)


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def verdict_words(comparison: Comparison) -> str:
    """The comparison in one sentence, as the director reads it (for files and the command line).

    "Too early to tell: 12 of 48 control members' periods have ended.", "The calls added 9
    renewals (95% CI 2 to 16).", "No clear difference yet: the interval includes zero."
    """
    c = comparison
    if c.verdict == "too_early" or c.extra_renewals is None:
        return (
            f"Too early to tell: {c.control.ended:,} of {c.control.members:,} control members' "
            f"periods have ended (at least {MIN_ENDED} in each group are needed)."
        )
    extra, low, high = round(c.extra_renewals), round(c.extra_low or 0), round(c.extra_high or 0)
    if c.verdict == "calls_helped":
        return f"The calls added {_n(extra, 'renewal')} (95% CI {low:,} to {high:,})."
    if c.verdict == "control_did_better":
        return (
            f"The control group renewed more: {_n(-extra, 'renewal')} fewer among those "
            f"called (95% CI {-high:,} to {-low:,}); look at what the calls say."
        )
    return (
        f"No clear difference yet: the interval ({low:,} to {high:,} renewals) includes zero; "
        "more members' periods ending will tell."
    )


__all__ = [
    "MIN_ENDED",
    "Comparison",
    "GroupCount",
    "Verdict",
    "compare",
    "newcombe_interval",
    "verdict_words",
    "wilson_interval",
]
