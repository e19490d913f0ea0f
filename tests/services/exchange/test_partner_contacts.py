"""Contacts a call partner added (the New contacts sheet, rows naming no call): each added
once, with the details typed; nothing duplicated, nothing lost, never the whole file refused.
On SQLite and PostgreSQL. Found by review of the New contacts sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY
from openpyxl import load_workbook
from roster_files import ROWS, write_csv
from sqlalchemy import func, select

from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import Attendance, ExternalId, Person
from services.exchange.test_exchange_import import add_new_contacts, apply, fill, refs

PIERRE = ["Pierre Curie", "Sorbonne", "+33 1 55 55 01 01", "pierre@example.net", "interested"]


def people(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).where(Person.display_name == name)) or 0


def added(report: object) -> list[tuple[str, int, str, str]]:
    return [(r.sheet, r.row, r.result, r.reason) for r in report.results if not r.ref]  # type: ignore[attr-defined]


def test_the_same_contact_twice_in_a_file_is_added_once(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    on_calls = [None, None, "Pierre Curie", "", "+33 1 55 55 01 01", "", "pierre@example.net"]
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {}, extra=[[*on_calls, *[None] * 7, "interested"]]),
        [PIERRE[:2] + ["+33 1 55 55 01 01", "pierre@example.net"], PIERRE],
    )
    report = apply(campaign_db, worked)
    results = added(report)
    assert [r[2] for r in results] == ["added", "unchanged", "unchanged"]
    same = f"the same new contact as row {results[0][1]} of the Calls sheet"
    assert results[1][3] == results[2][3] == same
    assert people(campaign_db, "Pierre Curie") == 1


def test_a_member_of_the_export_typed_as_new_is_pointed_to_their_call(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    with campaign_db.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        phone, email = ada.phones[0].e164, ada.emails[0].address
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {}),
        [
            ["Ada Lovelace", "", phone, email, "renewed"],
            ["A. Lovelace", "", "", email, "renewed"],  # not as exported, but on file
        ],
    )
    report = apply(campaign_db, worked)
    on_calls = f"Ada Lovelace is on the Calls sheet (Ref {ids['Ada Lovelace']}): give the outcome"
    on_file = "A. Lovelace is already on file as Ada Lovelace: nothing was added; add what is"
    assert [(r[2], r[3]) for r in added(report)] == [
        ("conflict", f"{on_calls} there"),
        ("conflict", f"{on_file} new on their member card"),
    ]
    assert people(campaign_db, "Ada Lovelace") == 1


def test_what_the_partner_typed_is_kept_and_fits(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """A long note in the Phone cell (PostgreSQL refused it, and with it the whole file), the
    callback and caller, and a contact known only by an organisation."""
    phone = "020 7946 0000 (office, ask for reception; mornings only, never on Fridays)"
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {}),
        [
            [
                "Pierre Curie",
                "",
                phone,
                "",
                "interested",
                "call back",
                dt.datetime(2026, 12, 2),
                "Jo",
            ],
            [None, "Curie Labs", None, None, "interested", "call their front desk"],
        ],
    )
    report = apply(campaign_db, worked)
    assert [r[2] for r in added(report)] == ["added", "added"]
    with campaign_db.session() as s:
        pierre = s.scalars(select(Person).where(Person.display_name == "Pierre Curie")).one()
        assert [p.original for p in pierre.phones] == [phone[:64]] and phone in pierre.notes
        assert "call back 2026-12-02" in pierre.notes and "caller Jo" in pierre.notes
        labs = s.scalars(select(Person).where(Person.organisation == "Curie Labs")).one()
        assert labs.display_name == "Curie Labs" and "front desk" in labs.notes


def test_a_renamed_calls_sheet_is_still_found_beside_new_contacts(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "renewed"}}), [PIERRE]
    )
    book = load_workbook(worked)
    book["Calls"].title = "Calls (Jo)"
    contacts = book["New contacts"]
    contacts.title = "renamed"
    contacts.title = "NEW CONTACTS"  # (openpyxl would add a 1 to a name differing in case only)
    book.save(worked)
    report = apply(campaign_db, worked, dry_run=True)
    assert report.count("applied") == 1 and report.count("added") == 1


@pytest.mark.parametrize("how", ["cleared", "heading deleted"])
def test_a_spoilt_new_contacts_sheet_does_not_stop_the_outcomes(
    campaign_db: Database, exported: Path, tmp_path: Path, how: str
) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "renewed"}})
    book = load_workbook(worked)
    sheet = book["New contacts"]
    if how == "heading deleted":
        sheet.append(PIERRE)
        sheet.append(["Marie Curie", "", "+33 1 55 55 01 00", "", "interested"])
    sheet.delete_rows(1)
    book.save(worked)
    report = apply(campaign_db, worked)
    assert report.count("applied") == 1
    if how == "cleared":
        assert added(report) == []
    else:  # said, not dropped silently
        [(sheet_name, row, result, reason)] = added(report)
        assert (sheet_name, row, result) == ("New contacts", 0, "rejected")
        assert "put the heading row back" in reason


def test_undo_waits_for_a_roster_that_made_an_added_contact_a_member(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """Pierre, added by the partner with his e-mail, joins; next month's roster matches him by
    it. Undoing the partner's file would delete the member: it waits for the roster's undo."""
    outcomes = apply(
        campaign_db, add_new_contacts(fill(exported, tmp_path / "w.xlsx", {}), [PIERRE])
    )
    pierre = ["M-900", "Pierre", "Curie", "Sorbonne", "pierre@example.net", "+33 1 55 55 01 01"]
    pierre += ["11/25/2026", "11/30/2027", "Individual", "yes"]
    roster = run_roster_import(campaign_db, write_csv(tmp_path / "r.csv", [*ROWS, pierre]), TODAY)
    with campaign_db.session() as s, pytest.raises(ServiceError, match="undo import"):
        undo_import(s, outcomes.batch_id)  # type: ignore[arg-type]
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).where(ExternalId.value == "M-900")) == 1
        undo_import(s, roster.batch_id)  # type: ignore[arg-type]
    with campaign_db.session() as s:
        undo_import(s, outcomes.batch_id)  # type: ignore[arg-type]
    assert people(campaign_db, "Pierre Curie") == 0


# -- found by the second review ------------------------------------------------------------


def test_a_shared_number_is_no_one_but_a_shared_address_is(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """Ada's husband on her home phone is another person; the same address twice is not."""
    with campaign_db.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        phone = ada.phones[0].e164
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {}),
        [["William King", "", phone, "william@example.org", "interested"]],
    )
    assert [r[2] for r in added(apply(campaign_db, worked))] == ["added"]
    assert people(campaign_db, "William King") == 1


def test_a_contact_given_again_later_is_not_added_again(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """Week one: Pierre by name only; week two, a later file gives his number and address.
    Within one file, a second row for him is the first row's contact, dry run or not."""
    week_one = add_new_contacts(
        fill(exported, tmp_path / "week1.xlsx", {}), [["Pierre Curie", "Sorbonne", None, None]]
    )
    assert [r[2] for r in added(apply(campaign_db, week_one))] == ["added"]
    week_two = add_new_contacts(
        fill(exported, tmp_path / "week2.xlsx", {}),
        [PIERRE, ["Marie Curie", "", "+33 1 55 55 01 00"], ["Marie Curie", "", "", "", "", "hi"]],
    )
    for dry_run in (True, False):
        results = added(apply(campaign_db, week_two, dry_run=dry_run))
        assert [(r[2], r[3]) for r in results] == [
            (
                "conflict",
                "Pierre Curie is already on file as Pierre Curie: nothing was added; add what "
                "is new on their member card",
            ),
            ("added", "a new contact, Marie Curie: flagged as a prospect"),
            ("unchanged", "the same new contact as row 3 of the New contacts sheet"),
        ]
    assert people(campaign_db, "Pierre Curie") == 1 and people(campaign_db, "Marie Curie") == 1


def test_one_contact_under_a_deleted_heading_is_reported_and_counted(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    worked = fill(exported, tmp_path / "w.xlsx", {})
    book = load_workbook(worked)
    book["New contacts"].append(PIERRE)
    book["New contacts"].delete_rows(1)
    book.save(worked)
    report = apply(campaign_db, worked, dry_run=True)
    [(sheet, row, result, reason)] = added(report)
    assert (sheet, row, result) == ("New contacts", 0, "rejected") and "heading row" in reason
    assert report.rows == sum(
        report.count(k) for k in ("applied", "unchanged", "conflict", "rejected", "added")
    )


def test_undo_waits_for_an_event_list_that_matched_an_added_contact(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    outcomes = apply(
        campaign_db, add_new_contacts(fill(exported, tmp_path / "w.xlsx", {}), [PIERRE])
    )
    badges = tmp_path / "badges.csv"
    badges.write_text("Email\npierre@example.net\n")
    event = run_event_import(
        campaign_db,
        badges,
        TODAY,
        ImportOptions(event=EventChoice("Expo", TODAY.replace(year=2025))),
    )
    with campaign_db.session() as s, pytest.raises(ServiceError, match="changed people it added"):
        undo_import(s, outcomes.batch_id)  # type: ignore[arg-type]
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attendance)) == 1
        undo_import(s, event.batch_id)  # type: ignore[arg-type]
    with campaign_db.session() as s:
        undo_import(s, outcomes.batch_id)  # type: ignore[arg-type]
