"""How long a text a column holds, read from the models, and the check before every flush.

PostgreSQL refuses a value longer than its ``VARCHAR(n)`` (and the error would print the
statement's rows); SQLite stores it anyway. One rule on both: a value over a column's length
never reaches the database. Imports flag such a value row by row (the import's own check, with
the limits of :func:`text_limit`); anything else that would write one (a campaign's name, a
caller typed on the command line) is refused by :func:`check_lengths` in one line, without the
value.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import ColumnProperty, Session
from sqlalchemy.orm.attributes import InstrumentedAttribute

from member_reach.store.errors import StoreError


class TooLong(StoreError):
    """A text is longer than the column it would be written to."""


def text_limit(attribute: InstrumentedAttribute[Any]) -> int | None:
    """The most characters a model's text column holds (None: no limit).

    Args:
        attribute: a mapped column, e.g. ``Person.city``.
    """
    prop = attribute.property
    if not isinstance(prop, ColumnProperty):
        return None
    column_type = prop.columns[0].type
    return column_type.length if isinstance(column_type, String) else None


def _label(table: str, column: str) -> str:
    return f"{table.replace('_', ' ')}'s {column.replace('_', ' ')}"


def too_long_message(what: str, length: int, limit: int) -> str:
    """One line for a value too long: what it is and both lengths, never the value."""
    return f"the {what} is {length:,} characters long, more than the {limit:,} it can hold"


def check_lengths(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """Refuse a flush that would write a text longer than its column (a ``before_flush`` hook).

    Raises:
        TooLong: one line naming the table and column and both lengths.
    """
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        mapper, loaded = state.mapper, state.dict  # values set or loaded: nothing is read
        for prop in mapper.column_attrs:
            column_type = prop.columns[0].type
            limit = column_type.length if isinstance(column_type, String) else None
            value = loaded.get(prop.key)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                what = _label(mapper.local_table.name, prop.key)
                raise TooLong(f"{too_long_message(what, len(value), limit)}: shorten it")


def check_text(value: str, attribute: InstrumentedAttribute[Any], what: str) -> str:
    """Return ``value``, or refuse it when longer than the column it is written to.

    For writes that bypass the flush (bulk ``UPDATE`` statements).

    Raises:
        TooLong: one line naming ``what`` and both lengths, never the value.
    """
    limit = text_limit(attribute)
    if limit is not None and len(value) > limit:
        raise TooLong(f"{too_long_message(what, len(value), limit)}: shorten it")
    return value
