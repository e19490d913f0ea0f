"""What checking a worked file's rows needs: the :class:`Importer`, read once per file.

The rows themselves are checked by :mod:`.row_checking`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final, NamedTuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.contacts import clean_text
from member_reach.services.calls.calls import (
    find_code,
    zone_of,
)
from member_reach.services.calls.outcome_writing import CallState, touches_only_its_task
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
from member_reach.services.exchange.worked_file import WorkedFile, WorkedRow
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
#: The key of an outcomes import's mapping that names the export its file came from.
EXPORT_KEY: Final = "export_id"


class Applied(NamedTuple):
    """An outcome an earlier import applied to a call: what it said, when and from which file."""

    code: str
    notes: str
    caller: str
    day: dt.date
    file: str


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
        batch.mapping = {EXPORT_KEY: export.id}  # which export's file (see _already_applied)
        self.now = now
        self.today = now.date()
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
        # What earlier imports applied: (call, code, notes, caller), of any export of the
        # campaign (read again as it was: unchanged); and by call, of this export.
        self.applied_keys: set[tuple[int, str, str, str]] = set()
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
        #: Refs on more than one row of the file: their row numbers (see note_refs).
        self.refs_twice: dict[str, list[int]] = {}
        # Each outcome text met: its code (and the code's text), or why it is none.
        self.codes: dict[str, tuple[OutcomeCode, str] | str] = {}
        self.plain_codes: dict[OutcomeCode, bool] = {}  # see plain()
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

    def _already_applied(self, campaign: Campaign) -> dict[int, Applied]:
        """Each call's outcome applied by an earlier import of this export (the latest one).

        A worked file goes back and forth; a call it reported once is not logged again. An
        outcomes import names its export in its mapping (imports made before that: those whose
        calls were logged since the export).
        """
        rows = self.session.execute(
            select(
                CallLog.task_id,
                OutcomeCode.code,
                CallLog.notes,
                CallLog.caller,
                CallLog.called_at,
                ImportBatch.file_name,
                ImportBatch.mapping,
            )
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .join(ImportBatch, ImportBatch.id == CallLog.import_batch_id)
            .where(
                OutcomeCode.campaign_id == campaign.id,
                ImportBatch.undone_at.is_(None),
                ImportBatch.kind == "outcomes",
            )
            .order_by(CallLog.id)
        )
        applied: dict[int, Applied] = {}
        for task_id, code, notes, caller, when, file, mapping in rows:
            said = Applied(code, notes or "", caller or "", when.date(), file)
            self.applied_keys.add((task_id, *said[:3]))
            export_id = (mapping or {}).get(EXPORT_KEY)
            if export_id == self.export.id or (
                export_id is None and when >= self.export.created_at
            ):
                applied[task_id] = said
        return applied

    def note_refs(self, rows: list[WorkedRow]) -> None:
        """Remember the Refs the file has on more than one row that says something."""
        numbers: dict[str, list[int]] = {}
        for row in rows:
            if row.ref and (row.outcome or row.notes):
                numbers.setdefault(row.ref, []).append(row.number)
        self.refs_twice = {ref: found for ref, found in numbers.items() if len(found) > 1}

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

    def plain(self, code: OutcomeCode) -> bool:
        """Whether a call with ``code`` touches only its own task (told once per code)."""
        found = self.plain_codes.get(code)
        if found is None:
            found = self.plain_codes[code] = touches_only_its_task(code)
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


__all__ = ["EXPORT_KEY", "Applied", "Importer"]
