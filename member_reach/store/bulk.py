"""Fast bulk inserts for imports: one executemany per table, values converted once per column.

SQLAlchemy Core spends most of a 100,000-row insert building each row's parameters; here the
statement is written once, each column's own bind processor (the one Core would use, so values
are stored exactly as Core stores them) converts the values, and the driver's executemany does
the rest. Ids are reserved up front so that rows of other tables can point at new rows without
a RETURNING round trip per row (SQLite cannot return them in order for a batch).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, TypeVar

from sqlalchemy import Connection, Date, text

Processor = Callable[[Any], Any] | None
T = TypeVar("T")
#: How many ids an ``IN (...)`` list holds at most (well under SQLite's variable limit).
IN_CHUNK: Final = 500


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size`` (for IN lists and batches)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _processors(connection: Connection, table: Any, names: Sequence[str]) -> list[Processor]:
    dialect = connection.dialect
    processors: list[Processor] = []
    for name in names:
        column_type = table.c[name].type
        if dialect.name == "sqlite" and type(column_type) is Date:
            # SQLite stores dates as the text SQLAlchemy writes, 'YYYY-MM-DD': isoformat()
            # writes the same for every year from 1000 on, several times faster.
            processors.append(_iso_date)
        else:
            processors.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    return processors


def bind_processor(connection: Connection, table: Any, name: str) -> Callable[[Any], Any]:
    """How a column's values are converted for the driver (as Core converts them).

    For values converted once and given to :func:`bulk_insert` as ``converted``: a value that
    many rows share (an undo record's state before) is then converted only once.
    """
    process = _processors(connection, table, [name])[0]
    return process if process is not None else _same


def _same(value: T) -> T:
    return value


def _iso_date(value: dt.date) -> str:
    return value.isoformat() if value.year >= 1000 else f"{value.year:04d}-{value:%m-%d}"


def _defaults(table: Any, given: Sequence[str]) -> dict[str, Any]:
    """The Python-side defaults of the columns not given (what Core would fill in)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None or column.primary_key:
            continue
        if default.is_scalar:
            values[column.name] = default.arg
        elif default.is_callable:
            values[column.name] = default.arg(None)
    return values


def _refuse_overlap(given: Sequence[str], *others: dict[str, Any]) -> None:
    """Refuse a column given twice (a row's value and one for every row)."""
    names = [*given, *(name for other in others for name in other)]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"columns given twice: {', '.join(twice)}")


def bulk_insert(
    connection: Connection,
    table: Any,
    rows: Sequence[dict[str, Any]],
    same: dict[str, Any] | None = None,
    converted: Sequence[str] = (),
) -> None:
    """Insert rows that all have the same keys, in one executemany.

    ``same`` holds values given to every row (converted once); the rows' values of the columns
    named in ``converted`` are already converted (by :func:`bind_processor`).

    Raises:
        KeyError: a row lacks a key the first row has.
        ValueError: a column is both in the rows and in ``same``.
    """
    if not rows:
        return
    same = same or {}
    given = list(rows[0])
    _refuse_overlap(given, same)
    constants = {**_defaults(table, [*given, *same]), **same}
    names = given + list(constants)
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([marker] * len(names))})"
    )
    columns = _columns(connection, table, names, rows, constants, converted)
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _columns(
    connection: Connection,
    table: Any,
    names: Sequence[str],
    rows: Sequence[dict[str, Any]],
    same: dict[str, Any],
    converted: Sequence[str] = (),
) -> list[list[Any]]:
    """Return the rows' values column by column, each converted by its column's processor.

    ``same`` holds one value for every row; the columns ``converted`` are taken as they are.
    One list per column is far cheaper than a generator per cell.
    """
    columns: list[list[Any]] = []
    for name, process in zip(names, _processors(connection, table, names), strict=True):
        if name in same:  # converted once
            value = same[name]
            values: list[Any] = [value if value is None or process is None else process(value)]
            values *= len(rows)
        else:
            values = [row[name] for row in rows]
            if process is not None and name not in converted:
                values = [None if v is None else process(v) for v in values]
        columns.append(values)
    return columns


def bulk_update(
    connection: Connection,
    table: Any,
    rows: Sequence[dict[str, Any]],
    *,
    where: Sequence[str],
    fixed: dict[str, Any] | None = None,
    sql: dict[str, str] | None = None,
) -> int:
    """Update rows that all have the same keys, in one executemany.

    Each row's ``where`` keys select the row (``id``, and a version to check it is unchanged);
    its other keys are the values set. ``fixed`` values are set on every row, and ``sql`` sets
    columns to SQL expressions of the row itself (``{"version": "version + 1"}``: trusted
    text, never a value from a file).

    Returns:
        How many rows were updated (fewer than given when a row no longer matches).

    Raises:
        KeyError: a row lacks a key the first row has.
        ValueError: a column is set twice (in the rows, ``fixed`` or ``sql``).
    """
    if not rows:
        return 0
    fixed, sql = fixed or {}, sql or {}
    _refuse_overlap([n for n in rows[0] if n not in where], fixed, sql)
    quote = connection.dialect.identifier_preparer.quote
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    set_names = [n for n in rows[0] if n not in where] + list(fixed)
    assignments = [f"{quote(n)} = {marker}" for n in set_names]
    assignments += [f"{quote(n)} = {expression}" for n, expression in sql.items()]
    condition = " AND ".join(f"{quote(n)} = {marker}" for n in where)
    statement = f"UPDATE {quote(table.name)} SET {', '.join(assignments)} WHERE {condition}"
    columns = _columns(connection, table, [*set_names, *where], rows, fixed)
    result = connection.exec_driver_sql(statement, list(zip(*columns, strict=True)))
    return int(result.rowcount)


def reserve_ids(connection: Connection, table: Any, count: int) -> list[int]:
    """Reserve ``count`` new primary-key values of ``table`` (within the current transaction).

    On SQLite the transaction already holds the write lock (the import batch row is written
    first), so the ids after the current maximum are free; on PostgreSQL they come from the
    table's sequence, safe against other writers.
    """
    if count <= 0:
        return []
    name = table.name
    if connection.dialect.name == "postgresql":
        rows = connection.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": name, "n": count},
        )
        return [int(r[0]) for r in rows]
    quoted = connection.dialect.identifier_preparer.quote(name)
    highest = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {quoted}").scalar()
    start = int(highest or 0) + 1
    return list(range(start, start + count))
