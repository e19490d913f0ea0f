"""A member at a glance, as a caller needs them, and changes made to them by hand.

The card gathers what is spread over many tables: contact details with the member's local time
now, status and expiry, tenure, renewals, events attended with role, past calls with outcomes
and notes, open calls, and every change made by hand (who, when, before, after).

Contact details and do-not-call are edited here. Nothing is lost: a new e-mail or phone becomes
the primary one and the old one is kept; each change is recorded as a :class:`PersonEdit`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Final

from dateutil.relativedelta import relativedelta
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from member_reach.domain.calling_hours import callable_now, local_time
from member_reach.domain.contacts import normalize_email, normalize_phone
from member_reach.domain.countries import country_name
from member_reach.domain.phones import display_phone
from member_reach.domain.status import derive_status, status_cutoffs
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings, status_rules
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    Event,
    HandOff,
    OutcomeCode,
    Person,
    PersonEdit,
    PhoneNumber,
)

#: The fields a person may change on the card.
EDITABLE: Final = (
    "first_name",
    "last_name",
    "organisation",
    "job_title",
    "email",
    "phone",
    "do_not_call",
    "do_not_email",
)
SHOWN_CALLS: Final = 50


@dataclass(frozen=True)
class CardPhone:
    """A phone number with the member's time where it rings."""

    number: str
    local_time: str  # "14:05", or "" when the place is unknown
    zone: str  # "America/New_York", or ""
    callable_now: bool
    primary: bool


@dataclass(frozen=True)
class CardCall:
    """A past call."""

    called_at: dt.datetime
    campaign: str
    caller: str
    outcome: str
    notes: str


@dataclass(frozen=True)
class CardTask:
    """A call still to make."""

    campaign: str
    ref: str
    state: str
    assignee: str
    next_callback: dt.datetime | None


@dataclass(frozen=True)
class CardHandOff:
    """A warm lead on this member still open: whose, by when, what was said."""

    campaign: str
    owner: str
    due_on: dt.date | None
    notes: str


@dataclass(frozen=True)
class CardEdit:
    """A change made by hand."""

    edited_at: dt.datetime
    edited_by: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class MemberCard:
    """Everything the card shows of one person."""

    member_id: int
    name: str
    first_name: str
    last_name: str
    organisation: str
    job_title: str
    external_ids: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[CardPhone, ...]
    membership_type: str
    status: str  # a Status value, or "" for a contact who never held a membership
    roster_status: str
    expiry: dt.date | None
    member_since: dt.date | None
    tenure: str  # "9 years, 2 months", or ""
    do_not_call: bool
    do_not_email: bool
    renewals: tuple[tuple[dt.date, dt.date | None, dt.date], ...]  # found on, old, new expiry
    events: tuple[tuple[str, dt.date | None, str, bool], ...]  # name, day, role, attended
    calls: tuple[CardCall, ...]
    open_tasks: tuple[CardTask, ...]
    edits: tuple[CardEdit, ...]
    notes: str
    open_handoffs: tuple[CardHandOff, ...] = ()
    place: str = ""  # "Santiago, Chile": city, region and country
    # Values the last import could not read, as typed: (column, text), the country first.
    as_typed: tuple[tuple[str, str], ...] = ()


def _tenure(since: dt.date | None, today: dt.date) -> str:
    if since is None or since > today:
        return ""
    span = relativedelta(today, since)
    parts = []
    if span.years:
        parts.append(f"{span.years} year{'s' if span.years != 1 else ''}")
    if span.months or not span.years:
        parts.append(f"{span.months} month{'s' if span.months != 1 else ''}")
    return ", ".join(parts)


def _phones(person: Person, now: dt.datetime, hours: tuple[int, int]) -> tuple[CardPhone, ...]:
    ordered = sorted(person.phones, key=lambda p: (not p.is_primary, p.id))
    phones = []
    for phone in ordered:
        where = local_time(now, phone.e164, person.region)
        known = where.known and where.local is not None
        phones.append(
            CardPhone(
                display_phone(phone.e164) if phone.e164 else phone.original,
                f"{where.local:%H:%M}" if known and where.local is not None else "",
                where.zones[0] if known else "",
                callable_now(now, where.zones, *hours) if where.known else False,
                phone.is_primary,
            )
        )
    return tuple(phones)


def _history(session: Session, person_id: int) -> dict[str, Any]:
    renewals = session.execute(
        select(
            DetectedRenewal.detected_on, DetectedRenewal.old_term_end, DetectedRenewal.new_term_end
        )
        .where(DetectedRenewal.person_id == person_id)
        .order_by(DetectedRenewal.detected_on.desc(), DetectedRenewal.id.desc())
    ).all()
    events = session.execute(
        select(Event.name, Event.starts_on, Attendance.role, Attendance.attended)
        .join(Attendance, Attendance.event_id == Event.id)
        .where(Attendance.person_id == person_id)
        .order_by(Event.starts_on.desc(), Event.name)
    ).all()
    calls = session.execute(
        select(CallLog.called_at, Campaign.name, CallLog.caller, OutcomeCode.label, CallLog.notes)
        .join(CallTask, CallTask.id == CallLog.task_id)
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .outerjoin(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(CallTask.person_id == person_id)
        .order_by(CallLog.called_at.desc(), CallLog.id.desc())
        .limit(SHOWN_CALLS)
    ).all()
    tasks = session.execute(
        select(
            Campaign.name, CallTask.ref, CallTask.state, CallTask.assignee, CallTask.next_callback
        )
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .where(CallTask.person_id == person_id, CallTask.state.in_(("open", "reserved")))
        .order_by(CallTask.id)
    ).all()
    handoffs = session.execute(
        select(Campaign.name, HandOff.owner, HandOff.due_on, HandOff.notes)
        .outerjoin(Campaign, Campaign.id == HandOff.campaign_id)
        .where(HandOff.person_id == person_id, HandOff.status == "open")
        .order_by(HandOff.due_on, HandOff.id)
    ).all()
    edits = session.execute(
        select(
            PersonEdit.edited_at,
            PersonEdit.edited_by,
            PersonEdit.field,
            PersonEdit.before,
            PersonEdit.after,
        )
        .where(PersonEdit.person_id == person_id)
        .order_by(PersonEdit.edited_at.desc(), PersonEdit.id.desc())
    ).all()
    return {
        "renewals": tuple((r[0], r[1], r[2]) for r in renewals),
        "events": tuple((e[0], e[1], e[2], bool(e[3])) for e in events),
        "calls": tuple(CardCall(c[0], c[1], c[2] or "", c[3] or "", c[4] or "") for c in calls),
        "open_tasks": tuple(CardTask(t[0], t[1], t[2], t[3] or "", t[4]) for t in tasks),
        "edits": tuple(CardEdit(*e) for e in edits),
        "open_handoffs": tuple(CardHandOff(h[0] or "", h[1], h[2], h[3]) for h in handoffs),
    }


def _person(session: Session, person_id: int) -> Person:
    person = session.scalar(
        select(Person)
        .where(Person.id == person_id)
        .options(
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.external_ids),
            selectinload(Person.membership),
        )
    )
    if person is None:
        raise ServiceError(f"There is no member number {person_id}.")
    return person


def member_card(session: Session, person_id: int, today: dt.date, now: dt.datetime) -> MemberCard:
    """The card of one person.

    Raises:
        ServiceError: there is nobody with that number.
    """
    person = _person(session, person_id)
    settings = load_settings(session)
    membership = person.membership
    status = ""
    kind = ""
    if membership is not None:
        kind = membership.type.name if membership.type is not None else ""
        period = membership.type.period_kind if membership.type is not None else None
        grace = membership.type.grace_days if membership.type is not None else None
        cutoffs = status_cutoffs(today, status_rules(session), grace)
        status = derive_status(period, membership.join_date, membership.term_end, cutoffs).value
    name = f"{person.first_name} {person.last_name}".strip() or person.display_name
    emails = sorted(person.emails, key=lambda e: (not e.is_primary, e.id))
    since = membership.join_date if membership is not None else None
    return MemberCard(
        member_id=person.id,
        name=name or person.organisation,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation=person.organisation,
        job_title=person.job_title,
        external_ids=tuple(x.value for x in sorted(person.external_ids, key=lambda x: x.id)),
        emails=tuple(e.address for e in emails),
        phones=_phones(person, now, (settings.calling_hours_start, settings.calling_hours_end)),
        membership_type=kind,
        status=status,
        roster_status=membership.roster_status if membership is not None else "",
        expiry=membership.term_end if membership is not None else None,
        member_since=since,
        tenure=_tenure(since, today),
        do_not_call=person.do_not_call,
        do_not_email=person.do_not_email,
        notes=person.notes,
        place=_place(person),
        as_typed=_as_typed(person),
        **_history(session, person.id),
    )


def _place(person: Person) -> str:
    country = country_name(person.country) if person.country else person.country_text
    return ", ".join(part for part in (person.city, person.region, country) if part)


def _as_typed(person: Person) -> tuple[tuple[str, str], ...]:
    try:
        typed = json.loads(person.unread_values) if person.unread_values else {}
    except ValueError:  # not written by an import: nothing to show
        typed = {}
    if person.country_text and not person.country:
        typed = {"Country": person.country_text, **typed}
    return tuple((str(column), str(text)) for column, text in typed.items())


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _new_email(person: Person, text: str) -> tuple[str, str]:
    result = normalize_email(text)
    if result.problem or not result.address:
        raise ServiceError(result.problem or "Give an e-mail address.")
    primary = next((e for e in person.emails if e.is_primary), None)
    before = primary.address if primary is not None else ""
    key = result.address.lower()
    for email in person.emails:
        email.is_primary = email.address_key == key
    if not any(e.address_key == key for e in person.emails):
        person.emails.append(EmailAddress(address=result.address, address_key=key, is_primary=True))
    return before, result.address


def _new_phone(person: Person, text: str, region: str) -> tuple[str, str]:
    result = normalize_phone(text, region)
    if result.e164 is None:
        raise ServiceError(
            f"'{text}' is not a phone number member_reach can dial"
            + (f" ({result.problem})" if result.problem else "")
            + ": write it with its country code, e.g. +1 212 555 0100."
        )
    primary = next((p for p in person.phones if p.is_primary), None)
    before = (primary.e164 or primary.original) if primary is not None else ""
    for phone in person.phones:
        phone.is_primary = phone.e164 == result.e164
    if not any(p.e164 == result.e164 for p in person.phones):
        person.phones.append(
            PhoneNumber(original=result.original, e164=result.e164, is_primary=True)
        )
    return display_phone(before) if before.startswith("+") else before, display_phone(result.e164)


def _change(person: Person, field_name: str, value: Any, region: str) -> tuple[str, str] | None:
    """Apply one change; return (before, after) as shown, or None when nothing changes."""
    if field_name in ("do_not_call", "do_not_email"):
        old = bool(getattr(person, field_name))
        if old == bool(value):
            return None
        setattr(person, field_name, bool(value))
        return _yes_no(old), _yes_no(bool(value))
    text = " ".join(str(value).split())
    if field_name == "email":
        primary = {e.address_key for e in person.emails if e.is_primary}
        if not text or text.lower() in primary:
            return None  # clearing is not offered: the address stays on file
        return _new_email(person, text)
    if field_name == "phone":
        if not text:
            return None
        before, after = _new_phone(person, text, region)
        return None if before == after else (before, after)
    before = getattr(person, field_name)
    if text == before:
        return None
    setattr(person, field_name, text)
    return before, text


def _close_open_calls(session: Session, person_id: int) -> None:
    """Not to be called: their calls still to make are closed, as a do-not-call outcome does."""
    session.execute(
        update(CallTask)
        .where(CallTask.person_id == person_id, CallTask.state.in_(("open", "reserved")))
        .values(state="closed", reserved_by="", reserved_until=None, version=CallTask.version + 1)
        .execution_options(synchronize_session=False)
    )


def edit_contact(
    session: Session, person_id: int, changes: dict[str, Any], who: str, now: dt.datetime
) -> list[str]:
    """Change a person's contact details or flags; return the fields that changed.

    Each change is recorded with ``who`` and ``now``. A changed e-mail or phone becomes the
    primary one; the old one is kept. Marking someone do-not-call closes their calls still to
    make, on every campaign.

    Raises:
        ServiceError: an unknown field, an invalid e-mail or phone, or no name left.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ServiceError(f"These details cannot be changed here: {', '.join(unknown)}.")
    person = _person(session, person_id)
    region = load_settings(session).default_region
    changed: list[str] = []
    for field_name in (f for f in EDITABLE if f in changes):
        done = _change(person, field_name, changes[field_name], region)
        if done is None:
            continue
        session.add(
            PersonEdit(
                person_id=person.id,
                field=field_name,
                before=done[0],
                after=done[1],
                edited_by=who,
                edited_at=now,
            )
        )
        changed.append(field_name)
    if not (person.first_name or person.last_name or person.organisation):
        raise ServiceError("A person needs a first name, a last name or an organisation.")
    if "do_not_call" in changed and person.do_not_call:
        _close_open_calls(session, person.id)
    if {"first_name", "last_name", "organisation"} & set(changed):
        full = f"{person.first_name} {person.last_name}".strip()
        person.display_name = full or person.organisation
    if changed:
        person.updated_at = now
    return changed


__all__ = ["EDITABLE", "CardCall", "CardEdit", "CardPhone", "CardTask", "MemberCard"]
__all__ += ["edit_contact", "member_card"]
