"""Undoing an import batch: the database as it was before the file came in.

Undo follows the batch's :class:`ImportChange` records backwards: people the import added are
deleted (with everything hanging off them), people it changed get their old values back and lose
exactly the e-mail addresses, phones and member ids it added; renewals it detected, attendances
it recorded and membership types or events it created go too. Only the latest import that is not
undone can be undone (a later one may have built on it), and not once people it added have been
given calls: undo would delete that work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import Table, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.domain.values import MAX_RECORD_NUMBER
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import Guard, import_session
from member_reach.services.common.undo_sets import Record, entries, expanded, sets_of
from member_reach.services.imports.retention import refuse_if_purged
from member_reach.services.imports.roster_changes import ROSTER_SOURCE
from member_reach.services.imports.roster_writing import from_json
from member_reach.services.members.erase import ERASED
from member_reach.store.bulk import chunks
from member_reach.store.database import Database
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    DetectedRenewal,
    EmailAddress,
    Event,
    ExportBatch,
    ExternalId,
    HandOff,
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
    _refuse_if_called_since(session, batch, [c for c in changes if c.table_name == "call_task"])
    _refuse_if_changed_by_a_later_import(session, batch, changes)
    renewals = session.scalar(
        select(func.count()).where(DetectedRenewal.import_batch_id == batch_id)
    )
    session.execute(delete(DetectedRenewal).where(DetectedRenewal.import_batch_id == batch_id))
    attendances = [c for c in changes if c.table_name == "attendance"]
    for change in attendances:
        _restore_attendance(session, change)
    _restore_calls(session, [c for c in changes if c.table_name == "call_task"])
    _back_with_partner(session, [c for c in changes if c.table_name == "partner_call"])
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
    found = _later_set(session, batch, calls)  # calls kept in a set: not found by record_id
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


def _later_set(
    session: Session, batch: ImportBatch, calls: Sequence[int]
) -> tuple[int, str, str] | None:
    """The latest import still standing after ``batch`` whose set of calls holds one of them."""
    wanted = set(calls)
    if not wanted:
        return None
    standing = select(ImportBatch.id).where(
        ImportBatch.id > batch.id, ImportBatch.undone_at.is_(None)
    )
    for change in reversed(sets_of(session, "call_task", ImportChange.batch_id.in_(standing))):
        if any(e.record_id in wanted for e in entries(change)):
            later = session.get_one(ImportBatch, change.batch_id)
            return later.id, later.file_name, "the same calls"
    return None


def _refuse_if_called_since(session: Session, batch: ImportBatch, calls: Sequence[Record]) -> None:
    """Refuse to undo outcomes when the same calls were worked on after them."""
    # The call each logged, or (a call a roster import closed) the last logged before it.
    logged = {
        c.record_id: (c.after or {}).get("call_log") or (c.after or {}).get("last_log") or 0
        for c in calls
    }
    later = 0
    for chunk in chunks(list(logged)):  # one query per 500 calls, not one per call
        for task_id, log_id in session.execute(
            select(CallLog.task_id, CallLog.id).where(
                CallLog.task_id.in_(chunk),
                or_(CallLog.import_batch_id.is_(None), CallLog.import_batch_id != batch.id),
            )
        ):
            later += log_id > logged[task_id]
    if later:
        raise ServiceError(
            f"Import {batch.id} ({batch.file_name}) cannot be undone: {later:,} calls were "
            "logged on its calls since; undoing it would undo that work too."
        )


def _plain(change: Record) -> bool:
    """A logged call that touched only its own task (no hand-off, not do-not-call)."""
    before, after = change.before or {}, change.after or {}
    return (
        not after.get("handoff")
        and before.get("do_not_call") is None
        and not before.get("open_elsewhere")
    )


def _restore_calls(session: Session, changes: Sequence[Record]) -> None:
    """Take back the calls an outcomes import logged.

    The plain ones together (one delete per 500 call logs, one update for all tasks), the
    others one by one.
    """
    plain = [c for c in changes if _plain(c)]
    logs = [(c.after or {}).get("call_log") for c in plain]
    for chunk in chunks([log for log in logs if log]):
        session.execute(delete(CallLog).where(CallLog.id.in_(chunk)))
    if plain:
        tasks = cast(Table, CallTask.__table__)
        session.connection().execute(
            update(tasks)
            .where(tasks.c.id == bindparam("b_id"))
            .values(
                state=bindparam("b_state"),
                attempts=bindparam("b_attempts"),
                assignee=bindparam("b_assignee"),
                reserved_by=bindparam("b_reserved_by"),
                next_callback=bindparam("b_next_callback"),
                reserved_until=bindparam("b_reserved_until"),
                version=tasks.c.version + 1,
            ),
            [_task_before(c) for c in plain],
        )
    for change in changes:
        if not _plain(change):
            _restore_call(session, change)


def _task_before(change: Record) -> dict[str, Any]:
    before = change.before or {}
    return {
        "b_id": change.record_id,
        "b_state": before["state"],
        "b_attempts": before["attempts"],
        "b_assignee": before["assignee"],
        "b_reserved_by": before.get("reserved_by", ""),
        **{
            f"b_{k}": dt.datetime.fromisoformat(before[k]) if before.get(k) else None
            for k in ("next_callback", "reserved_until")
        },
    }


def _restore_call(session: Session, change: Record) -> None:
    """Take back one call an outcomes import logged, and what it did to the task and person."""
    before, after = change.before or {}, change.after or {}
    if after.get("handoff"):
        session.execute(delete(HandOff).where(HandOff.id == after["handoff"]))
    if after.get("call_log"):
        session.execute(delete(CallLog).where(CallLog.id == after["call_log"]))
    moments = {
        k: dt.datetime.fromisoformat(before[k]) if before.get(k) else None
        for k in ("next_callback", "reserved_until")
    }
    session.execute(
        update(CallTask)
        .where(CallTask.id == change.record_id)
        .values(
            state=before["state"],
            attempts=before["attempts"],
            assignee=before["assignee"],
            reserved_by=before.get("reserved_by", ""),
            version=CallTask.version + 1,
            **moments,
        )
        .execution_options(synchronize_session=False)
    )
    task_person = select(CallTask.person_id).where(CallTask.id == change.record_id)
    if before.get("do_not_call") is not None:  # only a do-not-call outcome touched it
        session.execute(
            update(Person)
            .where(Person.id == task_person.scalar_subquery())
            .values(do_not_call=before["do_not_call"])
        )
    # The calls the do-not-call closed elsewhere go back to open or reserved, as they were
    # (records written before their states were kept hold only ids: those were open or reserved,
    # and go back to open).
    by_state: dict[str, list[int]] = {}
    for item in before.get("open_elsewhere") or []:
        task_id, state = (item, "open") if isinstance(item, int) else item
        by_state.setdefault(state, []).append(task_id)
    for state, task_ids in by_state.items():
        session.execute(
            update(CallTask)
            .where(CallTask.id.in_(task_ids), CallTask.state == "closed")
            .values(state=state, version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )


def _back_with_partner(session: Session, changes: Sequence[Record]) -> None:
    """Give back to their partner's export the calls a worked file brought back.

    Together: one update per export and partner (and per 500 calls).
    """
    by_export: dict[tuple[Any, str], list[int]] = {}
    for change in changes:
        before = change.before or {}
        key = (before.get("with_export_id"), before.get("assignee", ""))
        by_export.setdefault(key, []).append(change.record_id)
    for (export_id, assignee), task_ids in by_export.items():
        for chunk in chunks(task_ids):
            session.execute(
                update(CallTask)
                .where(CallTask.id.in_(chunk))
                .values(
                    with_export_id=select(ExportBatch.id)
                    .where(ExportBatch.id == export_id)
                    .scalar_subquery(),  # None if the export was deleted since
                    assignee=assignee,
                    version=CallTask.version + 1,
                )
                .execution_options(synchronize_session=False)
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
