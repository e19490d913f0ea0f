"""The lists behind a roster import's counts, for a director to check against the file.

* the duplicates merged: the file's rows found to be one person, and which expiry was kept;
* the renewals detected: who, the expiry on file and the roster's later one;
* the members on file the roster does not list (kept, never deleted: a roster may be a partial
  export, so nothing here says they lapsed);
* the calls a renewal closed (a dry run: would close), with their campaign, Ref and state before.

Every list is complete and its items compact (row numbers, ids, a name, dates): a 20,000-row
roster makes lists of a few megabytes at most. They hold personal data: they are shown and saved
for the director, never logged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Final

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from member_reach.domain.roster_merge import PersonRows
from member_reach.services.calls.closing import RENEWAL_KINDS, RENEWED, calls_still_to_make
from member_reach.services.imports.pipeline_types import Matched, Plan
from member_reach.services.imports.roster_changes import ROSTER_SOURCE, PersonChange
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    CallTask,
    Campaign,
    ExternalId,
    ImportChange,
    Membership,
    Person,
)

#: How many absent members the first lines of a report name (all are listed).
ABSENT_SHOWN: Final = 20

#: Why a merge kept the expiry it kept (:attr:`MergedRows.why`).
KEPT_LATER: Final = "the later expiry"
KEPT_SAME: Final = "the same expiry on every row"
KEPT_ONLY: Final = "the only expiry given"
KEPT_NONE: Final = "no row gives an expiry"
KEPT_UNCHANGED: Final = "rows unchanged since the last import: the expiry on file"


@dataclass(frozen=True, slots=True)
class MergedRows:
    """Rows of the file merged into one person.

    Attributes:
        rows: the file's row numbers, in file order.
        name: the person's name as the file gives it.
        external_id: their member id in the file, or "".
        matched_on: how the rows were found to be one person ("member id", "e-mail", ...).
        kept_row: the row whose values won (None: rows unchanged since the last import, not
            read again; they were merged then).
        kept_expiry: the expiry kept (None: no row gives one).
        other_expiries: each other row's expiry, as (row, expiry), in file order.
        why: why that expiry was kept (:data:`KEPT_LATER` ...).
        person_id: the person (None for a new person in a dry run).
    """

    rows: tuple[int, ...]
    name: str
    external_id: str
    matched_on: str
    kept_row: int | None
    kept_expiry: dt.date | None
    other_expiries: tuple[tuple[int, dt.date | None], ...]
    why: str
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class RenewalLine:
    """A renewal detected: the roster's expiry is later than the one on file."""

    row: int
    person_id: int
    external_id: str
    name: str
    old_expiry: dt.date | None
    new_expiry: dt.date


@dataclass(frozen=True, slots=True)
class MissingMember:
    """A person with a membership on file whom the roster does not list (kept as they are)."""

    person_id: int
    external_id: str
    name: str
    expiry: dt.date | None


@dataclass(frozen=True, slots=True)
class ClosedCall:
    """A call still to make that a renewal finished as renewed (a dry run: would finish).

    Attributes:
        row: the roster row that showed the renewal.
        person_id, name: the member.
        campaign: the campaign's name.
        ref: the call's Ref (as in the partner's workbook).
        state: its state before: "open" or "reserved".
        reserved_by: the caller who held it, or "".
        assignee: the caller or partner it was assigned to, or "".
        with_partner: it was in a partner's export.
    """

    row: int
    person_id: int
    name: str
    campaign: str
    ref: str
    state: str
    reserved_by: str = ""
    assignee: str = ""
    with_partner: bool = False

    def state_before(self) -> str:
        """The call's state before, in words: "reserved by Jo", "open, assigned to CallCo"."""
        text = f"reserved by {self.reserved_by}" if self.reserved_by else self.state
        if self.assignee:
            text += f", assigned to {self.assignee}"
        if self.with_partner:
            text += ", in a partner's export"
        return text


@dataclass(frozen=True)
class Absent:
    """The members on file a roster does not list, by expiry (none last)."""

    members: list[MissingMember] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many."""
        return len(self.members)

    @property
    def shown(self) -> list[tuple[int, str, dt.date | None]]:
        """The first :data:`ABSENT_SHOWN`, as (person id, name, expiry)."""
        return [(m.person_id, m.name, m.expiry) for m in self.members[:ABSENT_SHOWN]]


# merged duplicates -----------------------------------------------------------------------------


def file_groups(matched: Matched) -> list[PersonRows]:
    """The file's people as imported (two groups found to be one person on file are one)."""
    return sorted(chain(matched.on_file.values(), matched.new), key=lambda g: g.rows[0])


def _kept_why(ends: Sequence[dt.date | None]) -> str:
    given = {end for end in ends if end is not None}
    if len(given) > 1:
        return KEPT_LATER
    if not given:
        return KEPT_NONE
    return KEPT_SAME if len(given) == len(set(ends)) else KEPT_ONLY


def merged_rows(plan: Plan) -> list[MergedRows]:
    """The file's rows merged into one person, in file order (ids once written)."""
    person_of = {c.rows: c.person_id for c in plan.changes}
    found = []
    for group in file_groups(plan.matched):
        if len(group.records) < 2:
            continue
        merged = group.merged
        ends = [r.term_end for r in group.records]
        found.append(
            MergedRows(
                rows=group.rows,
                name=merged.display_name,
                external_id=merged.external_id,
                matched_on=group.matched_on,
                kept_row=merged.row,
                kept_expiry=merged.term_end,
                other_expiries=tuple(
                    (r.row, r.term_end) for r in group.records if r.row != merged.row
                ),
                why=_kept_why(ends),
                person_id=person_of.get(group.rows),
            )
        )
    return found


def unchanged_duplicates(session: Session, matched: Matched) -> list[MergedRows]:
    """People on several rows of the file, every one unchanged since the last import.

    Such rows are counted, not read again (see :attr:`CleanFile.skipped`): the person was merged
    when they were first imported, and keeps the expiry on file. A person with some rows read
    is listed by :func:`merged_rows` (with the rows read) when those are several.
    """
    rows_of: dict[int, list[int]] = defaultdict(list)
    for row, person_id, _ in matched.clean.skipped:
        rows_of[person_id].append(row)
    several = sorted(p for p, rows in rows_of.items() if len(rows) > 1 and p not in matched.on_file)
    connection = session.connection()
    found = []
    for chunk in chunks(several):
        ids = _roster_ids(connection, chunk)
        statement = (
            select(Person.id, Person.display_name, Membership.term_end)
            .outerjoin(Membership, Membership.person_id == Person.id)
            .where(Person.id.in_(chunk))
        )
        for pid, name, end in connection.execute(statement):
            rows = tuple(sorted(rows_of[pid]))
            found.append(
                MergedRows(rows, name, ids.get(pid, ""), "", None, end, (), KEPT_UNCHANGED, pid)
            )
    return found


def _roster_ids(connection: Connection, people: Sequence[int]) -> dict[int, str]:
    """Each person's member id from the roster (the first one recorded), if any."""
    statement = (
        select(ExternalId.person_id, ExternalId.value)
        .where(ExternalId.person_id.in_(people), ExternalId.source == ROSTER_SOURCE)
        .order_by(ExternalId.id.desc())  # the first one recorded wins
    )
    return {pid: value for pid, value in connection.execute(statement)}


# renewals --------------------------------------------------------------------------------------


def renewal_lines(changes: Iterable[PersonChange]) -> list[RenewalLine]:
    """The renewals detected, in file order."""
    return [
        RenewalLine(
            c.record.row,  # the row whose expiry won, when the person is on several
            c.person_id,
            c.record.external_id,
            c.record.display_name,
            c.renewal[0],
            c.renewal[1],
        )
        for c in changes
        if c.renewal is not None and c.person_id is not None
    ]


# members not in the roster ---------------------------------------------------------------------


def absent_members(session: Session, matched: Matched) -> Absent:
    """The members on file the roster does not list (reported, never deleted), by expiry.

    Only asked when the roster lists members (an attendee list exported as a roster does not).
    """
    clean = matched.clean
    groups = chain(matched.on_file.values(), matched.new)
    if not clean.skipped and not any(g.merged.is_member for g in groups):
        return Absent()
    seen = set(matched.on_file) | clean.skipped_people
    connection = session.connection()
    # The people first (no date to convert): a roster lists most members on file.
    # (Fetched all at once: a row at a time costs a driver call per member.)
    unseen = set(connection.execute(select(Membership.person_id)).scalars().all()) - seen
    ends: dict[int, dt.date | None] = {}
    for chunk in chunks(sorted(unseen)):
        terms = (
            select(Membership.person_id, Membership.term_end)
            .where(Membership.person_id.in_(chunk))
            .order_by(Membership.id)  # a person's latest membership last: it wins
        )
        ends.update((pid, end) for pid, end in connection.execute(terms))
    names: dict[int, str] = {}
    ids: dict[int, str] = {}
    for chunk in chunks(sorted(ends)):
        statement = select(Person.id, Person.display_name).where(Person.id.in_(chunk))
        names.update((pid, name) for pid, name in connection.execute(statement))
        ids.update(_roster_ids(connection, chunk))
    members = [
        MissingMember(pid, ids.get(pid, ""), names.get(pid, ""), end) for pid, end in ends.items()
    ]
    members.sort(key=lambda m: (m.expiry or dt.date.max, m.person_id))
    return Absent(members)


# calls a renewal closed ------------------------------------------------------------------------


def _call_columns() -> tuple[Any, ...]:
    return (
        CallTask.id,
        CallTask.person_id,
        Person.display_name,
        Campaign.name,
        CallTask.ref,
        CallTask.with_export_id,
    )


def _joined(statement: Any) -> Any:
    return statement.join(Campaign, Campaign.id == CallTask.campaign_id).join(
        Person, Person.id == CallTask.person_id
    )


def calls_renewals_would_close(session: Session, plan: Plan) -> list[ClosedCall]:
    """The calls importing ``plan`` would finish as renewed (for a dry run), in file order.

    The same calls the import finishes (:func:`calls_still_to_make` on renewal campaigns);
    a member the roster also flags do-not-call has their calls closed for that instead.
    """
    row_of = {
        c.person_id: c.record.row
        for c in plan.changes
        if c.renewal is not None
        and c.person_id is not None
        and not c.person.get("do_not_call", (False, False))[1]
    }
    tasks = {r.id: r for r in calls_still_to_make(session, list(row_of), RENEWAL_KINDS)}
    found = []
    for chunk in chunks(sorted(tasks)):
        statement = _joined(select(*_call_columns())).where(CallTask.id.in_(chunk))
        for task_id, person_id, name, campaign, ref, export_id in session.execute(statement):
            task = tasks[task_id]
            found.append(
                ClosedCall(
                    row_of[person_id],
                    person_id,
                    name,
                    campaign,
                    ref,
                    task.state,
                    task.reserved_by,
                    task.assignee,
                    export_id is not None,
                )
            )
    found.sort(key=lambda c: (c.row, c.campaign, c.ref))
    return found


def calls_renewals_closed(session: Session, plan: Plan, batch_id: int) -> list[ClosedCall]:
    """The calls import ``batch_id`` of ``plan`` finished as renewed, as they were before.

    Read from the import's own undo records (the state before) and the calls (now renewed);
    each with the row that showed the renewal, in file order.
    """
    row_of = {c.person_id: c.record.row for c in plan.changes if c.renewal is not None}
    statement = _joined(
        select(ImportChange.row_number, ImportChange.before, *_call_columns()).join(
            CallTask, CallTask.id == ImportChange.record_id
        )
    ).where(
        ImportChange.batch_id == batch_id,
        ImportChange.table_name == "call_task",
        CallTask.state == RENEWED,
    )
    found = [
        ClosedCall(
            row_of.get(person_id, row or 0),
            person_id,
            name,
            campaign,
            ref,
            before["state"],
            before.get("reserved_by") or "",
            before.get("assignee") or "",
            export_id is not None,
        )
        for row, before, _, person_id, name, campaign, ref, export_id in session.execute(statement)
    ]
    found.sort(key=lambda c: (c.row, c.campaign, c.ref))
    return found
