"""Checking a worked file's rows: each one a call to log, or what became of it instead.

A row names its call by Ref, else by member id, else (neither given) by the name and phone or
e-mail the export sent; a row that gives neither and matches no call is a contact the partner
added. A row with an outcome is a call to log only when nothing is in doubt:

* the call was finished, or the member renewed, since the export;
* identity cells were edited (their fingerprint differs from the export's);
* the outcome code is unknown (the closest codes are suggested);
* the same Ref appears twice;
* the callback date cannot be read, or another caller holds the call;
* the amount cannot be read, or goes with an outcome that is neither a success (dues paid) nor
  positive (pledged).

Excel's damage to a phone or id cell is remarked on but does not stop the outcome: the Ref
names the call. An outcome an earlier import of the file applied is unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.calling_hours import wall_time_to_utc
from member_reach.domain.contacts import clean_text
from member_reach.domain.values import parse_money
from member_reach.services.calls.calls import (
    amount_problem,
    find_code,
    refuse_if_reserved_by_another,
    zone_of,
)
from member_reach.services.calls.closing import RENEWED
from member_reach.services.calls.outcome_writing import CallState, CheckedCall, RowResult
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.phone_facts import phones_of
from member_reach.services.common.settings import load_settings
from member_reach.services.exchange.exchange_export import (
    FINGERPRINTED,
    IDENTITY,
    KEPT_SEPARATOR,
    fingerprint,
    identity_rows,
)
from member_reach.services.exchange.partner_contacts import add_contact
from member_reach.services.exchange.worked_file import WorkedFile, WorkedRow, callback_time
from member_reach.sheets.partner_workbook import AMOUNT, CALLS_SHEET
from member_reach.store.limits import text_limit
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    ExportBatch,
    ExternalId,
    ImportBatch,
    ImportChange,
    OutcomeCode,
    Person,
)

_DAMAGE: Final = re.compile(r"^\d(\.\d+)?E\+?\d+$|^\d{7,}(\.0)?$", re.IGNORECASE)
_PHONE_COLUMNS: Final = ("Phone", "Other phone")


class Importer:
    """One worked file's import under way: what checking its rows needs, read once.

    The export's calls, what earlier imports applied and added, who renewed since; and what
    the rows checked so far met (Refs, outcome codes, contacts added). Writing the rows that
    pass, and adding contacts, use it too.
    """

    def __init__(self, session: Session, export: ExportBatch, batch: ImportBatch, now: dt.datetime):
        self.session = session
        self.export = export
        self.batch = batch
        self.now = now
        campaign = session.get(Campaign, export.campaign_id)
        if campaign is None:
            raise ServiceError(f"The campaign of export {export.id} no longer exists.")
        self.campaign = campaign
        self.fingerprints: dict[str, str] = export.details.get("fingerprints", {})
        # The identity cells as exported (exports before this was kept have fingerprints only).
        self.identity: dict[str, str | list[str]] = export.details.get("identity", {})
        tasks = map(  # read through the connection: plain rows need no ORM result handling
            CallState._make,
            session.connection()
            .execute(select(*CallState.columns()).where(CallTask.campaign_id == campaign.id))
            .all(),
        )
        self.by_ref = {t.ref: t for t in tasks}
        self._by_member: dict[str, CallState] | None = None  # read when a row has no known Ref
        self.applied = self._already_applied(campaign)
        self.unanswered: dict[int, int] = {
            task_id: count
            for task_id, count in session.execute(
                select(CallLog.task_id, func.count(CallLog.id))
                .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
                .join(CallTask, CallTask.id == CallLog.task_id)
                .where(CallTask.campaign_id == campaign.id, OutcomeCode.answered.is_(False))
                .group_by(CallLog.task_id)
            )
        }
        self.renewed = self._renewed_since(export)
        self._zones: dict[int, str] | None = None  # the members' time zones, read when needed
        self.seen: dict[str, int] = {}
        # Each outcome text met: its code (and the code's text), or why it is none.
        self.codes: dict[str, tuple[OutcomeCode, str] | str] = {}
        self.added = {
            (after or {}).get("key")
            for after in session.scalars(
                select(ImportChange.after)
                .join(ImportBatch, ImportBatch.id == ImportChange.batch_id)
                .where(
                    ImportBatch.kind == "outcomes",
                    ImportBatch.undone_at.is_(None),
                    ImportChange.table_name == "person",
                )
            )
        }
        self.added_now: dict[str, str] = {}  # contacts this file added: key -> where
        self.added_people: dict[int, str] = {}  # and their ids -> where
        self.settings = load_settings(session)
        self.default_caller = export.assignee or "partner"

    def _renewed_since(self, export: ExportBatch) -> dict[int, dt.date]:
        """People whose renewal was found after the export, with the day it was found.

        Found by an import that began after it, or (no import to tell the time by) on the
        export's day or later.
        """
        return {
            person_id: day
            for person_id, day in self.session.execute(
                select(DetectedRenewal.person_id, DetectedRenewal.detected_on)
                .outerjoin(ImportBatch, ImportBatch.id == DetectedRenewal.import_batch_id)
                .where(
                    or_(
                        and_(
                            ImportBatch.started_at >= export.created_at,
                            ImportBatch.undone_at.is_(None),
                        ),
                        and_(
                            DetectedRenewal.import_batch_id.is_(None),
                            DetectedRenewal.detected_on >= export.created_at.date(),
                        ),
                    )
                )
                .order_by(DetectedRenewal.id)
            )
        }

    def renewal_told(self, person_id: int) -> str:
        """Why a renewed member's row is not applied, with the roster that showed it."""
        day = self.renewed.get(person_id) or self.session.scalar(
            select(func.max(DetectedRenewal.detected_on)).where(
                DetectedRenewal.person_id == person_id
            )
        )
        roster = f" (roster of {day.isoformat()})" if day else ""
        return f"this member renewed{roster} after the export; the call was not applied"

    def member_zone(self, person_id: int) -> str:
        """A member's time zone ("" when it cannot be told), read once for the export's calls."""
        if self._zones is None:
            people = sorted({t.person_id for t in self.by_ref.values()})
            phones = phones_of(self.session, people, keep=False)
            regions = {
                pid: region or ""
                for pid, region in self.session.execute(
                    select(Person.id, Person.region).where(Person.id.in_(people))
                )
            }
            self._zones = {
                pid: zone_of(phones.get(pid, []), regions.get(pid, ""), self.now) for pid in people
            }
        return self._zones.get(person_id, "")

    def _already_applied(self, campaign: Campaign) -> set[tuple[int, str, str, str]]:
        rows = self.session.execute(
            select(CallLog.task_id, OutcomeCode.code, CallLog.notes, CallLog.caller)
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .join(ImportBatch, ImportBatch.id == CallLog.import_batch_id)
            .where(OutcomeCode.campaign_id == campaign.id, ImportBatch.undone_at.is_(None))
        )
        return {(t, c, n or "", who or "") for t, c, n, who in rows}

    def code(self, outcome: str) -> tuple[OutcomeCode, str]:
        """The campaign's code for a cell's text, and the code's own text (``renewed``).

        Looked up once per distinct text.

        Raises:
            ServiceError: no such code (the message suggests the closest).
        """
        found = self.codes.get(outcome)
        if found is None:
            try:
                code = find_code(self.session, self.campaign, outcome, retired_ok=True)
                found = (code, code.code)
            except ServiceError as exc:
                found = str(exc)
            self.codes[outcome] = found
        if isinstance(found, str):
            raise ServiceError(found)
        return found

    def task_of(self, ref: str, member: str) -> CallState | None:
        """The call a row names: by its Ref, else by its member id."""
        found = self.by_ref.get(ref)
        if found is not None or not member:
            return found
        if self._by_member is None:
            by_person = {t.person_id: t for t in self.by_ref.values()}
            self._by_member = {}
            for value, person_id in self.session.execute(
                select(ExternalId.value, ExternalId.person_id)
                .join(CallTask, CallTask.person_id == ExternalId.person_id)
                .where(CallTask.campaign_id == self.campaign.id)
            ):
                self._by_member.setdefault(value.casefold(), by_person[person_id])
        return self._by_member.get(member.casefold())

    def kept(self, ref: str) -> list[str] | None:
        """The identity cells the export kept for a call (None: not kept, an older export)."""
        kept = self.identity.get(ref)
        if isinstance(kept, str):  # joined (see export_partner)
            cells = kept.split(KEPT_SEPARATOR)
            return cells if len(cells) == len(FINGERPRINTED) else None
        return None if kept is None else [str(v) for v in kept]

    def _exported(self, task: CallState) -> list[str]:
        """The identity cells as the export wrote them (older exports: as on file now)."""
        kept = self.kept(task.ref)
        if kept is not None:
            return kept
        calls = (
            select(CallTask.ref, CallTask.reason, CallTask.person_id)
            .join(Person, Person.id == CallTask.person_id)
            .where(CallTask.id == task.id)
        )
        now_values = identity_rows(self.session, calls, self.now)[0]
        return [clean_text(now_values[IDENTITY.index(c)]) for c in FINGERPRINTED]

    def find_by_identity(self, name: str, phone: str, email: str) -> CallState | None:
        """A call of this export whose exported name and phone or e-mail match a row's."""
        if not name or not (phone or email):
            return None
        for ref in self.identity:
            exported = dict(zip(FINGERPRINTED, self.kept(ref) or [], strict=False))
            same_contact = (phone and exported.get("Phone") == phone) or (
                email and exported.get("E-mail", "").lower() == email.lower()
            )
            if exported.get("Name") == name and same_contact:
                return self.by_ref.get(ref)
        return None

    def identity_problem(
        self, file: WorkedFile, values: tuple[Any, ...], task: CallState
    ) -> tuple[str, str]:
        """("", "") when untouched; else ("damage", text) or ("edited", text)."""
        joined, read = self.identity.get(task.ref), file.identity_cells
        # The cells as read are the cells as written: the common case, with no tidying.
        if (
            joined.__class__ is str
            and read is not None
            and ["" if c is None else c for c in read(values)] == joined.split(KEPT_SEPARATOR)
        ):
            return "", ""
        kept = self.kept(task.ref)
        given = [file.text(values, c) for c in FINGERPRINTED]
        for column in ("Ref", "Member ID"):  # a column the partner deleted was not edited
            if column not in file.columns:
                given[FINGERPRINTED.index(column)] = clean_text(
                    self._exported(task)[FINGERPRINTED.index(column)]
                )
        if kept is not None:  # the cells themselves: no need to hash
            if given == [clean_text(k) for k in kept]:
                return "", ""
        elif (expected := self.fingerprints.get(task.ref)) is None or fingerprint(
            given
        ) == expected:
            return "", ""
        sent = [clean_text(k) for k in self._exported(task)]
        changed = [c for c, v, was in zip(FINGERPRINTED, given, sent, strict=True) if v != was]
        damaged = [
            c
            for c in changed
            if c in (*_PHONE_COLUMNS, "Member ID")
            and (
                _DAMAGE.match(given[FINGERPRINTED.index(c)])
                or isinstance(file.cell(values, c), int | float)
            )
        ]
        if changed and len(damaged) == len(changed):
            return "damage", f"Excel damaged {', '.join(damaged)}; the values on file were kept"
        return "edited", f"identity cells edited: {', '.join(changed) or 'unknown'}"


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
    if (limit := text_limit(CallLog.caller)) is not None and len(row.caller) > limit:
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


def check_row(
    imp: Importer, file: WorkedFile, row: WorkedRow, source: str
) -> RowResult | CheckedCall | None:
    """What to do with one row: a call to log, or what became of it instead."""
    task = imp.by_ref.get(row.ref)
    if task is None or task.ref in imp.seen:  # not by its Ref, or a second time
        found = _task_of_row(imp, file, row, source)
        if not isinstance(found, CallState):
            return found
        task = found
    else:
        imp.seen[task.ref] = row.number
    number, values = row.number, row.values
    outcome, notes = row.outcome, row.notes
    caller = row.caller or imp.default_caller
    if not outcome:
        return _without_outcome(row, task.ref)
    try:
        code, code_text = imp.code(outcome)
    except ServiceError as exc:
        return RowResult(number, task.ref, "conflict", str(exc))
    if (key := (task.id, code_text, notes, caller)) in imp.applied:
        return RowResult(number, task.ref, "unchanged")
    kind, problem = imp.identity_problem(file, values, task)
    if kind == "edited":
        return RowResult(number, task.ref, "conflict", problem)
    if task.state == RENEWED or task.person_id in imp.renewed:
        return RowResult(number, task.ref, "conflict", imp.renewal_told(task.person_id))
    if task.state in ("done", "closed"):
        return RowResult(
            number, task.ref, "conflict", f"the call was already {task.state} after the export"
        )
    filled = _callback_and_amount(imp, row, code, source, task.person_id)
    if isinstance(filled, str):
        return RowResult(number, task.ref, "rejected", filled)
    callback, amount = filled
    if task.state == "reserved":  # by someone in the office?
        try:
            refuse_if_reserved_by_another(imp.session.get_one(CallTask, task.id), caller, imp.now)
        except ServiceError as exc:
            return RowResult(number, task.ref, "conflict", str(exc))
    imp.applied.add(key)
    return CheckedCall(number, task, code, notes, caller, callback, problem, amount=amount)


__all__ = ["Importer", "check_row"]
