"""Who is who on import (SQLite and PostgreSQL): a member id is an identity only when it behaves
like one, two people sharing an id are never merged, and a row of contact details under a
person's row is that person's (issue 17, items 2 and 5)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from member_reach.domain.columns import Field
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.roster_import import RosterImportReport, run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import EmailAddress, ExternalId, Person, PhoneNumber

TODAY = dt.date(2026, 11, 23)
HEADER = ["Member ID", "First Name", "Last Name", "Email", "Phone", "City", "Paid Thru"]
FIRST_ROW = 2  # the header is row 1
#: Ten people, each with an id of their own.
PEOPLE = [
    [f"M-{n:03}", first, last, f"{first.lower()}@example.org", "", "", "2027-06-30"]
    for n, (first, last) in enumerate(
        [
            ("Ada", "Lovelace"),
            ("Alan", "Turing"),
            ("Carl", "Jung"),
            ("Grace", "Hopper"),
            ("Hedy", "Lamarr"),
            ("Edsger", "Dijkstra"),
            ("Barbara", "Liskov"),
            ("Donald", "Knuth"),
            ("Frances", "Allen"),
            ("John", "Backus"),
        ],
        start=1,
    )
]


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(db: Database, path: Path) -> RosterImportReport:
    return run_roster_import(db, path, TODAY, ImportOptions())


def people(db: Database) -> dict[str, tuple[list[str], list[str]]]:
    """Each person's name: (their member ids, their e-mails with the primary first)."""
    with db.session() as s:
        found: dict[str, tuple[list[str], list[str]]] = {}
        for person in s.scalars(select(Person)):
            ids = [x.value for x in person.external_ids]
            emails = sorted(person.emails, key=lambda e: (not e.is_primary, e.id))
            found[person.display_name] = (ids, [e.address for e in emails])
        return found


def flags(report: RosterImportReport) -> dict[int, str]:
    return {i.row: i.reason for i in report.issues if i.result == "flagged"}


# -- a level column named like an id -----------------------------------------------------------


def test_a_membership_level_named_like_an_id_merges_nobody_and_says_why(
    db: Database, tmp_path: Path
) -> None:
    # A membership plugin's export: membership_id is the level (1, 2, 3, 2, ...).
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["membership_id", "first_name", "last_name", "user_email"])
    for n, (_, first, last, email, *_rest) in enumerate(PEOPLE):
        sheet.append([(1, 2, 3, 2)[n % 4], first, last, email])
    path = tmp_path / "members.xlsx"
    book.save(path)
    # The mapper does not take the column: its values are a few small numbers that repeat.
    guessed = run(db, path)
    assert guessed.counts.inserted == 10 and not guessed.merges  # nobody vanished
    [level] = [c for c in guessed.columns if c.column == "membership_id"]
    assert level.field is None and "a level or a code, not a member id" in level.evidence
    # Mapped as the member id by hand, the import still tells the people apart and says why.
    report = run_roster_import(
        db, path, TODAY, ImportOptions(column_fields={"membership_id": Field.EXTERNAL_ID})
    )
    assert report.counts.inserted == 0 and not report.merges  # the same ten, matched by e-mail
    assert report.notes == [
        "Column 'membership_id' repeats the same values for different people (3 distinct "
        "values in 10 rows), so it is not used to tell members apart; people are matched by "
        "e-mail, or by name and phone, instead. If the column is a member id, correct it in "
        "the file; if not, map it to another field."
    ]
    assert not report.issues  # one note for the column, not a flag on every row
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ExternalId)) == 0  # no level as an id
    again = run(db, path)  # next month: matched by e-mail, nobody added
    assert (again.counts.inserted, again.counts.updated) == (0, 0)


# -- one id, two people, in one file ------------------------------------------------------------


def test_one_id_with_another_name_and_email_in_a_file_keeps_both_and_flags_them(
    db: Database, tmp_path: Path
) -> None:
    dora = ["M-003", "Dora", "Maar", "dora@example.org", "", "", "2027-01-31"]
    report = run(db, write_csv(tmp_path / "roster.csv", [*PEOPLE, dora]))
    assert report.counts.inserted == 11 and not report.merges and not report.notes
    carl_row, dora_row = FIRST_ROW + 2, FIRST_ROW + 10
    assert sorted(flags(report)) == [carl_row, dora_row]
    assert "same member id 'M-003' as row 12" in flags(report)[carl_row]
    assert "same member id 'M-003' as row 4" in flags(report)[dora_row]
    assert "different people?" in flags(report)[dora_row]
    assert report.counts.flagged == 2
    found = people(db)
    assert found["Carl Jung"] == (["M-003"], ["carl@example.org"])  # the first row keeps the id
    assert found["Dora Maar"] == ([], ["dora@example.org"])  # kept, without the id
    again = run(db, write_csv(tmp_path / "roster.csv", [*PEOPLE, dora]))
    assert (again.counts.inserted, again.counts.updated) == (0, 0)  # nobody added twice


def test_a_name_variant_with_one_email_or_one_name_with_two_emails_still_merges(
    db: Database, tmp_path: Path
) -> None:
    married = ["M-004", "Grace", "Murray", "grace@example.org", "", "", "2027-12-31"]
    second_email = ["M-005", "Hedy", "Lamarr", "hedy@home.example", "", "", "2027-12-31"]
    report = run(db, write_csv(tmp_path / "roster.csv", [*PEOPLE, married, second_email]))
    assert report.counts.inserted == 10 and not report.issues
    assert [m.rows for m in report.merges] == [(5, 12), (6, 13)]
    # the later expiry's row wins: its e-mail is the first one, the other is kept
    assert people(db)["Hedy Lamarr"][1] == ["hedy@home.example", "hedy@example.org"]


def test_rows_flagged_once_every_row_is_read_keep_their_cells_in_a_workbook(
    db: Database, tmp_path: Path
) -> None:
    # The cells of rows flagged late are read again from the file (not kept for every row).
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Members"
    sheet.append(["Roster of November"])  # a title above the header: the header is row 2
    sheet.append(HEADER)
    dora = ["M-003", "Dora", "Maar", "dora@example.org", "", "Lyon", "2027-01-31"]
    for row in [*PEOPLE, dora]:
        sheet.append(row)
    book.save(tmp_path / "roster.xlsx")
    report = run(db, tmp_path / "roster.xlsx")
    cells = {i.row: i.cells for i in report.issues if i.result == "flagged"}
    assert sorted(cells) == [5, 13]
    assert cells[5][:3] == ("M-003", "Carl", "Jung")
    assert cells[13][:3] == ("M-003", "Dora", "Maar") and "Lyon" in cells[13]
    rejects = tmp_path / "check.xlsx"
    on_file = run_roster_import(
        db, write_csv(tmp_path / "december.csv", [dora]), TODAY, ImportOptions(rejects=rejects)
    )
    [issue] = on_file.issues
    assert issue.cells == ("M-003", "Dora", "Maar", "dora@example.org", None, "Lyon", "2027-01-31")
    assert rejects.exists()


# -- one id, two people, the other on file ------------------------------------------------------


def test_an_id_held_on_file_by_another_person_is_not_applied_to_them(
    db: Database, tmp_path: Path
) -> None:
    run(db, write_csv(tmp_path / "november.csv", PEOPLE))
    dora = ["M-003", "Dora", "Maar", "dora@example.org", "", "", "2028-01-31"]
    report = run(db, write_csv(tmp_path / "december.csv", [dora]))
    assert (report.counts.inserted, report.counts.updated, report.renewals_detected) == (1, 0, 0)
    [(row, reason)] = flags(report).items()
    assert row == FIRST_ROW and "member id 'M-003' is on file for Carl Jung" in reason
    assert "different people?" in reason
    found = people(db)
    assert found["Carl Jung"] == (["M-003"], ["carl@example.org"])  # left as he was
    assert found["Dora Maar"] == ([], ["dora@example.org"])


def test_an_id_on_file_with_a_name_variant_and_the_same_email_is_applied(
    db: Database, tmp_path: Path
) -> None:
    run(db, write_csv(tmp_path / "november.csv", PEOPLE))
    married = ["M-004", "Grace", "Murray", "grace@example.org", "", "", "2028-06-30"]
    other_email = ["M-005", "Hedy", "Lamarr", "hedy@home.example", "", "", "2028-06-30"]
    report = run(db, write_csv(tmp_path / "december.csv", [married, other_email]))
    assert (report.counts.inserted, report.counts.updated) == (0, 2) and not report.issues
    assert report.renewals_detected == 2
    assert people(db)["Grace Murray"][0] == ["M-004"]


# -- continuation rows --------------------------------------------------------------------------


def test_a_row_of_details_under_a_person_is_that_person_s(db: Database, tmp_path: Path) -> None:
    rows = [
        ["M-001", "Ada", "Lovelace", "", "", "", "2027-01-31"],
        ["", "", "", "ada@example.org", "(646) 555-0101", "London", ""],  # row 3
        ["M-002", "Alan", "Turing", "alan@example.org", "", "", "2027-02-28"],
        ["", "", "", "turing@home.example", "646 555 0102", "", ""],  # row 5: a second e-mail
    ]
    path = write_csv(tmp_path / "two rows each.csv", rows)
    report = run(db, path)
    assert (report.counts.rows_read, report.counts.inserted) == (4, 2)  # no nameless contact
    assert not report.merges  # details, not duplicates
    assert flags(report) == {
        3: "row 3 has no name: read as more contact details of the person on row 2; check "
        "that they are that person's",
        5: "row 5 has no name: read as more contact details of the person on row 4; check "
        "that they are that person's",
    }
    found = people(db)
    assert set(found) == {"Ada Lovelace", "Alan Turing"}
    assert found["Ada Lovelace"] == (["M-001"], ["ada@example.org"])
    assert found["Alan Turing"][1] == ["alan@example.org", "turing@home.example"]  # never over
    with db.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        assert ada.city == "London" and ada.membership is not None
        assert [p.e164 for p in ada.phones] == ["+16465550101"]
        alan = s.scalars(select(Person).where(Person.last_name == "Turing")).one()
        assert [(p.e164, p.is_primary) for p in alan.phones] == [("+16465550102", True)]
        assert s.scalar(select(func.count()).select_from(EmailAddress)) == 3
    again = run(db, path)  # both rows of each person unchanged: nothing read again
    assert (again.counts.inserted, again.counts.updated, again.counts.flagged) == (0, 0, 0)


def test_a_nameless_row_not_under_a_person_is_read_as_before(db: Database, tmp_path: Path) -> None:
    rows = [
        ["", "", "", "", "646 555 0199", "", ""],  # the first row: under no one
        ["M-001", "Ada", "Lovelace", "ada@example.org", "(646) 555-0101", "London", "2027-01-31"],
        ["", "", "", "", "646 555 0198", "", ""],  # only what Ada has already: a phone
        [],
        ["", "", "", "", "646 555 0197", "Paris", ""],  # under a blank row
    ]
    report = run(db, write_csv(tmp_path / "roster.csv", rows))
    rejected = {i.row: i.reason for i in report.issues if i.result == "rejected"}
    reason = "no name, organisation, member id or e-mail"
    assert rejected == {2: reason, 4: reason, 6: reason}
    assert report.counts.inserted == 1 and not flags(report)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PhoneNumber)) == 1
