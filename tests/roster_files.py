"""Helpers of the roster-import tests: write small rosters, and read the database back."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.store.models import (
    Attendance,
    DetectedRenewal,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

HEADER = [
    "Member ID",
    "First Name",
    "Last Name",
    "Organization",
    "Email",
    "Phone",
    "Member Since",
    "Paid Thru",
    "Membership Type",
    "Member",
]

# A roster as AMS exports arrive: a title, a blank row, duplicates, problems, a footer.
ROWS: list[list[str]] = [
    [
        "M-001",
        "Ada",
        "Lovelace",
        "Analytical Engines",
        "ada@example.org",
        "(646) 555-0101",
        "01/15/2015",
        "01/31/2027",
        "Individual",
        "yes",
    ],
    [
        "M-002",
        "Alan",
        "Turing",
        "",
        "alan@example.org",
        "646-555-0102",
        "03/01/2020",
        "12/31/2026",
        "Individual",
        "yes",
    ],
    [
        "M-003",
        "Grace",
        "Hopper",
        "Navy",
        "GRACE@example.org",
        "+1 646 555 0103",
        "07/04/2019",
        "11/30/2026",
        "Individual",
        "yes",
    ],
    [
        "",
        "",
        "",
        "Acme Widgets Inc",
        "info@acme.example",
        "6465550104",
        "02/02/2021",
        "02/28/2027",
        "Corporate",
        "yes",
    ],
    ["M-005", "Hedy", "Lamarr", "", "hedy@example.org", "", "", "", "", "no"],
    [
        "M-006",
        "Katherine",
        "Johnson",
        "",
        "kj@example.org",
        "646 555 0106",
        "13/13/2013",
        "06/30/2027",
        "Individual",
        "yes",
    ],
    ["", "", "", "", "", "646 555 0199", "", "", "", ""],
    [
        "M-002",
        "Alan",
        "Turing",
        "",
        "Alan@Example.org",
        "646-555-0102",
        "03/01/2020",
        "12/31/2027",
        "Individual",
        "yes",
    ],
    [
        "M-008",
        "Edsger",
        "Dijkstra",
        "",
        "edsger@example.org",
        "646 555 0108",
        "05/05/2010",
        "05/31/2027",
        "Life Member",
        "yes",
    ],
]


def many_rows(count: int) -> list[list[str]]:
    """``count`` distinct people, one row each, in the columns of :data:`HEADER`."""
    return [
        [f"C-{i}", "Person", f"Number{i}", "", f"p{i}@example.org", "", "", "", "", ""]
        for i in range(count)
    ]


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    """Write a roster CSV with a title row, a blank row and a footer around the table."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Guild of Engineers: member roster"])
        writer.writerow([])
        writer.writerow(header)
        writer.writerows(rows)
        writer.writerow([])
        writer.writerow([f"{len(rows)} records"])
    return path


def dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an import may change, without ids' order or timestamps, for comparisons."""
    people = {
        p.id: (p.first_name, p.last_name, p.organisation) for p in session.scalars(select(Person))
    }
    tables: dict[str, list[tuple[Any, ...]]] = {
        "person": sorted(
            (
                p.first_name,
                p.middle_name,
                p.last_name,
                p.display_name,
                p.organisation,
                p.is_organisation,
                p.job_title,
                p.city,
                p.country,
                p.do_not_call,
                p.do_not_email,
            )
            for p in session.scalars(select(Person))
        ),
        "email": sorted(
            (people[e.person_id], e.address, e.address_key, e.is_primary)
            for e in session.scalars(select(EmailAddress))
        ),
        "phone": sorted(
            (people[p.person_id], p.original, p.e164 or "", p.kind, p.is_primary, p.problem)
            for p in session.scalars(select(PhoneNumber))
        ),
        "external_id": sorted(
            (people[x.person_id], x.source, x.value) for x in session.scalars(select(ExternalId))
        ),
        "membership": sorted(
            (
                people[m.person_id],
                m.type_id or 0,
                str(m.join_date),
                str(m.term_start),
                str(m.term_end),
                str(m.dues),
                m.roster_status,
                m.source,
            )
            for m in session.scalars(select(Membership))
        ),
        "membership_type": sorted(
            (t.name, t.period_kind, t.term_months or 0)
            for t in session.scalars(select(MembershipType))
        ),
        "renewal": sorted(
            (people[r.person_id], str(r.old_term_end), str(r.new_term_end))
            for r in session.scalars(select(DetectedRenewal))
        ),
        "event": sorted(
            (e.name, e.series, str(e.starts_on)) for e in session.scalars(select(Event))
        ),
        "attendance": sorted(
            (people[a.person_id], a.event_id, a.role, str(a.registered_on), a.attended)
            for a in session.scalars(select(Attendance))
        ),
    }
    return tables


#: What rosters hold in a phone column for "no number".
PHONE_FILLER = [
    "n/a",
    "N/A",
    "none",
    "-",
    "--",
    "tbd",
    "unknown",
    "0",
    "000-000-0000",
    "(000) 000-0000",
]


def filler_roster(path: Path) -> Path:
    """A member for each kind of filler, and one with a real number."""
    rows = [
        [f"M-{i}", "Filler", f"Number{i}", "", f"m{i}@example.org", typed, "", "12/31/2027",
         "Individual", "yes"]
        for i, typed in enumerate(PHONE_FILLER)
    ]  # fmt: skip
    rows.append(["M-99", "Real", "Number", "", "real@example.org", "(646) 555-0101", "",
                 "12/31/2027", "Individual", "yes"])  # fmt: skip
    return write_csv(path, rows)
