"""The evidence behind a learned order, in words the director can check against the counts.

Each person's reason names the one of their segments whose renewals with and without a call
differ most from the association's overall difference ("first-year members here renewed 41%
after a call, 18% without"): the fact about them that moved them up or down the list. The
"Why this order" view lists every segment's counts (:func:`factor_rows`), largest difference
first, so the sentence can be checked against the figures it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from member_reach.domain.segments import SEGMENT_LABELS
from member_reach.domain.uplift_model import Profile, Tally, UpliftModel

#: A segment is named in a reason only with at least this many members on each side.
MIN_SIDE: Final = 20


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def rates_sentence(label: str, tally: Tally) -> str:
    """A segment's rates in words: "first-year members here renewed 41% after a call, 18% …"."""
    return (
        f"{label} here renewed {_percent(tally.called_renewed, tally.called)} after a call, "
        f"{_percent(tally.uncalled_renewed, tally.uncalled)} without"
    )


def _difference(tally: Tally) -> float:
    rates = tally.rates()
    return 0.0 if rates is None else rates[0] - rates[1]


def evidence_words(model: UpliftModel, profile: Profile) -> str:
    """The evidence for one member's place on the list, in one clause.

    The member's segment with enough data on both sides whose difference (after a call minus
    without) lies furthest from the overall difference; the overall figures when none has.
    """
    overall = _difference(model.overall)
    best: tuple[float, str] | None = None
    for key in profile.segments():
        tally = model.segments.get(key, Tally())
        if tally.called < MIN_SIDE or tally.uncalled < MIN_SIDE:
            continue
        distance = abs(_difference(tally) - overall)
        if best is None or distance > best[0]:
            best = (distance, key)
    if best is None:
        if not model.overall.called or not model.overall.uncalled:
            return ""
        return rates_sentence("members", model.overall)
    return rates_sentence(SEGMENT_LABELS[best[1]], model.segments[best[1]])


@dataclass(frozen=True)
class FactorRow:
    """One segment's counts for the "Why this order" view.

    Attributes:
        key: the segment key (:data:`member_reach.domain.segments.SEGMENT_LABELS`).
        tally: its members, calls and renewals with and without a call.
        difference: renewal rate after a call minus without (None while a side is empty).
        extra_per_100: the model's extra renewals per 100 calls to the segment's members in
            the history, on average (None while the model is not ready).
    """

    key: str
    tally: Tally
    difference: float | None
    extra_per_100: float | None


def _segment_uplift(model: UpliftModel, key: str) -> float | None:
    """The model's uplift for the segment's members in the history, on average."""
    if not model.ready:
        return None
    kept = {p: n for p, n in model.members.items() if key in p.segments()}
    total = sum(kept.values())
    return sum(model.uplift(p) * n for p, n in kept.items()) / total if total else None


def factor_rows(model: UpliftModel) -> list[FactorRow]:
    """Every segment seen in the history, the largest difference after a call first."""
    rows = []
    for key in SEGMENT_LABELS:
        tally = model.segments.get(key)
        if tally is None or not tally.members:
            continue
        rates = tally.rates()
        uplift = _segment_uplift(model, key)
        rows.append(
            FactorRow(
                key,
                tally,
                None if rates is None else rates[0] - rates[1],
                None if uplift is None else round(100 * uplift, 1),
            )
        )
    rows.sort(key=lambda r: -(r.difference if r.difference is not None else -2.0))
    return rows
