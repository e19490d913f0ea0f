"""The association's own history of renewals with and without a call, for the learned ranking.

One :class:`~member_reach.domain.uplift_model.HistoryRecord` per membership that came due (its
expiry) between the start of the history and :data:`PERIOD_DAYS` before today, so every
result is known:

- **renewed**: a roster import detected a renewal of that expiry within :data:`PERIOD_DAYS`
  after it, or a call to the member logged a success ("Renewed on the call");
- **not renewed**: the membership still ends on that day (nothing moved it), or it was renewed
  only later;
- **called**: the member was on a renewal list made around that expiry (from
  :data:`LIST_LEAD_DAYS` before it to :data:`PERIOD_DAYS` after) and a call to them was
  logged; **answered**: one of those calls was a conversation. Members due but on no list, and
  members on a list never called, and a campaign's control group (kept uncalled on purpose),
  are the "without a call" side;
- the member's segments at the time: tenure at the expiry, an event attended in the two years
  before it, no e-mail on file (as today: addresses have no history), and in grace when the
  list was made after the expiry.

The history starts when the app began watching the roster (its first import or detected
renewal), at most :data:`HISTORY_YEARS` years back: expiries before that would count as not
renewed only because nobody saw their renewal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.status import PeriodKind
from member_reach.domain.terms import add_months
from member_reach.domain.uplift_model import HistoryRecord, Profile, profile_on
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    Event,
    ImportBatch,
    Membership,
    MembershipType,
    OutcomeCode,
)

#: Days after an expiry within which a renewal counts (issue 18: the period after expiry).
PERIOD_DAYS: Final = 60
#: A renewal list made this many days before an expiry (or up to PERIOD_DAYS after) covers it.
LIST_LEAD_DAYS: Final = 120
#: How far back the history reaches.
HISTORY_YEARS: Final = 3


@dataclass(frozen=True)
class _Call:
    """One member's task on a renewal list, and what its calls achieved."""

    listed_on: dt.date
    called: bool
    answered: bool
    success: bool
    control: bool  # kept uncalled on purpose (the campaign's control group)


def history_start(session: Session, today: dt.date) -> dt.date | None:
    """The first expiry the history counts, or None while the app has seen no roster."""
    first_import = session.scalar(
        select(func.min(ImportBatch.started_at)).where(
            ImportBatch.kind == "roster", ImportBatch.undone_at.is_(None)
        )
    )
    first_renewal = session.scalar(select(func.min(DetectedRenewal.detected_on)))
    seen = [d for d in (first_import and first_import.date(), first_renewal) if d is not None]
    if not seen:
        return None
    return max(min(seen), add_months(today, -12 * HISTORY_YEARS))


def _expiries(session: Session, start: dt.date, last: dt.date) -> dict[tuple[int, dt.date], bool]:
    """Every (person, expiry) due between ``start`` and ``last``: renewed within the period?"""
    found: dict[tuple[int, dt.date], bool] = {}
    connection = session.connection()
    renewals = select(
        DetectedRenewal.person_id, DetectedRenewal.old_term_end, DetectedRenewal.detected_on
    ).where(DetectedRenewal.old_term_end.between(start, last))
    for person_id, expiry, detected in connection.execute(renewals):
        assert expiry is not None  # selected by its range
        in_time = detected <= expiry + dt.timedelta(days=PERIOD_DAYS)
        found[(person_id, expiry)] = found.get((person_id, expiry), False) or in_time
    still_ending = (
        select(Membership.person_id, Membership.term_end)
        .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        .where(
            Membership.term_end.between(start, last),
            or_(
                MembershipType.period_kind.is_(None),
                MembershipType.period_kind != PeriodKind.LIFETIME,
            ),
        )
    )
    for person_id, expiry in connection.execute(still_ending):
        assert expiry is not None  # selected by its range
        found.setdefault((person_id, expiry), False)
    return found


def _calls(session: Session, start: dt.date, last: dt.date) -> dict[int, list[_Call]]:
    """Per person, their tasks on renewal lists made around the history's expiries."""
    answered = func.max(case((OutcomeCode.answered.is_(True), 1), else_=0))
    success = func.max(case((OutcomeCode.category == "success", 1), else_=0))
    statement = (
        select(
            CallTask.id,
            CallTask.person_id,
            CallTask.created_at,
            CallTask.in_control,
            func.count(CallLog.id),
            answered,
            success,
        )
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .outerjoin(CallLog, CallLog.task_id == CallTask.id)
        .outerjoin(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(
            Campaign.kind == "renewal",
            CallTask.created_at
            >= dt.datetime.combine(start, dt.time()) - dt.timedelta(days=LIST_LEAD_DAYS),
            CallTask.created_at
            < dt.datetime.combine(last, dt.time()) + dt.timedelta(days=PERIOD_DAYS + 1),
        )
        .group_by(CallTask.id, CallTask.person_id, CallTask.created_at, CallTask.in_control)
    )
    found: dict[int, list[_Call]] = defaultdict(list)
    rows = session.connection().execute(statement)
    for _task_id, person_id, created, control, logs, spoke, renewed in rows:
        called = bool(logs) and not control
        found[person_id].append(
            _Call(created.date(), called, called and bool(spoke), bool(renewed), control)
        )
    return found


@dataclass(frozen=True)
class _Person:
    """What decides a member's segments, as the database holds it now."""

    join_date: dt.date | None
    term_months: int
    has_email: bool
    events: tuple[dt.date, ...]  # the days of the events they came to


def _people(session: Session, ids: set[int]) -> dict[int, _Person]:
    connection = session.connection()
    emails = set(connection.execute(select(EmailAddress.person_id).distinct()).scalars())
    events: dict[int, list[dt.date]] = defaultdict(list)
    attended = (
        select(Attendance.person_id, Event.starts_on)
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.attended.is_(True), Event.starts_on.is_not(None))
    )
    for person_id, day in connection.execute(attended):
        if day is not None:  # selected so; the column may hold none
            events[person_id].append(day)
    members = select(Membership.person_id, Membership.join_date, MembershipType.term_months)
    members = members.outerjoin(MembershipType, MembershipType.id == Membership.type_id)
    return {
        person_id: _Person(join, months or 12, person_id in emails, tuple(events[person_id]))
        for person_id, join, months in connection.execute(members)
        if person_id in ids
    }


def _profile(person: _Person, expiry: dt.date, in_grace: bool) -> Profile:
    """The member's segments when ``expiry`` came due."""
    join = person.join_date
    before = [day for day in person.events if day <= expiry]
    return profile_on(
        expiry,
        first_term=join is not None and join > add_months(expiry, -person.term_months),
        join=join,
        last_event=max(before, default=None),
        has_email=person.has_email,
        in_grace=in_grace,
    )


def _call_for(calls: list[_Call], expiry: dt.date) -> _Call | None:
    """The member's list around ``expiry`` (a called one first), if any."""
    near = [
        c
        for c in calls
        if expiry - dt.timedelta(days=LIST_LEAD_DAYS)
        <= c.listed_on
        <= expiry + dt.timedelta(days=PERIOD_DAYS)
    ]
    near.sort(key=lambda c: (not c.called, c.listed_on))
    return near[0] if near else None


def history_records(session: Session, today: dt.date) -> list[HistoryRecord]:
    """One record per membership that came due in the history (see the module docstring)."""
    start = history_start(session, today)
    last = today - dt.timedelta(days=PERIOD_DAYS)
    if start is None or start > last:
        return []
    expiries = _expiries(session, start, last)
    calls = _calls(session, start, last)
    people = _people(session, {person_id for person_id, _ in expiries})
    records = []
    for (person_id, expiry), renewed in sorted(expiries.items()):
        person = people.get(person_id)
        if person is None:
            continue
        call = _call_for(calls.get(person_id, []), expiry)
        in_grace = call is not None and call.listed_on > expiry
        called = call is not None and call.called
        answered = call is not None and call.answered
        success = call is not None and call.success
        profile = _profile(person, expiry, in_grace)
        records.append(HistoryRecord(profile, called, answered, renewed or success))
    return records
