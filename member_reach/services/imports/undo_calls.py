"""Undoing what an outcomes import did to calls: its logs taken back, its calls as they were.

Part of :mod:`.import_undo`: the calls an outcomes import logged (the plain ones together, kept
in a set of records: see undo_sets), the calls it brought back from a partner, and the checks
that refuse to undo calls worked on since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from member_reach.services.common.errors import ServiceError
from member_reach.services.common.undo_sets import Record, entries, sets_of
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    CallLog,
    CallTask,
    ExportBatch,
    HandOff,
    ImportBatch,
    ImportChange,
    Person,
)


def later_set(
    session: Session, batch: ImportBatch, calls: Sequence[int]
) -> tuple[int, str, str] | None:
    """The latest import still standing after ``batch`` whose set of calls holds one of them."""
    wanted = set(calls)
    if not wanted:
        return None
    standing = select(ImportBatch.id).where(
        ImportBatch.id > batch.id, ImportBatch.undone_at.is_(None)
    )
    for change in reversed(sets_of(session, "call_task", ImportChange.batch_id.in_(standing))):
        if any(e.record_id in wanted for e in entries(change)):
            later = session.get_one(ImportBatch, change.batch_id)
            return later.id, later.file_name, "the same calls"
    return None


def refuse_if_called_since(session: Session, batch: ImportBatch, calls: Sequence[Record]) -> None:
    """Refuse to undo outcomes when the same calls were worked on after them."""
    # The call each logged, or (a call a roster import closed) the last logged before it.
    logged = {
        c.record_id: (c.after or {}).get("call_log") or (c.after or {}).get("last_log") or 0
        for c in calls
    }
    later = 0
    for chunk in chunks(list(logged)):  # one query per 500 calls, not one per call
        for task_id, log_id in session.execute(
            select(CallLog.task_id, CallLog.id).where(
                CallLog.task_id.in_(chunk),
                or_(CallLog.import_batch_id.is_(None), CallLog.import_batch_id != batch.id),
            )
        ):
            later += log_id > logged[task_id]
    if later:
        raise ServiceError(
            f"Import {batch.id} ({batch.file_name}) cannot be undone: {later:,} calls were "
            "logged on its calls since; undoing it would undo that work too."
        )


def _plain(change: Record) -> bool:
    """A logged call that touched only its own task (no hand-off, not do-not-call)."""
    before, after = change.before or {}, change.after or {}
    return (
        not after.get("handoff")
        and before.get("do_not_call") is None
        and not before.get("open_elsewhere")
    )


def restore_calls(session: Session, changes: Sequence[Record]) -> None:
    """Take back the calls an outcomes import logged.

    The plain ones together (one delete per 500 call logs, one update for all tasks), the
    others one by one.
    """
    plain = [c for c in changes if _plain(c)]
    logs = [(c.after or {}).get("call_log") for c in plain]
    for chunk in chunks([log for log in logs if log]):
        session.execute(delete(CallLog).where(CallLog.id.in_(chunk)))
    if plain:
        tasks = cast(Table, CallTask.__table__)
        session.connection().execute(
            update(tasks)
            .where(tasks.c.id == bindparam("b_id"))
            .values(
                state=bindparam("b_state"),
                attempts=bindparam("b_attempts"),
                assignee=bindparam("b_assignee"),
                reserved_by=bindparam("b_reserved_by"),
                next_callback=bindparam("b_next_callback"),
                reserved_until=bindparam("b_reserved_until"),
                version=tasks.c.version + 1,
            ),
            [_task_before(c) for c in plain],
        )
    for change in changes:
        if not _plain(change):
            _restore_call(session, change)


def _task_before(change: Record) -> dict[str, Any]:
    before = change.before or {}
    return {
        "b_id": change.record_id,
        "b_state": before["state"],
        "b_attempts": before["attempts"],
        "b_assignee": before["assignee"],
        "b_reserved_by": before.get("reserved_by", ""),
        **{
            f"b_{k}": dt.datetime.fromisoformat(before[k]) if before.get(k) else None
            for k in ("next_callback", "reserved_until")
        },
    }


def _restore_call(session: Session, change: Record) -> None:
    """Take back one call an outcomes import logged, and what it did to the task and person."""
    before, after = change.before or {}, change.after or {}
    if after.get("handoff"):
        session.execute(delete(HandOff).where(HandOff.id == after["handoff"]))
    if after.get("call_log"):
        session.execute(delete(CallLog).where(CallLog.id == after["call_log"]))
    moments = {
        k: dt.datetime.fromisoformat(before[k]) if before.get(k) else None
        for k in ("next_callback", "reserved_until")
    }
    session.execute(
        update(CallTask)
        .where(CallTask.id == change.record_id)
        .values(
            state=before["state"],
            attempts=before["attempts"],
            assignee=before["assignee"],
            reserved_by=before.get("reserved_by", ""),
            version=CallTask.version + 1,
            **moments,
        )
        .execution_options(synchronize_session=False)
    )
    task_person = select(CallTask.person_id).where(CallTask.id == change.record_id)
    if before.get("do_not_call") is not None:  # only a do-not-call outcome touched it
        session.execute(
            update(Person)
            .where(Person.id == task_person.scalar_subquery())
            .values(do_not_call=before["do_not_call"])
        )
    # The calls the do-not-call closed elsewhere go back to open or reserved, as they were
    # (records written before their states were kept hold only ids: those were open or reserved,
    # and go back to open).
    by_state: dict[str, list[int]] = {}
    for item in before.get("open_elsewhere") or []:
        task_id, state = (item, "open") if isinstance(item, int) else item
        by_state.setdefault(state, []).append(task_id)
    for state, task_ids in by_state.items():
        session.execute(
            update(CallTask)
            .where(CallTask.id.in_(task_ids), CallTask.state == "closed")
            .values(state=state, version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )


def back_with_partner(session: Session, changes: Sequence[Record]) -> None:
    """Give back to their partner's export the calls a worked file brought back.

    Together: one update per export and partner (and per 500 calls).
    """
    by_export: dict[tuple[Any, str], list[int]] = {}
    for change in changes:
        before = change.before or {}
        key = (before.get("with_export_id"), before.get("assignee", ""))
        by_export.setdefault(key, []).append(change.record_id)
    for (export_id, assignee), task_ids in by_export.items():
        for chunk in chunks(task_ids):
            session.execute(
                update(CallTask)
                .where(CallTask.id.in_(chunk))
                .values(
                    with_export_id=select(ExportBatch.id)
                    .where(ExportBatch.id == export_id)
                    .scalar_subquery(),  # None if the export was deleted since
                    assignee=assignee,
                    version=CallTask.version + 1,
                )
                .execution_options(synchronize_session=False)
            )


__all__ = ["back_with_partner", "later_set", "refuse_if_called_since", "restore_calls"]
