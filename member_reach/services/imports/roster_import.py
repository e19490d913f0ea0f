"""Importing a roster: the import stages of :mod:`.pipeline`, and what only a roster does.

read → map → clean → match → plan → write → report, as :func:`import_roster` shows. Only a roster:
its columns are found by a saved mapping profile (and remembered for next month), its rows
unchanged since they were last imported are skipped, the members on file it does not list are
reported (never deleted), the membership types it names are created, and an SQLite database is
backed up before it writes (the last five backups are kept).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.column_guesses import guess_mapping
from member_reach.domain.jobs import Progress
from member_reach.domain.mapping import ColumnMapping
from member_reach.domain.remedies import Remedy
from member_reach.domain.roster_merge import Merge
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.gc_pause import gc_paused
from member_reach.services.common.import_guard import Guard, import_session
from member_reach.services.imports.backup_ahead import BackupAhead
from member_reach.services.imports.file_reading import Sample, person_mapping, with_fields_given
from member_reach.services.imports.import_types import ImportCounts, ImportOptions, RowIssue
from member_reach.services.imports.mapping_profiles import (
    ChosenMapping,
    apply_profile,
    find_profile,
    profile_names,
    save_profile,
    unused_profile_name,
)
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
    ColumnNote,
    ImportKind,
    ImportProgress,
    MappedFile,
    Plan,
    Written,
)
from member_reach.services.imports.retention import (
    purge_expired,
    purge_old_backups,
    retention_cutoff,
)
from member_reach.services.imports.roster_changes import ROSTER_SOURCE
from member_reach.services.imports.roster_list_files import check_lists_folder, save_lists
from member_reach.services.imports.roster_lists import (
    Absent,
    ClosedCall,
    MergedRows,
    MissingMember,
    RenewalLine,
    absent_members,
    calls_renewals_closed,
    calls_renewals_would_close,
    file_groups,
    merged_rows,
    renewal_lines,
    unchanged_duplicates,
)
from member_reach.services.imports.roster_writing import BULK_TABLES
from member_reach.store.backup import prune_automatic_backups
from member_reach.store.bulk import bulk_insert
from member_reach.store.database import Database
from member_reach.store.index_pause import indexes_paused
from member_reach.store.models import ImportedRow


def roster_mapping(
    session: Session, header: list[str], options: ImportOptions, rows: Sample = ()
) -> ChosenMapping:
    """A roster's columns: the person's, else a saved mapping (named, or found), else guessed.

    A saved mapping is found by the names of the columns it was saved for; a guess reads the
    columns' names and the first ``rows``' values. The fields a person gave by column name
    (:attr:`ImportOptions.column_fields`) go over the saved or guessed mapping.

    Raises:
        ServiceError: no saved mapping has the name given, or no column has a name given.
    """
    if options.mapping is not None:
        return ChosenMapping(person_mapping(options.mapping, header))
    return with_fields_given(_saved_or_guessed(session, header, options, rows), header, options)


def _saved_or_guessed(
    session: Session, header: list[str], options: ImportOptions, rows: Sample
) -> ChosenMapping:
    profile = find_profile(session, header, options.profile)
    if profile is None and options.profile:
        saved = ", ".join(f"'{n}'" for n in profile_names(session)) or "none yet"
        raise ServiceError(
            f"There is no saved column mapping called '{options.profile}' (saved: {saved})."
        )
    if profile is not None:
        return apply_profile(profile, header)
    guess = guess_mapping(header, rows)
    return ChosenMapping(ColumnMapping(guess.columns), guesses=guess.guesses)


#: What a roster does its own way in the shared stages.
ROSTER: Final = ImportKind(
    name="roster",
    source=ROSTER_SOURCE,
    choose_mapping=roster_mapping,
    advice="rename a column in the file (for example to Name, E-mail or Member ID) or choose "
    "a saved column mapping",
    remedy=Remedy.CHOOSE_MAPPING,
    learn_date_orders=True,
)


@dataclass
class RosterImportReport:
    """What a roster import read, changed and noticed.

    Besides the counts, the lists a director checks (see :mod:`.roster_lists`): the
    duplicates merged, the renewals detected, the members on file not in this roster (all of
    them; ``absent_shown`` names the first few) and the calls a renewal closed (a dry run:
    would close). ``columns``: each guessed column's field, confidence and evidence; those
    :attr:`to_confirm` were proposed from weak evidence and not imported.
    """

    file: str
    format: str
    sheet: str
    header_row: int
    mapping: list[str]
    date_orders: dict[str, str]
    profile: str
    counts: ImportCounts
    structural: dict[str, int]
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
    merged_duplicates: list[MergedRows] = field(default_factory=list)
    renewals: list[RenewalLine] = field(default_factory=list)
    missing_members: list[MissingMember] = field(default_factory=list)
    closed_calls: list[ClosedCall] = field(default_factory=list)
    lists_saved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: list[ColumnNote] = field(default_factory=list)

    @property
    def to_confirm(self) -> list[ColumnNote]:
        """The columns proposed with low confidence and not imported: a person confirms them."""
        return [c for c in self.columns if c.to_confirm]


@dataclass
class RosterWritten(Written):
    """A roster's batch written, and the name its column mapping was saved under."""

    profile: str = ""


def import_roster(
    session: Session,
    path: Path,
    today: dt.date,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    before_writing: Callable[[], None] | None = None,
) -> RosterImportReport:
    """Import a roster file within ``session`` (the caller commits, or rolls back on error).

    Args:
        session: the unit of work; nothing is flushed for a dry run.
        path: the file.
        today: the day renewals are detected on.
        options: sheet, password, date order, profile, mapping, dry run, rejects workbook,
            the folder to save the lists in.
        progress: called with (steps done, steps in all): reading fills the first half, writing
            the second; raises :class:`Cancelled` to stop the import (the caller rolls back:
            nothing is written).
        before_writing: called once everything is read and planned, before the first write
            (not for a dry run): the backup is taken there.

    Raises:
        ServiceError: the file cannot be imported (one line naming file, sheet and row).
    """
    options = options or ImportOptions()
    if options.lists_folder is not None:
        check_lists_folder(options.lists_folder)
    with gc_paused():  # see gc_pause: about a sixth of the time of 100,000 rows
        return _import_roster(session, Path(path), today, options, progress, before_writing)


def _import_roster(
    session: Session,
    path: Path,
    today: dt.date,
    options: ImportOptions,
    progress: Progress | None,
    before_writing: Callable[[], None] | None,
) -> RosterImportReport:
    bar = ImportProgress(progress)
    with read_file(path, options, bar) as source:
        mapped = map_columns(session, source, ROSTER, options)
        clean = clean_rows(mapped, bar, known_rows=load_row_hashes(session))
    matched = match_people(session, clean, ROSTER)  # may flag rows: the rejects come after
    rejects_file = save_rejects(options.rejects, clean)
    absent = absent_members(session, matched)
    unchanged = unchanged_duplicates(session, matched)
    plan = plan_changes(session, matched)
    written = None
    if not options.dry_run:
        if before_writing is not None:
            before_writing()
        written = write_roster(session, plan, today, bar, options)
        closed = calls_renewals_closed(session, plan, written.batch_id)
    else:
        closed = calls_renewals_would_close(session, plan)
    report = roster_report(plan, absent, written, rejects_file, closed, unchanged)
    if options.lists_folder is not None:  # a file that cannot be written undoes the import
        report.lists_saved = save_lists(options.lists_folder, report)
    return report


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


def write_roster(
    session: Session, plan: Plan, today: dt.date, bar: ImportProgress, options: ImportOptions
) -> RosterWritten:
    """The write stage of a roster: the batch and its changes, then what next month needs.

    The hashes of the rows read (to skip them next time) and the column mapping are saved.
    The tables a first import fills (on SQLite) have their secondary indexes built once, after
    the bulk inserts (see :mod:`~member_reach.store.index_pause`), before anything queries them.
    """
    with indexes_paused(session.connection(), (*BULK_TABLES, ImportedRow.__tablename__)):
        written = write_batch(session, plan, today, bar)
        _remember_rows(session, written.batch_id, plan)
    profile = _remember_mapping(session, plan.clean.mapped, options)
    written.finish()
    bar.finish()
    return RosterWritten(written.batch, profile)


def _remember_rows(session: Session, batch_id: int, plan: Plan) -> None:
    """Record the hashes of the rows each person read in the normal way came from.

    A person's unchanged rows are recorded again with them, so that all of a person's rows
    belong to their latest import.
    """
    person_of_row = {row: c.person_id for c in plan.changes for row in c.rows}
    touched = set(person_of_row.values())
    clean = plan.clean
    pairs = chain(
        (
            (person_of_row[number], digest)
            for number, digest in clean.row_hashes.items()
            if person_of_row.get(number) is not None
        ),
        ((person_id, digest) for _, person_id, digest in clean.skipped if person_id in touched),
    )
    while chunk := list(islice(pairs, 5_000)):
        rows = [{"batch_id": batch_id, "person_id": p, "row_hash": h} for p, h in chunk]
        bulk_insert(session.connection(), ImportedRow.__table__, rows)


def _remember_mapping(session: Session, mapped: MappedFile, options: ImportOptions) -> str:
    name = mapped.chosen.profile or options.profile
    if not name:
        name = unused_profile_name(session, f"Columns of {mapped.source.path.name}")
    save_profile(session, name, mapped.table.header, mapped.mapping, options.date_order)
    return name


def roster_report(
    plan: Plan,
    absent: Absent,
    written: RosterWritten | None,
    rejects_file: str,
    closed: Sequence[ClosedCall] = (),
    merged_unchanged: Sequence[MergedRows] = (),
) -> RosterImportReport:
    """The report stage of a roster: what it read, changed (or would change) and noticed.

    ``closed``: the calls a renewal closed (a dry run: would close); ``merged_unchanged``: the
    people on several rows all unchanged since the last import.
    """
    clean, changes = plan.clean, plan.changes
    mapped, table = clean.mapped, clean.mapped.table
    touched = {c.person_id for c in changes}
    # People all of whose rows were skipped are unchanged too (the batch counts only the rest).
    unchanged = plan.counts.unchanged + len(clean.skipped_people - touched)
    return RosterImportReport(
        file=str(mapped.source.path),
        format=table.format,
        sheet=table.sheet,
        header_row=table.header_row,
        mapping=mapped.mapping_lines(),
        date_orders={table.header[i]: order for i, order in mapped.date_orders.items()},
        profile=written.profile if written is not None else mapped.chosen.profile,
        counts=replace(plan.counts, unchanged=unchanged),
        structural=dict(clean.structural),
        non_members=sum(1 for c in changes if not c.record.is_member),
        renewals_detected=sum(1 for c in changes if c.renewal is not None),
        expiry_moved_back=sum(1 for c in changes if c.expiry_moved_back is not None),
        rows_unchanged_since_last_import=len(clean.skipped),
        merges=[m for g in file_groups(plan.matched) if (m := g.merge_report()) is not None],
        issues=clean.issues,
        absent=absent.count,
        absent_shown=absent.shown,
        new_membership_types=[name for name, _, _ in plan.new_types.values()],
        batch_id=written.batch_id if written is not None else None,
        dry_run=written is None,
        rejects_file=rejects_file,
        header=list(table.header),
        merged_duplicates=sorted([*merged_rows(plan), *merged_unchanged], key=lambda m: m.rows[0]),
        renewals=renewal_lines(changes),
        missing_members=absent.members,
        closed_calls=list(closed),
        notes=list(clean.notes),
        columns=mapped.column_notes(),
    )


def run_roster_import(
    database: Database,
    path: Path,
    today: dt.date,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    guard: Guard | None = None,
) -> RosterImportReport:
    """Back up an SQLite database, then import ``path`` in one transaction.

    The transaction holds the database's import lock from its start (see :mod:`import_guard`):
    another import running waits for this one, or this one for it (``guard``: who imports, and
    how the wait is said).

    Raises:
        ServiceError: as :func:`import_roster`, or another import ran too long; the database is
            left as it was.
        Cancelled: ``progress`` raised it; nothing was written.
    """
    options = options or ImportOptions()
    backups: list[str] = []
    cutoff: dt.datetime | None = None
    with import_session(database, progress, guard, lock=not options.dry_run) as session:
        # Copied while the file is read (see backup_ahead); kept only once the file is read and
        # planned: a refused file costs no backup slot.
        ahead = (
            BackupAhead(database, "import") if database.is_sqlite and not options.dry_run else None
        )
        with ahead or contextlib.nullcontext():

            def back_up() -> None:
                if ahead is not None:
                    backups.append(str(ahead.take()))

            if database.is_sqlite:  # a larger page cache (32 MB): 100,000 rows update indexes
                session.connection().exec_driver_sql("PRAGMA cache_size=-32768")
            report = import_roster(session, path, today, options, progress, back_up)
        if options.dry_run:
            session.rollback()
        else:  # what is older than the retention setting goes with the import (see retention)
            now = dt.datetime.combine(today, dt.time())
            purge_expired(session, now)
            cutoff = retention_cutoff(session, now)
    if backups:  # the import is saved: only now may the oldest backup go
        prune_automatic_backups(database, "import")
        if cutoff is not None:
            purge_old_backups(database, cutoff)
    report.backup = backups[0] if backups else ""
    return report
