"""Rank a renewal list by what calls changed in this association, or by the fixed weights.

:func:`learned_model` fits :mod:`member_reach.domain.uplift_model` on the history
(:mod:`.ranking_history`); while it is too small the list keeps the fixed weights of
:mod:`member_reach.domain.scoring`, and :func:`explain_ranking` says why. With a model, each
person's priority is the extra renewals per 100 calls the model expects for people like them,
and their reason names the evidence ("Renews by 14 Jan · first-year members here renewed 41%
after a call, 18% without · attended Expo 2025").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.scoring import Candidate, Ranked, due_words, rank, sentence
from member_reach.domain.uplift_evidence import FactorRow, evidence_words, factor_rows
from member_reach.domain.uplift_model import (
    MIN_CALLED,
    MIN_UNCALLED,
    Profile,
    UpliftModel,
    fit_uplift,
    profile_on,
)
from member_reach.services.campaigns.ranking_history import (
    PERIOD_DAYS,
    history_records,
    history_start,
)
from member_reach.store.bulk import chunks
from member_reach.store.models import Attendance, Event

#: Fixed-weight factors kept after the evidence, for the caller's conversation.
CONTEXT_SHOWN: Final = 1
#: Fixed-weight labels about tenure: the evidence speaks for it.
_TENURE_WORDS: Final = ("first-year member", "-year member")


def learned_model(session: Session, today: dt.date) -> UpliftModel:
    """The model fitted on this association's history (``ready`` False while too small)."""
    return fit_uplift(history_records(session, today))


def event_days(session: Session, person_ids: Sequence[int]) -> dict[int, tuple[dt.date, ...]]:
    """Per person, the days of the events they came to, the earliest first."""
    found: dict[int, list[dt.date]] = {}
    for chunk in chunks(person_ids):
        rows = session.connection().execute(
            select(Attendance.person_id, Event.starts_on)
            .join(Event, Event.id == Attendance.event_id)
            .where(
                Attendance.person_id.in_(chunk),
                Attendance.attended.is_(True),
                Event.starts_on.is_not(None),
            )
            .order_by(Attendance.person_id, Event.starts_on)
        )
        for person_id, day in rows:
            if day is not None:  # selected so; the type does not say it
                found.setdefault(person_id, []).append(day)
    return {person_id: tuple(days) for person_id, days in found.items()}


def profile_of(candidate: Candidate, events: Sequence[dt.date], today: dt.date) -> Profile:
    """The cell of the model a candidate on today's list falls in.

    Tenure and events are taken at the expiry, as the history takes them (today when the
    expiry is unknown): a member in grace who came to an event since their expiry is judged by
    the events before it, as the history judged members like them. In grace: past it today.
    """
    on = candidate.expiry or today
    in_grace = candidate.expiry is not None and candidate.expiry < today
    return profile_on(
        on,
        first_term=candidate.first_term,
        join=candidate.join_date,
        last_event=max((day for day in events if day <= on), default=None),
        has_email=candidate.has_email,
        in_grace=in_grace and not candidate.win_back,
    )


def rank_member(
    model: UpliftModel,
    candidate: Candidate,
    events: Sequence[dt.date],
    today: dt.date,
    window: tuple[dt.date, dt.date],
) -> Ranked:
    """Score one candidate by the learned model, or by the fixed weights while it is not ready.

    The learned priority is the extra renewals per 100 calls the model expects.
    """
    fixed = rank(candidate, today, window)
    if not model.ready:
        return fixed
    profile = profile_of(candidate, events, today)
    context = [
        label
        for _, label in sorted(fixed.factors, key=lambda f: -f[0])
        if label and not label.endswith(_TENURE_WORDS)
    ]
    words = [due_words(candidate, today), evidence_words(model, profile)]
    words += context[:CONTEXT_SHOWN]
    return Ranked(round(100 * model.uplift(profile), 2), sentence(words), fixed.factors)


@dataclass(frozen=True)
class RankingExplanation:
    """What the "Why this order" view shows.

    Attributes:
        model: the fitted model (``ready`` False: the fixed weights are in use).
        factors: each segment's counts, the largest difference after a call first.
        history_from: the first expiry counted (None: no roster seen yet).
        period_days: days after expiry within which a renewal counts.
        needed: the called and not-called due members the model needs.
    """

    model: UpliftModel
    factors: list[FactorRow] = field(default_factory=list)
    history_from: dt.date | None = None
    period_days: int = PERIOD_DAYS
    needed: tuple[int, int] = (MIN_CALLED, MIN_UNCALLED)


def explain_ranking(session: Session, today: dt.date) -> RankingExplanation:
    """How renewal lists are ranked today, and the counts behind it."""
    model = learned_model(session, today)
    return RankingExplanation(model, factor_rows(model), history_start(session, today))
