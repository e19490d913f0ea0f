"""Checking a worked file's rows: each one a call to log, or what became of it instead.

A row names its call by Ref, else by member id, else (neither given) by the name and phone or
e-mail the export sent; a row that gives neither and matches no call is a contact the partner
added. A row with an outcome is a call to log only when nothing is in doubt:

* the call was finished, or the member renewed, since the export;
* identity cells were edited (their fingerprint differs from the export's);
* the outcome code is unknown (the closest codes are suggested);
* the same Ref is on several rows (none of them is applied: which one is right?);
* an outcome for the call was applied already from an earlier import of this export, and the
  row now says something else (another outcome, notes edited or damaged by a re-save, such as
  ``Err:509``): the call is not logged a second time;
* the callback date cannot be read, or another caller holds the call;
* the amount cannot be read, or goes with an outcome that is neither a success (dues paid) nor
  positive (pledged).

Excel's damage to a phone or id cell is remarked on but does not stop the outcome: the Ref
names the call. An outcome an earlier import of the file applied, read again as it was, is
unchanged.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from member_reach.domain.calling_hours import wall_time_to_utc
from member_reach.domain.contacts import clean_text
from member_reach.domain.values import parse_money
from member_reach.services.calls.calls import amount_problem, refuse_if_reserved_by_another
from member_reach.services.calls.closing import RENEWED
from member_reach.services.calls.outcome_writing import CallState, CheckedCall, RowResult
from member_reach.services.campaigns.control_group import CONTROL_STATE
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.outcome_checking import Applied, Importer
from member_reach.services.exchange.partner_contacts import add_contact
from member_reach.services.exchange.worked_file import WorkedFile, WorkedRow, callback_time
from member_reach.sheets.partner_layout import AMOUNT, CALLS_SHEET
from member_reach.store.limits import text_limit
from member_reach.store.models import CallLog, CallTask, OutcomeCode


def _task_of_row(
    imp: Importer, file: WorkedFile, row: WorkedRow, source: str
) -> CallState | RowResult | None:
    """The row's call, or what became of a row that names none (added, rejected, twice)."""
    ref, member, number, values = row.ref, row.member, row.number, row.values
    task = imp.task_of(ref, member)
    if task is None and not ref and not member:
        task = imp.find_by_identity(
            file.text(values, "Name"), file.text(values, "Phone"), file.text(values, "E-mail")
        )
        if task is None:
            return add_contact(imp, file, row, source)
    if task is None:
        return RowResult(
            number, ref, "rejected", f"'{ref or member}' is not a call of {imp.campaign.name}"
        )
    if task.ref in imp.seen:
        return RowResult(
            number,
            task.ref,
            "conflict",
            f"the same Ref as row {imp.seen[task.ref]}: this row is not applied",
        )
    imp.seen[task.ref] = number
    return task


def _amount(row: WorkedRow, code: OutcomeCode, source: str) -> Decimal | str | None:
    """The row's Amount (None when empty), or why the row is not applied because of it."""
    try:
        amount = parse_money(row.amount)
        problem = amount_problem(code, amount)
    except ValueError as exc:
        problem = str(exc)
    if problem:
        where = f"column '{AMOUNT}' of the {CALLS_SHEET} sheet of {source}"
        return f"{where}: {problem}; the row was not applied"
    return amount


def _callback_and_amount(
    imp: Importer, row: WorkedRow, code: OutcomeCode, source: str, person_id: int
) -> tuple[dt.datetime | None, Decimal | None] | str:
    """The row's callback time (UTC) and amount, or why the row is rejected.

    It is rejected for one of them, or for its caller. The partner types the callback as the
    member's clock reads it (the workbook gives their time zone and calling hours), unless the
    time carries its UTC offset.
    """
    if (limit := _CALLER_LIMIT) is not None and len(row.caller) > limit:
        return f"column 'Caller': {_too_long(len(row.caller), limit)}"
    try:
        callback = (
            None if row.callback is None else callback_time(row.callback, imp.settings.date_order)
        )
    except ValueError as exc:
        return f"column 'Callback date': {exc}"
    typed = callback  # as the partner wrote it, for the message
    if callback is not None and callback.tzinfo is not None:
        callback = callback.astimezone(dt.UTC).replace(tzinfo=None)
    elif callback is not None:
        callback = wall_time_to_utc(callback, imp.member_zone(person_id))
    if callback is not None and not _CALLBACK_SPAN[0] <= callback - imp.now <= _CALLBACK_SPAN[1]:
        when = "more than a year ago" if callback < imp.now else "more than two years ahead"
        return (
            f"column 'Callback date': {typed:%Y-%m-%d %H:%M} is {when}: check the year; "
            "the row was not applied"
        )
    amount = _amount(row, code, source)
    return amount if isinstance(amount, str) else (callback, amount)


#: How long a caller's name may be (read once: the column's length).
_CALLER_LIMIT: Final = text_limit(CallLog.caller)
_CALLER_MOST: Final = _CALLER_LIMIT if _CALLER_LIMIT is not None else 1 << 62
#: How far from the import a partner's callback may be (a 1999 or 2999 one is a typo).
_CALLBACK_SPAN: Final = (-dt.timedelta(days=366), dt.timedelta(days=2 * 366))


def _too_long(length: int, limit: int) -> str:
    return f"{length:,} characters, more than the {limit:,} it can hold; the row was not applied"


def _without_outcome(row: WorkedRow, ref: str) -> RowResult:
    """A row with no outcome: unchanged, unless the partner wrote something else on it."""
    if row.notes or clean_text(row.callback) or clean_text(row.amount):
        return RowResult(
            row.number, ref, "rejected", "notes, a callback or an amount but no outcome: choose one"
        )
    return RowResult(row.number, ref, "unchanged")


def _applied_before(
    row: WorkedRow, ref: str, earlier: Applied, said: tuple[str, str, str]
) -> RowResult:
    """A row whose call an earlier import of this export logged otherwise: a conflict."""
    what = [
        n for n, a, b in zip(("outcome", "notes", "caller"), earlier, said, strict=False) if a != b
    ]
    return RowResult(
        row.number,
        ref,
        "conflict",
        f"an outcome ({earlier.code}) was already applied on {earlier.day.isoformat()} from "
        f"{earlier.file}; this row differs in its {' and '.join(what)} and was not applied again",
    )


def _on_several_rows(imp: Importer, row: WorkedRow) -> RowResult | None:
    """A row whose Ref other rows of the file share: none of them is applied."""
    twice = imp.refs_twice.get(row.ref)
    if twice is None:
        return None
    others = [str(n) for n in twice if n != row.number]
    rows = f"row{'s' if len(others) > 1 else ''} {', '.join(others)}"
    return RowResult(
        row.number,
        row.ref,
        "conflict",
        f"the same Ref as {rows}: none of these rows is applied; keep the one that is right "
        "and import the file again",
    )


def _row_call(
    imp: Importer, file: WorkedFile, row: WorkedRow, source: str
) -> CallState | RowResult | None:
    """The call a row names, or what became of the row instead."""
    if imp.refs_twice and (twice := _on_several_rows(imp, row)) is not None:
        return twice
    task = imp.by_ref.get(row.ref)
    if task is None or task.ref in imp.seen:  # not by its Ref, or a second time
        return _task_of_row(imp, file, row, source)
    imp.seen[task.ref] = row.number
    return task


_CONTROL_TOLD: Final = (
    "this member is in the campaign's control group, kept uncalled so the report can tell what "
    "the calls changed: nothing was logged (log the call on another campaign if they were "
    "called anyway)"
)


def _not_loggable(imp: Importer, task: CallState) -> str:
    """Why no call can be logged on the row's task any more ("" when one can)."""
    if task.state == CONTROL_STATE:  # a row added with a control member's Ref or Member ID
        return _CONTROL_TOLD
    if task.state == RENEWED or task.person_id in imp.renewed:
        return imp.renewal_told(task.person_id)
    if task.state in ("done", "closed"):
        return f"the call was already {task.state} after the export"
    return ""


def check_row(
    imp: Importer, file: WorkedFile, row: WorkedRow, source: str
) -> RowResult | CheckedCall | None:
    """What to do with one row: a call to log, or what became of it instead."""
    task = _row_call(imp, file, row, source)
    if not isinstance(task, CallState):
        return task
    number, values = row.number, row.values
    outcome, notes = row.outcome, row.notes
    caller = row.caller or imp.default_caller
    if not outcome:
        return _without_outcome(row, task.ref)
    try:
        code, code_text = imp.code(outcome)
    except ServiceError as exc:
        return RowResult(number, task.ref, "conflict", str(exc))
    said = (task.id, code_text, notes, caller)
    if said in imp.applied_keys:
        return RowResult(number, task.ref, "unchanged")
    if (earlier := imp.applied.get(task.id)) is not None:
        return _applied_before(row, task.ref, earlier, (code_text, notes, caller))
    kind, problem = imp.identity_problem(file, values, task)
    if kind == "edited":
        return RowResult(number, task.ref, "conflict", problem)
    if refused := _not_loggable(imp, task):
        return RowResult(number, task.ref, "conflict", refused)
    if row.callback is None and row.amount is None and len(row.caller) <= _CALLER_MOST:
        callback = amount = None  # most rows: nothing more to read
    else:
        filled = _callback_and_amount(imp, row, code, source, task.person_id)
        if isinstance(filled, str):
            return RowResult(number, task.ref, "rejected", filled)
        callback, amount = filled
    if task.state == "reserved":  # by someone in the office?
        try:
            refuse_if_reserved_by_another(imp.session.get_one(CallTask, task.id), caller, imp.now)
        except ServiceError as exc:
            return RowResult(number, task.ref, "conflict", str(exc))
    imp.applied[task.id] = Applied(code_text, notes, caller, imp.today, source)
    imp.applied_keys.add(said)
    plain = imp.plain(code)  # (made for every row: positional, the cheapest way to make one)
    return CheckedCall(number, task, code, notes, caller, callback, problem, amount, plain)


__all__ = ["check_row"]
