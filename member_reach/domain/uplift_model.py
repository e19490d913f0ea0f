"""Who the call helps most: a small model of renewal with and without a call, learned here.

From the association's own history (one :class:`HistoryRecord` per member who came due: their
segments then, whether they were called, and whether they renewed within the period after
their expiry) it fits each member's chance to renew **if called** and **if not called**; the
ranking calls first those for whom the difference is largest. A ranking by the chance to renew
alone would call the veterans first, who renew anyway.

The model is a logistic regression on the segments of :mod:`member_reach.domain.segments` (tenure
segment, event-goer, no e-mail, in grace), each also crossed with "called", fitted by Newton's
method on the at most 48 cells the records fall in (plain Python: no numerical library, for the
installer's size). A small ridge penalty keeps a cell nobody was in from giving a wild figure.

While the history is too small (fewer than :data:`MIN_CALLED` called and :data:`MIN_UNCALLED`
not called due members with a known result), :attr:`UpliftModel.ready` is False and lists
keep the fixed weights of :mod:`member_reach.domain.scoring`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from member_reach.domain.segments import (
    EVENT_GOER,
    FIRST_YEAR,
    IN_GRACE,
    LONG_TENURE,
    NO_EMAIL,
    TENURE_1_5,
    SegmentFacts,
    completed_years,
    recent_event,
    tenure_segment,
)

#: Called due members with a known result needed before the history is learned from.
MIN_CALLED: Final = 400
#: Due members not called (not on a list, or on one and never reached) needed likewise.
MIN_UNCALLED: Final = 400
#: The ridge penalty on every coefficient but the intercept (a prior of "no effect").
RIDGE: Final = 1.0
_ITERATIONS: Final = 50
_TOLERANCE: Final = 1e-9


@dataclass(frozen=True)
class Profile:
    """The segments of one member when their renewal came due (the cell they count in).

    Attributes:
        tenure: FIRST_YEAR, TENURE_1_5 or LONG_TENURE.
        event_goer: came to an event in the two years before.
        no_email: no e-mail address on file.
        in_grace: already past expiry when the list was made.
    """

    tenure: str = FIRST_YEAR
    event_goer: bool = False
    no_email: bool = False
    in_grace: bool = False

    def segments(self) -> tuple[str, ...]:
        """The segment keys the member is in (tenure first)."""
        flags = ((EVENT_GOER, self.event_goer), (NO_EMAIL, self.no_email))
        return (self.tenure, *(key for key, on in (*flags, (IN_GRACE, self.in_grace)) if on))


def profile_on(
    on: dt.date,
    *,
    first_term: bool,
    join: dt.date | None,
    last_event: dt.date | None,
    has_email: bool,
    in_grace: bool,
) -> Profile:
    """A member's profile when their renewal comes due on ``on`` (tenure, events then)."""
    facts = SegmentFacts(first_term, completed_years(join, on), last_event, has_email)
    return Profile(tenure_segment(facts), recent_event(last_event, on), not has_email, in_grace)


@dataclass(frozen=True)
class HistoryRecord:
    """One member who came due, and what happened.

    Attributes:
        profile: their segments then.
        called: a call was logged to them (an answered one or not).
        answered: one of those calls was a conversation.
        renewed: they renewed within the period after their expiry.
    """

    profile: Profile
    called: bool
    answered: bool
    renewed: bool


def _features(profile: Profile, called: bool) -> tuple[float, ...]:
    """The model's inputs: the segments, and each of them again when called."""
    base = (
        float(profile.tenure == TENURE_1_5),
        float(profile.tenure == LONG_TENURE),
        float(profile.event_goer),
        float(profile.no_email),
        float(profile.in_grace),
    )
    c = float(called)
    return (1.0, *base, c, *(c * value for value in base))


FEATURES: Final = len(_features(Profile(), False))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix · x = vector`` by Gaussian elimination with partial pivoting."""
    n = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        for r in range(col + 1, n):
            factor = rows[r][col] / lead
            if factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (rows[i][n] - sum(rows[i][j] * x[j] for j in range(i + 1, n))) / rows[i][i]
    return x


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


Cells = dict[tuple[Profile, bool], tuple[int, int]]


def _newton_step(cells: Cells, beta: list[float]) -> list[float]:
    """One Newton step of the penalised log-likelihood; returns the change to ``beta``."""
    gradient = [-RIDGE * b if i else 0.0 for i, b in enumerate(beta)]
    hessian = [[0.0] * FEATURES for _ in range(FEATURES)]
    for i in range(1, FEATURES):
        hessian[i][i] = RIDGE
    for (profile, called), (n, renewed) in cells.items():
        x = _features(profile, called)
        p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
        weight = n * p * (1.0 - p)
        for i, xi in enumerate(x):
            if not xi:
                continue
            gradient[i] += (renewed - n * p) * xi
            for j, xj in enumerate(x):
                hessian[i][j] += weight * xi * xj
    return _solve(hessian, gradient)


def fit_coefficients(cells: Cells) -> tuple[float, ...]:
    """The penalised maximum-likelihood coefficients for the cells' counts (n, renewed)."""
    beta = [0.0] * FEATURES
    for _ in range(_ITERATIONS):
        step = _newton_step(cells, beta)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < _TOLERANCE:
            break
    return tuple(beta)


@dataclass(frozen=True)
class Tally:
    """Members of a segment who came due: how many, and how many renewed, per side.

    Attributes:
        called, called_renewed: those called, and those of them who renewed.
        uncalled, uncalled_renewed: those not called, and those of them who renewed.
        answered: those called who answered (a conversation).
    """

    called: int = 0
    called_renewed: int = 0
    uncalled: int = 0
    uncalled_renewed: int = 0
    answered: int = 0

    def add(self, record: HistoryRecord) -> Tally:
        """This tally with one more record."""
        renewed = int(record.renewed)
        if record.called:
            return Tally(
                self.called + 1,
                self.called_renewed + renewed,
                self.uncalled,
                self.uncalled_renewed,
                self.answered + int(record.answered),
            )
        return Tally(
            self.called,
            self.called_renewed,
            self.uncalled + 1,
            self.uncalled_renewed + renewed,
            self.answered,
        )

    @property
    def members(self) -> int:
        """Members counted, called or not."""
        return self.called + self.uncalled

    def rates(self) -> tuple[float, float] | None:
        """The renewal rate after a call and without one (None while a side is empty)."""
        if not self.called or not self.uncalled:
            return None
        return self.called_renewed / self.called, self.uncalled_renewed / self.uncalled


@dataclass(frozen=True)
class UpliftModel:
    """The fitted model, the counts behind it, and whether it is used.

    Attributes:
        ready: the history is large enough; lists are ranked by :meth:`uplift`.
        overall: all records' tally.
        segments: a tally per segment key (the factors the "Why this order" view lists).
        coefficients: the fitted coefficients (empty while not ready).
        members: how many members of each profile the history holds, called or not.
    """

    ready: bool
    overall: Tally
    segments: dict[str, Tally] = field(default_factory=dict)
    coefficients: tuple[float, ...] = ()
    members: dict[Profile, int] = field(default_factory=dict)

    def chance(self, profile: Profile, called: bool) -> float:
        """The chance that a member of this profile renews, called or not."""
        x = _features(profile, called)
        return _sigmoid(sum(b * v for b, v in zip(self.coefficients, x, strict=True)))

    def uplift(self, profile: Profile) -> float:
        """How much a call raises the chance to renew (the ranking's score)."""
        return self.chance(profile, True) - self.chance(profile, False)


def tally_records(records: Iterable[HistoryRecord]) -> tuple[Tally, dict[str, Tally], Cells]:
    """The overall tally, one per segment, and the model's cells (n, renewed)."""
    overall = Tally()
    segments: dict[str, Tally] = {}
    n: Counter[tuple[Profile, bool]] = Counter()
    renewed: Counter[tuple[Profile, bool]] = Counter()
    for record in records:
        overall = overall.add(record)
        for key in record.profile.segments():
            segments[key] = segments.get(key, Tally()).add(record)
        cell = (record.profile, record.called)
        n[cell] += 1
        renewed[cell] += int(record.renewed)
    return overall, segments, {cell: (count, renewed[cell]) for cell, count in n.items()}


def fit_uplift(records: Iterable[HistoryRecord]) -> UpliftModel:
    """Learn from the history, or say it is too small (``ready`` False, no coefficients)."""
    overall, segments, cells = tally_records(records)
    members: Counter[Profile] = Counter()
    for (profile, _called), (n, _renewed) in cells.items():
        members[profile] += n
    if overall.called < MIN_CALLED or overall.uncalled < MIN_UNCALLED:
        return UpliftModel(False, overall, segments, members=dict(members))
    return UpliftModel(True, overall, segments, fit_coefficients(cells), dict(members))
