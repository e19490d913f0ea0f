"""Reading a file to import: its table, the columns' fields checked, the dates' orders, limits.

The helpers of the read, map and clean stages (see :mod:`.pipeline`), the same for a roster and
an attendee list, and for the first look the wizard takes (:mod:`.import_preview`). Nothing here
writes to the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Final

from member_reach import __version__
from member_reach.domain.column_guesses import ColumnGuess, Confidence
from member_reach.domain.columns import (
    DATE_FIELDS,
    Field,
    column_of_letter,
    header_score,
    normalise_header,
)
from member_reach.domain.dates import DateOrder, infer_date_order
from member_reach.domain.mapping import ColumnMapping, MappingError, check_mapping
from member_reach.domain.remedies import Remedy
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.mapping_profiles import ChosenMapping
from member_reach.sheets import CellValue, HeaderAt, Row, SheetError, Table, open_table
from member_reach.sheets.errors import unreadable
from member_reach.sheets.header import SEARCH_ROWS

#: The first rows' cells, whose values a mapping is guessed from.
Sample = Sequence[Sequence[CellValue]]
#: The most data rows one import takes: beyond it the file is refused before it fills memory.
MAX_ROWS: Final = 300_000
#: Changes whenever reading rules change, so rows hashed under older rules are read again.
READ_RULES: Final = "2026-12-04"


def where(table: Table) -> str:
    """The file (and sheet) of a table, for messages."""
    return f"{table.file.name}, sheet '{table.sheet}'" if table.sheet else table.file.name


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
        raise ServiceError(str(exc), remedy=exc.remedy) from None


def estimate_rows(path: Path, table: Table) -> int:
    """How many rows follow the header: known for workbooks, counted as lines for text."""
    if table.total_rows is not None:
        return table.total_rows
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError as exc:
        raise ServiceError(str(unreadable(path, exc))) from None
    return max(0, lines - table.header_row)


def checked_rows(table: Table) -> Iterator[Row]:
    """The table's rows; a damaged row stops them with a :class:`ServiceError`."""
    try:
        yield from table.rows
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None


def refuse_if_too_large(path: Path, table: Table) -> int:
    """Refuse a file with more than :data:`MAX_ROWS` rows before reading it; return its rows.

    Raises:
        ServiceError: the file is too large.
    """
    estimate = estimate_rows(path, table)
    if estimate > MAX_ROWS:
        raise ServiceError(too_many(table))
    return estimate


def too_many(table: Table) -> str:
    """The message for a file of more than :data:`MAX_ROWS` rows."""
    return (
        f"{where(table)}: more than {MAX_ROWS:,} rows; member_reach imports up to {MAX_ROWS:,} "
        "rows at a time: split the file (for example by membership type) and import each part"
    )


def person_mapping(mapping: Mapping[int, Field], header: Sequence[str]) -> ColumnMapping:
    """The mapping a person chose, limited to the file's columns."""
    return ColumnMapping({i: f for i, f in mapping.items() if 0 <= i < len(header)})


def with_fields_given(
    chosen: ChosenMapping, header: Sequence[str], options: ImportOptions
) -> ChosenMapping:
    """The mapping with the fields a person gave by column name (:attr:`column_fields`) put over.

    A column is named by its name, else by its letter ("C": a column without a name). A field
    given is sure (the person's word); a column given None is ignored.

    Raises:
        ServiceError: no column of the file has a name given.
    """
    if not options.column_fields:
        return chosen
    positions = {normalise_header(h): i for i, h in enumerate(header) if h}
    columns, guesses = dict(chosen.mapping.columns), dict(chosen.guesses)
    for name, wanted in options.column_fields.items():
        index = positions.get(normalise_header(name))
        if index is None and (letter := column_of_letter(name)) is not None:
            index = letter if letter < len(header) else None
        if index is None:
            shown = ", ".join(f"'{h}'" for h in header if h) or "none"
            raise ServiceError(f"The file has no column '{name}' (columns: {shown}).")
        for other in [i for i, f in columns.items() if f is wanted and i != index]:
            del columns[other]  # the person's column feeds the field, not the guessed one
        columns.pop(index, None)
        if wanted is not None:
            columns[index] = wanted
        guesses[index] = ColumnGuess(wanted, Confidence.HIGH, "your choice")
    return replace(chosen, mapping=ColumnMapping(columns), guesses=guesses)


def check_columns(
    mapping: ColumnMapping, table: Table, advice: str, remedy: Remedy | None = None
) -> None:
    """Refuse a mapping an import cannot work with (no column holds a name, ...).

    Args:
        mapping: the columns' fields.
        table: the table they are of.
        advice: how to put it right, in the words of the kind of import.
        remedy: what the advice asks for, for the command line's hint.

    Raises:
        ServiceError: one line naming the file, sheet and header row, and the advice.
    """
    try:
        check_mapping(mapping, table.header)
    except MappingError as exc:
        raise ServiceError(
            f"{where(table)}, row {table.header_row} (the header): {exc}; {advice}",
            remedy=remedy,
        ) from None


def date_orders(
    chosen: ChosenMapping,
    sample: Sequence[Row],
    date_order: DateOrder | None,
    default: DateOrder,
) -> dict[int, DateOrder]:
    """Each date column's order: ``date_order``, else the profile's, else the column's own.

    Args:
        chosen: the mapping, and the date order saved with its profile.
        sample: the first rows, whose values show a column's order.
        date_order: the order the person chose, or None.
        default: the order where nothing else decides (the settings').
    """
    decided = date_order or chosen.date_order
    orders: dict[int, DateOrder] = {}
    for index, fld in chosen.mapping.columns.items():
        if fld not in DATE_FIELDS:
            continue
        if decided is not None:
            orders[index] = decided
            continue
        texts = (r.cells[index] for r in sample if index < len(r.cells))
        inferred = infer_date_order(t for t in texts if isinstance(t, str))
        orders[index] = inferred or default
    return orders


def reading_key(
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


def row_hasher(key: bytes) -> Callable[[tuple[CellValue, ...]], str]:
    """The hash of a row's cells under a reading key (see :class:`ImportedRow`), as a function.

    The key is hashed once: each row's hash goes on from a copy of that state (the same digest
    as hashing the key and the row together, without copying the key's bytes for every row).
    """
    keyed = hashlib.blake2b(key, digest_size=16)

    def row_hash(cells: tuple[CellValue, ...]) -> str:
        digest = keyed.copy()
        digest.update(repr(cells).encode())
        return digest.hexdigest()

    return row_hash


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, recorded with each import batch."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:  # open in Excel, moved away: one line, as a reader says it
        raise ServiceError(str(unreadable(path, exc))) from None
    return digest.hexdigest()
