"""A deterministic, realistic demo association, dated relative to a given day (``--demo``).

About 2,000 people: members of four membership types whose renewals fall in every month, some
lapsed, in grace or new; organisation members; prospects and event-only contacts; three editions
of the annual conference. Statuses are never stored: they follow from the dates, as for a real
roster. The same seed and day always give the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.domain.status import PeriodKind, Status, StatusRules, derive_status
from member_reach.domain.status import status_cutoffs as _cutoffs
from member_reach.services.common.settings import set_setting
from member_reach.services.demo import demo_data as data
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

Row = dict[str, Any]

MEMBERS = 1560
ORGANISATIONS = 120
CONTACTS = 320  # event-only contacts, prospects and exhibiting companies: never members
_CHUNK = 500
_ROLLOVER = (10, 1)  # Corporate: joining from 1 October buys the rest of the year and the next
_LABELS = {"new": "Active", "current": "Active", "grace": "Grace Period", "lapsed": "Lapsed"}
_FIXED = ("renewal_month", "renewal_day", "rollover_month", "rollover_day", "grace_days")


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo association holds."""

    people: int
    members: int
    contacts: int
    events: int
    attendances: int
    membership_types: int


@dataclass
class _Planned:
    """One person before insertion, with the rows that hang off them."""

    person: Row
    emails: list[Row]
    phones: list[Row]
    membership: Row | None = None
    type_name: str = ""
    regular: bool = False  # goes to the conference most years
    editions: tuple[int, ...] = ()  # past editions an event-only contact came to
    external_id: str = ""
    visits: list[Row] = field(default_factory=list)  # event_id: 0, 1 past editions, 2 coming


def _type(name: str, kind: PeriodKind, dues: str, months: int | None = 12, **fixed: int) -> Row:
    return {
        **dict.fromkeys(_FIXED),
        **fixed,
        "name": name,
        "period_kind": kind.value,
        "term_months": months,
        "default_dues": Decimal(dues),
    }


_TYPES = (
    _type("Individual", PeriodKind.ROLLING, "195.00"),
    _type("Student", PeriodKind.ROLLING, "45.00"),
    _type(
        "Corporate",
        PeriodKind.FIXED,
        "1500.00",
        renewal_month=1,
        renewal_day=1,
        rollover_month=_ROLLOVER[0],
        rollover_day=_ROLLOVER[1],
    ),
    _type("Lifetime", PeriodKind.LIFETIME, "2500.00", months=None),
)
_KINDS = {t["name"]: t["period_kind"] for t in _TYPES}


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _draw_status(rng: random.Random) -> Status:
    """The status a member is meant to have: about 15 % lapsed, 3.5 % in grace, 4.5 % new."""
    roll = rng.random()
    if roll < 0.15:
        return Status.LAPSED
    if roll < 0.185:
        return Status.GRACE
    return Status.NEW if roll < 0.23 else Status.CURRENT


def _rolling_terms(
    rng: random.Random, today: dt.date, status: Status, most_years: int
) -> tuple[dt.date, dt.date, dt.date]:
    """Join date, term start and end (an anniversary of joining) of a rolling membership."""
    if status == Status.NEW:
        join = today - _days(rng.randint(0, 85))
        return join, join, join + relativedelta(years=1)
    if status == Status.GRACE:
        end = today - _days(rng.randint(1, 29))
    elif status == Status.LAPSED:
        end = today - _days(31 + min(int(rng.expovariate(1 / 300)), 1400))
    else:
        end = today + _days(rng.randint(0, 364))
    if (end.month, end.day) == (2, 29):
        end -= _days(1)  # nobody's anniversary of joining falls only in leap years
    most = min(most_years, relativedelta(end, today - relativedelta(years=15)).years)
    years = max(1, min(most, 1 + int(rng.expovariate(1 / 4))))  # many short, a long tail
    if end - relativedelta(years=years) > today - _days(100):
        years += 1  # a current member who joined a year ago at most is not new
    return end - relativedelta(years=years), end - relativedelta(years=1), end


def _first_fixed_end(join: dt.date) -> dt.date:
    late = (join.month, join.day) >= _ROLLOVER
    return dt.date(join.year + late, 12, 31)


def _fixed_terms(
    rng: random.Random, today: dt.date, status: Status
) -> tuple[dt.date, dt.date, dt.date]:
    """Join date, term start and end (31 December) of a calendar-year Corporate membership."""
    if status == Status.NEW:
        join = today - _days(rng.randint(0, 85))
        return join, join, _first_fixed_end(join)
    last_end = dt.date(today.year - 1, 12, 31)
    in_grace = (today - last_end).days <= 30
    if status == Status.GRACE and in_grace:
        end = last_end  # only in January can a calendar-year member be in grace
    elif status == Status.LAPSED:
        newest = today.year - (2 if in_grace else 1)
        end = dt.date(newest - min(int(rng.expovariate(1 / 1.5)), 5), 12, 31)
    else:
        renewed_early = (today.month, today.day) >= _ROLLOVER and rng.random() < 0.3
        end = dt.date(today.year + renewed_early, 12, 31)
    latest = min(dt.date(end.year, 9, 30), today - _days(100))
    earliest = today - relativedelta(years=15)
    join = latest - _days(int((latest - earliest).days * rng.random() ** 1.6))
    start = join if _first_fixed_end(join) == end else dt.date(end.year, 1, 1)
    return join, start, end


def _membership(rng: random.Random, today: dt.date, type_name: str, dues: Decimal) -> Row:
    status = _draw_status(rng)
    start: dt.date | None
    end: dt.date | None
    if type_name == "Lifetime":
        join, start, end = today - _days(rng.randint(3 * 365, 15 * 365 - 5)), None, None
    elif type_name == "Corporate":
        join, start, end = _fixed_terms(rng, today, status)
    else:
        join, start, end = _rolling_terms(rng, today, status, 4 if type_name == "Student" else 15)
    # The roster's own label, as the AMS computed it on the day of the export.
    derived = derive_status(_KINDS[type_name], join, end, _cutoffs(today, StatusRules()))
    label = _LABELS.get(derived.value, derived.value.title())
    return dict(
        join_date=join,
        term_start=start,
        term_end=end,
        dues=dues,
        roster_status=label,
        source=data.SOURCE,
    )


def _individual_type(rng: random.Random) -> tuple[str, Decimal]:
    roll = rng.random()
    if roll < 0.04:
        return "Lifetime", Decimal("2500.00")
    if roll < 0.13:
        return "Student", Decimal("45.00")
    return "Individual", Decimal("175.00" if roll > 0.92 else "195.00")  # some on an old rate


def _plan_people(rng: random.Random, today: dt.date, contacts: data.Contacts) -> list[_Planned]:
    """Members first (individuals, then organisations), then contacts who never joined."""
    planned: list[_Planned] = []
    for _ in range(MEMBERS):
        person, emails, phones = contacts.individual()
        type_name, dues = _individual_type(rng)
        membership = _membership(rng, today, type_name, dues)
        planned.append(_Planned(person, emails, phones, membership, type_name, rng.random() < 0.25))
    for _ in range(ORGANISATIONS):
        person, emails, phones = contacts.organisation(with_contact=rng.random() < 0.6)
        dues = Decimal(rng.choices(("750.00", "1500.00", "3000.00"), (50, 35, 15))[0])
        membership = _membership(rng, today, "Corporate", dues)
        planned.append(_Planned(person, emails, phones, membership, "Corporate", True))
    for number in range(CONTACTS):
        if number % 6 == 5:  # companies that exhibit but never joined
            person, emails, phones = contacts.organisation(with_contact=True)
            planned.append(_Planned(person, emails, phones, regular=True))
            continue
        prospect = number % 3 == 1  # never came to an event either
        person, emails, phones = contacts.individual(prospect=prospect)
        editions = () if prospect else rng.choice(((0,), (1,), (1,), (0, 1)))
        planned.append(_Planned(person, emails, phones, editions=editions))
    _number(rng, planned)
    return planned


def _number(rng: random.Random, planned: list[_Planned]) -> None:
    """AMS numbers: members in order of joining (with gaps, as records get deleted), then others."""
    members = [p for p in planned if p.membership is not None]
    members.sort(key=lambda p: p.membership["join_date"] if p.membership else dt.date.min)
    value = 100
    for p in members:
        value += rng.choice((1, 1, 1, 2, 3))
        p.external_id = f"M-{value:05d}"
    others = [p for p in planned if p.membership is None]
    for index, p in enumerate(others, start=1):
        p.external_id = f"C-{index:05d}"


def _conference_start(year: int) -> dt.date:
    """The annual conference opens on the second Tuesday of May."""
    day = dt.date(year, 5, 8)
    return day + _days((1 - day.weekday()) % 7)


def _plan_events(today: dt.date) -> list[Row]:
    """Two past editions and the coming one (it starts after ``today``)."""
    coming = today.year if today < _conference_start(today.year) else today.year + 1
    events = []
    for year in (coming - 2, coming - 1, coming):
        start, series = _conference_start(year), data.EVENT_SERIES
        location = data.EVENT_LOCATIONS[year % len(data.EVENT_LOCATIONS)]
        events.append(
            dict(
                name=f"{series} {year}",
                series=series,
                starts_on=start,
                ends_on=start + _days(2),
                location=location,
            )
        )
    return events


def _visit(edition: int, role: str, registered: dt.date, came: bool) -> Row:
    return dict(
        event_id=edition,
        role=role,
        registered_on=registered,
        attended=came,
        source=data.EVENT_SOURCE,
    )


def _past_visits(rng: random.Random, p: _Planned, edition: int, start: dt.date) -> list[Row]:
    """How one person took part in a past edition, if they did."""
    registered = start - _days(int(rng.triangular(1, 150, 20)))
    if p.person["is_organisation"]:
        dues = p.membership["dues"] if p.membership else Decimal(0)
        visits: list[Row] = []
        if rng.random() < (0.3 if p.membership else 0.6):
            visits.append(_visit(edition, "exhibitor", registered, True))
        if rng.random() < (0.3 if dues >= 1500 else 0.03 if dues else 0.1):
            visits.append(_visit(edition, "sponsor", registered, True))
        return visits
    if p.membership is None:
        came = edition in p.editions
    else:
        came = rng.random() < (0.55 if p.regular else 0.05)
    if not came:
        return []
    if p.regular and rng.random() < 0.04:
        return [_visit(edition, "speaker", registered, True)]
    return [_visit(edition, "attendee", registered, rng.random() > 0.06)]  # a few no-shows


def _registration(
    rng: random.Random, p: _Planned, today: dt.date, opened: dt.date, start: dt.date
) -> list[Row]:
    """Whether one person registered yet for the coming edition: more do as it nears."""
    span = max((today - opened).days, 0)
    share = min(1.0, max(0.25, span / max((start - opened).days, 1)))
    if p.membership is None and not p.person["is_organisation"]:
        chance = 0.25 if p.editions else 0.02
    else:
        lapsed = p.membership is not None and p.membership["roster_status"] == "Lapsed"
        chance = (0.55 if p.regular else 0.04) * (0.3 if lapsed else 1.0)
    if rng.random() >= chance * share:
        return []
    role = "attendee"
    if p.person["is_organisation"]:
        role = rng.choices(("exhibitor", "sponsor"), (75, 25))[0]
    return [_visit(2, role, today - _days(rng.randint(0, span)), False)]


def _plan_visits(
    rng: random.Random, planned: list[_Planned], events: list[Row], today: dt.date
) -> None:
    opened = events[1]["ends_on"] + _days(1)  # registration opens as the last edition closes
    for p in planned:
        p.visits += _past_visits(rng, p, 0, events[0]["starts_on"])
        p.visits += _past_visits(rng, p, 1, events[1]["starts_on"])
        p.visits += _registration(rng, p, today, opened, events[2]["starts_on"])


class _Writer:
    """Bulk inserts in chunks, reporting progress after each."""

    def __init__(self, session: Session, total: int, progress: Progress | None) -> None:
        self.session, self.total, self.progress, self.done = session, total, progress, 0

    def insert(self, model: type[Any], rows: list[Row], returning: Any = None) -> list[int]:
        # render_nulls: a None is stored as NULL; without it the ORM bulk insert skips the
        # key and a column default would fill in.
        stmt = insert(model).execution_options(render_nulls=True)
        ids: list[int] = []
        for first in range(0, len(rows), _CHUNK):
            chunk = rows[first : first + _CHUNK]
            if returning is None:
                self.session.execute(stmt, chunk)
            else:
                returned = stmt.returning(returning, sort_by_parameter_order=True)
                ids.extend(self.session.scalars(returned, chunk))
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
    planned = _plan_people(rng, today, data.Contacts(rng))
    events = _plan_events(today)
    _plan_visits(rng, planned, events, today)
    members = sum(p.membership is not None for p in planned)
    visits = sum(len(p.visits) for p in planned)
    details = sum(len(p.emails) + len(p.phones) + len(p.visits) + 2 for p in planned)
    writer = _Writer(session, len(_TYPES) + len(events) + members + details, progress)
    if progress is not None:
        progress(0, writer.total)
    type_ids = writer.insert(MembershipType, list(_TYPES), MembershipType.id)
    event_ids = writer.insert(Event, events, Event.id)
    person_ids = writer.insert(Person, [p.person for p in planned], Person.id)
    type_id = {t["name"]: i for t, i in zip(_TYPES, type_ids, strict=True)}
    _write_details(writer, list(zip(person_ids, planned, strict=True)), type_id, event_ids)
    set_setting(session, "association_name", data.ASSOCIATION_NAME)
    session.flush()
    return DemoSummary(
        people=len(planned),
        members=members,
        contacts=len(planned) - members,
        events=len(events),
        attendances=visits,
        membership_types=len(_TYPES),
    )


def _write_details(
    writer: _Writer,
    people: list[tuple[int, _Planned]],
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
    path: Path, today: dt.date, *, progress: Progress | None = None
) -> Database:
    """Create a new SQLite file holding the demo association, and return it open.

    Args:
        path: the file to create; it must not exist yet.
        today: the day the demo is dated from.
        progress: called as ``progress(done, total)`` while the rows are written; raising from
            it cancels, and the file is removed.

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
    except BaseException:
        database.close()
        remove_sqlite_files(path)
        raise
    return database
