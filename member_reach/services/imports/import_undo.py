"""Undoing an import batch: the database as it was before the file came in.

Undo follows the batch's :class:`ImportChange` records backwards: people the import added are
deleted (with everything hanging off them), people it changed get their old values back and lose
exactly the e-mail addresses, phones and member ids it added; renewals it detected, attendances
it recorded and membership types or events it created go too. Only the latest import that is not
undone can be undone (a later one may have built on it), and not once people it added have been
given calls: undo would delete that work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.domain.values import MAX_RECORD_NUMBER
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import Guard, import_session
from member_reach.services.common.undo_sets import Record, expanded
from member_reach.services.imports.retention import refuse_if_purged
from member_reach.services.imports.roster_changes import ROSTER_SOURCE
from member_reach.services.imports.roster_writing import from_json
from member_reach.services.imports.undo_calls import (
    back_with_partner,
    later_set,
    refuse_if_called_since,
    restore_calls,
)
from member_reach.services.members.erase import ERASED
from member_reach.store.bulk import chunks
from member_reach.store.database import Database
from member_reach.store.models import (
    Attendance,
    CallTask,
    DetectedRenewal,
    EmailAddress,
    Event,
    ExternalId,
    ImportBatch,
    ImportChange,
    ImportedRow,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)
from member_reach.store.models.base import utcnow

UNDOABLE: Final = ("roster", "events", "outcomes")
# Imports build on the earlier ones of their own family only.
_FAMILIES: Final = {
    "roster": ("roster", "events"),
    "events": ("roster", "events"),
    "outcomes": ("outcomes",),
}


def undo_families(kind: str) -> tuple[str, ...]:
    """The kinds of import a later one of which keeps an import of ``kind`` from being undone."""
    return _FAMILIES[kind]


@dataclass(frozen=True)
class UndoReport:
    """What undoing a batch did."""

    batch_id: int
    file_name: str
    people_removed: int
    people_restored: int
    renewals_removed: int
    attendances_removed: int
    #: People this import touched who were erased since (see members.erase): not restored.
    people_erased: int = 0


def _batch(session: Session, batch_id: int) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id) if 0 < batch_id <= MAX_RECORD_NUMBER else None
    if batch is None or batch.kind not in UNDOABLE:
        raise ServiceError(
            f"There is no roster, attendee or outcomes import number {batch_id}; "
            "the import history lists the numbers."
        )
    if batch.undone_at is not None:
        raise ServiceError(
            f"Import {batch_id} ({batch.file_name}) was already undone "
            f"on {batch.undone_at:%Y-%m-%d at %H:%M} (UTC)."
        )
    later = session.scalar(
        select(ImportBatch)
        .where(
            ImportBatch.id > batch_id,
            ImportBatch.undone_at.is_(None),
            ImportBatch.kind.in_(undo_families(batch.kind)),
        )
        .order_by(ImportBatch.id.desc())
        .limit(1)
    )
    if later is not None:
        raise ServiceError(
            f"Import {later.id} ({later.file_name}) came after import {batch_id}: "
            f"undo import {later.id} first."
        )
    return batch


def run_undo(
    database: Database, batch_id: int, progress: Progress | None = None, guard: Guard | None = None
) -> UndoReport:
    """Undo one import in a transaction of its own, one import at a time (see import_guard).

    Raises:
        ServiceError: as :func:`undo_import`, or another import ran too long.
    """
    with import_session(database, progress, guard) as session:
        return undo_import(session, batch_id)


def undo_import(session: Session, batch_id: int) -> UndoReport:
    """Undo one import batch within ``session`` (the caller commits).

    Raises:
        ServiceError: no such batch, already undone, a later import exists, or people it added
            have calls since.
    """
    batch = _batch(session, batch_id)
    refuse_if_purged(session, batch)
    changes = expanded(  # a set record stands for the records it holds (see undo_sets)
        session.scalars(
            select(ImportChange)
            .where(ImportChange.batch_id == batch_id)
            .order_by(ImportChange.id.desc())
        ).all()
    )
    added = [c.record_id for c in changes if c.table_name == "person" and c.action == "insert"]
    _refuse_if_worked_on(session, batch, added)
    refuse_if_called_since(session, batch, [c for c in changes if c.table_name == "call_task"])
    _refuse_if_changed_by_a_later_import(session, batch, changes)
    renewals = session.scalar(
        select(func.count()).where(DetectedRenewal.import_batch_id == batch_id)
    )
    session.execute(delete(DetectedRenewal).where(DetectedRenewal.import_batch_id == batch_id))
    attendances = [c for c in changes if c.table_name == "attendance"]
    for change in attendances:
        _restore_attendance(session, change)
    restore_calls(session, [c for c in changes if c.table_name == "call_task"])
    back_with_partner(session, [c for c in changes if c.table_name == "partner_call"])
    updates = [c for c in changes if c.table_name == "person" and c.action == "update"]
    for change in updates:
        _restore(session, change)
    for chunk in chunks(added):
        session.execute(delete(Person).where(Person.id.in_(chunk)))
    _remove_created(session, changes)
    # The rows of the import before this one count again for skipping unchanged rows.
    session.execute(delete(ImportedRow).where(ImportedRow.batch_id == batch_id))
    batch.undone_at = utcnow()
    return UndoReport(
        batch_id,
        batch.file_name,
        len(added),
        len(updates),
        renewals or 0,
        len(attendances),
        sum(1 for c in changes if c.table_name == ERASED),
    )


def _refuse_if_worked_on(session: Session, batch: ImportBatch, added: list[int]) -> None:
    worked = 0
    for chunk in chunks(added):
        worked += (
            session.scalar(
                select(func.count(func.distinct(CallTask.person_id))).where(
                    CallTask.person_id.in_(chunk)
                )
            )
            or 0
        )
    if worked:
        raise ServiceError(
            f"Import {batch.id} ({batch.file_name}) cannot be undone: {worked:,} of the people it "
            "added are on call lists since; undoing it would delete their calls."
        )


def _restore(session: Session, change: Record) -> None:
    person_id = change.record_id
    before = change.before or {}
    after = change.after or {}
    if before.get("person"):
        session.execute(update(Person).where(Person.id == person_id).values(**before["person"]))
    if after.get("membership_added"):
        session.execute(delete(Membership).where(Membership.person_id == person_id))
    elif before.get("membership"):
        values = {k: from_json(k, v) for k, v in before["membership"].items()}
        session.execute(
            update(Membership).where(Membership.person_id == person_id).values(**values)
        )
    if after.get("emails"):
        session.execute(
            delete(EmailAddress).where(
                EmailAddress.person_id == person_id, EmailAddress.address_key.in_(after["emails"])
            )
        )
    for e164, original in after.get("phones", []):
        session.execute(
            delete(PhoneNumber).where(
                PhoneNumber.person_id == person_id,
                PhoneNumber.original == original,
                PhoneNumber.e164.is_(None) if e164 is None else PhoneNumber.e164 == e164,
            )
        )
    if after.get("external_id"):
        session.execute(
            delete(ExternalId).where(
                and_(
                    ExternalId.person_id == person_id,
                    ExternalId.source.in_((ROSTER_SOURCE, "events")),
                    ExternalId.value == after["external_id"],
                )
            )
        )


def _refuse_if_changed_by_a_later_import(
    session: Session, batch: ImportBatch, changes: Sequence[Record]
) -> None:
    """Refuse when a later import still standing changed the calls or the people this one added.

    A roster closes the calls of people it flags do-not-call, an outcomes import logs on them:
    undoing the earlier of two that touched a call would put back a state the later one
    replaced. A contact a partner added may be matched by a later roster (by e-mail or phone)
    and become a member: undoing the outcomes import would delete that member. The later one
    is undone first.
    """
    calls = [c.record_id for c in changes if c.table_name == "call_task"]
    added = [c.record_id for c in changes if c.table_name == "person" and c.action == "insert"]
    table, record = ImportChange.table_name, ImportChange.record_id
    found = later_set(session, batch, calls)  # calls kept in a set: not found by record_id
    for touched, what in (
        *((and_(table == "call_task", record.in_(c)), "the same calls") for c in chunks(calls)),
        *(
            (
                or_(  # the person, or an attendance of theirs (an event list matched them)
                    and_(table == "person", record.in_(c)),
                    and_(
                        table == "attendance",
                        record.in_(select(Attendance.id).where(Attendance.person_id.in_(c))),
                    ),
                ),
                "people it added",
            )
            for c in chunks(added)
        ),
    ):
        later = session.execute(
            select(ImportBatch.id, ImportBatch.file_name)
            .join(ImportChange, ImportChange.batch_id == ImportBatch.id)
            .where(
                ImportBatch.id > batch.id,
                ImportBatch.undone_at.is_(None),
                touched,
            )
            .order_by(ImportBatch.id.desc())
            .limit(1)
        ).first()
        if later is not None and (found is None or later.id > found[0]):
            found = (later.id, later.file_name, what)
    if found is not None:
        later_id, file_name, what = found
        raise ServiceError(
            f"Import {later_id} ({file_name}) came after import {batch.id} and "
            f"changed {what}: undo import {later_id} first."
        )


def _restore_attendance(session: Session, change: Record) -> None:
    if change.action == "insert":
        session.execute(delete(Attendance).where(Attendance.id == change.record_id))
        return
    values = {k: from_json(k, v) for k, v in (change.before or {}).items()}
    if change.action == "update":
        session.execute(
            update(Attendance).where(Attendance.id == change.record_id).values(**values)
        )
    else:
        session.execute(insert(Attendance).values(id=change.record_id, **values))


def _remove_created(session: Session, changes: Sequence[Record]) -> None:
    for change in changes:
        if change.table_name == "membership_type":
            used = session.scalar(
                select(func.count()).where(Membership.type_id == change.record_id)
            )
            if not used:
                session.execute(delete(MembershipType).where(MembershipType.id == change.record_id))
        elif change.table_name == "event":
            left = session.scalar(
                select(func.count()).where(Attendance.event_id == change.record_id)
            )
            if not left:
                session.execute(delete(Event).where(Event.id == change.record_id))
