"""Writing an import's changes in bulk, with the record that lets the batch be undone.

Each changed person gets one :class:`ImportChange`: an insert (undone by deleting the person), or
an update whose ``before`` and ``after`` hold the changed person and membership columns and the
e-mail addresses, phones and member ids added (undone by restoring and removing exactly those).
Writes go through SQLAlchemy Core in executemany batches: an import of 100,000 people must not
pay for 100,000 ORM objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.domain.roster_rows import PhoneValue
from member_reach.services.calls.closing import (
    RENEWAL_KINDS,
    RENEWED,
    calls_still_to_make,
    finish_calls,
)
from member_reach.services.imports.people_index import PERSON_FIELDS
from member_reach.services.imports.roster_changes import ROSTER_SOURCE, PersonChange, person_values
from member_reach.store.bulk import bulk_insert, chunks, reserve_ids
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    ExternalId,
    ImportChange,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)
from member_reach.store.models.base import utcnow
from member_reach.store.models.people import email_key

_BATCH: Final = 2_000
#: The tables :class:`RosterWriter` fills in bulk (their indexes are built after a first import).
BULK_TABLES: Final = tuple(
    model.__tablename__
    for model in (Person, Membership, EmailAddress, PhoneNumber, ExternalId, ImportChange)
)
_DATE_FIELDS: Final = frozenset({"join_date", "term_start", "term_end", "registered_on"})


def to_json(value: Any) -> Any:
    """A column value as JSON (dates as ISO text, amounts as text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def from_json(name: str, value: Any) -> Any:
    """A column value back from :func:`to_json`."""
    if value is None:
        return None
    if name in _DATE_FIELDS:
        return dt.date.fromisoformat(value)
    if name == "dues":
        return Decimal(value)
    return value


def _diff_json(diff: dict[str, tuple[Any, Any]], side: int) -> dict[str, Any]:
    return {name: to_json(pair[side]) for name, pair in diff.items()}


class RosterWriter:
    """Writes one batch's changes; call :meth:`write` once."""

    def __init__(
        self,
        session: Session,
        batch_id: int,
        today: dt.date,
        progress: Progress | None,
        source: str = ROSTER_SOURCE,
    ) -> None:
        self.source = source
        self.session = session
        self.batch_id = batch_id
        self.today = today
        self.progress = progress
        self.now = utcnow()
        self.type_ids: dict[int, int] = {}

    def create_types(self, new_types: dict[int, tuple[str, str, int | None]]) -> None:
        """Create membership types named in the file: placeholder → (name, kind, months)."""
        for placeholder, (name, kind, months) in sorted(new_types.items(), reverse=True):
            created = MembershipType(name=name, period_kind=kind, term_months=months)
            self.session.add(created)
            self.session.flush()
            self.type_ids[placeholder] = created.id
            self.session.add(
                ImportChange(
                    batch_id=self.batch_id,
                    row_number=None,
                    table_name="membership_type",
                    record_id=created.id,
                    action="insert",
                    before=None,
                    after={"name": name},
                )
            )

    def _type(self, type_id: int | None) -> int | None:
        if type_id is not None and type_id < 0:
            return self.type_ids[type_id]
        return type_id

    def write(self, changes: Sequence[PersonChange]) -> None:
        """Write every insert and update, with its undo record."""
        inserts = [c for c in changes if c.action == "insert"]
        updates = [c for c in changes if c.action == "update"]
        total = len(inserts) + len(updates)
        done = 0
        for chunk in chunks(inserts, _BATCH):
            self._insert_people(chunk)
            done += len(chunk)
            self._report(done, total)
        for chunk in chunks(updates, _BATCH):
            self._update_people(chunk)
            done += len(chunk)
            self._report(done, total)
        self._renewals(c for c in changes if c.renewal is not None)
        self._finish_renewed([c for c in changes if c.renewal is not None])

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _insert_people(self, chunk: Sequence[PersonChange]) -> None:
        stamp = {"created_at": self.now, "updated_at": self.now}
        ids = reserve_ids(self.session.connection(), Person.__table__, len(chunk))
        for change, person_id in zip(chunk, ids, strict=True):
            change.person_id = person_id
        rows = [{"id": c.person_id, **person_values(c.record)} for c in chunk]
        self._insert(Person, rows, stamp)  # the stamps converted once, not once a row
        self._contacts(chunk)
        memberships = [
            {"person_id": c.person_id, **self._membership_row(c.new_membership)}
            for c in chunk
            if c.adds_membership
        ]
        self._insert(Membership, memberships, stamp)
        self._insert(
            ImportChange,
            [
                {
                    "batch_id": self.batch_id,
                    "row_number": c.rows[0],
                    "table_name": "person",
                    "record_id": c.person_id,
                    "action": "insert",
                    "before": None,
                    "after": None,
                }
                for c in chunk
            ],
        )

    def _membership_row(self, values: dict[str, Any] | None) -> dict[str, Any]:
        assert values is not None
        return {**values, "type_id": self._type(values["type_id"])}

    def _insert(
        self, model: type[Any], rows: list[dict[str, Any]], same: dict[str, Any] | None = None
    ) -> None:
        bulk_insert(self.session.connection(), model.__table__, rows, same)

    def _update_by_id(self, model: type[Any], rows: list[dict[str, Any]]) -> None:
        """One executemany per set of changed columns."""
        table = model.__table__
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows:
            values = {k: v for k, v in row.items() if k != "id"}
            groups.setdefault(tuple(sorted(values)), []).append({"row_id": row["id"], **values})
        for names, params in groups.items():
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({name: bindparam(name) for name in names})
            )
            self.session.connection().execute(statement, params)

    def _contacts(self, chunk: Sequence[PersonChange]) -> None:
        emails: list[dict[str, Any]] = []
        phones: list[dict[str, Any]] = []
        ids: list[dict[str, Any]] = []
        for change in chunk:
            for position, address in enumerate(change.emails):
                primary = change.first_email_primary and not position
                emails.append(_email_row(change.person_id, address, primary))
            for position, phone in enumerate(change.phones):
                primary = change.first_phone_primary and not position
                phones.append(_phone_row(change.person_id, phone, primary))
            if change.external_id:
                ids.append(
                    {
                        "person_id": change.person_id,
                        "source": self.source,
                        "value": change.external_id,
                    }
                )
        self._insert(EmailAddress, emails)
        self._insert(PhoneNumber, phones)
        self._insert(ExternalId, ids)

    def _update_people(self, chunk: Sequence[PersonChange]) -> None:
        people = [
            {"id": c.person_id, **{k: v for k, (_, v) in c.person.items()}, "updated_at": self.now}
            for c in chunk
            if c.person
        ]
        if people:
            self._update_by_id(Person, people)
        memberships = [
            {
                "id": c.membership_id,
                **{k: self._type(v) if k == "type_id" else v for k, (_, v) in c.membership.items()},
                "updated_at": self.now,
            }
            for c in chunk
            if c.membership
        ]
        if memberships:
            self._update_by_id(Membership, memberships)
        self._insert(
            Membership,
            [
                {"person_id": c.person_id, **self._membership_row(c.new_membership)}
                for c in chunk
                if c.new_membership is not None
            ],
        )
        self._contacts(chunk)
        self._insert(ImportChange, [self._update_record(c) for c in chunk])
        self._close_calls([c for c in chunk if c.person.get("do_not_call", (False, False))[1]])

    def _close_calls(self, flagged: Sequence[PersonChange]) -> None:
        """Close the calls still to make to people the file now says not to call.

        As ticking do-not-call on a member's card does; each closed call gets an undo record,
        so undoing the import opens (or reserves) it again as it was.
        """
        row_of = {c.person_id: c.rows[0] for c in flagged}
        rows = calls_still_to_make(self.session, [p for p in row_of if p is not None])
        if rows:
            self._finish(rows, row_of, "closed", "do not call")

    def _finish_renewed(self, renewed: Sequence[PersonChange]) -> None:
        """Finish the renewed members' calls still to make on renewal campaigns, as renewed.

        They leave the console, the campaign's calls to make and the next partner export; the
        renewal the import detected counts them toward the goal once. Undoing the import opens
        (or reserves) them again as they were.
        """
        row_of = {c.person_id: c.rows[0] for c in renewed}
        people = [p for p in row_of if p is not None]
        rows = calls_still_to_make(self.session, people, RENEWAL_KINDS)
        if rows:
            self._finish(rows, row_of, RENEWED, f"renewed (roster of {self.today.isoformat()})")

    def _finish(
        self, rows: Sequence[Any], row_of: dict[int | None, int], state: str, why: str
    ) -> None:
        # Undo is refused once a call is logged after the import: the last log is kept.
        last_log = finish_calls(self.session, [r.id for r in rows], state, self.now)
        self._insert(
            ImportChange,
            [
                {
                    "batch_id": self.batch_id,
                    "row_number": row_of[r.person_id],
                    "table_name": "call_task",
                    "record_id": r.id,
                    "action": "update",
                    "before": {
                        "state": r.state,
                        "attempts": r.attempts,
                        "assignee": r.assignee,
                        "reserved_by": r.reserved_by,
                        "next_callback": to_json(r.next_callback),
                        "reserved_until": to_json(r.reserved_until),
                    },
                    "after": {
                        "call_log": None,
                        "handoff": None,
                        "closed": why,
                        "last_log": last_log.get(r.id, 0),
                    },
                }
                for r in rows
            ],
        )

    def _update_record(self, change: PersonChange) -> dict[str, Any]:
        before = {
            "person": _diff_json(change.person, 0),
            "membership": _diff_json(change.membership, 0),
        }
        after = {
            "person": _diff_json(change.person, 1),
            "membership": _diff_json(change.membership, 1),
            "membership_added": change.new_membership is not None,
            "emails": [e.lower() for e in change.emails],
            "phones": [[p.e164, p.original] for p in change.phones],
            "external_id": change.external_id,
        }
        return {
            "batch_id": self.batch_id,
            "row_number": change.rows[0],
            "table_name": "person",
            "record_id": change.person_id,
            "action": "update",
            "before": before,
            "after": after,
        }

    def _renewals(self, changes: Iterable[PersonChange]) -> None:
        renewed = [c for c in changes if c.renewal is not None and c.person_id is not None]
        attributed = renewal_campaigns(self.session, [c.person_id or 0 for c in renewed])
        rows = []
        for change in renewed:
            assert change.renewal is not None and change.person_id is not None
            old, new = change.renewal
            campaign_id, last_contact = attributed.get(change.person_id, (None, None))
            rows.append(
                {
                    "person_id": change.person_id,
                    "import_batch_id": self.batch_id,
                    "old_term_end": old,
                    "new_term_end": new,
                    "detected_on": self.today,
                    "campaign_id": campaign_id,
                    "last_contact_at": last_contact,
                    # The dues the roster states for the renewed term; None without a dues
                    # column (or an empty cell): never guessed from the membership type.
                    "dues": change.record.dues,
                }
            )
        self._insert(DetectedRenewal, rows)


def renewal_campaigns(
    session: Session, person_ids: Sequence[int]
) -> dict[int, tuple[int, dt.datetime | None]]:
    """Per person, the latest renewal campaign that had them on its list, and the last call.

    A renewal detected by an import counts for that campaign (attributed to its calls when one
    was made: ``last_contact_at`` is set).
    """
    found: dict[int, tuple[int, dt.datetime | None]] = {}
    for chunk in chunks(person_ids, _BATCH):
        rows = session.connection().execute(
            select(CallTask.person_id, CallTask.campaign_id, func.max(CallLog.called_at))
            .join(Campaign, Campaign.id == CallTask.campaign_id)
            .outerjoin(CallLog, CallLog.task_id == CallTask.id)
            .where(CallTask.person_id.in_(chunk), Campaign.kind.in_(("renewal", "lapsed")))
            .group_by(CallTask.person_id, CallTask.campaign_id)
            .order_by(CallTask.person_id, CallTask.campaign_id)
        )
        for person_id, campaign_id, last_call in rows:
            found[person_id] = (campaign_id, last_call)  # the latest campaign wins
    return found


def _email_row(person_id: int | None, address: str, primary: bool) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "address": address,
        "address_key": email_key(address),
        "kind": "",
        "is_primary": primary,
    }


def _phone_row(person_id: int | None, phone: PhoneValue, primary: bool) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "original": phone.original[:64],
        "e164": phone.e164,
        "kind": phone.kind,
        "is_primary": primary,
        "problem": phone.problem,
    }


__all__ = ["BULK_TABLES", "PERSON_FIELDS", "RosterWriter", "from_json", "to_json"]
