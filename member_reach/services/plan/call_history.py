"""The past year's calls: the association's rates, and which conversations paid, by segment.

A call is a call logged in the 365 days up to today; a conversation, a call whose outcome counts
as one (answered); a success, a call whose outcome is in the success category. The segments are
:mod:`member_reach.domain.segments`'s, taken on the day of the call: tenure from the join date,
an event attended in the two years before, e-mail on file, and in grace or lapsed by the expiry
the member had then (the one a later renewal moved on, else today's). Conversations with people
who never held a membership (prospects) belong to no segment.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.call_plan import History, SegmentRate
from member_reach.domain.segments import SEGMENT_LABELS, SegmentFacts, segments_of
from member_reach.services.campaigns.learned_ranking import event_days
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    CallLog,
    CallTask,
    DetectedRenewal,
    EmailAddress,
    Membership,
    MembershipType,
    OutcomeCode,
)

#: The days of history the rates and the segments are read from.
YEAR_DAYS = 365


def _year(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(today - dt.timedelta(days=YEAR_DAYS - 1), dt.time())
    return start, dt.datetime.combine(today + dt.timedelta(days=1), dt.time())


def call_history(session: Session, today: dt.date) -> History:
    """The calls, conversations and successes logged in the past year."""
    start, end = _year(today)
    rows = session.connection().execute(
        select(OutcomeCode.answered, OutcomeCode.category, func.count(CallLog.id))
        .select_from(CallLog)
        .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id, isouter=True)
        .where(CallLog.called_at >= start, CallLog.called_at < end)
        .group_by(OutcomeCode.answered, OutcomeCode.category)
    )
    calls = conversations = successes = 0
    for answered, category, count in rows:
        calls += count
        conversations += count if answered else 0
        successes += count if category == "success" else 0
    return History(calls, conversations, successes)


def _renewals_by_person(
    session: Session, ids: Sequence[int]
) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """Per person, each renewal detected: (the day, the expiry before it), the earliest first."""
    found: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for chunk in chunks(ids):
        rows = session.connection().execute(
            select(
                DetectedRenewal.person_id, DetectedRenewal.detected_on, DetectedRenewal.old_term_end
            )
            .where(DetectedRenewal.person_id.in_(chunk), DetectedRenewal.old_term_end.is_not(None))
            .order_by(DetectedRenewal.detected_on)
        )
        for person_id, day, old in rows:
            if old is not None:
                found[person_id].append((day, old))
    return found


def _with_email(session: Session, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(ids):
        found.update(
            session.connection()
            .execute(select(EmailAddress.person_id).where(EmailAddress.person_id.in_(chunk)))
            .scalars()
        )
    return found


def segment_rates(session: Session, today: dt.date) -> list[SegmentRate]:
    """The past year's conversations and successes per segment, every segment listed."""
    start, end = _year(today)
    grace = load_settings(session).grace_days
    conversations = (
        session.connection()
        .execute(
            select(
                CallTask.person_id,
                CallLog.called_at,
                OutcomeCode.category,
                Membership.join_date,
                Membership.term_end,
                MembershipType.grace_days,
            )
            .select_from(CallLog)
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .join(CallTask, CallTask.id == CallLog.task_id)
            .join(Membership, Membership.person_id == CallTask.person_id)
            .join(MembershipType, MembershipType.id == Membership.type_id, isouter=True)
            .where(CallLog.called_at >= start, CallLog.called_at < end, OutcomeCode.answered)
        )
        .all()
    )
    ids = sorted({row[0] for row in conversations})
    events = event_days(session, ids)
    renewals = _renewals_by_person(session, ids)
    emails = _with_email(session, ids)
    held: Counter[str] = Counter()
    paid: Counter[str] = Counter()
    for person_id, called_at, category, join_date, expiry, type_grace in conversations:
        day = called_at.date()
        then = next((old for found, old in renewals[person_id] if found >= day), expiry)
        facts = _facts(
            day,
            join_date,
            then,
            grace if type_grace is None else type_grace,
            [e for e in events.get(person_id, ()) if e <= day],
            person_id in emails,
        )
        for segment in segments_of(facts, day):
            held[segment] += 1
            paid[segment] += category == "success"
    return [SegmentRate(key, held[key], paid[key]) for key in SEGMENT_LABELS]


def _facts(
    day: dt.date,
    join_date: dt.date | None,
    expiry: dt.date | None,
    grace: int,
    events: list[dt.date],
    has_email: bool,
) -> SegmentFacts:
    """A member's segments' facts on the day of a call."""
    years = relativedelta(day, join_date).years if join_date and join_date <= day else 0
    past_expiry = expiry is not None and expiry < day
    lapsed = past_expiry and expiry is not None and day > expiry + dt.timedelta(days=grace)
    return SegmentFacts(
        first_term=join_date is not None and years < 1,
        tenure_years=years,
        last_event=max(events, default=None),
        has_email=has_email,
        in_grace=past_expiry and not lapsed,
        lapsed=lapsed,
    )
