"""The lists a roster import's preview and report carry besides counts: duplicates merged (and the
expiry kept), renewals (old and new expiry), members on file not in this roster, and the calls a
renewal closed (a dry run: would close). Rosters are real files; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster_files import HEADER, ROWS, write_csv
from sqlalchemy import select

from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.roster_import import RosterImportReport, run_roster_import
from member_reach.services.imports.roster_lists import (
    KEPT_LATER,
    KEPT_UNCHANGED,
    ClosedCall,
    MergedRows,
)
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Person

NOW = dt.datetime(2026, 11, 24, 15, 0)
DAY = dt.date(2026, 11, 24)
D = dt.date


def december(tmp_path: Path) -> Path:
    """Next month's roster: Ada renewed, Katherine gone, a new member on two rows."""
    rows = [list(r) for r in ROWS if r[0] != "M-006"]
    rows[0][7] = "01/31/2028"
    liskov = ["M-009", "Barbara", "Liskov", "", "barbara@example.org", "646 555 0109"]
    rows.append([*liskov, "09/01/2020", "03/31/2027", "Individual", "yes"])
    rows.append([*liskov, "09/01/2020", "03/31/2026", "Individual", "yes"])
    return write_csv(tmp_path / "december.csv", rows)


def ids(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {name: pid for pid, name in s.execute(select(Person.id, Person.last_name))}


def check_lists(report: RosterImportReport, db: Database, ada_ref: str) -> None:
    people = ids(db)
    alan, merged = report.merged_duplicates  # in file order
    assert (alan.rows, alan.name, alan.kept_row, alan.why) == (
        (5, 10),
        "Alan Turing",
        None,
        KEPT_UNCHANGED,
    )
    assert merged.rows == (12, 13) and merged.name == "Barbara Liskov"
    assert (merged.kept_row, merged.kept_expiry, merged.why) == (12, D(2027, 3, 31), KEPT_LATER)
    assert merged.other_expiries == ((13, D(2026, 3, 31)),)
    assert merged.external_id == "M-009" and merged.matched_on == "member id"
    assert (merged.person_id is None) is report.dry_run  # a new person has an id once written
    [renewal] = report.renewals
    assert (renewal.row, renewal.person_id, renewal.external_id, renewal.name) == (
        4,
        people["Lovelace"],
        "M-001",
        "Ada Lovelace",
    )
    assert (renewal.old_expiry, renewal.new_expiry) == (D(2027, 1, 31), D(2028, 1, 31))
    assert [(m.person_id, m.external_id, m.name, m.expiry) for m in report.missing_members] == [
        (people["Johnson"], "M-006", "Katherine Johnson", D(2027, 6, 30))
    ]
    assert report.absent == 1 and report.absent_shown == [
        (people["Johnson"], "Katherine Johnson", D(2027, 6, 30))
    ]
    assert report.closed_calls == [
        ClosedCall(
            4,
            people["Lovelace"],
            "Ada Lovelace",
            "Winter renewals",
            ada_ref,
            "reserved",
            reserved_by="Jo",
        )
    ]
    assert report.closed_calls[0].state_before() == "reserved by Jo"


def test_the_preview_and_the_import_list_what_they_counted(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:
        [ada_ref] = reserve(s, find_campaign(s, "Winter renewals"), "Jo", 1, NOW)
    path = december(tmp_path)
    preview = run_roster_import(campaign_db, path, DAY, ImportOptions(dry_run=True))
    check_lists(preview, campaign_db, ada_ref)
    with campaign_db.session() as s:  # the preview closed nothing
        assert s.scalars(select(CallTask.state).where(CallTask.ref == ada_ref)).one() == "reserved"
    report = run_roster_import(campaign_db, path, DAY)
    check_lists(report, campaign_db, ada_ref)
    assert report.renewals_detected == len(report.renewals)
    assert report.merged_duplicates[-1].person_id == ids(campaign_db)["Liskov"]


def test_a_member_also_flagged_do_not_call_closes_no_call_as_renewed(
    campaign_db: Database, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    header = [*HEADER, "Do Not Call"]
    rows = [[*r, "yes" if r[0] == "M-001" else ""] for r in rows]
    path = write_csv(tmp_path / "dnc.csv", rows, header)
    preview = run_roster_import(campaign_db, path, DAY, ImportOptions(dry_run=True))
    assert len(preview.renewals) == 1 and preview.closed_calls == []
    report = run_roster_import(campaign_db, path, DAY)
    assert len(report.renewals) == 1 and report.closed_calls == []
    with campaign_db.session() as s:
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        assert s.scalars(select(CallTask.state).where(CallTask.person_id == ada)).all() == [
            "closed"
        ]


def test_the_same_roster_again_lists_its_duplicates_unchanged_and_nothing_else(
    campaign_db: Database, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "same.csv", ROWS)
    for dry_run in (True, False):
        report = run_roster_import(campaign_db, path, DAY, ImportOptions(dry_run=dry_run))
        assert (report.renewals, report.closed_calls, report.missing_members) == ([], [], [])
        alan = ids(campaign_db)["Turing"]
        assert report.merged_duplicates == [  # rows not read again: merged in November
            MergedRows(
                (5, 11), "Alan Turing", "M-002", "", None, D(2027, 12, 31), (), KEPT_UNCHANGED, alan
            )  # fmt: skip
        ]


def test_a_renewal_on_a_duplicate_names_the_row_whose_expiry_won(
    campaign_db: Database, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]  # Alan is on rows 5 and 11 (ROWS[1] and ROWS[7])
    rows[1][7] = "12/31/2025"
    rows[7][7] = "12/31/2028"
    path = write_csv(tmp_path / "alan.csv", rows)
    for dry_run in (True, False):
        report = run_roster_import(campaign_db, path, DAY, ImportOptions(dry_run=dry_run))
        [merged] = report.merged_duplicates
        assert (merged.rows, merged.kept_row, merged.kept_expiry) == ((5, 11), 11, D(2028, 12, 31))
        assert merged.other_expiries == ((5, D(2025, 12, 31)),)
        [renewal] = report.renewals
        assert (renewal.row, renewal.old_expiry, renewal.new_expiry) == (
            11,
            D(2027, 12, 31),
            D(2028, 12, 31),
        )
        assert [(c.row, c.name, c.state) for c in report.closed_calls] == [
            (11, "Alan Turing", "open")
        ]
