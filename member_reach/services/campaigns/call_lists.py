"""What every call list shares: the candidates' facts in one query, and who must not be called.

A call list (renewal, event outreach, prospects) selects people its own way, then asks the same
questions of each: do not call? deceased or archived? no usable phone? on another active
campaign (nobody is called for two campaigns at once)? contacted within the cool-down days?
The first "yes" is the reason they are left out, counted per reason and listable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.status import PeriodKind
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
    PhoneNumber,
)

#: Exclusion reasons, in the order they are tried (a person is counted under the first).
EXCLUSIONS: Final = (
    "do_not_call",
    "deceased_or_archived",
    "no_phone",
    "on_another_campaign",
    "contacted_recently",
)


@dataclass(frozen=True)
class Selected:
    """One person on the list."""

    person_id: int
    name: str
    external_id: str
    email: str
    expiry: dt.date | None
    priority: float
    reason: str
    why_selected: str  # "due", "grace", "anniversary", "win-back", "event", "prospect", "lapsed"


@dataclass
class CandidateRow:
    """One candidate's facts, as :func:`candidate_rows` reads them."""

    person_id: int
    name: str
    expiry: dt.date | None
    join_date: dt.date | None
    dues: Decimal | None
    term_months: int | None
    do_not_call: bool
    gone: bool
    has_email: bool
    has_phone: bool
    busy_elsewhere: bool
    last_contact: dt.datetime | None
    positive: int
    kind: str | None  # the membership type's period kind (None: no type, or no membership)
    type_grace: int | None  # the type's own grace days, overriding the setting
    renewal_month: int | None
    renewal_day: int | None
    why: str = "due"

    def grace(self, default: int) -> int:
        """The grace days that apply to this member."""
        return default if self.type_grace is None else self.type_grace


def candidate_rows(session: Session, where: Any, members_only: bool = True) -> list[CandidateRow]:
    """People matching ``where`` with what exclusion and ranking need, in one query.

    Args:
        session: the unit of work.
        where: the list's own selection, on Person, Membership and MembershipType columns.
        members_only: only people holding a membership (not lifetime); else anybody, with
            their membership's columns None when they have none.
    """
    p = Person
    task_of = CallTask.person_id == p.id
    active = and_(
        CallTask.campaign_id == Campaign.id,
        or_(
            and_(CallTask.state.in_(("open", "reserved")), Campaign.status == "active"),
            # a member kept uncalled in the control group of a campaign still running (active
            # or paused) stays uncalled: another list calling them would spoil the comparison
            and_(CallTask.state == "control", Campaign.status.in_(("active", "paused"))),
        ),
    )
    statement = (
        select(
            p.id,
            p.display_name,
            Membership.term_end,
            Membership.join_date,
            Membership.dues,
            MembershipType.term_months,
            p.do_not_call,
            or_(p.deceased, p.archived),
            exists().where(EmailAddress.person_id == p.id),
            exists().where(PhoneNumber.person_id == p.id, PhoneNumber.e164.is_not(None)),
            exists().where(task_of, active),
            select(func.max(CallLog.called_at))
            .join(CallTask, CallTask.id == CallLog.task_id)
            .where(task_of)
            .scalar_subquery(),
            select(func.count(CallLog.id))
            .join(CallTask, CallTask.id == CallLog.task_id)
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .where(task_of, OutcomeCode.category.in_(("success", "positive")))
            .scalar_subquery(),
            MembershipType.period_kind,
            MembershipType.grace_days,
            MembershipType.renewal_month,
            MembershipType.renewal_day,
        )
        .join(Membership, Membership.person_id == p.id, isouter=not members_only)
        .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        .where(where)
    )
    if members_only:  # a renewal list: lifetime members never expire
        statement = statement.where(
            or_(
                MembershipType.period_kind.is_(None),
                MembershipType.period_kind != PeriodKind.LIFETIME,
            )
        )
    return [CandidateRow(*tuple(row)) for row in session.connection().execute(statement)]


def exclusion(row: CandidateRow, today: dt.date, cooldown: int) -> str:
    """Why a candidate must not be called (one of :data:`EXCLUSIONS`), or ""."""
    if row.do_not_call:
        return "do_not_call"
    if row.gone:
        return "deceased_or_archived"
    if not row.has_phone:
        return "no_phone"
    if row.busy_elsewhere:
        return "on_another_campaign"
    if row.last_contact is not None and row.last_contact.date() > today - dt.timedelta(
        days=cooldown
    ):
        return "contacted_recently"
    return ""


def events_attended(session: Session, person_ids: Sequence[int]) -> dict[int, list[str]]:
    """Per person, the events they came to, the most recent first."""
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(person_ids):
        rows = session.connection().execute(
            select(Attendance.person_id, Event.name)
            .join(Event, Event.id == Attendance.event_id)
            .where(Attendance.person_id.in_(chunk), Attendance.attended.is_(True))
            .order_by(Attendance.person_id, Event.starts_on.desc().nulls_last(), Event.id.desc())
        )
        for person_id, name in rows:
            if name not in found[person_id]:
                found[person_id].append(name)
    return found


def first_of(
    session: Session, person_ids: Sequence[int], column: Any, owner: Any, *order: Any
) -> dict[int, str]:
    """Per person, the last value in ``order`` (so: order the preferred one last)."""
    values: dict[int, str] = {}
    for chunk in chunks(person_ids):
        rows = session.connection().execute(
            select(owner, column).where(owner.in_(chunk)).order_by(owner, *order)
        )
        values.update({person_id: value for person_id, value in rows})
    return values


def emails_and_ids(
    session: Session, person_ids: Sequence[int]
) -> tuple[dict[int, str], dict[int, str]]:
    """Per person, the primary (else first) e-mail address, and the first member id."""
    emails = first_of(
        session,
        person_ids,
        EmailAddress.address,
        EmailAddress.person_id,
        EmailAddress.is_primary,
        EmailAddress.id.desc(),
    )
    external = first_of(
        session, person_ids, ExternalId.value, ExternalId.person_id, ExternalId.id.desc()
    )
    return emails, external


def people_named(session: Session, person_ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, name) of people, for listing who an exclusion left out."""
    ids = sorted(set(person_ids))
    found: list[tuple[int, str]] = []
    for chunk in chunks(ids):
        found += [
            (pid, name)
            for pid, name in session.connection().execute(
                select(Person.id, Person.display_name).where(Person.id.in_(chunk))
            )
        ]
    return found
