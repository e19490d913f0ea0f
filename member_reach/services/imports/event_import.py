"""Importing an event's attendee list: the import stages of :mod:`.pipeline`, and attendance.

read → map → clean → match → plan → write → report, as :func:`import_events` shows. Each row is
a person (matched as a roster's are; unknown people become non-member contacts) with a role at
the event (attendee, exhibitor, sponsor, speaker), a registration status and date. The event is
found by name or created. A cancelled registration is not an attendance (and removes one
recorded earlier). A list of a past event without a status column is taken as the list of people
who came. Everything is one batch that can be undone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from member_reach.domain.attendees import Registration, attendee_mapping, read_registration
from member_reach.domain.columns import Field
from member_reach.domain.jobs import Progress
from member_reach.domain.remedies import Remedy
from member_reach.domain.roster_merge import Merge, PersonRows
from member_reach.domain.roster_rows import RosterRecord
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import Guard, import_session
from member_reach.services.imports.file_reading import Sample, person_mapping
from member_reach.services.imports.import_types import (
    EventChoice,
    ImportCounts,
    ImportOptions,
    RowIssue,
)
from member_reach.services.imports.mapping_profiles import ChosenMapping
from member_reach.services.imports.pipeline import (
    clean_rows,
    map_columns,
    match_people,
    plan_changes,
    read_file,
    save_rejects,
    write_batch,
)
from member_reach.services.imports.pipeline_types import (
    ImportKind,
    ImportProgress,
    MappedFile,
    Plan,
    Written,
)
from member_reach.services.imports.roster_writing import to_json
from member_reach.sheets import Row
from member_reach.store.database import Database
from member_reach.store.models import Attendance, Event, ImportChange

EVENT_SOURCE: Final = "events"


def attendee_columns(
    session: Session, header: list[str], options: ImportOptions, rows: Sample = ()
) -> ChosenMapping:
    """An attendee list's columns: the person's choice, else event words, then a roster's.

    The roster's guesses read the first ``rows``' values too (an IP column is no address).
    """
    if options.mapping is not None:
        return ChosenMapping(person_mapping(options.mapping, header))
    return ChosenMapping(attendee_mapping(header, rows))


#: What an attendee list does its own way in the shared stages.
EVENTS: Final = ImportKind(
    name="events",
    source=EVENT_SOURCE,
    choose_mapping=attendee_columns,
    advice="rename a column in the file to Name, E-mail or Member ID",
    learn_date_orders=False,
)


@dataclass
class EventImportReport:
    """What an attendee import read and changed."""

    file: str
    event: str
    event_id: int | None
    event_created: bool
    mapping: list[str]
    counts: ImportCounts
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
    rejects_file: str = ""
    notes: list[str] = field(default_factory=list)


class Registrations(dict[int, Registration]):
    """Each attendee row's registration, by row number, read in the clean stage."""

    def read(self, mapped: MappedFile, row: Row, record: RosterRecord) -> str:
        """Read ``row``'s registration (see :data:`.pipeline_types.RowExtra`)."""
        record.is_member = False  # an attendee list says nothing of membership
        options = mapped.row_options
        registration = read_registration(
            row.cells, mapped.mapping, mapped.table.header, options.date_order, options.date1904
        )
        self[row.number] = registration
        return registration.problem


@dataclass
class AttendancePlan:
    """The plan of an attendee list beyond its people: the event, and each one's attendance.

    Attributes:
        name: the event's name, as found or to create.
        event: the event on file, or None when it is to be created.
        wanted: per group of rows (by ``id()``), each role's registration.
    """

    name: str
    event: Event | None
    wanted: dict[int, dict[str, Registration]]

    @property
    def cancelled(self) -> int:
        """Registrations cancelled."""
        return sum(1 for w in self.wanted.values() for r in w.values() if r.cancelled)

    @property
    def roles(self) -> dict[str, int]:
        """Attendances by role (cancelled ones apart)."""
        roles = (r.role for w in self.wanted.values() for r in w.values() if not r.cancelled)
        return dict(Counter(roles))


@dataclass
class EventWritten(Written):
    """An attendee list's batch written: the event, and the attendances changed."""

    event_id: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0


def import_events(
    session: Session,
    path: Path,
    today: dt.date,
    options: ImportOptions,
    progress: Progress | None = None,
) -> EventImportReport:
    """Import an attendee list within ``session`` (the caller commits).

    Args:
        session: the unit of work; nothing is flushed for a dry run.
        path: the file.
        today: the day renewals are detected on, and past events told from coming ones.
        options: the event (:attr:`ImportOptions.event`), and how to read the file.
        progress: called with (steps done, steps in all); raises :class:`Cancelled` to stop
            the import (the caller rolls back: nothing is written).

    Raises:
        ServiceError: the file cannot be imported, or no event name was given.
    """
    choice = _event_choice(options)
    bar = ImportProgress(progress)
    registrations = Registrations()
    with read_file(path, options, bar) as source:
        mapped = map_columns(session, source, EVENTS, options)
        clean = clean_rows(mapped, bar, extra=registrations.read)
    matched = match_people(session, clean, EVENTS)  # may flag rows: the rejects come after
    rejects_file = save_rejects(options.rejects, clean)
    plan = plan_changes(session, matched)
    attendance = plan_attendance(session, plan, registrations, choice, today)
    written = None
    if not options.dry_run:
        written = write_events(session, plan, attendance, choice, today, bar)
    return event_report(plan, attendance, written, rejects_file)


def _event_choice(options: ImportOptions) -> EventChoice:
    name = " ".join(options.event.name.split()) if options.event is not None else ""
    if options.event is None or not name:
        raise ServiceError(
            "Give the name of the event the attendee list is for, for example Expo 2026.",
            remedy=Remedy.NAME_EVENT,
        )
    return EventChoice(name, options.event.date, options.event.series)


def plan_attendance(
    session: Session,
    plan: Plan,
    registrations: dict[int, Registration],
    choice: EventChoice,
    today: dt.date,
) -> AttendancePlan:
    """The plan of an attendee list beyond its people: the event, and who attends it as what.

    A list of a past event without a status column is the list of people who came.
    """
    event = session.scalar(select(Event).where(func.lower(Event.name) == choice.name.lower()))
    event_day = choice.date or (event.starts_on if event is not None else None)
    no_status = Field.REGISTRATION_STATUS not in plan.clean.mapped.mapping.fields()
    past = no_status and event_day is not None and event_day < today
    wanted = {id(g): _attendance_wanted(g, registrations, past) for g in plan.clean.people}
    return AttendancePlan(event.name if event is not None else choice.name, event, wanted)


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


def write_events(
    session: Session,
    plan: Plan,
    attendance: AttendancePlan,
    choice: EventChoice,
    today: dt.date,
    bar: ImportProgress,
) -> EventWritten:
    """The write stage of an attendee list: the batch, its people, a new event, attendances."""
    written = write_batch(session, plan, today, bar)
    event = attendance.event
    if event is None:
        event = Event(name=attendance.name, series=choice.series, starts_on=choice.date)
        session.add(event)
        session.flush()
        _change(session, written.batch_id, "event", event.id, "insert", None, {"name": event.name})
    person_of_row = {row: c.person_id for c in plan.changes for row in c.rows}
    per_person: dict[int, dict[str, Registration]] = {}
    for group in plan.clean.people:  # two groups may have been found to be one person on file
        roles = per_person.setdefault(person_of_row[group.rows[0]] or 0, {})
        for role, reg in attendance.wanted[id(group)].items():
            roles[role] = _combine(roles.get(role), reg)
    writer = _AttendanceWriter(session, written.batch_id, event.id)
    writer.write(per_person.items())
    written.finish()
    bar.finish()
    return EventWritten(written.batch, event.id, writer.added, writer.updated, writer.removed)


def event_report(
    plan: Plan, attendance: AttendancePlan, written: EventWritten | None, rejects_file: str
) -> EventImportReport:
    """The report stage of an attendee list: what it read, changed (or would change)."""
    clean = plan.clean
    mapped = clean.mapped
    event_id = attendance.event.id if attendance.event is not None else None
    return EventImportReport(
        file=str(mapped.source.path),
        event=attendance.name,
        event_id=written.event_id if written is not None else event_id,
        event_created=attendance.event is None,
        mapping=mapped.mapping_lines(),
        counts=plan.counts,
        attendances_added=written.added if written is not None else 0,
        attendances_updated=written.updated if written is not None else 0,
        attendances_removed=written.removed if written is not None else 0,
        cancelled=attendance.cancelled,
        roles=attendance.roles,
        merges=[m for g in clean.people if (m := g.merge_report()) is not None],
        issues=clean.issues,
        batch_id=written.batch_id if written is not None else None,
        header=list(mapped.table.header),
        dry_run=written is None,
        rejects_file=rejects_file,
        notes=list(clean.notes),
    )


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
    """Writes the attendances of one event, each with its undo record; counts what changed."""

    def __init__(self, session: Session, batch_id: int, event_id: int):
        self.session = session
        self.batch_id = batch_id
        self.event_id = event_id
        self.added = self.updated = self.removed = 0
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
        self.added += 1

    def _remove(self, held: Attendance) -> None:
        before = _attendance_json(held)
        self.session.execute(delete(Attendance).where(Attendance.id == held.id))
        _change(self.session, self.batch_id, "attendance", held.id, "delete", before, None)
        self.removed += 1

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
        self.updated += 1


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
    options: ImportOptions,
    progress: Progress | None = None,
    guard: Guard | None = None,
) -> EventImportReport:
    """Import an attendee list in one transaction (nothing is written for a dry run).

    The transaction holds the database's import lock from its start (see :mod:`import_guard`).

    Raises:
        ServiceError: as :func:`import_events`, or another import ran too long; the database is
            left as it was.
        Cancelled: ``progress`` raised it; nothing was written.
    """
    with import_session(database, progress, guard, lock=not options.dry_run) as session:
        report = import_events(session, path, today, options, progress)
        if options.dry_run:
            session.rollback()
    return report
