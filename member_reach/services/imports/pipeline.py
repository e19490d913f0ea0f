"""The stages of every import, in order, each taking the result of the one before.

- **read**: the file opened at its header, one too large refused (:class:`SourceFile`);
- **map**: what each column feeds, and how its dates are read (:class:`MappedFile`);
- **clean**: every row classified, read and checked; a person's rows grouped (:class:`CleanFile`);
- **match**: each person of the file found on file, or new (:class:`Matched`);
- **plan**: what importing changes, person by person (:class:`Plan`);
- **write**: the batch and every change, each with its undo record (:class:`Written`);
- **report**: what was read, changed and noticed: each kind's own report.

A roster (:func:`.roster_import.import_roster`) and an attendee list
(:func:`.event_import.import_events`) are each these stages in this order; an :class:`ImportKind`
says what differs between them in a shared stage. A dry run is the same stages without write.

Progress is one bar: reading fills its first half, writing the second (:class:`ImportProgress`).
The progress callback raising :class:`~member_reach.domain.jobs.Cancelled` is the one way to stop
an import; the caller's transaction then rolls back, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from member_reach.domain.column_profile import PROFILE_ROWS
from member_reach.domain.columns import Field, normalise_header
from member_reach.domain.continuation_rows import ContinuationRows
from member_reach.domain.dates import DateOrder
from member_reach.domain.identity import Identity, check_id_column
from member_reach.domain.roster_merge import BY_ID, IdClashes, PersonRows, group_rows, id_key
from member_reach.domain.roster_rows import (
    RosterRecord,
    RowKind,
    RowOptions,
    classify_structure,
    forget_readings,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.services.imports.field_limits import record_limits
from member_reach.services.imports.file_reading import (
    MAX_ROWS,
    check_columns,
    checked_rows,
    date_orders,
    file_sha256,
    open_import_table,
    reading_key,
    refuse_if_too_large,
    row_hasher,
    too_many,
)
from member_reach.services.imports.import_types import ImportCounts, ImportOptions, RowIssue
from member_reach.services.imports.people_index import (
    KnownPeople,
    MembershipTypes,
    PersonSnapshot,
    load_known_people,
    load_snapshots,
)
from member_reach.services.imports.pipeline_types import (
    CleanFile,
    ImportKind,
    ImportProgress,
    MappedFile,
    Matched,
    Plan,
    RowExtra,
    SourceFile,
    Written,
)
from member_reach.services.imports.reading_worker import RowReading
from member_reach.services.imports.roster_changes import PersonChange, decide
from member_reach.services.imports.roster_writing import RosterWriter
from member_reach.sheets import Row, SheetError, Table
from member_reach.sheets.issues_writer import write_issue_rows
from member_reach.store.models import ImportBatch

#: Rows read before the rest to learn each date column's order.
SAMPLE_ROWS: Final = 5_000
#: Progress is reported every so many rows read.
REPORT_EVERY: Final = 1_000
#: Files estimated to hold this many rows or more are read on two cores (see
#: :mod:`.reading_worker`); tests lower it to read small files so.
WORKER_FROM_ROWS = 10_000


# read ------------------------------------------------------------------------------------------


@contextmanager
def read_file(path: Path, options: ImportOptions, progress: ImportProgress) -> Iterator[SourceFile]:
    """Read stage: open ``path`` at its header and count its rows.

    The map and clean stages read the file within the ``with`` block.

    Raises:
        ServiceError: the file cannot be read, or is too large (one line naming the file).
        Cancelled: the person cancelled (the rows counted are the first progress reported).
    """
    table = open_import_table(Path(path), options.sheet, options.password, options.header_row)

    def reopen() -> Table:  # the same sheet and header, for rows flagged late
        return open_import_table(
            Path(path), table.sheet or None, options.password, table.header_row
        )

    with table:
        estimate = refuse_if_too_large(Path(path), table)
        progress.reading(0, estimate)
        yield SourceFile(Path(path), table, checked_rows(table), estimate, reopen)


# map -------------------------------------------------------------------------------------------


def map_columns(
    session: Session, source: SourceFile, kind: ImportKind, options: ImportOptions
) -> MappedFile:
    """Map stage: the columns' fields chosen and checked, each date column's order decided.

    Raises:
        ServiceError: no column holds a name (or the like), or no saved mapping has the name
            given; one line naming the file, sheet and header row.
    """
    table = source.table
    # The first rows, read once: the columns' values and date orders are learnt from them.
    sample: list[Row] = list(islice(source.rows, SAMPLE_ROWS))
    cells = [row.cells for row in islice(sample, PROFILE_ROWS)]
    chosen = kind.choose_mapping(session, table.header, options, cells)
    check_columns(chosen.mapping, table, kind.advice, kind.remedy)
    settings = load_settings(session)
    region, default_order = settings.default_region, settings.date_order
    orders: dict[int, DateOrder] = {}
    if kind.learn_date_orders:
        orders = date_orders(chosen, sample, options.date_order, default_order)
    row_options = RowOptions(
        default_region=region,
        date_order=options.date_order or default_order,
        column_date_orders=orders,
        date1904=table.date1904,
        max_lengths=record_limits(),
    )
    key = reading_key(table, chosen, orders, region)
    return MappedFile(source, chosen, orders, row_options, key, sample)


# clean -----------------------------------------------------------------------------------------


def clean_rows(
    mapped: MappedFile,
    progress: ImportProgress,
    known_rows: Mapping[str, int] | None = None,
    extra: RowExtra | None = None,
) -> CleanFile:
    """Clean stage: every row classified, read into a person and checked; rows grouped.

    A member id column whose values do not behave like ids (see
    :func:`~member_reach.domain.identity.check_id_column`) is not used: a note says so. Rows
    sharing an id with a different person are kept apart and flagged; unlike rows flagged as
    they are read, they keep their hash (the person each was kept as is theirs next time).

    Args:
        mapped: the file as mapped.
        progress: told every :data:`REPORT_EVERY` rows.
        known_rows: the hashes of rows imported before, and their people: such a row is counted
            and recorded in :attr:`CleanFile.skipped`, not read again (None: rows not hashed).
        extra: the kind's own reading of each row read (see :data:`RowExtra`).

    Raises:
        ServiceError: a damaged row, or more than :data:`MAX_ROWS` rows.
        Cancelled: the person cancelled.
    """
    clean = CleanFile(mapped)
    records = _read_rows(clean, progress, known_rows, extra)
    _check_ids(clean, records)
    clashes = IdClashes()
    clean.people = group_rows(records, clashes)
    clean.flag_late(clashes.flags())
    return clean


def _check_ids(clean: CleanFile, records: list[RosterRecord]) -> None:
    """A member id column that is no id (a membership level) is not used: a note says so."""
    mapped = clean.mapped
    column = next((i for i, f in mapped.mapping.columns.items() if f is Field.EXTERNAL_ID), None)
    if column is None:
        return
    check = check_id_column(records, id_key)
    if check.is_identity:
        return
    for record in records:
        record.external_id = ""
    clean.notes.append(check.describe(mapped.table.header[column]))


def _read_rows(
    clean: CleanFile,
    progress: ImportProgress,
    known_rows: Mapping[str, int] | None,
    extra: RowExtra | None,
) -> list[RosterRecord]:
    """Every row hashed, skipped or told structural here, read here or by the worker process.

    The records come back in the file's order (see :class:`.reading_worker.RowReading`), and
    :class:`_Taker` takes them in that order.
    """
    mapped, table = clean.mapped, clean.mapped.table
    keys = [normalise_header(h) for h in table.header]
    known, hashing = known_rows or {}, known_rows is not None
    row_hash = row_hasher(mapped.key)
    total = mapped.source.estimate
    take = _Taker(clean, hashing, extra)
    reading: RowReading[tuple[Row, str] | int] = RowReading(
        mapped.mapping, table.header, mapped.row_options, total, worker_from=WORKER_FROM_ROWS
    )
    seen = 0
    with reading:
        for seen, row in enumerate(mapped.rows(), start=1):
            if seen % REPORT_EVERY == 0:
                progress.reading(min(seen, total), total)
            digest = row_hash(row.cells) if hashing else ""
            if (person_id := known.get(digest)) is not None:
                clean.rows_read += 1
                clean.skipped.append((row.number, person_id, digest))
                take(reading.put(row.number, row.number, None))  # its number: a light entry
                continue
            kind = classify_structure(row.cells, keys, mapped.mapping)
            if kind is not RowKind.DATA:
                clean.structural[kind.value] += 1
                continue
            clean.rows_read += 1
            if clean.rows_read > MAX_ROWS:
                raise ServiceError(too_many(table))
            take(reading.put((row, digest), row.number, row.cells))
        take(reading.finish())
    progress.reading(min(seen, total), total)
    forget_readings()  # their memory serves the stages to come
    return take.records


class _Taker:
    """Takes each row's record in the file's order: continuation rows, flags, issues, hashes."""

    def __init__(self, clean: CleanFile, hashing: bool, extra: RowExtra | None) -> None:
        self.clean, self.hashing, self.extra = clean, hashing, extra
        self.continuation = ContinuationRows(clean.mapped.mapping)
        self.records: list[RosterRecord] = []

    def __call__(self, ready: list[tuple[tuple[Row, str] | int, RosterRecord | None]]) -> None:
        clean, continuation, extra = self.clean, self.continuation, self.extra
        for entry, record in ready:
            if isinstance(entry, int):  # unchanged since the last import: not read
                continuation.skipped(entry)
                continue
            row, digest = entry
            assert record is not None
            continuation.read(row.number, row.cells, record)
            if record.rejected:
                clean.issues.append(RowIssue(row.number, "rejected", record.rejected, row.cells))
                continue
            if row.problem:
                record.flags.insert(0, row.problem)
            if extra is not None and (problem := extra(clean.mapped, row, record)):
                record.flags.append(problem)
            if record.flags:
                reason = "; ".join(record.flags)
                clean.issues.append(RowIssue(row.number, "flagged", reason, row.cells))
            # A flagged row is read again next time, so that its flags show again; a row of
            # details is remembered with its person (the person's row may be skipped next time).
            if self.hashing and (not record.flags or (record.continues and len(record.flags) == 1)):
                clean.row_hashes[row.number] = digest
            self.records.append(record)


def save_rejects(path: Path | None, clean: CleanFile) -> str:
    """The rows to check saved where the person asked (:attr:`ImportOptions.rejects`), or "".

    Raises:
        ServiceError: the workbook cannot be written.
    """
    if path is None:
        return ""
    return save_issue_rows(path, clean.mapped.table.header, clean.issues)


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


# match -----------------------------------------------------------------------------------------


def match_people(session: Session, clean: CleanFile, kind: ImportKind) -> Matched:
    """Match stage: each person of the file found on file (member id, e-mail, name and phone).

    A person matched on their member id alone, whose name and e-mails both differ from the
    person on file (see :mod:`member_reach.domain.identity`), is not theirs: they are matched
    by e-mail or name and phone, else new, without the id; their rows are flagged.
    """
    matched = Matched(clean, kind)
    if not clean.people:  # every row unchanged since it was last imported: nothing to match
        clean.read_late_cells()
        return matched
    known = load_known_people(session, kind.source)
    found = [(group, *known.match(group.merged)) for group in clean.people]
    snapshots = load_snapshots(session, {p for _, p, _ in found if p is not None}, kind.source)
    flags: dict[int, str] = {}
    for group, first_match, first_how in found:
        person_id, how = first_match, first_how
        if how == BY_ID and person_id is not None:
            person_id, how = _refuse_another_person(known, group, snapshots[person_id], flags)
        if person_id is None:
            matched.new.append(group)
        elif person_id in matched.on_file:
            matched.on_file[person_id].absorb(group, how)  # two rows, one person on file
        else:
            group.matched_on = group.matched_on or how
            matched.on_file[person_id] = group
    clean.flag_late(flags)
    clean.read_late_cells()  # the file is closed: its rows flagged late get their cells
    missing = set(matched.on_file) - set(snapshots)
    if missing:
        snapshots.update(load_snapshots(session, missing, kind.source))
    matched.snapshots = {p: snapshots[p] for p in matched.on_file}
    return matched


def _refuse_another_person(
    known: KnownPeople, group: PersonRows, stored: PersonSnapshot, flags: dict[int, str]
) -> tuple[int | None, str]:
    """The person ``group`` is, when the one on file holding its id is someone else."""
    person = stored.person
    held = Identity.of(
        person["first_name"], person["last_name"], person["organisation"], stored.email_keys
    )
    if not Identity.of_record(group.merged).different_person(held):
        return stored.id, BY_ID
    value = group.merged.external_id
    found = known.find(group.merged, by_id=False)  # the row's id still refuses other ids
    for record in {id(r): r for r in (*group.records, group.merged)}.values():
        record.external_id = ""
    for row in group.rows:
        flags[row] = (
            f"member id '{value}' is on file for {person['display_name'] or 'someone'}, with "
            "another name and no e-mail in common: different people? Kept apart, without the "
            "id. Correct the id in the file if it is wrong"
        )
    return found


# plan ------------------------------------------------------------------------------------------


def plan_changes(session: Session, matched: Matched) -> Plan:
    """Plan stage: each person of the file compared with the database, field by field.

    A person whose unchanged rows (skipped) gave a later expiry than their changed ones keeps
    it. Nothing is written.
    """
    types = MembershipTypes(session)
    changes = [
        decide(
            g.rows,
            g.merged,
            matched.snapshots[pid],
            types.id_of(g.merged.membership_type),
            g.matched_on,
        )
        for pid, g in matched.on_file.items()
    ]
    changes += [
        decide(g.rows, g.merged, None, types.id_of(g.merged.membership_type)) for g in matched.new
    ]
    changes.sort(key=lambda c: c.rows[0])
    _keep_later_expiry(changes, matched.clean.skipped_people)
    actions = Counter(c.action for c in changes)
    counts = ImportCounts(
        rows_read=matched.clean.rows_read,
        inserted=actions["insert"],
        updated=actions["update"],
        unchanged=actions["unchanged"],
        rejected=matched.clean.count("rejected"),
        flagged=matched.clean.count("flagged"),
    )
    return Plan(matched, changes, types.new, counts)


def _keep_later_expiry(changes: list[PersonChange], skipped: set[int]) -> None:
    """A person with unchanged rows in the file keeps the later expiry those rows gave."""
    for change in changes:
        if change.person_id in skipped and change.expiry_moved_back is not None:
            change.membership.pop("term_end", None)
            change.expiry_moved_back = None


# write -----------------------------------------------------------------------------------------


def write_batch(session: Session, plan: Plan, today: dt.date, progress: ImportProgress) -> Written:
    """Write stage: the import batch, the new membership types, every person's change.

    Each change gets its undo record; detected renewals are recorded on ``today``. The kind's
    own writes follow (a roster's row hashes, an attendee list's attendances), then
    :meth:`Written.finish`.

    Raises:
        Cancelled: the person cancelled (the caller rolls back).
    """
    clean, kind = plan.clean, plan.matched.kind
    path, table = clean.mapped.source.path, clean.mapped.table
    batch = ImportBatch(
        kind=kind.name,
        file_name=path.name,
        file_sha256=file_sha256(path),
        sheet=table.sheet,
        mapping=clean.mapped.mapping.to_json(table.header),
        **asdict(plan.counts),  # rows_read, inserted, ... as the batch's columns are named
    )
    session.add(batch)
    session.flush()
    writer = RosterWriter(session, batch.id, today, progress.writing, kind.source)
    writer.create_types(plan.new_types)
    writer.write(plan.changes)
    return Written(batch)
