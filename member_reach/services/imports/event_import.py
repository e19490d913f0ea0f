"""Importing an event's attendee list: people matched as a roster's are, and their attendance.

Each row is a person (matched by member id, e-mail, then name and phone; unknown people become
non-member contacts) with a role at the event (attendee, exhibitor, sponsor, speaker), a
registration status and date. The event is found by name or created. A cancelled registration
is not an attendance (and removes one recorded earlier). A list of a past event without a status
column is taken as the list of people who came. Everything is one batch that can be undone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from member_reach.domain.attendees import Registration, attendee_mapping, read_registration
from member_reach.domain.columns import Field, normalise_header
from member_reach.domain.dates import DateOrder
from member_reach.domain.jobs import Progress
from member_reach.domain.mapping import (
    ColumnMapping,
    MappingError,
    check_mapping,
    describe_mapping,
)
from member_reach.domain.roster_merge import Merge, PersonRows, group_rows
from member_reach.domain.roster_rows import (
    RosterRecord,
    RowKind,
    RowOptions,
    RowReader,
    classify_structure,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.services.imports.roster_import import file_sha256, plan_changes
from member_reach.services.imports.roster_reading import (
    MAX_ROWS,
    RowIssue,
    Ticker,
    checked_rows,
    open_import_table,
    person_mapping,
    refuse_if_too_large,
)
from member_reach.services.imports.roster_writing import RosterWriter, to_json
from member_reach.sheets import Table
from member_reach.store.database import Database
from member_reach.store.models import Attendance, Event, ImportBatch, ImportChange
from member_reach.store.models.base import utcnow

EVENT_SOURCE = "events"


@dataclass(frozen=True)
class EventImportOptions:
    """What the person asked for.

    Attributes:
        event: the event's name (an edition: "Annual Conference 2026").
        event_date: its first day, for a new event (or one without a date yet).
        series: the series editions belong to ("Annual Conference"), for a new event.
        sheet, password, date_order, header_row, mapping: as for a roster.
        dry_run: report everything, write nothing.
    """

    event: str
    event_date: dt.date | None = None
    series: str = ""
    sheet: str | None = None
    password: str | None = None
    date_order: DateOrder | None = None
    dry_run: bool = False
    header_row: int | None = None
    mapping: Mapping[int, Field] | None = None


@dataclass
class EventImportReport:
    """What an attendee import read and changed."""

    file: str
    event: str
    event_id: int | None
    event_created: bool
    mapping: list[str]
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    flagged: int = 0
    attendances_added: int = 0
    attendances_updated: int = 0
    attendances_removed: int = 0
    cancelled: int = 0
    roles: dict[str, int] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    batch_id: int | None = None
    header: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        """The report as the command line's ``--json`` object."""
        return {
            "file": self.file,
            "event": self.event,
            "event_id": self.event_id,
            "event_created": self.event_created,
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "flagged": self.flagged,
            "attendances_added": self.attendances_added,
            "attendances_updated": self.attendances_updated,
            "attendances_removed": self.attendances_removed,
            "cancelled": self.cancelled,
            "roles": self.roles,
            "merges": [m.describe() for m in self.merges],
            "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in self.issues],
            "mapping": self.mapping,
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
        }


@dataclass
class _Read:
    table: Table
    records: list[RosterRecord] = field(default_factory=list)
    registrations: dict[int, Registration] = field(default_factory=dict)
    issues: list[RowIssue] = field(default_factory=list)
    rows_read: int = 0
    mapping: ColumnMapping = field(default_factory=ColumnMapping)


def _read(
    path: Path,
    options: EventImportOptions,
    row_options: RowOptions,
    ticker: Ticker,
) -> tuple[_Read, list[str]]:
    table = open_import_table(path, options.sheet, options.password, options.header_row)
    with table:
        mapping = (
            attendee_mapping(table.header)
            if options.mapping is None
            else person_mapping(options.mapping, table.header)
        )
        where = f"{path.name}, sheet '{table.sheet}'" if table.sheet else path.name
        try:
            check_mapping(mapping, table.header)
        except MappingError as exc:
            raise ServiceError(
                f"{where}, row {table.header_row} (the header): {exc}; rename a column in the "
                "file to Name, E-mail or Member ID"
            ) from None
        read = _Read(table, mapping=mapping)
        ticker.total = refuse_if_too_large(path, table)
        keys = [normalise_header(h) for h in table.header]
        reader = RowReader(mapping, table.header, row_options)
        for seen, row in enumerate(checked_rows(table), start=1):
            if seen % 1_000 == 0:
                ticker.tick(seen)
            if classify_structure(row.cells, keys, mapping) is not RowKind.DATA:
                continue
            read.rows_read += 1
            if read.rows_read > MAX_ROWS:
                raise ServiceError(f"{where}: more than {MAX_ROWS:,} rows: split the file")
            record = reader.read(row.number, row.cells)
            record.is_member = False  # an attendee list says nothing of membership
            if record.rejected:
                read.issues.append(RowIssue(row.number, "rejected", record.rejected, row.cells))
                continue
            registration = read_registration(
                row.cells, mapping, table.header, row_options.date_order, table.date1904
            )
            flags = [row.problem] if row.problem else []
            flags += record.flags + ([registration.problem] if registration.problem else [])
            if flags:
                read.issues.append(RowIssue(row.number, "flagged", "; ".join(flags), row.cells))
            read.records.append(record)
            read.registrations[row.number] = registration
        return read, describe_mapping(mapping, table.header)


def _event(session: Session, options: EventImportOptions) -> tuple[Event | None, bool]:
    name = " ".join(options.event.split())
    if not name:
        raise ServiceError("Give the event's name with --event, e.g. --event 'Expo 2026'.")
    found = session.scalar(select(Event).where(func.lower(Event.name) == name.lower()))
    return found, found is None


def _attendance_wanted(
    group: PersonRows, registrations: dict[int, Registration], past_without_status: bool
) -> dict[str, Registration]:
    """Per role, the person's latest registration (a row that says they came wins)."""
    wanted: dict[str, Registration] = {}
    for record in group.records:
        reg = registrations[record.row]
        if past_without_status and reg.attended is None and not reg.cancelled:
            reg = Registration(reg.role, False, True, reg.registered_on)
        held = wanted.get(reg.role)
        if held is None or not reg.cancelled or held.cancelled:
            wanted[reg.role] = _combine(held, reg)
    return wanted


def _combine(held: Registration | None, new: Registration) -> Registration:
    if held is None:
        return new
    attended = new.attended if new.attended is not None else held.attended
    return Registration(new.role, new.cancelled, attended, new.registered_on or held.registered_on)


def import_events(
    session: Session,
    path: Path,
    today: dt.date,
    options: EventImportOptions,
    progress: Progress | None = None,
) -> EventImportReport:
    """Import an attendee list within ``session`` (the caller commits).

    Raises:
        ServiceError: the file cannot be imported, or no event name was given.
    """
    path = Path(path)
    event, created = _event(session, options)
    settings = load_settings(session)
    row_options = RowOptions(
        default_region=settings["default_region"],
        date_order=options.date_order or settings["date_order"],
    )
    read, mapping = _read(path, options, row_options, Ticker(0, progress))
    people = group_rows(read.records)
    changes, _ = plan_changes(session, people, EVENT_SOURCE)
    actions = Counter(c.action for c in changes)
    report = EventImportReport(
        file=str(path),
        event=event.name if event is not None else " ".join(options.event.split()),
        event_id=event.id if event is not None else None,
        event_created=created,
        mapping=mapping,
        header=list(read.table.header),
        rows_read=read.rows_read,
        inserted=actions["insert"],
        updated=actions["update"],
        unchanged=actions["unchanged"],
        rejected=sum(1 for i in read.issues if i.result == "rejected"),
        flagged=sum(1 for i in read.issues if i.result == "flagged"),
        merges=[m for g in people if (m := g.merge_report()) is not None],
        issues=read.issues,
        dry_run=options.dry_run,
    )
    event_day = options.event_date or (event.starts_on if event is not None else None)
    no_status = Field.REGISTRATION_STATUS not in read.mapping.fields()
    past = bool(no_status) and event_day is not None and event_day < today
    wanted = {id(g): _attendance_wanted(g, read.registrations, past) for g in people}
    report.cancelled = sum(1 for w in wanted.values() for r in w.values() if r.cancelled)
    report.roles = dict(
        Counter(r.role for w in wanted.values() for r in w.values() if not r.cancelled)
    )
    if options.dry_run:
        return report
    batch = ImportBatch(
        kind="events",
        file_name=path.name,
        file_sha256=file_sha256(path),
        sheet=read.table.sheet,
        rows_read=read.rows_read,
        inserted=report.inserted,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
        flagged=report.flagged,
    )
    session.add(batch)
    session.flush()
    if event is None:
        event = Event(name=report.event, series=options.series or "", starts_on=options.event_date)
        session.add(event)
        session.flush()
        _change(session, batch.id, "event", event.id, "insert", None, {"name": event.name})
    report.event_id = event.id
    writer = RosterWriter(session, batch.id, today, progress, EVENT_SOURCE)
    writer.write(changes)
    person_of_row = {row: c.person_id for c in changes for row in c.rows}
    per_person: dict[int, dict[str, Registration]] = {}
    for group in people:  # two groups may have been found to be one person on file
        roles = per_person.setdefault(person_of_row[group.rows[0]] or 0, {})
        for role, reg in wanted[id(group)].items():
            roles[role] = _combine(roles.get(role), reg)
    _AttendanceWriter(session, batch.id, event.id, report).write(per_person.items())
    batch.finished_at = utcnow()
    report.batch_id = batch.id
    return report


def _change(
    session: Session,
    batch_id: int,
    table: str,
    record_id: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        ImportChange(
            batch_id=batch_id,
            row_number=None,
            table_name=table,
            record_id=record_id,
            action=action,
            before=before,
            after=after,
        )
    )


class _AttendanceWriter:
    def __init__(self, session: Session, batch_id: int, event_id: int, report: EventImportReport):
        self.session = session
        self.batch_id = batch_id
        self.event_id = event_id
        self.report = report
        self.existing = {
            (a.person_id, a.role): a
            for a in session.scalars(select(Attendance).where(Attendance.event_id == event_id))
        }

    def write(self, wanted: Any) -> None:
        for person_id, roles in wanted:
            for role, reg in roles.items():
                held = self.existing.get((person_id, role))
                if held is None and not reg.cancelled:
                    self._add(person_id, reg)
                elif held is not None and reg.cancelled:
                    self._remove(held)
                elif held is not None:
                    self._update(held, reg)

    def _add(self, person_id: int, reg: Registration) -> None:
        new_id = self.session.execute(
            insert(Attendance).returning(Attendance.id),
            {
                "event_id": self.event_id,
                "person_id": person_id,
                "role": reg.role,
                "registered_on": reg.registered_on,
                "attended": bool(reg.attended),
                "source": EVENT_SOURCE,
            },
        ).scalar_one()
        _change(self.session, self.batch_id, "attendance", new_id, "insert", None, None)
        self.report.attendances_added += 1

    def _remove(self, held: Attendance) -> None:
        before = _attendance_json(held)
        self.session.execute(delete(Attendance).where(Attendance.id == held.id))
        _change(self.session, self.batch_id, "attendance", held.id, "delete", before, None)
        self.report.attendances_removed += 1

    def _update(self, held: Attendance, reg: Registration) -> None:
        values: dict[str, Any] = {}
        if reg.registered_on is not None and reg.registered_on != held.registered_on:
            values["registered_on"] = reg.registered_on
        if reg.attended is not None and reg.attended != held.attended:
            values["attended"] = reg.attended
        if not values:
            return
        before = {k: to_json(getattr(held, k)) for k in values}
        self.session.execute(update(Attendance).where(Attendance.id == held.id).values(**values))
        after = {k: to_json(v) for k, v in values.items()}
        _change(self.session, self.batch_id, "attendance", held.id, "update", before, after)
        self.report.attendances_updated += 1


def _attendance_json(held: Attendance) -> dict[str, Any]:
    return {
        "event_id": held.event_id,
        "person_id": held.person_id,
        "role": held.role,
        "registered_on": to_json(held.registered_on),
        "attended": held.attended,
        "source": held.source,
    }


def run_event_import(
    database: Database,
    path: Path,
    today: dt.date,
    options: EventImportOptions,
    progress: Progress | None = None,
) -> EventImportReport:
    """Import an attendee list in one transaction (nothing is written for a dry run)."""
    with database.session() as session:
        report = import_events(session, path, today, options, progress)
        if options.dry_run:
            session.rollback()
    return report
