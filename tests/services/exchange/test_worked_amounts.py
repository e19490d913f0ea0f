"""The partner workbook's Amount column: dues paid with a success, or pledged with a positive
outcome, typed as people type money in Excel or LibreOffice; a bad amount, or one on another
outcome, is one row's rejection naming file, sheet, row and column. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.reports.reports import campaign_report
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask

NOW = dt.datetime(2026, 11, 24, 15, 0)


def refs(path: Path) -> dict[str, str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Calls").to_python()
    return {r[2]: r[0] for r in rows[1:]}


def fill(path: Path, out: Path, changes: dict[str, dict[str, object]]) -> Path:
    """Fill the Calls sheet as a partner would: by Ref, heading -> value."""
    book = load_workbook(path)
    sheet = book["Calls"]
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for heading, value in changes.get(row[0].value, {}).items():
            row[headings.index(heading)].value = value
    book.save(out)
    return out


def amounts(db: Database) -> dict[str, Decimal | None]:
    with db.session() as s:
        rows = s.execute(
            select(CallTask.ref, CallLog.amount_promised).join(
                CallTask, CallTask.id == CallLog.task_id
            )
        )
        return dict(rows.all())


def test_amounts_typed_every_way_are_logged(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    book = load_workbook(exported)
    headings = [c.value for c in book["Calls"][1]]
    assert headings[headings.index("Outcome") + 1] == "Amount"
    column = chr(ord("A") + headings.index("Amount"))
    assert book["Calls"].column_dimensions[column].number_format == "#,##0.00"
    assert "Amount" not in [c.value for c in book["New contacts"][1]]  # no call to log it on
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "worked.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "renewed", "Amount": "$1,234.50"},
            ids["Alan Turing"]: {"Outcome": "promised", "Amount": 195},
            ids["Grace Hopper"]: {"Outcome": "interested", "Amount": "1.234,50 €"},  # hand-off
            ids["Katherine Johnson"]: {"Outcome": "renewed"},  # no amount: none recorded
        },
    )
    report = run_outcomes_import(campaign_db, worked, NOW)
    assert report.count("applied") == 4 and report.count("rejected") == 0
    assert amounts(campaign_db) == {
        ids["Ada Lovelace"]: Decimal("1234.50"),
        ids["Alan Turing"]: Decimal("195.00"),
        ids["Grace Hopper"]: Decimal("1234.50"),
        ids["Katherine Johnson"]: None,
    }
    with campaign_db.session() as s:
        revenue = campaign_report(s, find_campaign(s, "Winter renewals"), NOW.date()).revenue
    assert (revenue.paid, revenue.pledged) == (Decimal("1234.50"), Decimal("1429.50"))
    assert report.batch_id is not None
    with campaign_db.session() as s:  # undoing the file takes its amounts away
        undo_import(s, report.batch_id)
    assert amounts(campaign_db) == {}


def test_a_bad_amount_or_one_on_another_outcome_is_one_rows_rejection(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "worked.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "renewed", "Amount": "twelve"},
            ids["Alan Turing"]: {"Outcome": "voicemail", "Amount": "20"},
            ids["Grace Hopper"]: {"Outcome": "declined", "Amount": 50},
            ids["Katherine Johnson"]: {"Amount": 95},  # and no outcome
            ids["Acme Widgets Inc"]: {"Outcome": "renewed", "Amount": "1e5"},
        },
    )
    report = run_outcomes_import(campaign_db, worked, NOW)
    assert report.count("rejected") == 5 and report.count("applied") == 0
    reasons = {r.ref: (r.row, r.reason) for r in report.results}
    where = "column 'Amount' of the Calls sheet of worked.xlsx"
    assert reasons[ids["Ada Lovelace"]][1] == (
        f"{where}: 'twelve' is not an amount; the row was not applied"
    )
    assert reasons[ids["Alan Turing"]][1] == (
        f"{where}: an amount goes with a success or positive outcome (dues paid or pledged); "
        "'voicemail' is neutral; the row was not applied"
    )
    assert "'declined' is negative" in reasons[ids["Grace Hopper"]][1]
    assert reasons[ids["Katherine Johnson"]][1] == (
        "notes, a callback or an amount but no outcome: choose one"
    )
    assert "'1e5' is not an amount" in reasons[ids["Acme Widgets Inc"]][1]
    assert all(row >= 2 for row, _ in reasons.values())  # each names its row
    assert amounts(campaign_db) == {}  # nothing of those rows applied


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("MEMBER_REACH_REQUIRE_PG"),
    reason="LibreOffice is not installed",
)
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_amounts_in_a_file_saved_by_libreoffice(
    campaign_db: Database, exported: Path, tmp_path: Path, kind: str
) -> None:
    """The partner typed the amounts and saved the file in LibreOffice (or downloaded the
    Calls sheet as CSV): number cells with the column's format, and text as typed."""
    ids = refs(exported)
    typed = fill(
        exported,
        tmp_path / "typed.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "renewed", "Amount": 1234.5},
            ids["Alan Turing"]: {"Outcome": "promised", "Amount": "1.234,50 €"},
        },
    )
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", kind, "--outdir", str(out), str(typed)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    report = run_outcomes_import(campaign_db, out / f"typed.{kind}", NOW)
    assert report.count("applied") == 2 and report.count("rejected") == 0
    assert amounts(campaign_db) == {
        ids["Ada Lovelace"]: Decimal("1234.50"),
        ids["Alan Turing"]: Decimal("1234.50"),
    }
