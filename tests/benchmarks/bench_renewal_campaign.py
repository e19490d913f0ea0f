"""Speed benchmark of a renewal campaign over a large association (target: 100,000 members in
at most 0.3 s on the development machine; see the issue "Membership rules, ranked call lists").

Run: ``python tests/benchmarks/bench_renewal_campaign.py [--members N] [--db PATH]``. It writes
a database of N members (expiries spread over three years, phones, e-mails, event attendance,
earlier calls), then times planning and creating a one-month renewal list, best of 3. A script,
not a test: it prints the figures and always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Final

import phonenumbers

from member_reach.services.campaigns.campaigns import create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.store.bulk import bulk_insert
from member_reach.store.database import Database, open_database
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

TODAY = dt.date(2026, 11, 23)
WINDOW = RenewalOptions(dt.date(2026, 12, 1), dt.date(2026, 12, 31), capacity=500)
TARGET_S = 0.3


def _fictional_areas() -> list[str]:
    """NANP area codes in which 555-0100 … 555-0199 (numbers kept for fiction) are valid."""
    return [
        str(area)
        for area in range(201, 990)
        if phonenumbers.is_valid_number(phonenumbers.parse(f"+1{area}5550100"))
    ]


_AREAS: Final = _fictional_areas()


def _phone(pid: int, draw: int, *, primary: bool) -> dict[str, object]:
    """A fictional number, different for most people: NANP 555-01xx across every area code,
    one in ten a London 020 7946 0xxx."""
    if draw % 10 == 3:
        national, e164 = f"020 7946 0{draw % 1000:03d}", f"+442079460{draw % 1000:03d}"
    else:
        area, line = _AREAS[draw % len(_AREAS)], 100 + (draw // len(_AREAS)) % 100
        national, e164 = f"({area}) 555-0{line}", f"+1{area}5550{line}"
    return {"person_id": pid, "original": national, "e164": e164, "is_primary": primary}


def build(database: Database, members: int, seed: int = 11) -> None:
    """Write ``members`` people with memberships, contacts and some event history."""
    rng = random.Random(seed)
    with database.session() as s:
        kind = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        s.add(kind)
        events = [
            Event(name=f"Expo {year}", series="Expo", starts_on=dt.date(year, 5, 10))
            for year in (2024, 2025)
        ]
        s.add_all(events)
        s.flush()
        connection = s.connection()
        people, memberships, emails, phones, visits, externals = [], [], [], [], [], []
        for pid in range(1, members + 1):
            people.append(
                {
                    "id": pid,
                    "first_name": f"First{pid}",
                    "last_name": f"Last{pid}",
                    "display_name": f"First{pid} Last{pid}",
                    "organisation": f"Firm {pid % 5000}" if rng.random() < 0.4 else "",
                    "do_not_call": rng.random() < 0.02,
                }
            )
            expiry = TODAY + dt.timedelta(days=rng.randint(-400, 700))
            join = expiry - dt.timedelta(days=365 * rng.randint(1, 20))
            memberships.append(
                {
                    "person_id": pid,
                    "type_id": kind.id,
                    "join_date": join,
                    "term_end": expiry,
                    "dues": Decimal(rng.choice((95, 195, 450))),
                }
            )
            if rng.random() < 0.9:
                address = f"p{pid}@example.org"
                emails.append(
                    {
                        "person_id": pid,
                        "address": address,
                        "address_key": address,
                        "is_primary": True,
                    }
                )
            if rng.random() < 0.95:
                phones.append(_phone(pid, pid, primary=True))
            if rng.random() < 0.3:
                phones.append(_phone(pid, pid + members, primary=False))
            externals.append({"person_id": pid, "source": "ams", "value": f"M{pid:06d}"})
            if rng.random() < 0.2:
                visits.append(
                    {
                        "event_id": rng.choice(events).id,
                        "person_id": pid,
                        "role": "attendee",
                        "attended": True,
                    }
                )
        for model, rows in (
            (Person, people),
            (Membership, memberships),
            (EmailAddress, emails),
            (PhoneNumber, phones),
            (Attendance, visits),
            (ExternalId, externals),
        ):
            for start in range(0, len(rows), 20_000):
                bulk_insert(connection, model.__table__, rows[start : start + 20_000])


def main(argv: list[str] | None = None) -> int:
    """Build the database, time the renewal list, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temp file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_renewal_") as temp:
        path = args.db or Path(temp) / "members.sqlite3"
        path.unlink(missing_ok=True)
        database = open_database(path)
        started = time.perf_counter()
        build(database, args.members)
        print(f"built {args.members:,} members in {time.perf_counter() - started:.1f} s")
        timings = []
        selected = 0
        for _ in range(3):
            with database.session() as s:
                started = time.perf_counter()
                plan = plan_renewals(s, TODAY, WINDOW)
                timings.append(time.perf_counter() - started)
                selected = len(plan.selected) + len(plan.over_capacity)
        best_plan = min(timings)
        created_s = []
        for attempt in range(3):
            with database.sessions() as s:
                started = time.perf_counter()
                create_renewal_campaign(s, TODAY, WINDOW, name=f"bench {attempt}")
                s.flush()
                created_s.append(time.perf_counter() - started)
                s.rollback()  # each attempt creates the same list from scratch
        database.close()
    best_create = min(created_s)
    verdict = "MEETS" if best_create <= TARGET_S else "MISSES"
    print(
        f"window {WINDOW.start} – {WINDOW.end}: {selected:,} due or in grace, "
        f"capacity {WINDOW.capacity}"
    )
    print(f"plan (select, exclude, rank), best of 3: {best_plan:.3f} s")
    print(
        f"create (plan + write campaign and tasks), best of 3: {best_create:.3f} s "
        f"(target {TARGET_S} s): {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
