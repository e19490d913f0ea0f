"""A worked file's outcome is applied once: sent again with edited notes, re-saved as CSV with a
note turned into ``Err:509``, or with one Ref on two rows, each doubt is reported, not applied.
On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from member_reach.store.database import Database
from member_reach.store.models import CallLog
from tests.services.exchange.test_exchange_import import apply, fill, refs, state


def _logs(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(CallLog)) or 0


def test_a_notes_edit_sent_again_is_a_conflict_not_a_second_call(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    ada = ids["Ada Lovelace"]
    first = fill(exported, tmp_path / "worked.xlsx", {ada: {"Outcome": "voicemail"}})
    assert apply(campaign_db, first).count("applied") == 1
    again = fill(first, tmp_path / "worked2.xlsx", {ada: {"Notes": "left a message"}})
    report = apply(campaign_db, again)
    [row] = [r for r in report.results if r.ref == ada]
    assert row.result == "conflict" and report.count("applied") == 0
    assert "already applied on 2026-11-24 from worked.xlsx" in row.reason
    assert "differs in its notes" in row.reason and "left a message" not in row.reason
    assert _logs(campaign_db) == 1 and state(campaign_db, ada) == ("open", 1)
    assert apply(campaign_db, first).count("unchanged") == 5  # the file as applied: unchanged


def test_a_csv_re_save_that_breaks_a_note_is_not_applied_again(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    ada = ids["Ada Lovelace"]
    worked = fill(
        exported, tmp_path / "worked.xlsx", {ada: {"Outcome": "voicemail", "Notes": "-- busy"}}
    )
    assert apply(campaign_db, worked).count("applied") == 1
    rows = CalamineWorkbook.from_path(str(worked)).get_sheet_by_name("Calls").to_python()
    notes = rows[0].index("Notes")
    for row in rows[1:]:
        if row[0] == ada:
            row[notes] = "Err:509"  # LibreOffice read '-- busy' as a formula
    path = tmp_path / "worked.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    report = apply(campaign_db, path)
    [row] = [r for r in report.results if r.ref == ada]
    assert row.result == "conflict" and "not applied again" in row.reason
    assert _logs(campaign_db) == 1


def test_two_rows_with_one_ref_are_both_reported_and_neither_applied(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    ada = ids["Ada Lovelace"]
    book = load_workbook(fill(exported, tmp_path / "w.xlsx", {ada: {"Outcome": "renewed"}}))
    sheet = book["Calls"]
    [copy] = [[c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value == ada]
    copy[[c.value for c in sheet[1]].index("Outcome")] = "declined"
    sheet.append(copy)
    path = tmp_path / "w2.xlsx"
    book.save(path)
    report = apply(campaign_db, path)
    rows = [r for r in report.results if r.ref == ada]
    assert [r.result for r in rows] == ["conflict", "conflict"]
    assert all("none of these rows is applied" in r.reason for r in rows)
    assert _logs(campaign_db) == 0 and state(campaign_db, ada) == ("open", 0)
