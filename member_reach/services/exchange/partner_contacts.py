"""Contacts a call partner added: rows naming no call, and the New contacts sheet.

Each becomes a person flagged as a prospect, with the name, organisation, number and address
typed, and the partner's notes, outcome, callback and caller in the person's notes. Nothing is
added twice: not a contact an earlier import of the export brought in, not the same contact
twice in one file, not a member of the export typed again, not someone already on file with
the same e-mail address or number (the director is told who, and the file keeps the row).
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.contacts import (
    PhoneResult,
    clean_text,
    normalize_email,
    normalize_phone,
)
from member_reach.services.calls.outcome_writing import CallState, RowResult
from member_reach.services.common.settings import AssociationSettings
from member_reach.services.exchange.exchange_export import fingerprint
from member_reach.services.exchange.worked_file import WorkedFile, WorkedRow
from member_reach.store.models import (
    EmailAddress,
    ExportBatch,
    ImportBatch,
    ImportChange,
    Person,
    PhoneNumber,
)

_TEXT = 255  # the length of a person's text columns
_PHONE_TEXT = 64  # PhoneNumber.original


class Adding(Protocol):
    """What adding a contact needs of the import under way."""

    session: Session
    batch: ImportBatch
    export: ExportBatch
    settings: AssociationSettings
    added: set[Any]  # keys of contacts earlier imports added
    added_now: dict[str, str]  # key -> where in this file the contact was added
    added_people: dict[int, str]  # person id -> where this file added them

    def find_by_identity(self, name: str, phone: str, email: str) -> CallState | None:
        """A call of the export whose exported name and phone or e-mail match."""


class _Typed(NamedTuple):
    """A contact as the partner typed them."""

    name: str
    organisation: str
    phone: str
    email: str

    @classmethod
    def read(cls, file: WorkedFile, values: tuple[Any, ...]) -> _Typed:
        """The contact cells of a row."""
        return cls(
            file.text(values, "Name"),
            file.text(values, "Organisation"),
            file.text(values, "Phone"),
            file.text(values, "E-mail"),
        )

    @property
    def who(self) -> str:
        """The contact as a message names them: their name, else what else was typed."""
        return self.name or self.organisation or self.phone or self.email

    def key(self, export_id: int) -> str:
        """What tells this contact of the export from another, for adding them once only."""
        parts = [self.name, self.phone, self.email.lower(), str(export_id)]
        return fingerprint(
            parts if self.name or self.phone or self.email else [*parts, self.organisation]
        )


def add_contact(
    imp: Adding, file: WorkedFile, row: WorkedRow, source: str, sheet: str = ""
) -> RowResult | None:
    """A contact the partner added (a row naming no call, or one of the New contacts sheet).

    Returns:
        What became of the row, or None for a row with nothing in it worth a word.
    """
    number, typed = row.number, _Typed.read(file, row.values)

    def result(kind: str, reason: str) -> RowResult:
        return RowResult(number, "", kind, reason, sheet)

    if not any(typed):
        if row.outcome or row.notes:
            return result("rejected", "an outcome or notes but no one to give them to")
        return None
    key = typed.key(imp.export.id)
    if (added := _added_already(imp, typed, key, sheet)) is not None:
        return result(*added)
    phone, email = typed.phone, typed.email
    number_read = normalize_phone(phone, imp.settings.default_region) if phone else None
    address = normalize_email(email).address if email else ""
    e164 = number_read.e164 if number_read else None
    if (on_file := _already_on_file(imp, typed, e164, address)) is not None:
        return result(*on_file)
    sheet_name = sheet or "Calls"
    notes = _notes(row, source, f"{sheet_name} sheet, row {number}", phone, email)
    person = _prospect(typed, number_read, address, notes)
    _add_prospect(imp, person, number, key)
    imp.added_now[key] = imp.added_people[person.id] = f"row {number} of the {sheet_name} sheet"
    return result("added", f"a new contact, {person.display_name}: flagged as a prospect")


def _added_already(imp: Adding, typed: _Typed, key: str, sheet: str) -> tuple[str, str] | None:
    """Why the contact is not new to the export, as (result, reason); None when it is.

    An earlier import of the export added them, or a row before this one of the file; or,
    on the New contacts sheet, they are a call of the export typed again.
    """
    if key in imp.added:  # brought in by an earlier import of this file
        return "unchanged", ""
    if key in imp.added_now:
        return "unchanged", f"the same new contact as {imp.added_now[key]}"
    if sheet and (task := imp.find_by_identity(typed.name, typed.phone, typed.email)) is not None:
        return (
            "conflict",
            f"{typed.who} is on the Calls sheet (Ref {task.ref}): give the outcome there",
        )
    return None


def _already_on_file(
    imp: Adding, typed: _Typed, e164: str | None, address: str
) -> tuple[str, str] | None:
    """Why the contact is not added, as (result, reason), when someone on file is them."""
    known = _on_file(imp.session, typed.name or typed.organisation, e164, address)
    if known is None:
        return None
    person_id, known_name = known
    if person_id in imp.added_people:
        return "unchanged", f"the same new contact as {imp.added_people[person_id]}"
    return (
        "conflict",
        f"{typed.who} is already on file as {known_name}: nothing was added; add what is new "
        "on their member card",
    )


def _prospect(typed: _Typed, number_read: PhoneResult | None, address: str, notes: str) -> Person:
    """The person to add, with their number and address as contact details.

    So the card shows them and a list can call them: a number that is not certain is kept as
    typed (as a roster import keeps it), an invalid address only in the notes.
    """
    person = Person(
        display_name=typed.who[:_TEXT],
        first_name=typed.name[:_TEXT],
        organisation=typed.organisation[:_TEXT],
        notes=notes,
    )
    if number_read is not None:
        original = number_read.original[:_PHONE_TEXT]
        person.phones.append(PhoneNumber(original=original, e164=number_read.e164, is_primary=True))
    if address:
        person.emails.append(
            EmailAddress(address=address, address_key=address.lower(), is_primary=True)
        )
    return person


def _add_prospect(imp: Adding, person: Person, number: int, key: str) -> None:
    """Add the person to the import's batch, flagged as a prospect (undo removes them)."""
    imp.session.add(person)
    imp.session.flush()
    imp.session.add(
        ImportChange(
            batch_id=imp.batch.id,
            row_number=number,
            table_name="person",
            record_id=person.id,
            action="insert",
            before=None,
            after={"prospect": True, "key": key},
        )
    )


def _notes(row: WorkedRow, source: str, where: str, phone: str, email: str) -> str:
    callback = clean_text(row.callback)
    return (
        f"Added by the call partner in {source}, {where}: {row.notes or 'no notes'} "
        f"(outcome: {row.outcome or 'none'}"
        + (f"; call back {callback}" if callback else "")
        + (f"; caller {row.caller}" if row.caller else "")
        + (f"; amount {clean_text(row.amount)}" if clean_text(row.amount) else "")
        + f"); phone {phone or '-'}, e-mail {email or '-'}."
    )


def _on_file(session: Session, name: str, e164: str | None, address: str) -> tuple[int, str] | None:
    """Who is on file already (their id and name).

    The same e-mail address; the same name and number (a number alone is no one's: a household
    or a switchboard shares it); or the same name as a contact a partner's file added.
    """
    by_email = (
        select(Person.id, Person.display_name)
        .join(EmailAddress)
        .where(EmailAddress.address_key == address.lower())
    )
    by_phone = (
        select(Person.id, Person.display_name)
        .join(PhoneNumber)
        .where(PhoneNumber.e164 == e164, func.lower(Person.display_name) == name.lower())
    )
    # A contact a partner's earlier file added by name alone, now given with a number.
    by_name = (
        select(Person.id, Person.display_name)
        .join(ImportChange, ImportChange.record_id == Person.id)
        .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
        .where(
            ImportChange.table_name == "person",
            ImportChange.action == "insert",
            ImportBatch.kind == "outcomes",
            ImportBatch.undone_at.is_(None),
            func.lower(Person.display_name) == name.lower(),
        )
    )
    for found in (
        by_email if address else None,
        by_phone if e164 and name else None,
        by_name if name else None,
    ):
        if found is not None and (row := session.execute(found.limit(1)).first()) is not None:
            return row[0], row[1]
    return None


__all__ = ["Adding", "add_contact"]
