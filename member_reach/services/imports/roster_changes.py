"""What importing one person of a roster changes: compared with the database, field by field.

Rules (a roster is the association management system's word on its members, but never erases):

* A value in the file replaces the one on file; an empty cell keeps what is on file.
* E-mail addresses, phones and member ids in the file are added when new; none is removed.
* Do-not-call and do-not-e-mail are set by a "yes", never cleared by a roster: a person who
  asked a caller not to be called again stays so.
* A row of a non-member never touches the membership on file.
* An expiry that moves forward is a detected renewal; one that moves back is reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from member_reach.domain.roster_merge import id_key, phone_key
from member_reach.domain.roster_rows import PhoneValue, RosterRecord
from member_reach.services.imports.people_index import (
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    PersonSnapshot,
)

#: The source recorded on memberships and member ids that a roster import brings in.
ROSTER_SOURCE: Final = "roster"
_STICKY_FLAGS: Final = ("do_not_call", "do_not_email")
# Taken from every row as it is, even empty: the last file says what it could not read.
_ALWAYS_TAKEN: Final = ("is_organisation", "unread_values")
_KEPT_ON_UPDATE: Final = frozenset({"source"})


@dataclass(slots=True)
class PersonChange:
    """One person of the file and what importing them changes.

    Attributes:
        rows: the file rows of this person.
        record: the (merged) record read from the file.
        person_id: the person on file, or None for a new person.
        matched_on: how the person on file was found ("member id", "e-mail", ...), or "".
        person: for a person on file, each changed column as (before, after); empty for a
            new person (see :func:`person_values`).
        membership: for a membership on file, each changed column as (before, after).
        adds_membership: a membership is created (see :attr:`new_membership`).
        type_id: the membership type the record names (negative: a type to create).
        new: the person is new (``person_id`` is set when written).
        emails, phones: contact details to add.
        external_id: a member id to add, or "".
        membership_id: the membership on file, if any.
        first_email_primary, first_phone_primary: whether the first e-mail (phone) added
            becomes the primary one (the person has none yet).
        renewal: (old expiry, new expiry) when the expiry moved forward.
        expiry_moved_back: (old expiry, new expiry) when the file's expiry is earlier.
    """

    rows: tuple[int, ...]
    record: RosterRecord
    person_id: int | None
    matched_on: str = ""
    person: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    membership: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    adds_membership: bool = False
    type_id: int | None = None
    new: bool = False
    emails: list[str] = field(default_factory=list)
    phones: list[PhoneValue] = field(default_factory=list)
    external_id: str = ""
    membership_id: int | None = None
    first_email_primary: bool = True
    first_phone_primary: bool = True
    renewal: tuple[dt.date | None, dt.date] | None = None
    expiry_moved_back: tuple[dt.date, dt.date] | None = None

    @property
    def new_membership(self) -> dict[str, Any] | None:
        """The columns of the membership to create, or None (worked out when needed)."""
        if not self.adds_membership:
            return None
        return membership_values(self.record, self.type_id)

    @property
    def action(self) -> str:
        """What importing does to this person: "insert", "update" or "unchanged"."""
        if self.new:
            return "insert"
        changed = (
            self.person
            or self.membership
            or self.adds_membership
            or self.emails
            or self.phones
            or self.external_id
        )
        return "update" if changed else "unchanged"


def _display_name(values: dict[str, Any]) -> str:
    full = " ".join(p for p in (values["first_name"], values["last_name"]) if p)
    return full or values["organisation"]


def person_values(record: RosterRecord) -> dict[str, Any]:
    """The person columns a record gives (empty text where the file said nothing)."""
    values: dict[str, Any] = {name: getattr(record, name, "") for name in PERSON_FIELDS}
    values["is_organisation"] = record.is_organisation
    values["do_not_call"] = bool(record.do_not_call)
    values["do_not_email"] = bool(record.do_not_email)
    values["display_name"] = record.display_name
    return values


def membership_values(record: RosterRecord, type_id: int | None) -> dict[str, Any]:
    """The membership columns a member's record gives (None where the file said nothing)."""
    return {
        "type_id": type_id,
        "join_date": record.join_date,
        "term_start": record.term_start,
        "term_end": record.term_end,
        "dues": record.dues,
        "roster_status": record.roster_status,
        "source": ROSTER_SOURCE,
    }


def _empty(value: object) -> bool:
    return value is None or value == ""


def _person_diff(record: RosterRecord, before: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    given = person_values(record)
    after = dict(before)
    for name, value in given.items():
        if name in _STICKY_FLAGS:
            after[name] = bool(before[name]) or value
        elif name in _ALWAYS_TAKEN or not _empty(value):
            after[name] = value
    after["display_name"] = _display_name(after) or before["display_name"]
    return {
        name: (before[name], after[name]) for name in PERSON_FIELDS if before[name] != after[name]
    }


def _same(before: object, after: object) -> bool:
    if isinstance(before, Decimal | int | float) and isinstance(after, Decimal | int | float):
        return Decimal(str(before)) == Decimal(str(after))
    return before == after


def _membership_diff(given: dict[str, Any], before: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (before[name], given[name])
        for name in MEMBERSHIP_FIELDS
        if name not in _KEPT_ON_UPDATE
        and not _empty(given[name])
        and not _same(before[name], given[name])
    }


def decide(
    rows: tuple[int, ...],
    record: RosterRecord,
    snapshot: PersonSnapshot | None,
    type_id: int | None,
    matched_on: str = "",
) -> PersonChange:
    """Compare one person of the file with the database.

    Args:
        rows: the file rows of the person.
        record: the merged record.
        snapshot: the person on file, or None for a new person.
        type_id: the membership type the record names (an id, or a negative placeholder for a
            type the import will create), or None.
        matched_on: how the person on file was found.
    """
    if snapshot is None:
        # Values of a new person are worked out when written: 100,000 of them add up.
        change = PersonChange(rows, record, None, new=True, type_id=type_id)
        change.adds_membership = record.is_member
        change.emails = record.emails
        change.phones = record.phones
        change.external_id = record.external_id
        return change
    change = PersonChange(rows, record, snapshot.id, matched_on, type_id=type_id)
    change.person = _person_diff(record, snapshot.person)
    if record.is_member:
        given = membership_values(record, type_id)
        if snapshot.membership is None:
            change.adds_membership = True
        else:
            change.membership_id = snapshot.membership["id"]
            change.membership = _membership_diff(given, snapshot.membership)
            _note_expiry(change, snapshot.membership["term_end"], record.term_end)
    change.first_email_primary = not snapshot.has_primary_email
    change.first_phone_primary = not snapshot.has_primary_phone
    change.emails = [e for e in record.emails if e.lower() not in snapshot.email_keys]
    change.phones = [p for p in record.phones if phone_key(p) not in snapshot.phone_keys]
    if record.external_id and id_key(record.external_id) not in snapshot.id_keys:
        change.external_id = record.external_id
    return change


def _note_expiry(change: PersonChange, before: dt.date | None, after: dt.date | None) -> None:
    if before is None or after is None or before == after:
        return
    if after > before:
        change.renewal = (before, after)
    else:
        change.expiry_moved_back = (before, after)
