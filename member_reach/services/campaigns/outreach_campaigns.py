"""Event outreach and prospect lists.

* **Event**: people who came to earlier editions of an event's series (or of another series),
  and have not registered for the coming one; sponsors and exhibitors first. Someone counts as
  having come when they attended, or took part as a sponsor, exhibitor or speaker.
* **Prospects**: people who are not members but came to events, and former members who lapsed
  past the grace period (at most ``lapsed_years`` ago).

Both leave out the same people every list does (see :mod:`.call_lists`), rank with
:func:`member_reach.domain.scoring.rank_outreach` and keep the ``capacity`` most important.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.remedies import Remedy
from member_reach.domain.scoring import OutreachCandidate, rank_outreach
from member_reach.services.campaigns.call_lists import (
    EXCLUSIONS,
    CandidateRow,
    Selected,
    candidate_rows,
    emails_and_ids,
    exclusion,
)
from member_reach.services.campaigns.renewal_campaign import lapsed_within, widest_grace
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    Attendance,
    Event,
    Membership,
    MembershipType,
    Person,
)

#: The extra exclusion of an event list.
ALREADY_REGISTERED: Final = "already_registered"
_ROLE_ORDER: Final = ("sponsor", "exhibitor", "speaker", "attendee")


@dataclass
class OutreachPlan:
    """An event or prospect list before it is written."""

    kind: str
    selected: list[Selected] = field(default_factory=list)
    over_capacity: list[Selected] = field(default_factory=list)
    excluded: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    event: Event | None = None
    past_events: list[str] = field(default_factory=list)

    def excluded_counts(self) -> dict[str, int]:
        """A count per exclusion reason (every reason listed, zero included)."""
        reasons = (*EXCLUSIONS, ALREADY_REGISTERED) if self.kind == "event" else EXCLUSIONS
        return {reason: len(self.excluded.get(reason, [])) for reason in reasons}


@dataclass
class _History:
    roles: set[str] = field(default_factory=set)
    events: list[str] = field(default_factory=list)


def find_event(session: Session, name: str) -> Event:
    """The event called ``name`` (ignoring case).

    Raises:
        ServiceError: there is none.
    """
    text = " ".join(name.split())
    found = session.scalar(select(Event).where(func.lower(Event.name) == text.lower()))
    if found is None:
        known = ", ".join(session.scalars(select(Event.name).order_by(Event.name)).all()) or "none"
        raise ServiceError(
            f"There is no event '{text}' (events on file: {known}); "
            "import its attendee list first.",
            remedy=Remedy.IMPORT_ATTENDEES,
        )
    return found


def _came(session: Session, event_ids: Sequence[int]) -> dict[int, _History]:
    """Per person, their roles and the events (most recent first) among ``event_ids``."""
    history: dict[int, _History] = defaultdict(_History)
    if not event_ids:
        return history
    rows = session.connection().execute(
        select(Attendance.person_id, Attendance.role, Event.name)
        .join(Event, Event.id == Attendance.event_id)
        .where(
            Attendance.event_id.in_(list(event_ids)),
            or_(Attendance.attended.is_(True), Attendance.role != "attendee"),
        )
        .order_by(Event.starts_on.desc().nulls_last(), Event.id.desc())
    )
    for person_id, role, event_name in rows:
        entry = history[person_id]
        entry.roles.add(role)
        if event_name not in entry.events:
            entry.events.append(event_name)
    return history


def _past_events(session: Session, event: Event, past_series: str | None) -> list[Event]:
    series = past_series or event.series
    if not series:
        raise ServiceError(
            f"{event.name} belongs to no series, so it has no earlier editions to call from: "
            "name the series whose past editions count.",
            remedy=Remedy.NAME_PAST_SERIES,
        )
    if event.starts_on is None:
        raise ServiceError(
            f"{event.name} has no date, so which editions of its series came before it cannot "
            "be told: name the earlier editions that count.",
            remedy=Remedy.NAME_PAST_EVENTS,
        )
    statement = select(Event).where(
        func.lower(Event.series) == series.lower(),
        Event.id != event.id,
        or_(Event.starts_on.is_(None), Event.starts_on < event.starts_on),
    )
    past = list(session.scalars(statement.order_by(Event.starts_on.desc().nulls_last())))
    if not past:
        raise ServiceError(f"No earlier edition of the series '{series}' is on file.")
    return past


def _registered(session: Session, event: Event) -> set[int]:
    return set(
        session.connection()
        .execute(select(Attendance.person_id).where(Attendance.event_id == event.id))
        .scalars()
    )


def _cut(plan: OutreachPlan, ranked: list[Selected], capacity: int | None) -> None:
    ranked.sort(key=lambda s: (-s.priority, s.person_id))
    cut = len(ranked) if capacity is None else capacity
    plan.selected, plan.over_capacity = ranked[:cut], ranked[cut:]


def _rank(
    session: Session,
    rows: Sequence[CandidateRow],
    history: dict[int, _History],
    today: dt.date,
    grace: int,
) -> list[Selected]:
    ids = [r.person_id for r in rows]
    emails, external = emails_and_ids(session, ids)
    ranked = []
    for row in rows:
        came = history.get(row.person_id, _History())
        lapsed = row.expiry is not None and row.expiry < today - dt.timedelta(days=row.grace(grace))
        member = (row.expiry is not None and not lapsed) or row.kind == "lifetime"
        tenure = 0
        if lapsed and row.join_date is not None and row.expiry is not None:
            tenure = max(0, (row.expiry - row.join_date).days // 365)
        candidate = OutreachCandidate(
            best_role=next((r for r in _ROLE_ORDER if r in came.roles), ""),
            last_event=came.events[0] if came.events else "",
            editions=len(came.events),
            member=member,
            lapsed_on=row.expiry if lapsed else None,
            tenure_years=tenure,
            has_email=row.has_email,
            positive_outcomes=row.positive,
        )
        result = rank_outreach(candidate, today)
        ranked.append(
            Selected(
                row.person_id,
                row.name,
                external.get(row.person_id, ""),
                emails.get(row.person_id, ""),
                row.expiry,
                result.priority,
                result.reason,
                "lapsed" if lapsed else ("event" if came.events else "prospect"),
            )
        )
    return ranked


def _settings(session: Session) -> tuple[int, int]:
    settings = load_settings(session)
    return settings.grace_days, settings.contact_cooldown_days


def plan_event_outreach(
    session: Session,
    today: dt.date,
    event_name: str,
    past_series: str | None = None,
    capacity: int | None = None,
    past_events: Sequence[str] = (),
) -> OutreachPlan:
    """Select, exclude, rank and cut an event outreach list; nothing is written.

    Args:
        session: the unit of work.
        today: the day the list is made.
        event_name: the coming event.
        past_series: the series whose earlier editions count (default: the event's own).
        capacity: keep this many of the most important (None: everybody).
        past_events: count these events instead of a series.

    Raises:
        ServiceError: the event or its earlier editions are unknown.
    """
    if capacity is not None and capacity < 0:
        raise ServiceError("The capacity cannot be negative.")
    event = find_event(session, event_name)
    if event.starts_on is not None and event.starts_on < today:
        raise ServiceError(
            f"{event.name} took place on {event.starts_on}: outreach is for an event to come."
        )
    if past_events:
        past = [find_event(session, name) for name in past_events]
    else:
        past = _past_events(session, event, past_series)
    plan = OutreachPlan("event", event=event, past_events=[e.name for e in past])
    history = _came(session, [e.id for e in past])
    registered = _registered(session, event)
    grace, cooldown = _settings(session)
    wanted = sorted(pid for pid in history if pid not in registered)
    plan.excluded[ALREADY_REGISTERED] = sorted(pid for pid in history if pid in registered)
    rows: list[CandidateRow] = []
    for chunk in chunks(wanted):
        rows += candidate_rows(session, Person.id.in_(chunk), members_only=False)
    kept = _keep(plan, rows, today, cooldown)
    _cut(plan, _rank(session, kept, history, today, grace), capacity)
    return plan


def _keep(
    plan: OutreachPlan, rows: Sequence[CandidateRow], today: dt.date, cooldown: int
) -> list[CandidateRow]:
    kept = []
    for row in rows:
        reason = exclusion(row, today, cooldown)
        if reason:
            plan.excluded[reason].append(row.person_id)
        else:
            kept.append(row)
    return kept


def plan_prospects(
    session: Session,
    today: dt.date,
    capacity: int | None = None,
    lapsed_years: int = 3,
) -> OutreachPlan:
    """Select, exclude, rank and cut a prospect and win-back list; nothing is written.

    Raises:
        ServiceError: the numbers make no sense.
    """
    if capacity is not None and capacity < 0:
        raise ServiceError("The capacity cannot be negative.")
    if lapsed_years < 0:
        raise ServiceError("The lapsed years cannot be negative.")
    grace, cooldown = _settings(session)
    plan = OutreachPlan("prospect")
    widest = today - dt.timedelta(days=widest_grace(session, grace))
    widest -= relativedelta(years=lapsed_years)
    came_any = (
        select(Attendance.person_id)
        .join(Event, Event.id == Attendance.event_id)
        .where(
            or_(Attendance.attended.is_(True), Attendance.role != "attendee"),
            or_(Event.starts_on.is_(None), Event.starts_on <= today),
        )
    )
    rows = candidate_rows(
        session,
        or_(
            and_(Membership.id.is_(None), Person.id.in_(came_any)),
            and_(
                Membership.term_end < today,
                Membership.term_end >= widest,
                or_(MembershipType.period_kind.is_(None), MembershipType.period_kind != "lifetime"),
            ),
        ),
        members_only=False,
    )
    # Former members: lapsed past their grace, at most lapsed_years before it ran out (the
    # same rule as a renewal list's win-back).
    rows = [r for r in rows if r.expiry is None or lapsed_within(r, today, grace, lapsed_years)]
    # Events that took place: a registration for a coming one is not having come.
    events = list(
        session.scalars(
            select(Event.id).where(or_(Event.starts_on.is_(None), Event.starts_on <= today))
        )
    )
    history = _came(session, events)
    kept = _keep(plan, rows, today, cooldown)
    _cut(plan, _rank(session, kept, history, today, grace), capacity)
    return plan
