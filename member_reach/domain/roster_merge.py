"""Rows of one file that describe the same person, found and merged.

People are matched on their member id, then on an e-mail address (case-insensitive), then on
their name with a phone number. A match on e-mail or name and phone is refused when both rows
carry different member ids: two people may share a household address. Merged rows keep the
values of the row with the latest expiry (the most recent state of the membership), filled from
the other rows where it is empty; e-mail addresses and phones of every row are kept.

A member id match is refused between different people (another name and no e-mail in common, see
:mod:`member_reach.domain.identity`): the later row is kept apart, without the id, and both rows
are flagged. A row with no name holding only contact details, directly under a person's row
(:attr:`RosterRecord.continues`), is that person's: its details fill the person's empty values
and second e-mail and phone, never overwrite.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

from member_reach.domain.identity import Identity, rows_text
from member_reach.domain.roster_rows import PhoneValue, RosterRecord

#: How a match was found, in the order matches are tried.
BY_ID = "member id"
BY_EMAIL = "e-mail"
BY_NAME_PHONE = "name and phone"
#: A row of contact details under the person's row.
BY_CONTINUATION = "row above"

T = TypeVar("T")
_NEVER_FILLED = frozenset(
    {"row", "emails", "phones", "flags", "rejected", "is_member", "continues"}
)
_FILLABLE = tuple(f.name for f in fields(RosterRecord) if f.name not in _NEVER_FILLED)


def id_key(value: str) -> str:
    """The matching key of a member id (ids differ in case between exports)."""
    return value.strip().casefold()


def name_phone_keys(record: RosterRecord) -> Iterator[tuple[str, str, str]]:
    """The (first, last, E.164) keys of a row: one per certain phone number.

    An organisation row uses its organisation name as the last name.
    """
    first = record.first_name.casefold()
    last = (record.last_name or ("" if first else record.organisation)).casefold()
    if not (first or last):
        return
    for phone in record.phones:
        if phone.e164:
            yield (first, last, phone.e164)


def phone_key(phone: PhoneValue) -> str:
    """What makes two phones the same: the E.164 number, else the text as typed."""
    return phone.e164 or phone.original


@dataclass(frozen=True)
class Merge:
    """Rows of the file found to be one person.

    Attributes:
        rows: the rows merged, in file order.
        matched_on: how the rows were matched (:data:`BY_ID`, :data:`BY_EMAIL`, ...).
        kept_row: the row whose values won (the latest expiry).
        note: what disagreed and which value was kept, or "".
    """

    rows: tuple[int, ...]
    matched_on: str
    kept_row: int
    note: str = ""

    def describe(self) -> str:
        """One line for a report."""
        rows = ", ".join(str(r) for r in self.rows)
        text = f"rows {rows}: the same person (same {self.matched_on}), merged"
        return f"{text}; {self.note}" if self.note else text


@dataclass(slots=True)
class PersonRows:
    """The rows of one person in the file, and their merged record."""

    records: list[RosterRecord]
    matched_on: str = ""
    merged: RosterRecord = field(init=False)
    rows: tuple[int, ...] = field(init=False)  # the file rows of this person

    def __post_init__(self) -> None:
        self.merged = self.records[0]
        self.rows = tuple([r.row for r in self.records])

    def add(self, record: RosterRecord, matched_on: str) -> None:
        """Add a row found to be this person."""
        self.records.append(record)
        self.rows = (*self.rows, record.row)
        self.matched_on = self.matched_on or matched_on
        self.merged = merge_records(self.records)

    def absorb(self, other: PersonRows, matched_on: str) -> None:
        """Take in the rows of another group found to be the same person."""
        self.records = sorted(self.records + other.records, key=lambda r: r.row)
        self.rows = tuple(r.row for r in self.records)
        self.matched_on = self.matched_on or matched_on
        self.merged = merge_records(self.records)

    @property
    def duplicates(self) -> int:
        """The rows of this person that are not rows of details under another (continuations)."""
        return sum(1 for r in self.records if not r.continues)

    def merge_report(self) -> Merge | None:
        """The report of this merge, or None for a person on one row (and its details rows)."""
        if self.duplicates < 2:
            return None
        return Merge(self.rows, self.matched_on, self.merged.row, _expiry_note(self.records))


def _expiry_order(record: RosterRecord) -> tuple[dt.date, bool, int]:
    # A row of details under a person's row never wins over the person's own rows.
    return (record.term_end or dt.date.min, not record.continues, record.row)


def merge_records(records: list[RosterRecord]) -> RosterRecord:
    """Merge rows of one person: the latest expiry wins, empty values are filled from the rest.

    Args:
        records: the rows, at least one.

    Returns:
        A new record numbered as the winning row (the inputs are not changed).
    """
    if len(records) == 1:
        return records[0]
    ordered = sorted(records, key=_expiry_order, reverse=True)
    merged = copy.copy(ordered[0])
    merged.emails = []
    merged.phones = []
    merged.flags = []
    merged.is_member = any(r.is_member for r in records)
    for other in ordered:
        for name in _FILLABLE:
            if getattr(merged, name) in ("", None):
                setattr(merged, name, getattr(other, name))
        keys = {e.lower() for e in merged.emails}
        merged.emails.extend(e for e in other.emails if e.lower() not in keys)
        phones = {phone_key(p) for p in merged.phones}
        merged.phones.extend(p for p in other.phones if phone_key(p) not in phones)
        if other.do_not_call:
            merged.do_not_call = True
        if other.do_not_email:
            merged.do_not_email = True
    return merged


def _expiry_note(records: list[RosterRecord]) -> str:
    ends = {r.term_end for r in records if r.term_end is not None}
    if len(ends) < 2:
        return ""
    latest = max(ends)
    kept = max((r for r in records if r.term_end == latest), key=lambda r: r.row)
    others = ", ".join(
        f"{r.term_end.isoformat()} (row {r.row})"
        for r in records
        if r.term_end is not None and r.term_end != latest
    )
    return f"expiry {latest.isoformat()} (row {kept.row}) kept over {others}"


class PeopleIndex(Generic[T]):
    """Who holds each matching key: the one matching rule for rows of a file and the database.

    Keys: a member id, an e-mail address (case-insensitive), a name with a phone number. The
    first holder of a key keeps it. ``compatible(holder, record)`` refuses an e-mail or
    name-and-phone match (two people with one household address); a member id always matches.
    """

    def __init__(self, compatible: Callable[[T, RosterRecord], bool]) -> None:
        self.ids: dict[str, T] = {}
        self.emails: dict[str, T] = {}
        self.name_phones: dict[tuple[str, str, str], T] = {}
        self.compatible = compatible

    def add_id(self, value: str, holder: T) -> None:
        """Register a member id."""
        self.ids.setdefault(id_key(value), holder)

    def add_email(self, address: str, holder: T) -> None:
        """Register an e-mail address."""
        self.emails.setdefault(address.lower(), holder)

    def register(self, holder: T, record: RosterRecord) -> None:
        """Register every key of a record."""
        if record.external_id:
            self.add_id(record.external_id, holder)
        for email in record.emails:
            self.add_email(email, holder)
        for key in name_phone_keys(record):
            self.name_phones.setdefault(key, holder)

    def find(self, record: RosterRecord, by_id: bool = True) -> tuple[T | None, str]:
        """The holder a record matches and how, or (None, "").

        ``by_id`` False: only by e-mail or name and phone (the record's id still refuses a
        holder with another id).
        """
        if by_id and record.external_id:
            found = self.ids.get(id_key(record.external_id))
            if found is not None:
                return found, BY_ID
        for email in record.emails:
            found = self.emails.get(email.lower())
            if found is not None and self.compatible(found, record):
                return found, BY_EMAIL
        for key in name_phone_keys(record):
            found = self.name_phones.get(key)
            if found is not None and self.compatible(found, record):
                return found, BY_NAME_PHONE
        return None, ""


def compatible_ids(known_id: str, record: RosterRecord) -> bool:
    """False when a row and a known person both carry a member id and the ids differ."""
    return not (known_id and record.external_id) or id_key(known_id) == id_key(record.external_id)


class IdClashes:
    """Rows sharing a member id with a row of a different person, kept apart; their flags."""

    def __init__(self) -> None:
        self.apart: dict[str, PersonRows] = {}  # (id key, name) of a row kept apart
        self.others: defaultdict[int, set[int]] = defaultdict(set)  # id holder's row -> rows
        self.values: dict[int, str] = {}  # each flagged row's id as the file gives it

    def keep_apart(self, holder: PersonRows, record: RosterRecord) -> PersonRows | None:
        """Note ``record`` kept apart from the person holding its id; take its id away.

        Returns the group of an earlier row kept apart with this id and name, if any.
        """
        key = id_key(record.external_id)
        held = next(r.row for r in holder.records if id_key(r.external_id) == key)
        self.others[held].add(record.row)
        self.values[held] = self.values[record.row] = record.external_id
        record.external_id = ""
        return self.apart.get(f"{key}\0{Identity.of_record(record).name}")

    def remember(self, group: PersonRows, record: RosterRecord) -> None:
        """The group a row kept apart went to (later rows with this id and name join it)."""
        key = id_key(self.values[record.row])
        self.apart.setdefault(f"{key}\0{Identity.of_record(record).name}", group)

    def flags(self) -> dict[int, str]:
        """The flag of every row concerned, by row."""
        found: dict[int, str] = {}
        why = "with another name and no e-mail in common: different people?"
        for held, rows in self.others.items():
            value = self.values[held]
            found[held] = (
                f"same member id '{value}' as {rows_text(rows)}, {why} This row keeps the id; "
                "the others are kept as other people. Correct the id in the file if it is wrong"
            )
            for row in rows:
                found[row] = (
                    f"same member id '{value}' as row {held}, {why} Kept as another person, "
                    "without the id. Correct the id in the file if it is wrong"
                )
        return found


def group_rows(
    records: Iterable[RosterRecord], clashes: IdClashes | None = None
) -> list[PersonRows]:
    """Group the readable rows of a file by person, in order of first appearance.

    Args:
        records: the rows that were read (rejected rows left out), in file order.
        clashes: told of the rows kept apart from another on their member id (see module).
    """
    clashes = clashes if clashes is not None else IdClashes()
    groups: list[PersonRows] = []
    index: PeopleIndex[PersonRows] = PeopleIndex(
        lambda group, record: compatible_ids(group.merged.external_id, record)
    )
    previous: PersonRows | None = None
    for record in records:
        found: PersonRows | None
        if record.continues and previous is not None and previous.rows[-1] == record.continues:
            found, how = previous, BY_CONTINUATION
        else:
            found, how = _find_group(index, clashes, record)
        if found is None:
            group = PersonRows([record])
            groups.append(group)
        else:
            group = found
            group.add(record, how)
        if record.row in clashes.values:
            clashes.remember(group, record)
        index.register(group, record)
        previous = group
    return groups


def _find_group(
    index: PeopleIndex[PersonRows], clashes: IdClashes, record: RosterRecord
) -> tuple[PersonRows | None, str]:
    holder, how = index.find(record)
    if holder is None or how != BY_ID:
        return holder, how
    if not Identity.of_record(holder.merged).different_person(Identity.of_record(record)):
        return holder, how
    group, how = index.find(record, by_id=False)  # the row's id still refuses other ids
    apart = clashes.keep_apart(holder, record)
    return (apart, BY_ID) if apart is not None else (group, how)
