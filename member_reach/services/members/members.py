"""Listing and finding members, with their derived status, for the Members page and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.phones import display_phone
from member_reach.domain.status import Status, StatusRules, roster_status_disagrees, status_cutoffs
from member_reach.domain.values import record_number
from member_reach.services.common.person_columns import (
    first_external_id,
    primary_email,
    primary_phone,
)
from member_reach.services.common.settings import status_rules
from member_reach.store.models import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
)

STATUS_CHOICES = tuple(s.value for s in Status)


@dataclass(frozen=True)
class MemberRow:
    """One person as the member list shows them."""

    member_id: int
    external_id: str
    first_name: str
    last_name: str
    organisation: str
    email: str
    phone: str
    membership_type: str
    expiry: dt.date | None
    status: str  # a Status value, or "" for a contact who never held a membership
    roster_status: str = ""  # the roster's own status word, kept for reference

    @property
    def status_disagrees(self) -> bool:
        """Whether the roster's status word contradicts the derived status."""
        return roster_status_disagrees(self.roster_status, self.status)

    @property
    def phone_display(self) -> str:
        """The phone number as people read it (``+44 20 7946 0000``)."""
        return display_phone(self.phone)

    @property
    def name(self) -> str:
        """The display name: first and last name, else the organisation."""
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.organisation


#: The columns the member list sorts on (the Members page's column keys).
SORT_KEYS: tuple[str, ...] = (
    "member_id",
    "external_id",
    "name",
    "organisation",
    "email",
    "phone",
    "type",
    "expiry",
    "status",
)


@dataclass(frozen=True)
class MemberFilter:
    """What the member list is narrowed to, and its order.

    Attributes:
        search: words each of which a name, organisation, e-mail or member id must hold.
        status: a status value, or "" for every status.
        include_contacts: also people who never held a membership.
        membership_type: a membership type's name, or "" for every type.
        expiry_from, expiry_to: the expiry date at or after / at or before these days.
        do_not_call: "only" the people not to call, "exclude" them, or "" for everyone.
        sort: one of :data:`SORT_KEYS`; ``descending`` reverses it.
    """

    search: str = ""
    status: str = ""
    include_contacts: bool = False
    membership_type: str = ""
    expiry_from: dt.date | None = None
    expiry_to: dt.date | None = None
    do_not_call: str = ""
    sort: str = "name"
    descending: bool = False

    @property
    def narrowed(self) -> bool:
        """Whether anything but the order narrows the list."""
        return any(
            (
                self.search,
                self.status,
                self.include_contacts,
                self.membership_type,
                self.expiry_from,
                self.expiry_to,
                self.do_not_call,
            )
        )


def status_expression(
    session: Session, today: dt.date, rules: StatusRules | None = None
) -> ColumnElement[str]:
    """Return a SQL expression of a membership's derived status (see domain.status).

    It is evaluated over ``Membership`` joined to ``MembershipType``; the cut-off dates are
    computed in Python so the comparison is plain date arithmetic on both databases.
    """
    rules = rules or status_rules(session)
    base = status_cutoffs(today, rules)
    lapsed_before: ColumnElement[dt.date] = literal(base.lapsed_before)
    overrides = session.execute(
        select(MembershipType.id, MembershipType.grace_days).where(
            MembershipType.grace_days.is_not(None)
        )
    ).all()
    if overrides:
        lapsed_before = case(
            *[
                (
                    Membership.type_id == type_id,
                    literal(status_cutoffs(today, rules, grace).lapsed_before),
                )
                for type_id, grace in overrides
            ],
            else_=literal(base.lapsed_before),
        )
    return case(
        (Membership.id.is_(None), literal("")),
        (MembershipType.period_kind == "lifetime", literal(Status.LIFETIME.value)),
        (Membership.term_end.is_(None), literal(Status.UNKNOWN.value)),
        (Membership.term_end < lapsed_before, literal(Status.LAPSED.value)),
        (Membership.term_end < literal(base.today), literal(Status.GRACE.value)),
        (
            and_(Membership.join_date.is_not(None), Membership.join_date > literal(base.new_after)),
            literal(Status.NEW.value),
        ),
        else_=literal(Status.CURRENT.value),
    )


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_clause(search: str) -> ColumnElement[bool] | None:
    """Every word must match a name, the organisation, an e-mail, an external id or the id."""
    clauses: list[ColumnElement[bool]] = []
    for word in search.split():
        pattern = _like(word)
        options: list[ColumnElement[bool]] = [
            Person.first_name.ilike(pattern, escape="\\"),
            Person.last_name.ilike(pattern, escape="\\"),
            Person.display_name.ilike(pattern, escape="\\"),
            Person.organisation.ilike(pattern, escape="\\"),
            select(EmailAddress.id)
            .where(EmailAddress.person_id == Person.id)
            .where(EmailAddress.address_key.like(pattern.lower(), escape="\\"))
            .exists(),
            select(ExternalId.id)
            .where(ExternalId.person_id == Person.id)
            .where(ExternalId.value.ilike(pattern, escape="\\"))
            .exists(),
        ]
        if (number := record_number(word)) is not None:
            options.append(Person.id == number)
        clauses.append(or_(*options))
    return and_(*clauses) if clauses else None


def _name_key() -> tuple[Any, ...]:
    # Organisation members have no last name: sort them by the organisation's name.
    surname = func.coalesce(func.nullif(Person.last_name, ""), Person.organisation)
    return (func.lower(surname), func.lower(Person.first_name))


def _sort_key(flt: MemberFilter, status: ColumnElement[str]) -> list[Any]:
    """The ORDER BY of the list: the chosen column (empty values last), then by name."""
    chosen: Any = {
        "member_id": Person.id,
        "external_id": first_external_id(),
        "organisation": func.lower(Person.organisation),
        "email": primary_email(),
        "phone": primary_phone(),
        "type": func.lower(MembershipType.name),
        "expiry": Membership.term_end,
        "status": status,
    }.get(flt.sort)
    if chosen is None:  # by name
        keys = [k.desc() if flt.descending else k for k in _name_key()]
    else:
        if flt.sort != "expiry" and flt.sort != "member_id":
            chosen = func.nullif(chosen, "")  # an empty text is as empty as no value
        keys = [
            chosen.is_(None),  # empty values last, whichever the direction
            chosen.desc() if flt.descending else chosen,
            *_name_key(),
        ]
    return [*keys, Person.id]


def _select_members(
    columns: Select[*tuple[Any, ...]], status: ColumnElement[str], flt: MemberFilter
) -> Select[*tuple[Any, ...]]:
    stmt = columns.outerjoin(Membership, Membership.person_id == Person.id).outerjoin(
        MembershipType, MembershipType.id == Membership.type_id
    )
    if not flt.include_contacts:
        stmt = stmt.where(Membership.id.is_not(None))
    if flt.status:
        stmt = stmt.where(status == flt.status)
    if flt.membership_type:
        stmt = stmt.where(MembershipType.name == flt.membership_type)
    if flt.expiry_from is not None:
        stmt = stmt.where(Membership.term_end >= flt.expiry_from)
    if flt.expiry_to is not None:
        stmt = stmt.where(Membership.term_end <= flt.expiry_to)
    if flt.do_not_call == "only":
        stmt = stmt.where(Person.do_not_call.is_(True))
    elif flt.do_not_call == "exclude":
        stmt = stmt.where(Person.do_not_call.is_(False))
    search = _search_clause(flt.search)
    if search is not None:
        stmt = stmt.where(search)
    return stmt.order_by(*_sort_key(flt, status))


def member_ids(session: Session, today: dt.date, flt: MemberFilter) -> list[int]:
    """Return the ids of the people matching ``flt``, in list order (surname, first name)."""
    status = status_expression(session, today)
    stmt = _select_members(select(Person.id), status, flt)
    return list(session.scalars(stmt))


def _row_columns(status: ColumnElement[str]) -> Select[*tuple[Any, ...]]:
    columns: Select[*tuple[Any, ...]] = select(
        Person.id,
        first_external_id(),
        Person.first_name,
        Person.last_name,
        Person.organisation,
        primary_email(),
        primary_phone(),
        MembershipType.name,
        Membership.term_end,
        status,
        Membership.roster_status,
    )
    return columns


def _to_row(values: Sequence[object]) -> MemberRow:
    (pid, ext, first, last, org, email, phone, type_name, expiry, status, roster) = values
    return MemberRow(
        member_id=int(pid),  # type: ignore[call-overload]
        external_id=str(ext or ""),
        first_name=str(first or ""),
        last_name=str(last or ""),
        organisation=str(org or ""),
        email=str(email or ""),
        phone=str(phone or ""),
        membership_type=str(type_name or ""),
        expiry=expiry if isinstance(expiry, dt.date) else None,
        status=str(status or ""),
        roster_status=str(roster or ""),
    )


def member_rows(session: Session, ids: Sequence[int], today: dt.date) -> list[MemberRow]:
    """Return the rows of the given people, in the order of ``ids`` (unknown ids are skipped)."""
    if not ids:
        return []
    status = status_expression(session, today)
    stmt = (
        _row_columns(status)
        .outerjoin(Membership, Membership.person_id == Person.id)
        .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        .where(Person.id.in_(list(ids)))
    )
    by_id = {row.member_id: row for row in map(_to_row, session.execute(stmt))}
    return [by_id[i] for i in ids if i in by_id]


def list_members(session: Session, today: dt.date, flt: MemberFilter) -> list[MemberRow]:
    """Return every person matching ``flt`` with their list columns, in list order."""
    status = status_expression(session, today)
    stmt = _select_members(_row_columns(status), status, flt)
    return [_to_row(values) for values in session.execute(stmt)]


def status_counts(session: Session, today: dt.date) -> dict[str, int]:
    """Return how many people hold a membership in each status (every status present)."""
    status = status_expression(session, today)
    stmt = (
        select(status, func.count())
        .select_from(Membership)
        .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        .group_by(status)
    )
    counts = dict.fromkeys(STATUS_CHOICES, 0)
    for value, count in session.execute(stmt):
        counts[str(value)] = int(count)
    return counts


@dataclass(frozen=True)
class SearchIndex:
    """Every person's searchable words in memory, so a search filters without a query.

    The list to search is read once per filter (sorted, by the database); each keystroke then
    only narrows it here. A word matches as :func:`member_ids` matches it: part of a name, the
    organisation, an e-mail or an external id (any case), or the person's own number.
    """

    texts: dict[int, str]

    def matches(self, ids: Sequence[int], search: str) -> list[int]:
        """The people of ``ids`` (in their order) every word of ``search`` matches."""
        words = search.casefold().split()
        if not words:
            return list(ids)
        texts = self.texts
        found = list(ids)
        for word in words:
            number = record_number(word)
            found = [i for i in found if word in texts.get(i, "") or i == number]
        return found


def search_index(session: Session) -> SearchIndex:
    """Read every person's names, organisation, e-mails and external ids for searching."""
    parts: dict[int, list[str]] = {}
    people = select(
        Person.id, Person.first_name, Person.last_name, Person.display_name, Person.organisation
    )
    for pid, *names in session.execute(people):
        parts[pid] = [n for n in names if n]
    for pid, value in session.execute(select(EmailAddress.person_id, EmailAddress.address_key)):
        parts.setdefault(pid, []).append(value)
    for pid, value in session.execute(select(ExternalId.person_id, ExternalId.value)):
        parts.setdefault(pid, []).append(value)
    # A separator no typed word holds, so a word never matches across two values.
    return SearchIndex({pid: "\x1f".join(words).casefold() for pid, words in parts.items()})


def membership_type_names(session: Session) -> list[str]:
    """The membership types on file, by name (for the type filter)."""
    return list(session.scalars(select(MembershipType.name).order_by(MembershipType.name)))


def contact_count(session: Session) -> int:
    """Return how many people never held a membership (prospects, event contacts)."""
    stmt = (
        select(func.count())
        .select_from(Person)
        .where(~select(Membership.id).where(Membership.person_id == Person.id).exists())
    )
    return int(session.scalar(stmt) or 0)
