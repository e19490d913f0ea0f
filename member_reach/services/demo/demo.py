"""A deterministic, realistic demo association, dated relative to a given day (``--demo``).

About 2,000 people: members of four membership types whose renewals fall in every month, some
lapsed, in grace or new; organisation members; prospects and event-only contacts; three editions
of the annual conference. Statuses are never stored: they follow from the dates, as for a real
roster. The same seed and day always give the same rows. The people are planned by
:mod:`.demo_members`, the conferences and who came by :mod:`.demo_events`; written here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.services.common.settings import set_setting
from member_reach.services.demo import demo_data as data
from member_reach.services.demo.demo_campaign import start_demo_campaign
from member_reach.services.demo.demo_control import start_measured_campaign
from member_reach.services.demo.demo_events import plan_events, plan_visits
from member_reach.services.demo.demo_members import TYPES, Planned, Row, plan_people
from member_reach.services.demo.demo_summit import start_summit_campaign
from member_reach.store.bulk import bulk_insert, reserve_ids
from member_reach.store.database import Database, open_database, remove_sqlite_files
from member_reach.store.errors import StoreError
from member_reach.store.models import (
    Attendance,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

_CHUNK = 500


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo association holds."""

    people: int
    members: int
    contacts: int
    events: int
    attendances: int
    membership_types: int


class _Writer:
    """Bulk inserts in chunks, reporting progress after each.

    Through :func:`bulk_insert`, one executemany per chunk: the ORM's bulk insert spent a
    third of the demo's time building its rows' parameters.
    """

    def __init__(self, session: Session, total: int, progress: Progress | None) -> None:
        self.session, self.total, self.progress, self.done = session, total, progress, 0

    def insert(self, model: type[Any], rows: list[Row], numbered: bool = False) -> list[int]:
        """Insert ``rows`` into ``model``'s table; with ``numbered``, return their new ids."""
        connection = self.session.connection()
        table = model.__table__
        ids = reserve_ids(connection, table, len(rows)) if numbered else []
        for first in range(0, len(rows), _CHUNK):
            chunk = rows[first : first + _CHUNK]
            if numbered:
                chunk = [{**row, "id": i} for row, i in zip(chunk, ids[first:], strict=False)]
            bulk_insert(connection, table, chunk)
            self.done += len(chunk)
            if self.progress is not None:
                self.progress(self.done, self.total)
        return ids


def _is_empty(session: Session) -> bool:
    models = (Person, MembershipType, Event)
    return not any(session.scalar(select(func.count()).select_from(m)) for m in models)


def generate_demo(
    session: Session,
    today: dt.date,
    *,
    seed: int = 2026,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database (through ``session``) with the demo association.

    Args:
        session: the unit of work to add to; the caller commits.
        today: the day the demo is dated from: renewals, lapses and events fall around it.
        seed: the same seed and ``today`` always give the same rows.
        progress: called as ``progress(done, total)`` with the rows written so far; an
            exception raised from it stops the generation (the caller then rolls back).

    Returns:
        How many rows of each kind were written.

    Raises:
        ValueError: the database already holds people, membership types or events.
    """
    if not _is_empty(session):
        raise ValueError("The demo association needs an empty database; this one is in use.")
    rng = random.Random(seed)
    planned = plan_people(rng, today, data.Contacts(rng))
    events = plan_events(today)
    plan_visits(rng, planned, events, today)
    members = sum(p.membership is not None for p in planned)
    visits = sum(len(p.visits) for p in planned)
    details = sum(len(p.emails) + len(p.phones) + len(p.visits) + 2 for p in planned)
    writer = _Writer(session, len(TYPES) + len(events) + members + details, progress)
    if progress is not None:
        progress(0, writer.total)
    type_ids = writer.insert(MembershipType, list(TYPES), numbered=True)
    event_ids = writer.insert(Event, events, numbered=True)
    person_ids = writer.insert(Person, [p.person for p in planned], numbered=True)
    type_id = {t["name"]: i for t, i in zip(TYPES, type_ids, strict=True)}
    _write_details(writer, list(zip(person_ids, planned, strict=True)), type_id, event_ids)
    set_setting(session, "association_name", data.ASSOCIATION_NAME)
    # Its two staff callers make five calls a day each (demo_campaign): about two hours a week
    # at twelve calls an hour, so the plan shows the peaks a call partner takes.
    set_setting(session, "caller_hours_per_week", 2)
    session.flush()
    return DemoSummary(
        people=len(planned),
        members=members,
        contacts=len(planned) - members,
        events=len(events),
        attendances=visits,
        membership_types=len(TYPES),
    )


def _write_details(
    writer: _Writer,
    people: list[tuple[int, Planned]],
    type_id: dict[str, int],
    event_ids: list[int],
) -> None:
    """External ids, memberships, e-mail addresses, phone numbers and event visits."""
    ids = [dict(person_id=pid, source=data.SOURCE, value=p.external_id) for pid, p in people]
    writer.insert(ExternalId, ids)
    members = [(pid, p, p.membership) for pid, p in people if p.membership is not None]
    writer.insert(
        Membership,
        [{**m, "person_id": pid, "type_id": type_id[p.type_name]} for pid, p, m in members],
    )
    writer.insert(EmailAddress, [{**r, "person_id": pid} for pid, p in people for r in p.emails])
    writer.insert(PhoneNumber, [{**r, "person_id": pid} for pid, p in people for r in p.phones])
    visits = [{**v, "person_id": pid} for pid, p in people for v in p.visits]
    writer.insert(Attendance, [{**v, "event_id": event_ids[v["event_id"]]} for v in visits])


def create_demo_database(
    path: Path, today: dt.date, *, progress: Progress | None = None, mid_month: bool = False
) -> Database:
    """Create a new SQLite file holding the demo association, and return it open.

    Args:
        path: the file to create; it must not exist yet.
        today: the day the demo is dated from.
        progress: called as ``progress(done, total)`` while the rows are written; raising from
            it cancels, and the file is removed.
        mid_month: also a renewal campaign two weeks in, its calls logged and part of them
            worked by a call partner, and an event campaign for a summit a few weeks away;
            before them, a past campaign that kept a control group uncalled (what ``--demo``
            opens on: see :mod:`.demo_campaign`, :mod:`.demo_partner`, :mod:`.demo_summit` and
            :mod:`.demo_control`).

    Returns:
        The open, migrated database; the caller closes it.

    Raises:
        StoreError: ``path`` exists already (it is left untouched), or cannot be created.
    """
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise StoreError(f"{path} already exists; the demo association goes into a new file.")
    database = open_database(path)
    try:
        with database.session() as session:
            generate_demo(session, today, progress=progress)
            if mid_month:
                start_demo_campaign(session, today)
                start_summit_campaign(session, today)
                start_measured_campaign(session, today)  # numbered after them: campaign 3
    except BaseException:
        database.close()
        remove_sqlite_files(path)
        raise
    return database
