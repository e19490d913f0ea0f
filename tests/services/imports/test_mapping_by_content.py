"""Columns mapped by what they hold, through the real preview and import (issue 17, item 1): a
membership plugin's export written as a workbook and as CSV, in the generic form of the file that
went wrong (an IP column, a level named like an id, website roles, start and end dates under
plugin names, a "Lifetime" level, a subscription date), and a column without a name holding
e-mail addresses, proposed and imported only when confirmed. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from roster_files import dump
from sqlalchemy import select

from member_reach.domain.column_guesses import Confidence
from member_reach.domain.columns import Field
from member_reach.services.imports.import_preview import preview_file
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import EmailAddress, ExternalId, Membership, Person

TODAY = dt.date(2026, 11, 23)
PLUGIN_HEADER = [
    "user_email",
    "first_name",
    "last_name",
    "ip_address",
    "membership_id",
    "membership_startdate",
    "membership_enddate",
    "role",
    "Donation Member Level",
    "Subscription Date",
]
FIRST = ["Ada", "Alan", "Grace", "Hedy", "Katherine", "Barbara", "Edsger", "Donald"]
LAST = ["Lovelace", "Turing", "Hopper", "Lamarr", "Johnson", "Liskov", "Dijkstra", "Knuth"]


def plugin_rows() -> list[list[object]]:
    """Eight members; levels 1, 2, 3 repeat in membership_id; terms of 12 months."""
    rows: list[list[object]] = []
    for i, (first, last) in enumerate(zip(FIRST, LAST, strict=True)):
        start = dt.datetime(2026, 1 + i, 1 + i)
        rows.append(
            [
                f"{first.lower()}@example.org",
                first,
                last,
                f"198.51.100.{10 + i}",
                str(1 + i % 3),
                start,
                start.replace(year=2027),
                ["subscriber", "administrator"][i % 2],
                ["Lifetime", "Annual"][i % 2],
                dt.datetime(2018 + i % 5, 3, 1 + i),
            ]
        )
    return rows


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_text_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    def text(cell: object) -> str:
        return cell.strftime("%Y-%m-%d %H:%M:%S") if isinstance(cell, dt.datetime) else str(cell)

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([[text(c) for c in row] for row in rows])
    return path


@pytest.fixture(params=["xlsx", "csv"])
def plugin_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "xlsx":
        return write_xlsx(tmp_path / "members.xlsx", PLUGIN_HEADER, plugin_rows())
    return write_text_csv(tmp_path / "members.csv", PLUGIN_HEADER, plugin_rows())


def test_the_preview_maps_a_plugin_export_by_what_its_columns_hold(
    db: Database, plugin_file: Path
) -> None:
    with db.session() as s:
        seen = preview_file(s, plugin_file)
    by_name = {c.heading: c for c in seen.columns}
    assert seen.mapping == {
        0: Field.EMAIL,
        1: Field.FIRST_NAME,
        2: Field.LAST_NAME,
        5: Field.TERM_START,
        6: Field.EXPIRY,
        8: Field.MEMBERSHIP_TYPE,
        9: Field.MEMBER_SINCE,
    }
    ip, level, role = by_name["ip_address"], by_name["membership_id"], by_name["role"]
    assert ip.field is None and ip.guess is not None
    assert ip.guess.evidence == "name contains 'address'; 100% IP addresses, not an address"
    assert level.field is None and level.guess is not None
    assert "3 different small numbers (1, 2, 3) that repeat" in level.guess.evidence
    assert role.field is None and role.guess is not None
    assert role.guess.evidence.endswith(
        "website roles (subscriber, administrator): not a job title"
    )
    end = by_name["membership_enddate"].guess
    assert end is not None and end.confidence is Confidence.HIGH
    assert end.evidence == (
        "name matches 'membership enddate'; 100% dates; 12 months after 'membership_startdate'"
    )
    email = by_name["user_email"].guess
    assert email is not None and email.evidence == "name contains 'email'; 100% e-mail addresses"
    assert not any(c.to_confirm for c in seen.columns)


def test_importing_it_keeps_ips_out_of_addresses_and_never_merges_on_the_level(
    db: Database, plugin_file: Path
) -> None:
    report = run_roster_import(db, plugin_file, TODAY)
    assert report.counts.inserted == 8  # eight people, though they share three "ids"
    notes = {n.column: n for n in report.columns}
    assert notes["ip_address"].field is None and not notes["ip_address"].taken
    assert notes["Donation Member Level"].taken
    with db.session() as s:
        people = s.scalars(select(Person)).all()
        assert {p.address_line1 for p in people} == {""}
        assert {p.job_title for p in people} == {""}
        assert s.scalars(select(ExternalId)).all() == []
        memberships = s.scalars(select(Membership)).all()
        assert {str(m.term_end) for m in memberships} == {
            f"2027-{1 + i:02d}-{1 + i:02d}" for i in range(8)
        }
        assert all(m.join_date is not None for m in memberships)
        assert {t[0] for t in dump(s)["membership_type"]} == {"Lifetime", "Annual"}


def unnamed_email_file(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        [first, last, f"{first.lower()}@example.org", "Springfield"]
        for first, last in zip(FIRST, LAST, strict=True)
    ]
    header = ["First Name", "Last Name", "", "City"]
    return write_text_csv(tmp_path / "contacts.csv", header, rows)


def test_a_column_without_a_name_of_emails_waits_to_be_confirmed(
    db: Database, tmp_path: Path
) -> None:
    path = unnamed_email_file(tmp_path)
    with db.session() as s:
        seen = preview_file(s, path)
    column = seen.columns[2]
    assert column.field is None and column.to_confirm and column.proposed is Field.EMAIL
    assert column.guess is not None and column.guess.confidence is Confidence.LOW
    assert column.guess.evidence == "100% e-mail addresses; name not recognised"
    report = run_roster_import(db, path, TODAY, ImportOptions(dry_run=True))
    assert [(n.letter, n.field) for n in report.to_confirm] == [("C", Field.EMAIL)]
    assert "'column C' → E-mail? (low: 100% e-mail addresses" in report.to_confirm[0].describe()
    assert Field.EMAIL not in {n.field for n in report.columns if n.taken}
    confirmed = ImportOptions(column_fields={"C": Field.EMAIL})
    imported = run_roster_import(db, path, TODAY, confirmed)
    assert imported.to_confirm == [] and imported.counts.inserted == 8
    with db.session() as s:
        assert len(s.scalars(select(EmailAddress)).all()) == 8


def test_a_saved_mapping_beats_the_values(db: Database, tmp_path: Path) -> None:
    """A mapping the person saved is theirs: the guesses from values do not overrule it."""
    path = write_xlsx(tmp_path / "members.xlsx", PLUGIN_HEADER, plugin_rows())
    run_roster_import(db, path, TODAY, ImportOptions(column_fields={"role": Field.JOB_TITLE}))
    with db.session() as s:
        seen = preview_file(s, path)
    role = next(c for c in seen.columns if c.heading == "role")
    assert role.field is Field.JOB_TITLE and role.guess is not None
    assert (role.guess.confidence, role.guess.evidence) == (
        Confidence.HIGH,
        "saved mapping 'Columns of members.xlsx'",
    )
