"""Everything held on one person, in one workbook: the answer to a subject-access request.

A sheet per kind of record, each with every column the database keeps: the person, their
membership, e-mails, phones and ids; their calls on each campaign and every attempt with its
notes; hand-offs; events attended; renewals found; edits made by hand; the fingerprints of the
roster rows they came from; and what imports keep of them for undo (before and after values).
The workbook is written whole or not at all, every cell neutralised against formulas.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.common.errors import ServiceError
from member_reach.services.members.erase import set_entries_of, undo_records_of
from member_reach.sheets import CellValue, SheetError
from member_reach.sheets.list_writer import write_tables
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    Event,
    ExternalId,
    HandOff,
    ImportBatch,
    ImportChange,
    ImportedRow,
    Membership,
    Person,
    PersonEdit,
    PhoneNumber,
)


@dataclass(frozen=True)
class SubjectTable:
    """One kind of record held on the person: its name, columns and rows."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]


@dataclass(frozen=True)
class SubjectExport:
    """What was written: the file and each table's row count."""

    person_id: int
    file: str
    counts: dict[str, int]


def _cell(value: Any) -> CellValue:
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, default=str, ensure_ascii=False)


def _table(title: str, model: Any, rows: Sequence[Any], extra: Sequence[str] = ()) -> SubjectTable:
    """A table of ``model`` rows with all their columns (and ``extra`` values after them)."""
    columns = [c.key for c in model.__table__.columns]
    return SubjectTable(
        title,
        (*columns, *extra),
        tuple(
            tuple(_cell(getattr(r[0] if extra else r, c)) for c in columns)
            + tuple(_cell(v) for v in (r[1:] if extra else ()))
            for r in rows
        ),
    )


def _undo(session: Session, person_id: int, task_ids: list[int]) -> list[Any]:
    """What imports keep of the person for undo, with the file and time of each import."""
    record_ids = [change_id for change_id, _ in undo_records_of(session, person_id, task_ids)]
    own = [
        row
        for chunk in chunks(record_ids)
        for row in session.execute(
            select(ImportChange, ImportBatch.file_name, ImportBatch.started_at)
            .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
            .where(ImportChange.id.in_(chunk))
            .order_by(ImportChange.id)
        ).all()
    ]
    held = set_entries_of(session, task_ids)  # their calls in sets of records, as their own
    batches = {
        b.id: (b.file_name, b.started_at)
        for chunk in chunks(sorted({e.batch_id for e in held}))
        for b in session.scalars(select(ImportBatch).where(ImportBatch.id.in_(chunk)))
    }
    return own + [(e, *batches[e.batch_id]) for e in held]


def subject_tables(session: Session, person_id: int) -> list[SubjectTable]:
    """Every record held on the person, a table per kind.

    Raises:
        ServiceError: there is no such person.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise ServiceError(f"There is no person number {person_id}.")

    def of(model: Any) -> Sequence[Any]:
        return session.scalars(
            select(model).where(model.person_id == person_id).order_by(model.id)
        ).all()

    tasks = session.execute(
        select(CallTask, Campaign.name)
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .where(CallTask.person_id == person_id)
        .order_by(CallTask.id)
    ).all()
    task_ids = [t.id for t, _ in tasks]
    logs = [
        log
        for chunk in chunks(task_ids)
        for log in session.scalars(select(CallLog).where(CallLog.task_id.in_(chunk)))
    ]
    attended = session.execute(
        select(Attendance, Event.name, Event.starts_on)
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.person_id == person_id)
        .order_by(Attendance.id)
    ).all()
    undo = _undo(session, person_id, task_ids)
    return [
        _table("Person", Person, [person]),
        _table("Membership", Membership, of(Membership)),
        _table("E-mails", EmailAddress, of(EmailAddress)),
        _table("Phones", PhoneNumber, of(PhoneNumber)),
        _table("Ids", ExternalId, of(ExternalId)),
        _table("Calls", CallTask, tasks, ("campaign",)),
        _table("Call attempts", CallLog, logs),
        _table("Hand-offs", HandOff, of(HandOff)),
        _table("Events", Attendance, attended, ("event", "event_date")),
        _table("Renewals", DetectedRenewal, of(DetectedRenewal)),
        _table("Edits", PersonEdit, of(PersonEdit)),
        _table("Imported rows", ImportedRow, of(ImportedRow)),
        _table("Kept for undo", ImportChange, undo, ("file", "imported_at")),
    ]


def export_subject(session: Session, person_id: int, path: Path) -> SubjectExport:
    """Write everything held on the person to an .xlsx workbook at ``path``.

    Raises:
        ServiceError: there is no such person, or the file cannot be written.
    """
    tables = subject_tables(session, person_id)
    try:
        write_tables(Path(path), [(t.title, t.headings, t.rows) for t in tables])
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None
    return SubjectExport(person_id, str(path), {t.title: len(t.rows) for t in tables})


__all__ = ["SubjectExport", "SubjectTable", "export_subject", "subject_tables"]
