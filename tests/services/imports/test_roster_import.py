"""Importing rosters into a real database (SQLite and PostgreSQL): counts, merges, matching,
renewals, absent members, undo, dry runs, profiles, cancel, progress, backups, rejects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import HEADER, ROWS, dump, many_rows, write_csv
from sqlalchemy import func, select

from member_reach.domain.jobs import Cancelled
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports import pipeline
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import (
    import_roster,
    run_roster_import,
)
from member_reach.store.database import Database
from member_reach.store.models import (
    CallTask,
    Campaign,
    DetectedRenewal,
    ImportBatch,
    MappingProfile,
    Membership,
    MembershipType,
    Person,
)

TODAY = dt.date(2026, 11, 23)


def run(db: Database, path: Path, **options: object) -> object:
    return run_roster_import(db, path, TODAY, ImportOptions(**options))  # type: ignore[arg-type]


def person(db: Database, last: str) -> Person:
    with db.session() as s:
        found = s.scalars(select(Person).where(Person.last_name == last)).one()
        _ = found.emails, found.phones, found.external_ids, found.membership
        if found.membership is not None:
            _ = found.membership.type
        return found


def test_first_import_counts_every_row(db: Database, tmp_path: Path) -> None:
    report = run(db, write_csv(tmp_path / "roster.csv", ROWS))
    assert report.header_row == 3
    # the title, blank rows and footer are structure, not people
    assert report.counts.rows_read == 9
    assert report.structural == {"blank row": 1, "totals or footer": 1}  # under the header
    assert report.counts.rejected == 1
    assert [i.row for i in report.issues if i.result == "rejected"] == [10]
    assert report.counts.inserted == 7  # 9 rows - 1 rejected - 1 duplicate merged
    assert (report.counts.updated, report.counts.unchanged, report.renewals_detected) == (0, 0, 0)
    assert report.non_members == 1
    assert report.new_membership_types == ["Individual", "Corporate", "Life Member"]
    flagged = {i.row: i.reason for i in report.issues if i.result == "flagged"}
    assert list(flagged) == [9]
    assert "'Member Since'" in flagged[9] and "13/13/2013" in flagged[9]
    [merge] = report.merges
    assert merge.rows == (5, 11) and merge.matched_on == "member id"
    assert "expiry 2027-12-31 (row 11) kept over 2026-12-31 (row 5)" in merge.describe()
    assert report.batch_id is not None and report.profile == "Columns of roster.csv"


def test_first_import_writes_people_memberships_and_contacts(db: Database, tmp_path: Path) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    alan = person(db, "Turing")
    assert alan.membership is not None and alan.membership.term_end == dt.date(2027, 12, 31)
    # The row with the latest expiry wins; its twin's address is the same one.
    assert [e.address for e in alan.emails] == ["Alan@example.org"]
    assert [(p.e164, p.is_primary) for p in alan.phones] == [("+16465550102", True)]
    assert [(x.source, x.value) for x in alan.external_ids] == [("roster", "M-002")]
    hedy = person(db, "Lamarr")
    assert hedy.membership is None  # "Member: no" is a contact, not an error
    katherine = person(db, "Johnson")
    assert katherine.membership is not None and katherine.membership.join_date is None
    assert katherine.membership.term_end == dt.date(2027, 6, 30)
    edsger = person(db, "Dijkstra")
    assert edsger.membership is not None and edsger.membership.type is not None
    assert (edsger.membership.type.period_kind, edsger.membership.type.term_months) == (
        "lifetime",
        None,
    )
    with db.session() as s:
        acme = s.scalars(select(Person).where(Person.organisation == "Acme Widgets Inc")).one()
        assert acme.is_organisation and acme.display_name == "Acme Widgets Inc"
        assert s.scalar(select(func.count()).select_from(Person)) == 7


def test_reimporting_the_same_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    run(db, path)
    with db.session() as s:
        before = dump(s)
    again = run(db, path)
    assert (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, 7)
    assert again.renewals_detected == 0 and again.absent == 0
    assert again.profile == "Columns of roster.csv"  # the saved mapping was found and used
    with db.session() as s:
        assert dump(s) == before


def test_next_month_detects_renewals_changes_and_absent_members(
    db: Database, tmp_path: Path
) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    rows = [list(r) for r in ROWS if r[0] != "M-006"]  # Katherine left the roster
    rows[0][7] = "01/31/2028"  # Ada renewed
    rows[2][4] = "grace.hopper@example.org"  # Grace's new address: matched on her member id
    rows[1][5] = "(646) 555-0177"  # Alan has a second phone
    rows[2][7] = "11/30/2025"  # Grace's expiry moved back (a correction in the AMS)
    report = run(db, write_csv(tmp_path / "december.csv", rows))
    assert report.counts.inserted == 0
    assert report.counts.updated == 3 and report.counts.unchanged == 3
    assert report.renewals_detected == 1 and report.expiry_moved_back == 1
    assert report.absent == 1
    assert [name for _, name, _ in report.absent_shown] == ["Katherine Johnson"]
    with db.session() as s:
        renewal = s.scalars(select(DetectedRenewal)).one()
        assert (renewal.old_term_end, renewal.new_term_end) == (
            dt.date(2027, 1, 31),
            dt.date(2028, 1, 31),
        )
        assert renewal.import_batch_id == report.batch_id and renewal.detected_on == TODAY
    grace = person(db, "Hopper")
    assert sorted(e.address for e in grace.emails) == [
        "GRACE@example.org",
        "grace.hopper@example.org",
    ]
    assert [e.is_primary for e in grace.emails] == [True, False]
    assert person(db, "Johnson").membership is not None  # reported, never deleted


def test_matching_against_the_database_by_email_then_name_and_phone(
    db: Database, tmp_path: Path
) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    header = ["First Name", "Last Name", "E-mail Address", "Phone", "Expiration Date"]
    rows = [
        ["Ada", "Lovelace", "ADA@EXAMPLE.ORG", "", "2028-01-31"],  # e-mail, any case
        ["Alan", "Turing", "", "+1 (646) 555-0102", "2028-12-31"],  # name and phone
        ["Alan", "Turing", "", "+1 646 555 0999", ""],  # same name, another phone: new person
    ]
    report = run(db, write_csv(tmp_path / "other.csv", rows, header))
    assert (report.counts.inserted, report.counts.updated) == (1, 2)
    assert report.renewals_detected == 2
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Person.last_name == "Turing")) == 2


def test_different_member_ids_are_different_people_even_with_one_email(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        ["H-1", "Pierre", "Curie", "", "curie@example.org", "", "", "", "", "yes"],
        ["H-2", "Marie", "Curie", "", "curie@example.org", "", "", "", "", "yes"],
    ]
    report = run(db, write_csv(tmp_path / "household.csv", rows))
    assert report.counts.inserted == 2 and not report.merges


def test_dry_run_reports_everything_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    report = run(db, write_csv(tmp_path / "roster.csv", ROWS), dry_run=True)
    assert report.counts.inserted == 7 and report.dry_run and report.batch_id is None
    assert report.backup == ""
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert s.scalar(select(func.count()).select_from(MappingProfile)) == 0
        assert s.scalar(select(func.count()).select_from(MembershipType)) == 0


def test_undo_restores_the_database_exactly(db: Database, tmp_path: Path) -> None:
    first = run(db, write_csv(tmp_path / "roster.csv", ROWS))
    with db.session() as s:
        after_first = dump(s)
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    rows[1][5] = "(646) 555-0177"
    rows[2][4] = "grace.hopper@example.org"
    rows[4][9] = "yes"  # Hedy joins: a membership is added to a contact
    rows[4][7] = "12/31/2027"
    rows[1][3] = "Bletchley Park"
    rows.append(
        ["M-009", "Barbara", "Liskov", "", "barbara@example.org", "", "", "", "Fellow", "yes"]
    )
    second = run(db, write_csv(tmp_path / "december.csv", rows))
    assert (
        second.counts.updated == 4 and second.counts.inserted == 1 and second.renewals_detected == 1
    )
    with db.session() as s:
        assert dump(s) != after_first
        with pytest.raises(ServiceError, match=f"undo import {second.batch_id} first"):
            undo_import(s, first.batch_id)
    with db.session() as s:
        undone = undo_import(s, second.batch_id)
    assert (undone.people_removed, undone.people_restored, undone.renewals_removed) == (1, 4, 1)
    with db.session() as s:
        assert dump(s) == after_first
        with pytest.raises(ServiceError, match="already undone"):
            undo_import(s, second.batch_id)
    with db.session() as s:
        undo_import(s, first.batch_id)
    with db.session() as s:
        assert all(not rows for rows in dump(s).values())


def test_undo_refused_once_added_people_have_calls(db: Database, tmp_path: Path) -> None:
    report = run(db, write_csv(tmp_path / "roster.csv", ROWS))
    with db.session() as s:
        campaign = Campaign(name="Renewals December", kind="renewal")
        s.add(campaign)
        s.flush()
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        s.add(CallTask(campaign_id=campaign.id, person_id=ada.id, ref="T-1"))
    with db.session() as s, pytest.raises(ServiceError, match="1 of the people it added"):
        undo_import(s, report.batch_id)


def test_unknown_batch_cannot_be_undone(db: Database) -> None:
    with (
        db.session() as s,
        pytest.raises(ServiceError, match="no roster, attendee or outcomes import"),
    ):
        undo_import(s, 42)


def test_explicit_date_order_beats_the_saved_profile(db: Database, tmp_path: Path) -> None:
    header = ["Member ID", "Name", "Email", "Paid Thru"]
    path = write_csv(
        tmp_path / "roster.csv", [["A1", "Ada Lovelace", "a@example.org", "03/04/2027"]], header
    )
    first = run(db, path, date_order="dmy")
    assert first.date_orders == {"Paid Thru": "dmy"}
    assert person(db, "Lovelace").membership.term_end == dt.date(2027, 4, 3)
    with db.session() as s:
        assert s.scalars(select(MappingProfile)).one().date_order == "dmy"
    # Next month, same columns, no --date-order: the profile's order is used ...
    again = run(db, path, dry_run=True)
    assert again.date_orders == {"Paid Thru": "dmy"} and again.profile == "Columns of roster.csv"
    # ... and an explicit order beats it (CiviCRM gets this the wrong way round).
    explicit = run(db, path, date_order="mdy")
    assert explicit.date_orders == {"Paid Thru": "mdy"} and explicit.counts.updated == 1
    assert person(db, "Lovelace").membership.term_end == dt.date(2027, 3, 4)


def test_a_named_profile_maps_columns_auto_mapping_cannot(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        s.add(
            MappingProfile(
                name="Chapter export",
                header_fingerprint="-",
                mapping={"Ref": "external_id", "Who": "full_name", "Until": "term_end"},
                date_order="",
            )
        )
    path = write_csv(
        tmp_path / "odd.csv", [["77", "Ada Lovelace", "2027-01-31"]], ["Ref", "Who", "Until"]
    )
    with pytest.raises(
        ServiceError, match=r"odd\.csv, row 3 \(the header\): no column holds a name"
    ):
        run(db, path)
    report = run(db, path, profile="Chapter export")
    assert report.counts.inserted == 1 and report.profile == "Chapter export"
    with db.session() as s:
        saved = s.scalars(select(MappingProfile)).one()
        assert saved.header_fingerprint != "-"  # found by these columns next month
    assert run(db, path, dry_run=True).profile == "Chapter export"


def test_cancel_leaves_the_database_untouched(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", many_rows(2_500))
    calls: list[tuple[int, int]] = []

    def cancel_after_the_first_report(done: int, total: int) -> None:
        if calls:
            raise Cancelled
        calls.append((done, total))

    with pytest.raises(Cancelled):
        run_roster_import(db, path, TODAY, progress=cancel_after_the_first_report)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_rows_after_the_date_sample_are_read_too(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "SAMPLE_ROWS", 3)
    report = run(db, write_csv(tmp_path / "roster.csv", ROWS))
    assert report.counts.rows_read == 9 and report.counts.inserted == 7


def test_progress_reports_rows_done_of_total(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", many_rows(2_500))
    calls: list[tuple[int, int]] = []
    report = run_roster_import(db, path, TODAY, progress=lambda d, t: calls.append((d, t)))
    assert report.counts.inserted == 2_500
    assert all(0 <= d <= t for d, t in calls) and calls[0][1] >= 2_500
    assert calls[-1][0] == calls[-1][1]  # ends full


def test_sqlite_is_backed_up_before_each_import_keeping_five(tmp_path: Path) -> None:
    from member_reach.store.database import open_database

    database = open_database(tmp_path / "assoc.sqlite3")
    try:
        path = write_csv(tmp_path / "roster.csv", ROWS)
        backups = [Path(run(database, path).backup) for _ in range(7)]
    finally:
        database.close()
    kept = sorted((tmp_path / "backups").glob("assoc-before-import-*.sqlite3"))
    assert kept == sorted(backups[-5:]) and len(set(backups)) == 7
    check = open_database(kept[0], create=False)
    try:
        with check.session() as s:  # the backup holds the state before the 3rd import
            assert s.scalar(select(func.count()).select_from(Person)) == 7
            assert s.scalar(select(func.count()).select_from(ImportBatch)) == 2
    finally:
        check.close()


def test_a_refused_cancelled_or_dry_run_import_keeps_no_backup(tmp_path: Path) -> None:
    """The backup is copied while the file is read: one the import never wrote after goes."""
    from member_reach.store.database import open_database

    database = open_database(tmp_path / "assoc.sqlite3")
    refused = write_csv(tmp_path / "odd.csv", [["77", "2027-01-31"]], ["Ref", "Until"])
    big = write_csv(tmp_path / "big.csv", many_rows(2_500))

    def cancel(done: int, total: int) -> None:
        if done:
            raise Cancelled

    try:
        with pytest.raises(ServiceError, match="no column holds a name"):
            run(database, refused)
        with pytest.raises(Cancelled):
            run_roster_import(database, big, TODAY, progress=cancel)
        assert run(database, big, dry_run=True).backup == ""
        assert list((tmp_path / "backups").glob("*")) == []
        first = Path(run(database, big).backup)
        second = Path(run(database, big).backup)
    finally:
        database.close()
    assert sorted((tmp_path / "backups").glob("*")) == [first, second]
    for backup, people in ((first, 0), (second, 2_500)):  # each: the state the import found
        check = open_database(backup, create=False)
        try:
            with check.session() as s:
                assert s.scalar(select(func.count()).select_from(Person)) == people
        finally:
            check.close()


def test_rejects_workbook_holds_original_cells_and_reasons(db: Database, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[6][5] = '=HYPERLINK("http://x")'  # the rejected row: a formula must not come alive
    out = tmp_path / "rows to check.xlsx"
    report = run(db, write_csv(tmp_path / "roster.csv", rows), rejects=out)
    assert report.rejects_file == str(out)
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Row", "Result", "Reason", *HEADER]
    by_row = {v[0]: v for v in values[1:]}
    assert set(by_row) == {9, 10}
    assert by_row[10][1] == "rejected" and "no name" in by_row[10][2]
    assert by_row[10][3 + 5] == '\'=HYPERLINK("http://x")'
    assert by_row[9][1] == "flagged" and by_row[9][3 + 6] == "13/13/2013"
    assert sheet["I10"].data_type != "f"


def test_a_membership_type_created_by_an_undone_import_goes(db: Database, tmp_path: Path) -> None:
    report = run(db, write_csv(tmp_path / "roster.csv", ROWS))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MembershipType)) == 3
        undo_import(s, report.batch_id)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MembershipType)) == 0
        assert s.scalar(select(func.count()).select_from(Membership)) == 0


def test_a_roster_that_cannot_be_read_is_one_line(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(b"Member ID,Name\n1,Ada\x00 Lovelace\n")
    with pytest.raises(ServiceError) as caught:
        run(db, path)
    assert "members.csv" in str(caught.value) and "\n" not in str(caught.value)


def test_import_within_a_session_can_be_rolled_back(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    with db.sessions() as s:
        import_roster(s, path, TODAY)
        assert s.scalar(select(func.count()).select_from(Person)) == 7
        s.rollback()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_unchanged_rows_are_skipped_and_app_edits_kept(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ROWS)
    run(db, path)
    with db.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        ada.job_title = "Countess"  # edited in the app since
        ada.first_name = "Augusta Ada"
    again = run(db, path)
    # The flagged row (9) is read again so that its doubt is reported again.
    assert again.rows_unchanged_since_last_import == 7
    assert [i.row for i in again.issues] == [9, 10]
    assert (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, 7)
    ada = person(db, "Lovelace")
    assert (ada.first_name, ada.job_title) == ("Augusta Ada", "Countess")


def test_a_changed_row_is_read_and_the_rest_skipped(db: Database, tmp_path: Path) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    report = run(db, write_csv(tmp_path / "december.csv", rows))
    assert report.rows_unchanged_since_last_import == 6
    assert (report.counts.updated, report.counts.unchanged, report.renewals_detected) == (1, 6, 1)


def test_an_older_file_again_is_read_not_skipped(db: Database, tmp_path: Path) -> None:
    november = write_csv(tmp_path / "november.csv", ROWS)
    run(db, november)
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    run(db, write_csv(tmp_path / "december.csv", rows))
    back = run(db, november)  # Ada's november row is no longer her latest
    assert back.counts.updated == 1 and back.expiry_moved_back == 1
    assert person(db, "Lovelace").membership.term_end == dt.date(2027, 1, 31)


def test_after_undo_the_undone_file_is_read_again(db: Database, tmp_path: Path) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    december = write_csv(tmp_path / "december.csv", rows)
    first = run(db, december)
    with db.session() as s:
        undo_import(s, first.batch_id)
    again = run(db, december)
    assert (again.counts.updated, again.renewals_detected) == (1, 1)


def test_a_twin_row_changed_keeps_the_later_expiry_of_the_unchanged_one(
    db: Database, tmp_path: Path
) -> None:
    run(db, write_csv(tmp_path / "roster.csv", ROWS))
    rows = [list(r) for r in ROWS]
    rows[1][5] = "(646) 555-0177"  # Alan's older row (expiry 2026) gets a new phone
    report = run(db, write_csv(tmp_path / "december.csv", rows))
    assert report.rows_unchanged_since_last_import == 6  # his later row (2027) among them
    alan = person(db, "Turing")
    assert alan.membership.term_end == dt.date(2027, 12, 31)
    assert sorted(p.e164 for p in alan.phones) == ["+16465550102", "+16465550177"]
    assert report.expiry_moved_back == 0 and report.counts.updated == 1


NPSP = Path(__file__).parents[2] / "data" / "sheets" / "upstream" / "npsp"


def test_the_salesforce_npsp_template_imports_under_its_two_header_rows(
    db: Database, tmp_path: Path
) -> None:
    """The real NPSP import template (labels, then API names), filled as a director would."""
    template = (NPSP / "NPSP_Data_Import_Template_csv.csv").read_text(encoding="utf-8")
    labels = template.splitlines()[4].split(",")
    rows = []
    for values in (
        {
            "Contact1 First Name": "Ada",
            "Contact1 Last Name": "Lovelace",
            "Contact1 Personal Email": "ada@example.org",
            "Contact1 Home Phone": "(646) 555-0101",
            "Account1 Name": "Analytical Engines",
            "Donation Membership End Date": "1/31/2027",
            "Contact2 First Name": "William",
            "Contact2 Personal Email": "william@example.org",
        },
        {
            "Contact1 First Name": "Alan",
            "Contact1 Last Name": "Turing",
            "Contact1 Work Email": "alan@example.org",
            "Donation Membership End Date": "12/31/2026",
        },
    ):
        rows.append(",".join(values.get(label, "") for label in labels))
    path = tmp_path / "npsp.csv"
    path.write_text(template.rstrip("\r\n") + "\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    report = run(db, path)
    assert report.header_row == 5 and report.counts.inserted == 2 and report.counts.rejected == 0
    assert "'Donation Membership End Date' → Expiry" in report.mapping
    ada = person(db, "Lovelace")
    assert [e.address for e in ada.emails] == ["ada@example.org"]  # not William's
    assert ada.organisation == "Analytical Engines"
    assert ada.membership is not None and ada.membership.term_end == dt.date(2027, 1, 31)
    assert [e.address for e in person(db, "Turing").emails] == ["alan@example.org"]


def test_cancel_while_writing_leaves_the_database_untouched(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", many_rows(4_500))
    calls: list[tuple[int, int]] = []

    def cancel_once_writing(done: int, total: int) -> None:  # reading fills the first half
        if calls and calls[-1][0] > calls[-1][1] // 2:
            raise Cancelled
        calls.append((done, total))

    with pytest.raises(Cancelled):
        run_roster_import(db, path, TODAY, progress=cancel_once_writing)
    assert any(d > t // 2 for d, t in calls)  # it did start writing
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_roster_status_that_contradicts_the_derived_one_is_visible(
    db: Database, tmp_path: Path
) -> None:
    from member_reach.services.members.members import MemberFilter, list_members

    header = ["Member ID", "Name", "Email", "Paid Thru", "Status"]
    rows = [
        ["A1", "Ada Lovelace", "ada@example.org", "2027-01-31", "Active"],
        ["A2", "Alan Turing", "alan@example.org", "2024-01-31", "Active"],  # lapsed long ago
        ["A3", "Grace Hopper", "grace@example.org", "2024-01-31", "Expired"],
    ]
    run(db, write_csv(tmp_path / "roster.csv", rows, header))
    with db.session() as s:
        members = {m.name: m for m in list_members(s, TODAY, MemberFilter())}
    assert members["Alan Turing"].status == "lapsed" and members["Alan Turing"].status_disagrees
    assert members["Alan Turing"].roster_status == "Active"
    assert not members["Ada Lovelace"].status_disagrees
    assert not members["Grace Hopper"].status_disagrees


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("+44 20 7946 0000", "+44 20 7946 0000"),  # a phone stays dialable
        ("+16465550100", "+16465550100"),
        ("Ada", "Ada"),
    ],
)
def test_neutralise(value: str, written: str) -> None:
    from member_reach.sheets.issues_writer import neutralise

    assert neutralise(value) == written
