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


def bulk_insert(connection: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, in one executemany.

    Raises:
        KeyError: a row lacks a key the first row has.
    """
    if not rows:
        return
    given = list(rows[0])
    defaults = _defaults(table, given)
    names = given + list(defaults)
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([marker] * len(names))})"
    )
    processors = _processors(connection, table, names)
    # Column by column: one map() per column is far cheaper than a generator per cell.
    columns: list[list[Any]] = []
    for name, process in zip(names, processors, strict=True):
        if name in defaults:
            values: list[Any] = [defaults[name]] * len(rows)
        else:
            values = [row[name] for row in rows]
        if process is not None:
            values = [None if v is None else process(v) for v in values]
        columns.append(values)
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


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
