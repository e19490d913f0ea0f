"""Writing a worked file's checked outcomes: the plain calls in bulk, the others one by one.

:mod:`.outcome_checking` checks every row first; what passed is a :class:`CheckedCall`, written
here. Calls that touch only their own task go together: one version-checked update for all
tasks, one insert of call logs, one undo record for them all (see undo_sets). Hand-offs and
do-not-call go through ``log_call`` afterwards, checked against the version seen when their row
was checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from member_reach.services.calls.calls import CallConflict, log_call, state_after
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import AssociationSettings
from member_reach.services.common.undo_sets import write_set
from member_reach.store.bulk import bulk_insert, bulk_update, reserve_ids
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    ImportBatch,
    ImportChange,
    OutcomeCode,
    Person,
)


class Writing(Protocol):
    """What writing needs of the import under way."""

    session: Session
    campaign: Campaign
    batch: ImportBatch
    now: dt.datetime
    settings: AssociationSettings
    unanswered: dict[int, int]


class RowResult(NamedTuple):
    """What became of one row (a named tuple: made for every row, so made cheaply)."""

    row: int
    ref: str
    result: str  # applied, unchanged, conflict, rejected, added
    reason: str = ""
    sheet: str = ""  # the sheet of the row when not the Calls sheet ("New contacts")


class CallState(NamedTuple):
    """A call as the import read it: what checking and bulk writing need (no ORM object).

    A named tuple, made from each selected row without copying it field by field.
    """

    id: int
    ref: str
    person_id: int
    state: str
    version: int
    attempts: int
    assignee: str
    reserved_by: str
    reserved_until: dt.datetime | None
    next_callback: dt.datetime | None
    with_export_id: int | None  # the partner export it was given to (None: not given)

    @classmethod
    def columns(cls) -> tuple[Any, ...]:
        """The columns to select, in the order of the fields."""
        return tuple(getattr(CallTask, name) for name in cls._fields)


@dataclass(slots=True)
class CheckedCall:
    """A row whose outcome passed every check: the call to log."""

    number: int
    task: CallState
    code: OutcomeCode
    notes: str
    caller: str
    callback: dt.datetime | None
    remark: str  # Excel damage noticed, if any
    amount: Decimal | None  # dues paid (a success) or pledged (positive)
    #: A call that touches only its own task (logged in bulk): see touches_only_its_task.
    plain: bool
    failed: str = ""  # why writing it was refused

    @property
    def ref(self) -> str:
        """The call's Ref."""
        return self.task.ref

    @property
    def version(self) -> int:
        """The call's version as checked: a change after that is a conflict."""
        return self.task.version

    def result(self) -> RowResult:
        """What became of the row."""
        if self.failed:
            return RowResult(self.number, self.ref, "conflict", self.failed)
        return RowResult(self.number, self.ref, "applied", self.remark)


def touches_only_its_task(code: OutcomeCode) -> bool:
    """Whether a call with ``code`` changes only its own task (no hand-off, not do-not-call)."""
    return code.category != "do-not-call" and not code.creates_handoff


def _before(
    task: CallState | CallTask, person: Person | None = None, others: list[Any] | None = None
) -> dict[str, Any]:
    """What undo needs to put a task (and a do-not-call's person) back as it was."""
    return {
        "state": task.state,
        "attempts": task.attempts,
        "assignee": task.assignee,
        "reserved_by": task.reserved_by,
        "next_callback": _iso(task.next_callback),
        "reserved_until": _iso(task.reserved_until),
        "do_not_call": bool(person.do_not_call) if person else None,
        "open_elsewhere": others or [],
    }


#: A call a partner was given, brought back by logging it: (task id, export id, partner).
Back = tuple[int, int, str]


def _log_plain(imp: Writing, calls: list[CheckedCall], source: str) -> list[Back]:
    """Log calls that touch only their own task, in bulk; return those back from a partner.

    One version-checked update for all tasks (which also brings them back from their partner),
    one insert for all call logs, one undo record.
    """
    if not calls:
        return []
    session = imp.session
    session.flush()
    connection = session.connection()
    given = [c for c in calls if c.task.with_export_id is not None]
    _update_tasks(imp, connection, [c for c in calls if c.task.with_export_id is None], source)
    _update_tasks(imp, connection, given, source, back=True)
    log_ids = _insert_call_logs(imp, connection, calls)
    _insert_undo_records(imp, connection, calls, log_ids)
    session.expire_all()  # the tasks are read back, if at all, as just written
    return given_back(given)


def given_back(calls: list[CheckedCall]) -> list[Back]:
    """The plain calls given to a partner: those logging them brings back (see _log_plain)."""
    return [
        (c.task.id, c.task.with_export_id, c.task.assignee)
        for c in calls
        if c.plain and c.task.with_export_id is not None
    ]


def _update_tasks(
    imp: Writing, connection: Connection, calls: list[CheckedCall], source: str, back: bool = False
) -> None:
    """Count each call on its task, all in one update checked against the versions read.

    ``back``: the calls were given to a partner and come back from it (partner_assignment);
    their state before is the one read, since the version is checked.

    Raises:
        ServiceError: a call was changed since it was read (the caller rolls back).
    """
    most, unanswered = imp.settings.max_unanswered, imp.unanswered
    states: dict[tuple[str, OutcomeCode, int], str] = {}  # a few distinct ones: worked out once

    def after(state: str, code: OutcomeCode, tries: int) -> str:
        key = (state, code, tries)
        found = states.get(key)
        if found is None:
            found = states[key] = state_after(state, code, tries, most)
        return found

    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])  # state kept, changed
    for c in calls:
        task = c.task
        state = after(task.state, c.code, unanswered.get(task.id, 0))
        row: dict[str, Any] = {"next_callback": c.callback, "id": task.id, "version": task.version}
        if state != task.state:  # the state's index is written only for these
            row["state"] = state
        rows[state != task.state].append(row)
    fixed = {
        "reserved_until": None,
        "reserved_by": "",
        "updated_at": imp.now,
        **({"with_export_id": None, "assignee": ""} if back else {}),
    }
    written = sum(  # version-checked: a call changed since it was read is not matched
        bulk_update(
            connection,
            CallTask.__table__,
            some,
            where=("id", "version"),
            fixed=fixed,
            sql={"attempts": "attempts + 1", "version": "version + 1"},
        )
        for some in rows
    )
    if written != len(calls):
        raise ServiceError(
            f"Calls of {imp.campaign.name} were changed by someone else while {source} was "
            "being imported; nothing was applied. Import the file again."
        )


def _insert_call_logs(imp: Writing, connection: Connection, calls: list[CheckedCall]) -> list[int]:
    """Insert the calls' logs, all at once; their ids, in the order of ``calls``."""
    log_ids = reserve_ids(connection, CallLog.__table__, len(calls))
    code_ids = {code: code.id for code in {c.code for c in calls}}  # a few: read once each
    bulk_insert(
        connection,
        CallLog.__table__,
        [
            {
                "id": log_id,
                "task_id": c.task.id,
                "caller": c.caller,
                "outcome_code_id": code_ids[c.code],
                "notes": c.notes,
                "callback_at": c.callback,
                "amount_promised": c.amount,
            }
            for c, log_id in zip(calls, log_ids, strict=True)
        ],
        same={"called_at": imp.now, "import_batch_id": imp.batch.id},
    )
    return log_ids


def _insert_undo_records(
    imp: Writing, connection: Connection, calls: list[CheckedCall], log_ids: list[int]
) -> None:
    """Keep what undo needs to put each task back and remove its call log, in one set record.

    Most calls of an export were in the same state before (open, never tried, with the
    partner): the set keeps each distinct state once (see undo_sets).
    """
    write_set(
        connection,
        imp.batch.id,
        "call_task",
        PLAIN_BEFORE,
        ("call_log",),
        (
            (
                c.task.id,
                c.number,
                (
                    c.task.state,
                    c.task.attempts,
                    c.task.assignee,
                    c.task.reserved_by,
                    _iso(c.task.next_callback),
                    _iso(c.task.reserved_until),
                ),
                (log_id,),
            )
            for c, log_id in zip(calls, log_ids, strict=True)
        ),
    )


#: What a plain call's undo record keeps of its task before (see _before).
PLAIN_BEFORE: Final = (
    "state",
    "attempts",
    "assignee",
    "reserved_by",
    "next_callback",
    "reserved_until",
)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _log(imp: Writing, call: CheckedCall) -> None:
    """Log one call that does more than change its task (a hand-off, or do-not-call)."""
    session, code = imp.session, call.code
    task = session.get(CallTask, call.task.id)
    if task is None or task.version != call.version:  # changed since checked (or by the bulk)
        raise CallConflict(
            "The call to this member was changed after the file was checked; import the file again."
        )
    dnc = code.category == "do-not-call"  # only then are the person and other tasks touched
    person = session.get(Person, task.person_id) if dnc else None
    others = (  # the calls it closes elsewhere, with their state: undo puts back a reservation
        [
            [other_id, other_state]
            for other_id, other_state in session.execute(
                select(CallTask.id, CallTask.state).where(
                    CallTask.person_id == task.person_id,
                    CallTask.id != task.id,
                    CallTask.state.in_(("open", "reserved")),
                )
            )
        ]
        if dnc
        else []
    )
    before = _before(task, person, others)
    logged = log_call(
        session,
        imp.campaign,
        task,
        code,
        imp.now,
        caller=call.caller,
        notes=call.notes,
        callback_at=call.callback,
        amount_promised=call.amount,
        import_batch_id=imp.batch.id,
        settings=imp.settings,
    )
    session.add(
        ImportChange(
            batch_id=imp.batch.id,
            row_number=call.number,
            table_name="call_task",
            record_id=task.id,
            action="update",
            before=before,
            after={"call_log": logged.call_log_id, "handoff": logged.handoff_id},
        )
    )


def log_calls(imp: Writing, calls: list[CheckedCall], source: str) -> list[Back]:
    """Log every checked call: the plain ones in bulk, then the others one by one.

    A do-not-call closes the person's other open calls, so those come after. Returns the calls
    the bulk brought back from their partner (the others are brought back afterwards).
    """
    back = _log_plain(imp, [c for c in calls if c.plain], source)
    for call in calls:
        if call.plain:
            continue
        try:
            _log(imp, call)
        except ServiceError as exc:  # changed meanwhile
            call.failed = str(exc)
    return back


__all__ = ["Back", "CheckedCall", "RowResult", "Writing", "given_back", "log_calls"]
