"""Reading a roster file into people: sheet, header, mapping, date orders, rows, duplicates.

Nothing here writes to the database; the mapping profile is only looked up. Every row under the
header ends up counted: structural (blank, repeated header, section label, footer), rejected
(with a reason), or read, with its flags; rows of one person are merged.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from member_reach import __version__
from member_reach.domain.columns import DATE_FIELDS, Field, header_score, normalise_header
from member_reach.domain.dates import DateOrder, infer_date_order
from member_reach.domain.jobs import Progress
from member_reach.domain.mapping import (
    ColumnMapping,
    MappingError,
    auto_map,
    check_mapping,
    describe_mapping,
)
from member_reach.domain.roster_merge import PersonRows, group_rows
from member_reach.domain.roster_rows import (
    RosterRecord,
    RowKind,
    RowOptions,
    RowReader,
    classify_structure,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.mapping_profiles import (
    ChosenMapping,
    apply_profile,
    find_profile,
    profile_names,
)
from member_reach.sheets import CellValue, HeaderAt, Row, SheetError, Table, open_table
from member_reach.sheets.header import SEARCH_ROWS

#: The most data rows one import takes: beyond it the file is refused before it fills memory.
MAX_ROWS: Final = 300_000
#: Changes whenever reading rules change, so rows hashed under older rules are read again.
READ_RULES: Final = "2026-11-27"
#: Rows read before the rest to learn each date column's order.
SAMPLE_ROWS: Final = 5_000
_REPORT_EVERY: Final = 1_000


@dataclass(frozen=True)
class ReadOptions:
    """How to read the file.

    Attributes:
        sheet: the sheet to read (default: the one holding the roster).
        password: the password of a protected workbook.
        date_order: the order of ambiguous dates; beats a saved profile and the columns' own.
        profile: the name of a saved mapping to use (default: the one saved for these columns).
        default_region: the country assumed for phones without a country code.
        default_date_order: the settings' date order, used where nothing else decides.
        header_row: the header row a person chose (1-based), instead of the one found.
        mapping: the fields a person chose, by 0-based column; beats any saved profile.
    """

    sheet: str | None = None
    password: str | None = None
    date_order: DateOrder | None = None
    profile: str | None = None
    default_region: str = "US"
    default_date_order: DateOrder = "mdy"
    header_row: int | None = None
    mapping: Mapping[int, Field] | None = None


@dataclass(frozen=True)
class RowIssue:
    """A row rejected or imported with a doubt: its number, what happened, why, its cells."""

    row: int
    result: str  # "rejected" or "flagged"
    reason: str
    cells: tuple[CellValue, ...]

    def describe(self) -> str:
        """One line for a report."""
        return f"row {self.row}: {self.result}: {self.reason}"


@dataclass
class RosterFile:
    """A roster file read and grouped by person."""

    path: Path
    table_format: str
    sheet: str
    header: list[str]
    header_row: int
    mapping: ColumnMapping
    chosen: ChosenMapping
    date_orders: dict[str, DateOrder]
    rows_read: int = 0
    structural: Counter[str] = field(default_factory=Counter)
    issues: list[RowIssue] = field(default_factory=list)
    people: list[PersonRows] = field(default_factory=list)
    row_hashes: dict[int, str] = field(default_factory=dict)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """Rows not imported."""
        return sum(1 for i in self.issues if i.result == "rejected")

    @property
    def flagged(self) -> int:
        """Rows imported with a doubt."""
        return sum(1 for i in self.issues if i.result == "flagged")

    @property
    def skipped_people(self) -> set[int]:
        """People whose rows did not change since they were last imported."""
        return {person_id for _, person_id, _ in self.skipped}

    def mapping_lines(self) -> list[str]:
        """The mapping, one column per line."""
        return describe_mapping(self.mapping, self.header)

    def where(self) -> str:
        """The file (and sheet) for messages."""
        return f"{self.path.name}, sheet '{self.sheet}'" if self.sheet else self.path.name


def open_import_table(
    path: Path, sheet: str | None, password: str | None, header_row: int | None = None
) -> Table:
    """Open a file to import: a huge sheet refused, its header found by known column names.

    ``header_row``, when given, is the header row a person chose.

    Raises:
        ServiceError: the file cannot be read (one line naming file, sheet and row).
    """
    hint = header_score if header_row is None else HeaderAt(header_row)
    try:
        return open_table(path, sheet=sheet, password=password, header_hint=hint, max_rows=MAX_ROWS)
    except SheetError as exc:
        if header_row is not None and "no header row" in exc.reason:
            raise ServiceError(
                f"{path.name}{f', sheet {exc.sheet!r}' if exc.sheet else ''}: row {header_row} "
                f"cannot be the header (it is blank or below row {SEARCH_ROWS}): choose another"
            ) from None
        raise ServiceError(str(exc)) from None


def estimate_rows(path: Path, table: Table) -> int:
    """How many rows follow the header: known for workbooks, counted as lines for text."""
    if table.total_rows is not None:
        return table.total_rows
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(0, lines - table.header_row)


def _choose_mapping(session: Session, table: Table, options: ReadOptions) -> ChosenMapping:
    if options.mapping is not None:
        chosen = ChosenMapping(person_mapping(options.mapping, table.header))
        _check(chosen, table)
        return chosen
    profile = find_profile(session, table.header, options.profile)
    if profile is None and options.profile:
        saved = ", ".join(f"'{n}'" for n in profile_names(session)) or "none yet"
        raise ServiceError(
            f"There is no saved column mapping called '{options.profile}' (saved: {saved})."
        )
    if profile is not None:
        chosen = apply_profile(profile, table.header)
    else:
        chosen = ChosenMapping(auto_map(table.header))
    _check(chosen, table)
    return chosen


def person_mapping(mapping: Mapping[int, Field], header: Sequence[str]) -> ColumnMapping:
    """The mapping a person chose, limited to the file's columns."""
    return ColumnMapping({i: f for i, f in mapping.items() if 0 <= i < len(header)})


def _check(chosen: ChosenMapping, table: Table) -> None:
    where = f"{table.file.name}, sheet '{table.sheet}'" if table.sheet else table.file.name
    try:
        check_mapping(chosen.mapping, table.header)
    except MappingError as exc:
        raise ServiceError(
            f"{where}, row {table.header_row} (the header): {exc}; rename a column in the file "
            "(for example to Name, E-mail or Member ID) or choose a saved mapping (--profile)"
        ) from None


def _date_orders(
    table: Table, chosen: ChosenMapping, sample: list[Row], options: ReadOptions
) -> dict[int, DateOrder]:
    """Each date column's order: --date-order, else the profile's, else the column's own."""
    decided = options.date_order or chosen.date_order
    orders: dict[int, DateOrder] = {}
    for index, fld in chosen.mapping.columns.items():
        if fld not in DATE_FIELDS:
            continue
        if decided is not None:
            orders[index] = decided
            continue
        texts = (r.cells[index] for r in sample if index < len(r.cells))
        inferred = infer_date_order(t for t in texts if isinstance(t, str))
        orders[index] = inferred or options.default_date_order
    return orders


def _reading_key(
    table: Table, chosen: ChosenMapping, orders: dict[int, DateOrder], region: str
) -> bytes:
    """What decides how a row's cells are read: a row hash is only valid under the same key."""
    parts = [
        __version__,
        READ_RULES,
        table.format,
        table.header,
        chosen.mapping.to_json(table.header),
        sorted(orders.items()),
        region,
        table.date1904,
    ]
    return json.dumps(parts, default=str).encode()


def row_hash(key: bytes, cells: tuple[CellValue, ...]) -> str:
    """The hash of a row's cells under a reading key (see :class:`ImportedRow`)."""
    return hashlib.blake2b(key + repr(cells).encode(), digest_size=16).hexdigest()


def read_roster(
    session: Session,
    path: Path,
    options: ReadOptions,
    progress: Progress | None = None,
    known_rows: Mapping[str, int] | None = None,
) -> RosterFile:
    """Read a roster file: every row classified, people grouped.

    A row whose hash is in ``known_rows`` was imported before, unchanged, into the person it
    names: it is counted and recorded in :attr:`RosterFile.skipped`, not read again.

    Raises:
        ServiceError: the file cannot be read, has no usable columns, or is too large; the
            message is one line naming the file, sheet and row.
        Cancelled: ``progress`` raised it (the person cancelled).
    """
    table = open_import_table(path, options.sheet, options.password, options.header_row)
    with table:
        chosen = _choose_mapping(session, table, options)
        total = refuse_if_too_large(path, table)
        rows = checked_rows(table)  # one iterator: dropping a second one would close the table
        sample = list(islice(rows, SAMPLE_ROWS))
        orders = _date_orders(table, chosen, sample, options)
        roster = RosterFile(
            path=path,
            table_format=table.format,
            sheet=table.sheet,
            header=table.header,
            header_row=table.header_row,
            mapping=chosen.mapping,
            chosen=chosen,
            date_orders={table.header[i]: order for i, order in orders.items()},
        )
        row_options = RowOptions(
            default_region=options.default_region,
            date_order=options.date_order or options.default_date_order,
            column_date_orders=orders,
            date1904=table.date1904,
        )
        key = _reading_key(table, chosen, orders, options.default_region)
        records = _read_rows(
            roster,
            table,
            chain(sample, rows),
            _RowHashes(key, known_rows or {}),
            row_options,
            Ticker(total, progress),
        )
        roster.people = group_rows(records)
    return roster


def checked_rows(table: Table) -> Iterator[Row]:
    """The table's rows; a damaged row stops them with a :class:`ServiceError`."""
    try:
        yield from table.rows
    except SheetError as exc:
        raise ServiceError(str(exc)) from None


def refuse_if_too_large(path: Path, table: Table) -> int:
    """Refuse a file with more than :data:`MAX_ROWS` rows before reading it; return its rows.

    Raises:
        ServiceError: the file is too large.
    """
    estimate = estimate_rows(path, table)
    if estimate > MAX_ROWS:
        raise ServiceError(_too_many(table))
    return estimate


def _too_many(table: Table) -> str:
    where = f"{table.file.name}, sheet '{table.sheet}'" if table.sheet else table.file.name
    return (
        f"{where}: more than {MAX_ROWS:,} rows; member_reach imports up to {MAX_ROWS:,} rows "
        "at a time: split the file (for example by membership type) and import each part"
    )


class Ticker:
    """Reports progress every few rows; the progress callback stops the read by raising."""

    def __init__(self, total: int, progress: Progress | None):
        self.total = total
        self.progress = progress

    def tick(self, done: int) -> None:
        """Report ``done`` rows (``progress`` raises :class:`Cancelled` to stop)."""
        if self.progress is not None:
            self.progress(min(done, self.total), self.total)


@dataclass(frozen=True)
class _RowHashes:
    key: bytes
    known: Mapping[str, int]


def _read_rows(
    roster: RosterFile,
    table: Table,
    rows: Iterator[Row],
    hashes: _RowHashes,
    row_options: RowOptions,
    ticker: Ticker,
) -> list[RosterRecord]:
    keys = [normalise_header(h) for h in table.header]
    reader = RowReader(roster.mapping, table.header, row_options)
    records: list[RosterRecord] = []
    seen = 0
    for row in rows:
        seen += 1
        if seen % _REPORT_EVERY == 0:
            ticker.tick(seen)
        digest = row_hash(hashes.key, row.cells)
        known = hashes.known.get(digest)
        if known is not None:
            roster.rows_read += 1
            roster.skipped.append((row.number, known, digest))
            continue
        kind = classify_structure(row.cells, keys, roster.mapping)
        if kind is not RowKind.DATA:
            roster.structural[kind.value] += 1
            continue
        roster.rows_read += 1
        if roster.rows_read > MAX_ROWS:
            raise ServiceError(_too_many(table))
        record = reader.read(row.number, row.cells)
        if record.rejected:
            roster.issues.append(RowIssue(row.number, "rejected", record.rejected, row.cells))
            continue
        if row.problem:
            record.flags.insert(0, row.problem)
        if record.flags:
            roster.issues.append(
                RowIssue(row.number, "flagged", "; ".join(record.flags), row.cells)
            )
        else:  # a flagged row is read again next time, so that its flags are reported again
            roster.row_hashes[row.number] = digest
        records.append(record)
    ticker.tick(seen)
    return records
