"""What the database holds, as an import sees it: people to match, snapshots, membership types.

An import matches each person of a file to the database the same way rows of one file are
matched to each other (see :mod:`member_reach.domain.roster_merge`): member id, then e-mail,
then name and phone, a match refused when both carry different member ids.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.roster_merge import PeopleIndex, id_key
from member_reach.domain.roster_rows import PhoneValue, RosterRecord
from member_reach.domain.status import PeriodKind
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

#: The person columns an import may set, in the order they are compared.
PERSON_FIELDS: Final = (
    "first_name",
    "middle_name",
    "last_name",
    "display_name",
    "organisation",
    "is_organisation",
    "job_title",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "country_text",
    "unread_values",
    "do_not_call",
    "do_not_email",
)
#: The membership columns an import may set.
MEMBERSHIP_FIELDS: Final = (
    "type_id",
    "join_date",
    "term_start",
    "term_end",
    "dues",
    "roster_status",
    "source",
)
_LIFETIME: Final = re.compile(r"\blife(time)?\b|honou?rary", re.IGNORECASE)


class KnownPeople(PeopleIndex[int]):
    """Matching keys of everybody in the database (see :class:`PeopleIndex`)."""

    def __init__(self) -> None:
        super().__init__(self._compatible)
        self.ids_of: dict[int, set[str]] = defaultdict(set)

    def _compatible(self, person_id: int, record: RosterRecord) -> bool:
        known = self.ids_of.get(person_id)
        return not (known and record.external_id) or id_key(record.external_id) in known

    def match(self, record: RosterRecord) -> tuple[int | None, str]:
        """The person a record describes, and how they were matched; (None, "") when new."""
        return self.find(record)


def load_known_people(session: Session, source: str) -> KnownPeople:
    """Read every person's member ids, e-mail keys and name-and-phone keys.

    Args:
        session: the unit of work.
        source: the system the file's ids come from: only ids of that source are compared
            (an event system's participant 101 is not the AMS's member 101).
    """
    known = KnownPeople()
    connection = session.connection()
    for value, person_id in connection.execute(
        select(ExternalId.value, ExternalId.person_id).where(ExternalId.source == source)
    ):
        known.add_id(value, person_id)
        known.ids_of[person_id].add(id_key(value))
    for address_key, person_id in connection.execute(
        select(EmailAddress.address_key, EmailAddress.person_id)
    ):
        known.add_email(address_key, person_id)
    rows = connection.execute(
        select(
            Person.id, Person.first_name, Person.last_name, Person.organisation, PhoneNumber.e164
        )
        .join(PhoneNumber, PhoneNumber.person_id == Person.id)
        .where(PhoneNumber.e164.is_not(None))
    )
    probe = RosterRecord(row=0)
    for person_id, first, last, organisation, e164 in rows:
        probe.first_name, probe.last_name, probe.organisation = first, last, organisation
        probe.phones = [PhoneValue("phone", e164 or "", e164, "")]
        known.register(person_id, probe)
    return known


@dataclass
class PersonSnapshot:
    """What the database holds of one person, as far as an import may change it."""

    id: int
    person: dict[str, Any]
    membership: dict[str, Any] | None = None
    email_keys: set[str] = field(default_factory=set)
    has_primary_email: bool = False
    phone_keys: set[str] = field(default_factory=set)
    has_primary_phone: bool = False
    id_keys: set[str] = field(default_factory=set)


#: Above this many people, whole tables are read: one scan beats hundreds of IN (...) queries.
_SCAN_FROM: Final = 5_000


def _id_filters(column: Any, ids: Sequence[int]) -> Iterator[Any]:
    """WHERE clauses covering ``ids``: none (a full scan) for many, IN lists for a few."""
    if len(ids) >= _SCAN_FROM:
        yield None
        return
    for chunk in chunks(ids):
        yield column.in_(chunk)


def _rows(session: Session, statement: Any, column: Any, ids: Sequence[int]) -> Iterator[Any]:
    connection = session.connection()  # Core: no ORM bookkeeping for plain rows
    for clause in _id_filters(column, ids):
        yield from connection.execute(statement if clause is None else statement.where(clause))


def load_snapshots(
    session: Session, person_ids: Iterable[int], source: str
) -> dict[int, PersonSnapshot]:
    """Read what an import compares against, for the given people (ids of ``source`` only)."""
    ids = sorted(set(person_ids))
    snapshots: dict[int, PersonSnapshot] = {}
    wanted = set(ids)
    person_columns = [getattr(Person, name) for name in PERSON_FIELDS]
    for row in _rows(session, select(Person.id, *person_columns), Person.id, ids):
        if row[0] in wanted:
            snapshots[row[0]] = PersonSnapshot(
                row[0], dict(zip(PERSON_FIELDS, row[1:], strict=True))
            )
    membership_columns = [getattr(Membership, name) for name in MEMBERSHIP_FIELDS]
    statement = select(Membership.person_id, Membership.id, *membership_columns)
    for row in _rows(session, statement, Membership.person_id, ids):
        if (snapshot := snapshots.get(row[0])) is not None:
            snapshot.membership = {
                "id": row[1],
                **dict(zip(MEMBERSHIP_FIELDS, row[2:], strict=True)),
            }
    statement = select(EmailAddress.person_id, EmailAddress.address_key, EmailAddress.is_primary)
    for person_id, key, primary in _rows(session, statement, EmailAddress.person_id, ids):
        if (snapshot := snapshots.get(person_id)) is not None:
            snapshot.email_keys.add(key)
            snapshot.has_primary_email = snapshot.has_primary_email or primary
    statement = select(
        PhoneNumber.person_id, PhoneNumber.original, PhoneNumber.e164, PhoneNumber.is_primary
    )
    for person_id, original, e164, primary in _rows(session, statement, PhoneNumber.person_id, ids):
        if (snapshot := snapshots.get(person_id)) is not None:
            snapshot.phone_keys.add(e164 or original)
            snapshot.has_primary_phone = snapshot.has_primary_phone or primary
    statement = select(ExternalId.person_id, ExternalId.value).where(ExternalId.source == source)
    for person_id, value in _rows(session, statement, ExternalId.person_id, ids):
        if (snapshot := snapshots.get(person_id)) is not None:
            snapshot.id_keys.add(id_key(value))
    return snapshots


class MembershipTypes:
    """Membership types by name; names the file brings that are new get negative placeholders."""

    def __init__(self, session: Session) -> None:
        self.ids = {
            name.casefold(): type_id
            for type_id, name in session.execute(select(MembershipType.id, MembershipType.name))
        }
        self.new: dict[int, tuple[str, str, int | None]] = {}

    def id_of(self, name: str) -> int | None:
        """The type's id, or a placeholder for a type to create (None for no name)."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.ids:
            placeholder = -1 - len(self.new)
            lifetime = _LIFETIME.search(name) is not None
            kind = PeriodKind.LIFETIME if lifetime else PeriodKind.ROLLING
            self.new[placeholder] = (name, kind.value, None if lifetime else 12)
            self.ids[key] = placeholder
        return self.ids[key]
