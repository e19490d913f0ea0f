"""The demo association's people: members of four types, and contacts who never joined.

Members' renewals fall in every month; about 15 % have lapsed, some are in grace or new.
Organisation members are Corporate, on the calendar year. Each person gets an AMS number:
members in order of joining, then the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from member_reach.domain.status import (
    PeriodKind,
    Status,
    StatusCutoffs,
    StatusRules,
    derive_status,
)
from member_reach.domain.status import status_cutoffs as _cutoffs
from member_reach.services.demo import demo_data as data

Row = dict[str, Any]

MEMBERS = 1560
ORGANISATIONS = 120
CONTACTS = 320  # event-only contacts, prospects and exhibiting companies: never members
_ROLLOVER = (10, 1)  # Corporate: joining from 1 October buys the rest of the year and the next
_LABELS = {"new": "Active", "current": "Active", "grace": "Grace Period", "lapsed": "Lapsed"}
_FIXED = ("renewal_month", "renewal_day", "rollover_month", "rollover_day", "grace_days")


@dataclass
class Planned:
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


#: The membership types, as rows to insert.
TYPES = (
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
_KINDS = {t["name"]: t["period_kind"] for t in TYPES}


def days(n: int) -> dt.timedelta:
    """``n`` days."""
    return dt.timedelta(days=n)


def _years_on(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole ``years`` (29 February becomes the 28th, as relativedelta does).

    The demo moves some 15,000 dates by years: relativedelta took a quarter of planning them.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _whole_years(later: dt.date, earlier: dt.date) -> int:
    """How many whole years from ``earlier`` to ``later`` (``later`` not before it)."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


@functools.lru_cache(maxsize=4)
def _status_cutoffs(today: dt.date) -> StatusCutoffs:
    return _cutoffs(today, StatusRules())


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
        join = today - days(rng.randint(0, 85))
        return join, join, _years_on(join, 1)
    if status == Status.GRACE:
        end = today - days(rng.randint(1, 29))
    elif status == Status.LAPSED:
        end = today - days(31 + min(int(rng.expovariate(1 / 300)), 1400))
    else:
        end = today + days(rng.randint(0, 364))
    if (end.month, end.day) == (2, 29):
        end -= days(1)  # nobody's anniversary of joining falls only in leap years
    most = min(most_years, max(0, _whole_years(end, _years_on(today, -15))))
    years = max(1, min(most, 1 + int(rng.expovariate(1 / 4))))  # many short, a long tail
    if _years_on(end, -years) > today - days(100):
        years += 1  # a current member who joined a year ago at most is not new
    return _years_on(end, -years), _years_on(end, -1), end


def _first_fixed_end(join: dt.date) -> dt.date:
    late = (join.month, join.day) >= _ROLLOVER
    return dt.date(join.year + late, 12, 31)


def _fixed_terms(
    rng: random.Random, today: dt.date, status: Status
) -> tuple[dt.date, dt.date, dt.date]:
    """Join date, term start and end (31 December) of a calendar-year Corporate membership."""
    if status == Status.NEW:
        join = today - days(rng.randint(0, 85))
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
    latest = min(dt.date(end.year, 9, 30), today - days(100))
    earliest = _years_on(today, -15)
    join = latest - days(int((latest - earliest).days * rng.random() ** 1.6))
    start = join if _first_fixed_end(join) == end else dt.date(end.year, 1, 1)
    return join, start, end


def _membership(rng: random.Random, today: dt.date, type_name: str, dues: Decimal) -> Row:
    status = _draw_status(rng)
    start: dt.date | None
    end: dt.date | None
    if type_name == "Lifetime":
        join, start, end = today - days(rng.randint(3 * 365, 15 * 365 - 5)), None, None
    elif type_name == "Corporate":
        join, start, end = _fixed_terms(rng, today, status)
    else:
        join, start, end = _rolling_terms(rng, today, status, 4 if type_name == "Student" else 15)
    # The roster's own label, as the AMS computed it on the day of the export.
    derived = derive_status(_KINDS[type_name], join, end, _status_cutoffs(today))
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


def plan_people(rng: random.Random, today: dt.date, contacts: data.Contacts) -> list[Planned]:
    """Members first (individuals, then organisations), then contacts who never joined."""
    planned: list[Planned] = []
    for _ in range(MEMBERS):
        person, emails, phones = contacts.individual()
        type_name, dues = _individual_type(rng)
        membership = _membership(rng, today, type_name, dues)
        planned.append(Planned(person, emails, phones, membership, type_name, rng.random() < 0.25))
    for _ in range(ORGANISATIONS):
        person, emails, phones = contacts.organisation(with_contact=rng.random() < 0.6)
        dues = Decimal(rng.choices(("750.00", "1500.00", "3000.00"), (50, 35, 15))[0])
        membership = _membership(rng, today, "Corporate", dues)
        planned.append(Planned(person, emails, phones, membership, "Corporate", True))
    for number in range(CONTACTS):
        if number % 6 == 5:  # companies that exhibit but never joined
            person, emails, phones = contacts.organisation(with_contact=True)
            planned.append(Planned(person, emails, phones, regular=True))
            continue
        prospect = number % 3 == 1  # never came to an event either
        person, emails, phones = contacts.individual(prospect=prospect)
        editions = () if prospect else rng.choice(((0,), (1,), (1,), (0, 1)))
        planned.append(Planned(person, emails, phones, editions=editions))
    _number(rng, planned)
    return planned


def _number(rng: random.Random, planned: list[Planned]) -> None:
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


__all__ = ["CONTACTS", "MEMBERS", "ORGANISATIONS", "TYPES", "Planned", "Row", "days", "plan_people"]
