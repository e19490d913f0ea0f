"""The wizard's first look at a file, and the choices it passes on: a header row the person
picked, and fields they changed. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import HEADER, ROWS, write_csv
from sqlalchemy import func, select

from member_reach.domain.columns import Field
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_history import import_history
from member_reach.services.imports.import_preview import field_choices, preview_file
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.pipeline import save_issue_rows
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import EmailAddress, Person

TODAY = dt.date(2026, 11, 23)
SHEETS = Path(__file__).parents[2] / "data" / "sheets"


def test_a_workbook_is_shown_as_the_import_will_read_it(db: Database, tmp_path: Path) -> None:
    path = shutil.copy(SHEETS / "roster.xlsx", tmp_path / "roster.xlsx")
    with db.session() as s:
        seen = preview_file(s, path)
    assert (seen.format, seen.sheet, seen.sheets, seen.header_row) == (
        "xlsx",
        "Members",
        ("Members", "Notes"),  # visible worksheets: not the chart sheet
        4,
    )
    assert seen.top[0][0] == "Springfield Dental Association" and seen.top_first_row == 1
    assert seen.top[3][:3] == ("Member ID", "First Name", "Last Name")
    fields = {c.heading: c.field for c in seen.columns}
    assert fields["Member ID"] is Field.EXTERNAL_ID and fields["Paid Thru"] is Field.EXPIRY
    assert fields["Auto Renew"] is None  # nothing to feed: ignored
    first = next(c for c in seen.columns if c.heading == "First Name")
    assert first.samples == ("Zoë", "José", "Ann")
    assert seen.profile == "" and seen.rows_estimate >= 4


def test_a_saved_mapping_is_applied_and_named(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    with db.session() as s:
        assert preview_file(s, path).profile == ""
    run_roster_import(db, path, TODAY)
    with db.session() as s:
        seen = preview_file(s, path)
    assert seen.profile == "Columns of roster.csv"
    assert seen.header_row == 3 and seen.sheets == ()  # a CSV file has no sheets
    since = next(c for c in seen.columns if c.heading == "Member Since")
    assert since.field is Field.MEMBER_SINCE and since.date_order == "mdy"


def test_another_header_row_can_be_chosen(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    with db.session() as s:
        chosen = preview_file(s, path, header_row=4)  # the first data row, as a header
        assert chosen.header_row == 4
        assert [c.heading for c in chosen.columns][:2] == ["M-001", "Ada"]
        assert chosen.mapping == {}  # nothing recognisable: the person must choose
        with pytest.raises(ServiceError, match=r"roster.csv: row 2 cannot be the header"):
            preview_file(s, path, header_row=2)  # blank
        with pytest.raises(ServiceError, match=r"row 45 cannot be the header"):
            preview_file(s, path, header_row=45)


def test_the_chosen_header_row_and_fields_are_what_the_import_uses(
    db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    with db.session() as s:
        seen = preview_file(s, path)
    mapping = seen.mapping
    email = HEADER.index("Email")
    assert mapping.pop(email) is Field.EMAIL  # the person sets the e-mail column to ignored
    report = run_roster_import(
        db, path, TODAY, ImportOptions(header_row=3, mapping=mapping, dry_run=True)
    )
    assert report.header_row == 3 and not any("Email" in line for line in report.mapping)
    report = run_roster_import(db, path, TODAY, ImportOptions(header_row=3, mapping=mapping))
    assert report.counts.inserted == 7
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(EmailAddress)) == 0
        assert s.scalar(select(func.count()).select_from(Person)) == 7
    with db.session() as s:  # saved: next month's file gets the person's mapping back
        again = preview_file(s, path)
    assert again.profile == "Columns of roster.csv" and email not in again.mapping


def test_a_mapping_without_anyone_to_identify_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    with pytest.raises(ServiceError, match="no column holds a name"):
        run_roster_import(
            db, path, TODAY, ImportOptions(mapping={HEADER.index("Phone"): Field.PHONE})
        )
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_an_attendee_list_is_shown_with_attendee_fields(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "expo.csv"
    path.write_text(
        "First Name,Last Name,Email,Participant Role,Participant Status\n"
        "Ann,Lee,ann@example.org,Exhibitor,Attended\n"
        "Bob,Ray,bob@example.org,Attendee,No-show\n"
    )
    with db.session() as s:
        seen = preview_file(s, path, "events")
    fields = {c.heading: c.field for c in seen.columns}
    assert fields["Participant Role"] is Field.EVENT_ROLE
    assert fields["Participant Status"] is Field.REGISTRATION_STATUS
    mapping = seen.mapping
    del mapping[3]  # the role column ignored: everyone is an attendee
    report = run_event_import(
        db,
        path,
        TODAY,
        ImportOptions(event=EventChoice("Expo 2026", dt.date(2026, 3, 1)), mapping=mapping),
    )
    assert report.counts.inserted == 2 and not any("Role" in line for line in report.mapping)
    roster_fields = {f for f, _ in field_choices("roster")}
    assert Field.EVENT_ROLE not in roster_fields and Field.EXPIRY in roster_fields
    assert Field.EVENT_ROLE in {f for f, _ in field_choices("events")}


def test_the_history_lists_imports_and_which_one_can_be_undone(
    db: Database, tmp_path: Path
) -> None:
    roster = run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    run_roster_import(db, write_csv(tmp_path / "dry.csv", ROWS), TODAY, ImportOptions(dry_run=True))
    expo = tmp_path / "expo.csv"
    expo.write_text("Name,Email\nAnn Lee,ann@example.org\n")
    events = run_event_import(
        db, expo, TODAY, ImportOptions(event=EventChoice("Expo 2026", dt.date(2026, 3, 1)))
    )
    with db.session() as s:
        history = import_history(s)
    assert [(e.batch_id, e.kind, e.file_name, e.can_undo) for e in history] == [
        (events.batch_id, "events", "expo.csv", True),
        (roster.batch_id, "roster", "roster.csv", False),  # the attendee list came after it
    ]  # the dry run left no trace
    assert (history[1].rows_read, history[1].inserted, history[1].rejected) == (9, 7, 1)
    with db.session() as s:
        undo_import(s, events.batch_id)
    with db.session() as s:
        history = import_history(s)
    assert history[0].undone_at is not None and not history[0].can_undo
    assert history[1].can_undo


def test_the_rows_to_check_are_saved_after_the_import(db: Database, tmp_path: Path) -> None:
    report = run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    saved = save_issue_rows(tmp_path / "check.xlsx", report.header, report.issues)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(report.issues) == 3
    assert "Member ID" in rows[0] and {r[1] for r in rows[1:]} == {"rejected", "flagged"}
    with pytest.raises(ServiceError, match="The rows to check were not saved"):
        save_issue_rows(tmp_path / "missing" / "check.xlsx", report.header, report.issues)
