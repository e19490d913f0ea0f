"""Importing attendee lists (a CiviCRM participant export and plain lists) on both databases."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from roster_files import ROWS, dump, write_csv
from sqlalchemy import func, select

from member_reach.domain.attendees import parse_role
from member_reach.domain.remedies import Remedy
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import Attendance, Event, Membership, Person

TODAY = dt.date(2026, 11, 23)

# Columns as CiviCRM's "Export participants" writes them.
CIVICRM = [
    "Contact ID",
    "Participant ID",
    "Display Name",
    "Email",
    "Event",
    "Participant Role",
    "Participant Status",
    "Register date",
    "Fee level",
]
PARTICIPANTS = [
    [
        "101",
        "9001",
        "Ada Lovelace",
        "ADA@example.org",
        "Expo 2026",
        "Attendee",
        "Attended",
        "2026-03-02 10:15",
        "Member",
    ],
    [
        "102",
        "9002",
        "Grace Hopper",
        "grace@example.org",
        "Expo 2026",
        "Speaker",
        "Attended",
        "2026-02-11 09:00",
        "Speaker",
    ],
    [
        "102",
        "9003",
        "Grace Hopper",
        "grace@example.org",
        "Expo 2026",
        "Attendee",
        "Registered",
        "2026-02-11 09:05",
        "Member",
    ],
    [
        "103",
        "9004",
        "Marie Curie",
        "marie@example.net",
        "Expo 2026",
        "Attendee",
        "No-show",
        "2026-04-01 12:00",
        "Non-member",
    ],
    [
        "104",
        "9005",
        "Alan Turing",
        "alan@example.org",
        "Expo 2026",
        "Attendee",
        "Cancelled",
        "2026-04-02 12:00",
        "Member",
    ],
    [
        "105",
        "9006",
        "Acme Widgets Inc",
        "info@acme.example",
        "Expo 2026",
        "Sponsor",
        "Registered",
        "2026-01-05",
        "Gold sponsor",
    ],
]


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def attendances(db: Database) -> list[tuple[str, str, bool, str]]:
    with db.session() as s:
        rows = s.execute(
            select(
                Person.display_name, Attendance.role, Attendance.attended, Attendance.registered_on
            ).join(Person, Person.id == Attendance.person_id)
        ).all()
    return sorted((name, role, attended, str(day)) for name, role, attended, day in rows)


@pytest.fixture
def roster_db(db: Database, tmp_path: Path) -> Database:
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    return db


def test_civicrm_participants_are_matched_and_recorded(roster_db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "participants.csv", CIVICRM, PARTICIPANTS)
    options = ImportOptions(event=EventChoice("Expo 2026", dt.date(2026, 5, 12), "Expo"))
    report = run_event_import(roster_db, path, TODAY, options)
    assert report.event_created and report.counts.rows_read == 6
    counts = report.counts
    assert (counts.inserted, counts.unchanged + counts.updated) == (1, 4)  # Marie is new
    assert report.roles == {"attendee": 3, "speaker": 1, "sponsor": 1} and report.cancelled == 1
    assert report.attendances_added == 5
    assert "'Participant Role' → Role at the event" in report.mapping
    assert attendances(roster_db) == [
        ("Acme Widgets Inc", "sponsor", False, "2026-01-05"),
        ("Ada Lovelace", "attendee", True, "2026-03-02"),
        ("Grace Hopper", "attendee", False, "2026-02-11"),
        ("Grace Hopper", "speaker", True, "2026-02-11"),
        ("Marie Curie", "attendee", False, "2026-04-01"),
    ]
    with roster_db.session() as s:
        event = s.scalars(select(Event)).one()
        assert (event.name, event.series, event.starts_on) == (
            "Expo 2026",
            "Expo",
            dt.date(2026, 5, 12),
        )
        marie = s.scalars(select(Person).where(Person.last_name == "Curie")).one()
        assert s.scalar(select(func.count()).where(Membership.person_id == marie.id)) == 0
    again = run_event_import(roster_db, path, TODAY, options)
    assert (again.attendances_added, again.counts.inserted, again.counts.updated) == (0, 0, 0)
    assert not again.event_created


def test_a_later_cancellation_removes_the_attendance_and_undo_brings_it_back(
    roster_db: Database, tmp_path: Path
) -> None:
    options = ImportOptions(event=EventChoice("Expo 2026"))
    run_event_import(roster_db, write(tmp_path / "p.csv", CIVICRM, PARTICIPANTS), TODAY, options)
    with roster_db.session() as s:
        before = dump(s)
    changed = [list(r) for r in PARTICIPANTS]
    changed[0][6] = "Cancelled"  # Ada cancels
    changed[3][6] = "Attended"  # Marie came after all
    report = run_event_import(
        roster_db, write(tmp_path / "p2.csv", CIVICRM, changed), TODAY, options
    )
    assert (report.attendances_removed, report.attendances_updated) == (1, 1)
    assert ("Ada Lovelace", "attendee", True, "2026-03-02") not in attendances(roster_db)
    with roster_db.session() as s:
        undo_import(s, report.batch_id)
    with roster_db.session() as s:
        assert dump(s) == before


def test_undo_removes_new_contacts_and_the_new_event(roster_db: Database, tmp_path: Path) -> None:
    with roster_db.session() as s:
        before = dump(s)
    path = write(tmp_path / "p.csv", CIVICRM, PARTICIPANTS)
    report = run_event_import(roster_db, path, TODAY, ImportOptions(event=EventChoice("Expo 2026")))
    with roster_db.session() as s:
        undone = undo_import(s, report.batch_id)
    assert undone.people_removed == 1
    with roster_db.session() as s:
        assert dump(s) == before


def test_a_past_event_list_without_status_is_who_came(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "expo 2025 badges.csv",
        ["First Name", "Last Name", "Company", "Email", "Badge Type"],
        [
            ["Ada", "Lovelace", "Analytical Engines", "ada@example.org", "Exhibitor"],
            ["Nikola", "Tesla", "", "nikola@example.com", "Delegate"],
        ],
    )
    report = run_event_import(
        db, path, TODAY, ImportOptions(event=EventChoice("Expo 2025", dt.date(2025, 5, 14), "Expo"))
    )
    assert report.counts.inserted == 2 and report.roles == {"exhibitor": 1, "attendee": 1}
    assert attendances(db) == [
        ("Ada Lovelace", "exhibitor", True, "None"),
        ("Nikola Tesla", "attendee", True, "None"),
    ]


def test_an_upcoming_event_list_without_status_is_registrations(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "reg.csv", ["Name", "Email"], [["Ada Lovelace", "ada@example.org"]])
    run_event_import(
        db, path, TODAY, ImportOptions(event=EventChoice("Expo 2027", dt.date(2027, 5, 1)))
    )
    assert attendances(db) == [("Ada Lovelace", "attendee", False, "None")]


def test_event_import_errors_are_one_line(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["Colour", "Size"], [["red", "L"]])
    with pytest.raises(ServiceError, match=r"x\.csv, row 1 \(the header\): no column holds"):
        run_event_import(db, path, TODAY, ImportOptions(event=EventChoice("Expo 2026")))
    with pytest.raises(ServiceError, match="Give the name of the event") as unnamed:
        run_event_import(db, path, TODAY, ImportOptions(event=EventChoice("  ")))
    assert unnamed.value.remedy is Remedy.NAME_EVENT  # the CLI: --event


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", CIVICRM, PARTICIPANTS)
    report = run_event_import(
        db, path, TODAY, ImportOptions(event=EventChoice("Expo 2026"), dry_run=True)
    )
    assert report.counts.inserted == 5 and report.batch_id is None
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0
        assert s.scalar(select(func.count()).select_from(Person)) == 0


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Exhibitor", "exhibitor"),
        ("Booth staff", "exhibitor"),
        ("Gold Sponsor", "sponsor"),
        ("Keynote Speaker", "speaker"),
        ("Panelist", "speaker"),
        ("Attendee", "attendee"),
        ("Student delegate", "attendee"),
        ("", "attendee"),
    ],
)
def test_roles(text: str, role: str) -> None:
    assert parse_role(text) == role
