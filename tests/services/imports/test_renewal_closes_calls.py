"""A roster that shows a member renewed finishes their calls still to make on renewal campaigns:
the call leaves the console, the campaign's calls to make and the next partner export, and counts
toward the goal once; undoing the import brings it back as it was. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import ROWS, write_csv
from sqlalchemy import select

from member_reach.services.calls.call_console import ConsoleCall, next_call
from member_reach.services.calls.calls import find_task
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaign_detail import campaign_tasks
from member_reach.services.campaigns.campaigns import find_campaign, list_campaigns
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.reports.reports import campaign_report
from member_reach.services.reports.success_counts import success_counts
from member_reach.store.database import Database
from member_reach.store.models import CallTask, ImportChange, Person

NOW = dt.datetime(2026, 11, 24, 15, 0)
DAY = dt.date(2026, 11, 24)


def ada_calls(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        return [
            (t.state, t.reserved_by)
            for t in s.scalars(select(CallTask).where(CallTask.person_id == ada))
        ]


def figures(db: Database) -> tuple[int, int, int, int]:
    """Successes (report, list), calls still to make, and Ada's calls in the campaign's list."""
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        report = campaign_report(s, campaign, DAY)
        [summary] = list_campaigns(s)
        ada = sum(
            1
            for t in campaign_tasks(s, campaign)
            if t.name == "Ada Lovelace" and t.state in ("open", "reserved")
        )
        return report.successes, success_counts(s).get(campaign.id, 0), summary.open_tasks, ada


def test_a_renewal_finishes_the_call_and_undo_brings_it_back(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:  # Jo holds the call to Ada; the partner has the list too
        campaign = find_campaign(s, "Winter renewals")
        reserve(s, campaign, "Jo", 1, NOW)
        sent = export_partner(s, campaign, tmp_path / "before.xlsx", NOW).rows
    assert ada_calls(campaign_db) == [("reserved", "Jo")]
    before = figures(campaign_db)
    assert before[0] == 0 and before[3] == 1
    rows = [list(r) for r in ROWS]
    ada = next(i for i, r in enumerate(rows) if r[0] == "M-001")
    rows[ada][7] = "01/31/2028"  # Ada renewed on her own: a year further
    report = run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), DAY)
    assert report.renewals_detected >= 1 and report.batch_id is not None
    assert ada_calls(campaign_db) == [("renewed", "")]
    successes, counted, still_to_make, ada_listed = figures(campaign_db)
    assert (successes, counted) == (1, 1)  # toward the goal, once
    assert still_to_make == before[2] - 1 and ada_listed == 0
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        resent = export_partner(s, campaign, tmp_path / "after.xlsx", NOW).rows
        offered = next_call(s, campaign, "Jo", NOW)
        why = s.scalars(
            select(ImportChange.after).where(
                ImportChange.batch_id == report.batch_id, ImportChange.table_name == "call_task"
            )
        ).one()
    assert resent == sent - 1  # not in the next partner export
    assert not (isinstance(offered, ConsoleCall) and offered.name == "Ada Lovelace")
    assert why["closed"] == "renewed (roster of 2026-11-24)"
    with campaign_db.session() as s:
        undo_import(s, report.batch_id)
    assert ada_calls(campaign_db) == [("reserved", "Jo")]  # exactly as it was
    assert figures(campaign_db) == before


def test_a_renewal_leaves_calls_on_other_kinds_of_campaign(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:  # the campaign becomes an event-outreach list
        s.execute(CallTask.__table__.update().values(state="open"))
        find_campaign(s, "Winter renewals").kind = "event"
    rows = [list(r) for r in ROWS]
    ada = next(i for i, r in enumerate(rows) if r[0] == "M-001")
    rows[ada][7] = "01/31/2028"
    run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), DAY)
    assert ada_calls(campaign_db) == [("open", "")]


def ada_call(db: Database) -> tuple[str, str, str, int | None]:
    """Ada's call: state, who holds it, who it is assigned to, the export it is with."""
    with db.session() as s:
        task = find_task(s, find_campaign(s, "Winter renewals"), "M-001")
        return task.state, task.reserved_by, task.assignee, task.with_export_id


def offered_to_jo(db: Database) -> str:
    with db.session() as s:
        offered = next_call(s, find_campaign(s, "Winter renewals"), "Jo", NOW)
        return offered.name if isinstance(offered, ConsoleCall) else ""


def test_a_renewal_finishes_a_call_held_and_with_a_partner(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:  # Ada's call, the best, goes to the partner
        campaign = find_campaign(s, "Winter renewals")
        given = export_to_partner(s, campaign, tmp_path / "acme.xlsx", NOW, "Acme Calls", count=1)
        # Jo holds it too (a reservation from before it went out: releases before this one
        # exported held calls), until her reservation runs out.
        ada = find_task(s, campaign, "M-001")
        ada.state, ada.reserved_by, ada.reserved_until = "reserved", "Jo", NOW + dt.timedelta(1)
    held = ("reserved", "Jo", "Acme Calls", given.export_id)
    assert ada_call(campaign_db) == held and offered_to_jo(campaign_db) == "Ada Lovelace"
    before = figures(campaign_db)
    assert before[0] == 0 and before[3] == 1
    rows = [list(r) for r in ROWS]
    rows[next(i for i, r in enumerate(rows) if r[0] == "M-001")][7] = "01/31/2028"
    report = run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), DAY)
    assert report.batch_id is not None
    assert ada_call(campaign_db)[0] == "renewed"
    assert offered_to_jo(campaign_db) not in ("", "Ada Lovelace")  # out of the console
    successes, counted, still_to_make, ada_listed = figures(campaign_db)
    assert (successes, counted) == (1, 1)  # toward the goal, once
    assert still_to_make == before[2] - 1 and ada_listed == 0  # out of the campaign's list
    with campaign_db.session() as s:  # out of the next export, the partner's own too
        campaign = find_campaign(s, "Winter renewals")
        export_partner(s, campaign, tmp_path / "next.xlsx", NOW)
        with pytest.raises(ServiceError, match="no open calls assigned to Acme Calls"):
            export_partner(s, campaign, tmp_path / "again.xlsx", NOW, assignee="Acme Calls")
        export_to_partner(s, campaign, tmp_path / "acme2.xlsx", NOW, "Acme Calls")
    for path in ("next.xlsx", "acme2.xlsx"):
        sheet = load_workbook(tmp_path / path)["Calls"]
        names = [r[2] for r in sheet.iter_rows(2, values_only=True)]
        assert names and "Ada Lovelace" not in names
    with campaign_db.session() as s:
        undo_import(s, report.batch_id)
    assert ada_call(campaign_db) == held  # as it was: held by Jo, with the partner
    assert offered_to_jo(campaign_db) == "Ada Lovelace"
    assert figures(campaign_db) == before
