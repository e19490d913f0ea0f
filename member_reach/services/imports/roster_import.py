"""Importing a roster: read the file, match people, write the changes in one transaction.

The same function serves the command line, the GUI wizard and the tests. It reads the file
(:mod:`.roster_reading`), matches each person to the database (member id, e-mail, name and
phone), works out what changes (:mod:`.roster_changes`), and unless it is a dry run writes it
all with an import batch that can be undone (:mod:`.roster_writing`, :mod:`.import_undo`).
An SQLite database is backed up first (the last five backups are kept). Members on file that the
roster does not list are reported, never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.domain.roster_merge import Merge, PersonRows
from member_reach.domain.status import PeriodKind
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.services.imports.mapping_profiles import save_profile, unused_profile_name
from member_reach.services.imports.people_index import load_known_people, load_snapshots
from member_reach.services.imports.roster_changes import ROSTER_SOURCE, PersonChange, decide
from member_reach.services.imports.roster_reading import (
    ReadOptions,
    RosterFile,
    RowIssue,
    read_roster,
)
from member_reach.services.imports.roster_writing import RosterWriter
from member_reach.sheets import SheetError
from member_reach.sheets.issues_writer import write_issue_rows
from member_reach.store.backup import backup_before_change
from member_reach.store.bulk import bulk_insert, chunks
from member_reach.store.database import Database
from member_reach.store.models import (
    ImportBatch,
    ImportedRow,
    Membership,
    MembershipType,
    Person,
)
from member_reach.store.models.base import utcnow

#: How many absent members a report names (all are counted).
ABSENT_SHOWN: Final = 20
_LIFETIME = re.compile(r"\blife(time)?\b|honou?rary", re.IGNORECASE)


@dataclass(frozen=True)
class RosterImportOptions(ReadOptions):
    """What the person asked for, beyond reading (see :class:`ReadOptions`).

    Attributes:
        dry_run: report everything, write nothing.
        rejects: a workbook to write the rejected and flagged rows to.
    """

    dry_run: bool = False
    rejects: Path | None = None


@dataclass
class RosterImportReport:
    """What an import read, changed and noticed."""

    file: str
    format: str
    sheet: str
    header_row: int
    mapping: list[str]
    date_orders: dict[str, str]
    profile: str
    rows_read: int
    structural: dict[str, int]
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    flagged: int = 0
    non_members: int = 0
    renewals_detected: int = 0
    expiry_moved_back: int = 0
    rows_unchanged_since_last_import: int = 0
    merges: list[Merge] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    absent: int = 0
    absent_shown: list[tuple[int, str, dt.date | None]] = field(default_factory=list)
    new_membership_types: list[str] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    backup: str = ""
    rejects_file: str = ""
    header: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The report as the command line's ``--json`` object."""
        return {
            "file": self.file,
            "format": self.format,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "flagged": self.flagged,
            "renewals_detected": self.renewals_detected,
            "expiry_moved_back": self.expiry_moved_back,
            "rows_unchanged_since_last_import": self.rows_unchanged_since_last_import,
            "duplicates_merged": sum(len(m.rows) - 1 for m in self.merges),
            "merges": [m.describe() for m in self.merges],
            "non_members": self.non_members,
            "structural_rows": self.structural,
            "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in self.issues],
            "absent_members": self.absent,
            "absent_shown": [
                {"member_id": pid, "name": name, "expiry": end.isoformat() if end else None}
                for pid, name, end in self.absent_shown
            ],
            "mapping": self.mapping,
            "date_orders": self.date_orders,
            "profile": self.profile,
            "new_membership_types": self.new_membership_types,
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "backup": self.backup or None,
            "rejects_file": self.rejects_file or None,
        }


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, recorded with each import batch."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _Types:
    """Membership types by name; names the file brings that are new get negative placeholders."""

    def __init__(self, session: Session) -> None:
        self.ids = {
            name.casefold(): type_id
            for type_id, name in session.execute(select(MembershipType.id, MembershipType.name))
        }
        self.new: dict[int, tuple[str, str, int | None]] = {}

    def id_of(self, name: str) -> int | None:
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


def plan_changes(
    session: Session, people: list[PersonRows], source: str = ROSTER_SOURCE
) -> tuple[list[PersonChange], _Types]:
    """Match every person of a file to the database and work out what importing changes.

    Args:
        session: the unit of work.
        people: the file's people.
        source: the system the file's member ids come from.
    """
    types = _Types(session)
    if not people:  # every row unchanged since it was last imported: nothing to match
        return [], types
    known = load_known_people(session, source)
    matched: dict[int, PersonRows] = {}
    fresh: list[PersonRows] = []
    for group in people:
        person_id, how = known.match(group.merged)
        if person_id is None:
            fresh.append(group)
        elif person_id in matched:
            matched[person_id].absorb(group, how)  # two rows, one person on file
        else:
            group.matched_on = group.matched_on or how
            matched[person_id] = group
    snapshots = load_snapshots(session, matched, source)
    changes = [
        decide(
            g.rows,
            g.merged,
            snapshots[pid],
            types.id_of(g.merged.membership_type),
            g.matched_on,
        )
        for pid, g in matched.items()
    ]
    changes += [
        decide(g.rows, g.merged, None, types.id_of(g.merged.membership_type)) for g in fresh
    ]
    changes.sort(key=lambda c: c.rows[0])
    return changes, types


def _keep_later_expiry(changes: list[PersonChange], skipped: set[int]) -> None:
    """A person with unchanged rows in the file keeps the later expiry those rows gave."""
    for change in changes:
        if change.person_id in skipped and change.expiry_moved_back is not None:
            change.membership.pop("term_end", None)
            change.expiry_moved_back = None


def load_row_hashes(session: Session) -> dict[str, int]:
    """The hashes of the rows each person was last imported from: hash → person."""
    rows = (
        session.connection()
        .execute(select(ImportedRow.person_id, ImportedRow.batch_id, ImportedRow.row_hash))
        .all()
    )
    latest: dict[int, int] = {}
    for person_id, batch_id, _ in rows:
        if batch_id > latest.get(person_id, 0):
            latest[person_id] = batch_id
    return {digest: pid for pid, batch_id, digest in rows if latest[pid] == batch_id}


def _absent(session: Session, seen: set[int]) -> tuple[int, list[tuple[int, str, dt.date | None]]]:
    connection = session.connection()
    on_file = connection.execute(select(Membership.person_id)).scalars().all()
    absent_ids = [pid for pid in on_file if pid not in seen]
    ends: dict[int, dt.date | None] = {}
    for chunk in chunks(absent_ids):
        statement = select(Membership.person_id, Membership.term_end).where(
            Membership.person_id.in_(chunk)
        )
        ends.update({pid: end for pid, end in connection.execute(statement)})
    missing = sorted((end or dt.date.max, pid) for pid, end in ends.items())
    shown_ids = [pid for _, pid in missing[:ABSENT_SHOWN]]
    names: dict[int, str] = {
        pid: name
        for pid, name in session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(shown_ids))
        )
    }
    shown = [
        (pid, names.get(pid, ""), None if end == dt.date.max else end)
        for end, pid in missing[:ABSENT_SHOWN]
    ]
    return len(missing), shown


def _report(roster: RosterFile, changes: list[PersonChange], dry_run: bool) -> RosterImportReport:
    actions = Counter(c.action for c in changes)
    touched = {c.person_id for c in changes}
    merges = [m for g in roster.people if (m := g.merge_report()) is not None]
    return RosterImportReport(
        file=str(roster.path),
        format=roster.table_format,
        sheet=roster.sheet,
        header_row=roster.header_row,
        mapping=roster.mapping_lines(),
        date_orders=dict(roster.date_orders),
        profile=roster.chosen.profile,
        rows_read=roster.rows_read,
        structural=dict(roster.structural),
        inserted=actions["insert"],
        updated=actions["update"],
        unchanged=actions["unchanged"] + len(roster.skipped_people - touched),
        rejected=roster.rejected,
        flagged=roster.flagged,
        non_members=sum(1 for c in changes if not c.record.is_member),
        renewals_detected=sum(1 for c in changes if c.renewal is not None),
        expiry_moved_back=sum(1 for c in changes if c.expiry_moved_back is not None),
        rows_unchanged_since_last_import=len(roster.skipped),
        merges=merges,
        issues=roster.issues,
        dry_run=dry_run,
        header=list(roster.header),
    )


def import_roster(
    session: Session,
    path: Path,
    today: dt.date,
    options: RosterImportOptions | None = None,
    progress: Progress | None = None,
    before_writing: Callable[[], None] | None = None,
) -> RosterImportReport:
    """Import a roster file within ``session`` (the caller commits, or rolls back on error).

    Args:
        session: the unit of work; nothing is flushed for a dry run.
        path: the file.
        today: the day renewals are detected on.
        options: sheet, password, date order, profile, dry run, rejects workbook.
        progress: called with (rows done, rows in all); raises :class:`Cancelled` to stop the
            import (the caller rolls back: nothing is written).
        before_writing: called once everything is read and planned, before the first write
            (not for a dry run): the backup is taken there.

    Raises:
        ServiceError: the file cannot be imported (one line naming file, sheet and row).
    """
    options = options or RosterImportOptions()
    path = Path(path)
    options = _with_settings(session, options)
    known_rows = load_row_hashes(session)
    phases = _TwoPhases(progress)
    roster = read_roster(session, path, options, phases.reading, known_rows)
    changes, types = plan_changes(session, roster.people)
    _keep_later_expiry(changes, roster.skipped_people)
    report = _report(roster, changes, options.dry_run)
    seen = {c.person_id for c in changes if c.person_id is not None} | roster.skipped_people
    if roster.skipped or any(c.record.is_member for c in changes):
        report.absent, report.absent_shown = _absent(session, seen)
    report.new_membership_types = [name for name, _, _ in types.new.values()]
    if options.rejects is not None:
        report.rejects_file = _write_rejects(options.rejects, roster)
    if options.dry_run:
        return report
    if before_writing is not None:
        before_writing()
    batch = _write(session, path, roster, changes, types, today, phases.writing)
    report.batch_id = batch.id
    report.profile = _remember_mapping(session, roster, options)
    phases.finish()
    return report


class _TwoPhases:
    """Reading, then writing, reported as one bar: reading fills its first half."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.read_total = 0

    def reading(self, done: int, total: int) -> None:
        self.read_total = total
        if self.progress is not None:
            self.progress(done, 2 * total)

    def writing(self, done: int, total: int) -> None:
        if self.progress is not None:
            base = self.read_total
            self.progress(base + done * base // max(total, 1), 2 * base)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(2 * self.read_total, 2 * self.read_total)


def _with_settings(session: Session, options: RosterImportOptions) -> RosterImportOptions:
    settings = load_settings(session)
    return replace(
        options,
        default_region=settings["default_region"],
        default_date_order=settings["date_order"],
    )


def _write_rejects(path: Path, roster: RosterFile) -> str:
    return save_issue_rows(path, roster.header, roster.issues)


def save_issue_rows(path: Path, header: Sequence[str], issues: Sequence[RowIssue]) -> str:
    """Write the rejected and flagged rows, with their reasons and cells, to a workbook.

    Raises:
        ServiceError: the workbook cannot be written (nothing is left half-written).
    """
    try:
        write_issue_rows(path, header, ((i.row, i.result, i.reason, i.cells) for i in issues))
    except SheetError as exc:
        raise ServiceError(f"The rows to check were not saved: {exc}") from None
    return str(path)


def _write(
    session: Session,
    path: Path,
    roster: RosterFile,
    changes: list[PersonChange],
    types: _Types,
    today: dt.date,
    progress: Progress | None,
) -> ImportBatch:
    actions = Counter(c.action for c in changes)
    batch = ImportBatch(
        kind="roster",
        file_name=path.name,
        file_sha256=file_sha256(path),
        sheet=roster.sheet,
        mapping=roster.mapping.to_json(roster.header),
        rows_read=roster.rows_read,
        inserted=actions["insert"],
        updated=actions["update"],
        unchanged=actions["unchanged"],
        rejected=roster.rejected,
        flagged=roster.flagged,
    )
    session.add(batch)
    session.flush()
    writer = RosterWriter(session, batch.id, today, progress)
    writer.create_types(types.new)
    writer.write(changes)
    _remember_rows(session, batch.id, roster, changes)
    batch.finished_at = utcnow()
    return batch


def _remember_rows(
    session: Session, batch_id: int, roster: RosterFile, changes: list[PersonChange]
) -> None:
    """Record the hashes of the rows each person read in the normal way came from.

    A person's unchanged rows are recorded again with them, so that all of a person's rows
    belong to their latest import.
    """
    person_of_row = {row: c.person_id for c in changes for row in c.rows}
    touched = set(person_of_row.values())
    pairs = chain(
        (
            (person_of_row[number], digest)
            for number, digest in roster.row_hashes.items()
            if person_of_row.get(number) is not None
        ),
        ((person_id, digest) for _, person_id, digest in roster.skipped if person_id in touched),
    )
    while chunk := list(islice(pairs, 5_000)):
        rows = [{"batch_id": batch_id, "person_id": p, "row_hash": h} for p, h in chunk]
        bulk_insert(session.connection(), ImportedRow.__table__, rows)


def _remember_mapping(session: Session, roster: RosterFile, options: ReadOptions) -> str:
    name = roster.chosen.profile or options.profile
    if not name:
        name = unused_profile_name(session, f"Columns of {roster.path.name}")
    save_profile(session, name, roster.header, roster.mapping, options.date_order)
    return name


def run_roster_import(
    database: Database,
    path: Path,
    today: dt.date,
    options: RosterImportOptions | None = None,
    progress: Progress | None = None,
) -> RosterImportReport:
    """Back up an SQLite database, then import ``path`` in one transaction.

    Raises:
        ServiceError: as :func:`import_roster`; the database is left as it was.
    """
    options = options or RosterImportOptions()
    backups: list[str] = []

    def back_up() -> None:
        # Only once the file is read and planned: a refused file costs no backup slot.
        if database.is_sqlite:
            backups.append(str(backup_before_change(database, "import")))

    with database.session() as session:
        if database.is_sqlite:  # a larger page cache (32 MB): 100,000 rows update several indexes
            session.connection().exec_driver_sql("PRAGMA cache_size=-32768")
        report = import_roster(session, path, today, options, progress, back_up)
        if options.dry_run:
            session.rollback()
    report.backup = backups[0] if backups else ""
    return report
