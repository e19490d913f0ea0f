"""Undo records kept as one set per import: the many rows an import changed alike, in one record.

A worked file of 10,000 calls changes 10,000 calls the same way: each gets a call log and its
task moves on, and most were in the same state before (open, never tried, with the partner).
One :class:`ImportChange` per call cost a third of the import's writing; so the calls are kept in
one record (``table_name`` ``set:call_task``; ``record_id`` the number of calls), its ``before``
holding each distinct state before once and, per call, its id, its row and what it wrote::

    {"table": "call_task", "before": ["state", ...], "after": ["call_log"],
     "states": [["open", 0, ...], ...], "rows": [[task id, row number, state index, log id], ...]}

Every reader (undo, its checks, erasure, the personal-data export) sees a set as the records it
stands for, through :func:`entries`: each an :class:`Entry` with the attributes of an
:class:`ImportChange` of that table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from member_reach.store.models import ImportChange

#: The prefix of a set record's table name: ``set:`` and the table of the records it holds.
SET_PREFIX: Final = "set:"


@dataclass(frozen=True, slots=True)
class Entry:
    """One record of a set, as an :class:`ImportChange` of its own would be (read only)."""

    id: int  # the set record's id
    batch_id: int
    row_number: int | None
    table_name: str
    record_id: int
    action: str
    before: dict[str, Any]
    after: dict[str, Any]


#: An undo record as its readers see it: one of its own, or one a set holds.
Record: TypeAlias = ImportChange | Entry


def set_table(table: str) -> str:
    """The table name of a set of ``table``'s records."""
    return SET_PREFIX + table


def write_set(
    connection: Connection,
    batch_id: int,
    table: str,
    before: Sequence[str],
    after: Sequence[str],
    rows: Iterable[tuple[int, int | None, tuple[Any, ...], tuple[Any, ...]]],
) -> int:
    """Keep ``rows`` (record id, row number, values before, values after) in one set record.

    ``before`` and ``after`` name the values; values before must be JSON values (dates as ISO
    text), and each distinct tuple of them is kept once. Returns how many records it holds.
    """
    states: dict[tuple[Any, ...], int] = {}
    kept = [
        [record_id, number, states.setdefault(values, len(states)), *written]
        for record_id, number, values, written in rows
    ]
    if not kept:
        return 0
    connection.execute(
        insert(ImportChange).values(
            batch_id=batch_id,
            row_number=None,
            table_name=set_table(table),
            record_id=len(kept),
            action="update",
            before={
                "table": table,
                "before": list(before),
                "after": list(after),
                "states": [list(s) for s in states],
                "rows": kept,
            },
            after=None,
        )
    )
    return len(kept)


def entries(change: Record) -> list[Record]:
    """The records a set record stands for (a record that is not a set: itself alone)."""
    if not change.table_name.startswith(SET_PREFIX):
        return [change]
    held = change.before or {}
    assert isinstance(change, ImportChange)  # a set is never held in a set
    names, written = held.get("before", []), held.get("after", [])
    states = [dict(zip(names, s, strict=True)) for s in held.get("states", [])]
    return [
        Entry(
            change.id,
            change.batch_id,
            number,
            held["table"],
            record_id,
            change.action,
            states[state],
            dict(zip(written, values, strict=True)),
        )
        for record_id, number, state, *values in held.get("rows", [])
    ]


def expanded(changes: Iterable[Record]) -> list[Record]:
    """``changes`` with each set record replaced by the records it stands for."""
    return [entry for change in changes for entry in entries(change)]


def sets_of(session: Session, table: str, *where: Any) -> list[ImportChange]:
    """The set records of ``table``'s records (further narrowed by ``where``)."""
    return list(
        session.scalars(
            select(ImportChange)
            .where(ImportChange.table_name == set_table(table), *where)
            .order_by(ImportChange.id)
        )
    )


def entries_about(session: Session, table: str, record_ids: Iterable[int]) -> list[Record]:
    """The records kept in sets about any of ``record_ids`` of ``table``."""
    wanted = set(record_ids)
    if not wanted:
        return []
    return [e for s in sets_of(session, table) for e in entries(s) if e.record_id in wanted]


def drop_entries(session: Session, table: str, record_ids: Iterable[int]) -> list[int]:
    """Take ``record_ids`` of ``table`` out of every set; return the sets' batches, one each.

    A set left empty is deleted.
    """
    wanted = set(record_ids)
    batches: list[int] = []
    for change in sets_of(session, table) if wanted else []:
        held = dict(change.before or {})
        rows = held.get("rows", [])
        left = [r for r in rows if r[0] not in wanted]
        if len(left) == len(rows):
            continue
        batches.append(change.batch_id)
        if not left:
            session.execute(delete(ImportChange).where(ImportChange.id == change.id))
            continue
        used = sorted({r[2] for r in left})  # the states only the dropped records had go too
        index = {old: new for new, old in enumerate(used)}
        held["states"] = [held["states"][old] for old in used]
        held["rows"] = [[r[0], r[1], index[r[2]], *r[3:]] for r in left]
        session.execute(
            update(ImportChange)
            .where(ImportChange.id == change.id)
            .values(before=held, record_id=len(left))
            .execution_options(synchronize_session=False)
        )
    return batches


__all__ = [
    "SET_PREFIX",
    "Entry",
    "Record",
    "drop_entries",
    "entries",
    "entries_about",
    "expanded",
    "set_table",
    "sets_of",
    "write_set",
]
