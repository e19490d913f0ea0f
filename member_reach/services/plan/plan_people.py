"""Who the coming months hold: renewals due by membership type, and event outreach.

Renewals follow the renewal list's rules (:mod:`member_reach.services.campaigns.renewal_campaign`):
a member is due in the month of their expiry; a member without an expiry on file on their
join anniversary (rolling types) or their type's renewal day (fixed types); a member in grace
today (their type's grace, else the setting) in the first month; lifetime members never. People
who can never be called (do not call, deceased or archived, no usable phone) are left out; being
on another list or contacted lately is today's state, not the month's, so it does not count.

An event's outreach falls in the month before it starts (the first month for an event starting
within it or the next): the people its outreach list would hold today, or the calls still open
on its list when one was made already.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.call_plan import month_end
from member_reach.services.campaigns.call_lists import CandidateRow, candidate_rows, exclusion
from member_reach.services.campaigns.outreach_campaigns import plan_event_outreach
from member_reach.services.campaigns.renewal_campaign import renewal_days, widest_grace
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.store.models import CallTask, Campaign, Event, Membership, MembershipType

#: Reasons a person can never be called (the others are today's state, not a month's).
NEVER_CALLED = ("do_not_call", "deceased_or_archived", "no_phone")


@dataclass(frozen=True)
class EventOutreach:
    """One coming event's outreach.

    Attributes:
        name, starts_on: the event.
        month: the month its calls fall in (the first day).
        people: the people to call.
        from_list: counted from the calls still open on its list (else from who it would hold).
        note: why nobody is counted, when the outreach list cannot be made ("" otherwise).
    """

    name: str
    starts_on: dt.date
    month: dt.date
    people: int
    from_list: bool
    note: str = ""


def _due_days(row: CandidateRow, today: dt.date, grace: int, last: dt.date) -> list[dt.date]:
    """The days ``row`` renews from ``today`` to ``last`` (today for a member in grace)."""
    if row.expiry is None:
        return renewal_days(row, today, last) if row.join_date is not None else []
    if today <= row.expiry <= last:
        return [row.expiry]
    if today - dt.timedelta(days=row.grace(grace)) <= row.expiry < today:
        return [today]
    return []


def _type_names(session: Session) -> dict[int, str]:
    rows = session.connection().execute(
        select(Membership.person_id, MembershipType.name).join(
            MembershipType, MembershipType.id == Membership.type_id
        )
    )
    return {person_id: name for person_id, name in rows}


def renewals_due(
    session: Session, today: dt.date, months: list[dt.date]
) -> dict[dt.date, Counter[str]]:
    """Per month (its first day), the renewals due by membership type ("" for none)."""
    grace = load_settings(session).grace_days
    last = month_end(months[-1])
    earliest = today - dt.timedelta(days=widest_grace(session, grace))
    rows = candidate_rows(
        session,
        or_(
            Membership.term_end.between(earliest, last),
            and_(Membership.term_end.is_(None), Membership.join_date.is_not(None)),
        ),
    )
    types = _type_names(session)
    due: dict[dt.date, Counter[str]] = {month: Counter() for month in months}
    for row in rows:
        if exclusion(row, today, 0) in NEVER_CALLED:
            continue
        for day in _due_days(row, today, grace, last):
            due[day.replace(day=1)][types.get(row.person_id, "")] += 1
    return due


def _open_calls(session: Session) -> dict[int, int]:
    """Per event with a list not closed, the calls still open on it."""
    still_open = case((CallTask.state.in_(("open", "reserved")), 1), else_=0)
    rows = session.connection().execute(
        select(Campaign.event_id, func.coalesce(func.sum(still_open), 0))
        .join(CallTask, CallTask.campaign_id == Campaign.id, isouter=True)
        .where(Campaign.event_id.is_not(None), Campaign.status != "closed")
        .group_by(Campaign.event_id)
    )
    return {event_id: int(count) for event_id, count in rows}


def _would_hold(session: Session, today: dt.date, event: Event) -> tuple[int, str]:
    """How many an outreach list for ``event`` would hold, or why it cannot be made."""
    try:
        plan = plan_event_outreach(session, today, event.name)
    except ServiceError as exc:
        return 0, str(exc)
    # On another list or contacted lately: today's state, not the month of the calls.
    later = len(plan.excluded.get("on_another_campaign", [])) + len(
        plan.excluded.get("contacted_recently", [])
    )
    return len(plan.selected) + later, ""


def event_outreach(session: Session, today: dt.date, months: list[dt.date]) -> list[EventOutreach]:
    """The coming events whose outreach falls in ``months``, the soonest first."""
    last = month_end(months[-1])
    # An event starting in the month after the last one is called in the last one.
    after = month_end(last + dt.timedelta(days=1))
    events = session.scalars(
        select(Event)
        .where(Event.starts_on >= today, Event.starts_on <= after)
        .order_by(Event.starts_on, Event.id)
    ).all()
    on_lists = _open_calls(session)
    found = []
    for event in events:
        assert event.starts_on is not None
        before = (event.starts_on.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        month = max(before, months[0])
        if event.id in on_lists:
            people, from_list, note = on_lists[event.id], True, ""
        else:
            people, note = _would_hold(session, today, event)
            from_list = False
        found.append(EventOutreach(event.name, event.starts_on, month, people, from_list, note))
    return found
