"""Erasing a person: everything held on them, everywhere, for a request under GDPR.

Their details, e-mails, phones, ids and membership; their calls with the notes of each attempt,
hand-offs, attendances, renewals found, edits made by hand; the fingerprints of the roster rows
they came from; the identity cells partner exports kept of their calls; and what undo keeps of
them (an import's before/after values). Undoing an import that touched them still works for the
others: the import keeps one ``erased`` record in their place, without anything about them, so
the undo can say one person erased since is not restored.

The work is store-level deletes in this, the lowest feature that owns people: calls, hand-offs
and import records are rows about the person, removed with them, not use cases of the features
above (which import this one, never the other way round).

An SQLite database's automatic backups (``backups/`` beside the file) cannot be edited: the
report names those that still hold the person (taken after the person was first stored).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from member_reach.services.common.errors import ServiceError
from member_reach.services.common.undo_sets import Record, drop_entries, entries_about
from member_reach.store.bulk import chunks
from member_reach.store.database import Database
from member_reach.store.integrity import automatic_backups
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    DetectedRenewal,
    EmailAddress,
    ExportBatch,
    ExternalId,
    HandOff,
    ImportChange,
    ImportedRow,
    Membership,
    Person,
    PersonEdit,
    PhoneNumber,
)

#: The table name of the record an import keeps in place of a person erased since.
ERASED: Final = "erased"
#: Undo records of these tables name a call (record_id is the call task's id); a set of them
#: (see undo_sets) holds many calls, of which only the person's are theirs.
_CALL_RECORDS: Final = ("call_task", "partner_call")


@dataclass(frozen=True)
class Erasure:
    """What erasing a person removes (or removed), and the backups that still hold them."""

    person_id: int
    calls: int
    call_notes: int  # call attempts logged, with their notes
    hand_offs: int
    attendances: int
    renewals: int
    edits: int
    undo_records: int  # before/after values imports kept of them
    imported_rows: int  # fingerprints of the roster rows they came from
    exports: int  # partner exports whose kept identity cells held them
    backups: tuple[Path, ...] = ()


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise ServiceError(f"There is no person number {person_id}.")
    return person


def _tasks(session: Session, person_id: int) -> list[tuple[int, str]]:
    """The person's calls: (id, Ref)."""
    rows = session.execute(select(CallTask.id, CallTask.ref).where(CallTask.person_id == person_id))
    return [(task_id, ref) for task_id, ref in rows]


def _count(session: Session, model: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def set_entries_of(session: Session, tasks: list[int]) -> list[Record]:
    """What sets of undo records (see undo_sets) keep of the person's calls."""
    return [e for table in _CALL_RECORDS for e in entries_about(session, table, tasks)]


def undo_records_of(session: Session, person_id: int, tasks: list[int]) -> list[tuple[int, int]]:
    """The undo records of their own about the person: (record id, import batch id).

    What sets of records keep of them is :func:`set_entries_of`.
    """
    table, record = ImportChange.table_name, ImportChange.record_id
    found: list[tuple[int, int]] = [
        (change_id, batch_id)
        for change_id, batch_id in session.execute(
            select(ImportChange.id, ImportChange.batch_id).where(
                table == "person", record == person_id
            )
        )
    ]
    for chunk in chunks(tasks):
        found += [
            (change_id, batch_id)
            for change_id, batch_id in session.execute(
                select(ImportChange.id, ImportChange.batch_id).where(
                    table.in_(_CALL_RECORDS), record.in_(chunk)
                )
            )
        ]
    # An attendance's record holds its person (one deleted since is no longer in the table).
    for change_id, batch_id, before, after in session.execute(
        select(
            ImportChange.id, ImportChange.batch_id, ImportChange.before, ImportChange.after
        ).where(table == "attendance")
    ):
        if person_id in ((before or {}).get("person_id"), (after or {}).get("person_id")):
            found.append((change_id, batch_id))
    return found


def _exports_holding(session: Session, refs: list[str]) -> list[ExportBatch]:
    if not refs:
        return []
    campaigns = select(CallTask.campaign_id).where(CallTask.ref.in_(refs))
    wanted = set(refs)
    return [
        export
        for export in session.scalars(
            select(ExportBatch).where(ExportBatch.campaign_id.in_(campaigns))
        )
        if any(wanted & set(export.details.get(key, ())) for key in ("identity", "fingerprints"))
    ]


def backups_holding(database: Database, since: dt.datetime) -> tuple[Path, ...]:
    """The automatic backups of an SQLite database taken since ``since`` (UTC), newest first."""
    if database.url.get_backend_name() != "sqlite" or not database.url.database:
        return ()
    path = Path(database.url.database).absolute()
    return tuple(
        b
        for b in automatic_backups(path)
        if dt.datetime.fromtimestamp(b.stat().st_mtime, dt.UTC).replace(tzinfo=None) >= since
    )


def what_erasing_removes(session: Session, person_id: int) -> Erasure:
    """What :func:`erase_person` would remove (for the confirmation), changing nothing.

    Raises:
        ServiceError: there is no such person.
    """
    _person(session, person_id)
    tasks = list(
        session.execute(select(CallTask.id, CallTask.ref).where(CallTask.person_id == person_id))
    )
    ids = [t for t, _ in tasks]
    logs = sum(_count(session, CallLog, CallLog.task_id.in_(c)) for c in chunks(ids))
    return Erasure(
        person_id,
        len(tasks),
        logs,
        _count(session, HandOff, HandOff.person_id == person_id),
        _count(session, Attendance, Attendance.person_id == person_id),
        _count(session, DetectedRenewal, DetectedRenewal.person_id == person_id),
        _count(session, PersonEdit, PersonEdit.person_id == person_id),
        len(undo_records_of(session, person_id, ids)) + len(set_entries_of(session, ids)),
        _count(session, ImportedRow, ImportedRow.person_id == person_id),
        len(_exports_holding(session, [r for _, r in tasks])),
    )


def erase_person(session: Session, person_id: int) -> Erasure:
    """Remove a person and everything held on them within ``session`` (the caller commits).

    Raises:
        ServiceError: there is no such person.
    """
    erasure = what_erasing_removes(session, person_id)
    tasks = list(
        session.execute(select(CallTask.id, CallTask.ref).where(CallTask.person_id == person_id))
    )
    ids, refs = [t for t, _ in tasks], {r for _, r in tasks}
    for export in _exports_holding(session, list(refs)):
        details = dict(export.details)
        for key in ("identity", "fingerprints"):
            kept = details.get(key)
            if isinstance(kept, dict):
                details[key] = {r: v for r, v in kept.items() if r not in refs}
        export.details = details
        flag_modified(export, "details")
    records = undo_records_of(session, person_id, ids)
    for chunk in chunks([change_id for change_id, _ in records]):
        session.execute(delete(ImportChange).where(ImportChange.id.in_(chunk)))
    batches = {batch for _, batch in records}
    for table in _CALL_RECORDS:  # their calls taken out of the sets that hold them
        batches.update(drop_entries(session, table, ids))
    session.add_all(  # one record in their place per import: "one person erased since"
        ImportChange(batch_id=b, table_name=ERASED, record_id=0, action=ERASED)
        for b in sorted(batches)
    )
    for chunk in chunks(ids):
        session.execute(delete(CallLog).where(CallLog.task_id.in_(chunk)))
    for model in (
        HandOff,
        CallTask,
        Attendance,
        DetectedRenewal,
        ImportedRow,
        PersonEdit,
        ExternalId,
        EmailAddress,
        PhoneNumber,
        Membership,
    ):
        session.execute(delete(model).where(model.person_id == person_id))
    session.execute(delete(Person).where(Person.id == person_id))
    session.expunge_all()  # nothing of them stays in the session's identity map
    return erasure


def erase_and_name_backups(session: Session, database: Database, person_id: int) -> Erasure:
    """:func:`erase_person` within ``session``; the report names the backups still holding them.

    Raises:
        ServiceError: there is no such person.
    """
    since = _person(session, person_id).created_at
    erasure = erase_person(session, person_id)
    return replace(erasure, backups=backups_holding(database, since))


def run_erase(database: Database, person_id: int) -> Erasure:
    """Erase a person in one transaction (see :func:`erase_and_name_backups`)."""
    with database.session() as session:
        return erase_and_name_backups(session, database, person_id)


__all__ = [
    "ERASED",
    "Erasure",
    "backups_holding",
    "erase_and_name_backups",
    "erase_person",
    "run_erase",
    "undo_records_of",
    "what_erasing_removes",
]
