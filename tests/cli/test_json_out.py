"""The command line's JSON of each typed result (cli/json_out.py): names, order, value formats."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from member_reach.cli.json_out import as_json
from member_reach.domain.column_guesses import Confidence
from member_reach.domain.columns import Field
from member_reach.domain.roster_merge import Merge
from member_reach.services.calls.calls import LoggedCall
from member_reach.services.calls.outcome_writing import RowResult
from member_reach.services.campaigns.campaign_detail import CampaignDetail, CodeLine, TaskLine
from member_reach.services.campaigns.campaigns import CampaignSummary, CreatedCampaign
from member_reach.services.exchange.exchange_export import ExportResult
from member_reach.services.exchange.exchange_import import OutcomesReport
from member_reach.services.imports.event_import import EventImportReport
from member_reach.services.imports.import_types import ImportCounts, RowIssue
from member_reach.services.imports.import_undo import UndoReport
from member_reach.services.imports.pipeline_types import ColumnNote
from member_reach.services.imports.roster_import import RosterImportReport
from member_reach.services.imports.roster_lists import (
    ClosedCall,
    MergedRows,
    MissingMember,
    RenewalLine,
)
from member_reach.services.members.members import MemberRow
from member_reach.services.reports.daily import DayTotal
from member_reach.services.reports.reports import (
    CallerFigures,
    CampaignReport,
    Goal,
    MonthRetention,
    TaskCounts,
)
from member_reach.services.reports.revenue import Revenue

D = dt.date


def printed(value: dict[str, Any]) -> str:
    """The line the command line prints for ``value``."""
    return json.dumps(value, ensure_ascii=False, default=str)


def test_a_result_the_command_line_does_not_print_is_refused() -> None:
    with pytest.raises(TypeError, match="prints no date as JSON"):
        as_json(D(2026, 1, 1))


# Campaigns


def test_created_campaign() -> None:
    created = CreatedCampaign(7, "December", 50, 3, {"do_not_call": 2, "no_phone": 0}, 5)
    assert printed(as_json(created)) == (
        '{"campaign_id": 7, "name": "December", "tasks": 50, "over_capacity": 3, '
        '"excluded": {"do_not_call": 2, "no_phone": 0}, "control": 5}'
    )


def test_campaign_summary_dates_as_text_and_none_as_null() -> None:
    window = (D(2026, 11, 23), None)
    summary = CampaignSummary(2, "Prospects", "prospect", "active", *window, None, 4, 1)
    assert printed(as_json(summary)) == (
        '{"campaign_id": 2, "name": "Prospects", "kind": "prospect", "status": "active", '
        '"window_start": "2026-11-23", "window_end": null, "goal": null, "open_tasks": 4, '
        '"done_tasks": 1}'
    )


TASK = TaskLine(
    member_id=5,
    external_id="M-5",
    name="Ada Lovelace",
    email="",
    phone="+16465550101",
    priority=61.5,
    reason="Renews by 31 Dec",
    state="reserved",
    ref="C1-00001",
    assignee="",
    reserved_by="Ann",
    time_zone="America/New_York",
    callable_now=True,
)


def test_task_line() -> None:
    assert printed(as_json(TASK)) == (
        '{"member_id": 5, "external_id": "M-5", "name": "Ada Lovelace", "email": "", '
        '"phone": "+16465550101", "priority": 61.5, "reason": "Renews by 31 Dec", '
        '"state": "reserved", "ref": "C1-00001", "assignee": "", "reserved_by": "Ann", '
        '"time_zone": "America/New_York", "callable_now": true, "with_partner": false}'
    )


def test_code_line() -> None:
    code = CodeLine("no_answer", "No answer", "neutral", False)
    assert as_json(code) == {
        "code": "no_answer",
        "label": "No answer",
        "category": "neutral",
        "answered": False,
    }


def test_campaign_detail_amount_as_text_and_codes_and_tasks_nested() -> None:
    detail = CampaignDetail(
        campaign_id=1,
        name="December",
        kind="renewal",
        status="active",
        window_start=D(2026, 12, 1),
        window_end=D(2026, 12, 31),
        goal_count=30,
        goal_revenue=Decimal("6000.00"),
        deadline=D(2026, 12, 20),
        why_it_matters="Dues fund the journal",
        talking_points="Thank them",
        faq="",
        handoff_owner="Maya",
        outcome_codes=(CodeLine("renewed", "Renewed on the call", "success", True),),
        tasks=(TASK,),
    )
    payload = as_json(detail)
    assert list(payload) == [
        "campaign_id",
        "name",
        "kind",
        "status",
        "window_start",
        "window_end",
        "goal",
        "goal_revenue",
        "deadline",
        "why_it_matters",
        "talking_points",
        "faq",
        "handoff_owner",
        "outcome_codes",
        "tasks",
    ]
    assert (payload["window_start"], payload["window_end"], payload["deadline"]) == (
        "2026-12-01",
        "2026-12-31",
        "2026-12-20",
    )
    assert payload["goal"] == 30 and payload["goal_revenue"] == "6000.00"
    assert payload["outcome_codes"] == [as_json(detail.outcome_codes[0])]
    assert payload["tasks"] == [as_json(TASK)]
    bare = as_json(CampaignDetail(**{**vars(detail), "goal_revenue": None, "deadline": None}))
    assert (bare["goal_revenue"], bare["deadline"]) == (None, None)


# A campaign's figures


def test_task_counts_goal_caller_and_day() -> None:
    assert printed(as_json(TaskCounts(2, 3, 0, 5))) == (
        '{"open": 2, "done": 3, "closed": 0, "total": 5}'
    )
    goal = Goal(4, D(2026, 12, 31), 2, 0.5, 2, 35, 0.06)
    assert printed(as_json(goal)) == (
        '{"target": 4, "deadline": "2026-12-31", "achieved": 2, "progress": 0.5, '
        '"remaining": 2, "days_left": 35, "pace_needed_per_day": 0.06}'
    )
    no_goal = Goal(None, None, 1, None, None, 0, None)
    assert printed(as_json(no_goal)) == (
        '{"target": null, "deadline": null, "achieved": 1, "progress": null, '
        '"remaining": null, "days_left": 0, "pace_needed_per_day": null}'
    )
    assert printed(as_json(CallerFigures("(not given)", 2, 1, 0, None))) == (
        '{"caller": "(not given)", "calls": 2, "conversations": 1, "successes": 0, '
        '"conversations_per_success": null}'
    )
    assert printed(as_json(DayTotal(D(2026, 11, 24), 3, 2, 1, 0.5))) == (
        '{"date": "2026-11-24", "successes": 3, "by_calls": 2, "by_renewals": 1, "pace": 0.5}'
    )


def test_campaign_report() -> None:
    report = CampaignReport(
        campaign_id=1,
        name="Pinned",
        today=D(2026, 11, 23),
        tasks=TaskCounts(2, 3, 0, 5),
        goal=Goal(3, D(2026, 12, 20), 1, 0.3333, 2, 28, 0.07),
        start=D(2026, 11, 22),
        successes=1,
        successes_by_calls=1,
        successes_by_renewals=0,
        renewals_detected=0,
        renewals_after_a_call=0,
        calls=4,
        conversations=3,
        conversations_per_success=3.0,
        outcomes={"success": 1, "neutral": 1, "positive": 2},
        promised=Decimal("292.50"),
        callers=(CallerFigures("Ann", 1, 1, 1, 1.0),),
        daily=(DayTotal(D(2026, 11, 22), 0, 0, 0, 0.1), DayTotal(D(2026, 11, 23), 1, 1, 0, 0.21)),
        revenue=Revenue(
            Decimal("600.00"),
            Decimal("195.00"),
            Decimal("195.00"),
            Decimal("0.00"),
            Decimal("97.50"),
            0.325,
            Decimal("405.00"),
            Decimal("14.46"),
        ),
    )
    assert printed(as_json(report)) == (
        '{"campaign_id": 1, "name": "Pinned", "today": "2026-11-23", '
        '"tasks": {"open": 2, "done": 3, "closed": 0, "total": 5}, '
        '"goal": {"target": 3, "deadline": "2026-12-20", "achieved": 1, "progress": 0.3333, '
        '"remaining": 2, "days_left": 28, "pace_needed_per_day": 0.07}, '
        '"revenue": {"target": "600.00", "achieved": "195.00", "paid": "195.00", '
        '"renewal_dues": "0.00", "pledged": "97.50", "progress": 0.325, "remaining": "405.00", '
        '"pace_needed_per_day": "14.46"}, '
        '"successes": 1, "renewals_detected": 0, "renewals_after_a_call": 0, "calls": 4, '
        '"conversations": 3, "conversations_per_success": 3.0, '
        '"outcomes": {"success": 1, "neutral": 1, "positive": 2}, "promised": "292.50", '
        '"callers": [{"caller": "Ann", "calls": 1, "conversations": 1, "successes": 1, '
        '"conversations_per_success": 1.0}], '
        '"daily": [{"date": "2026-11-22", "successes": 0, "by_calls": 0, "by_renewals": 0, '
        '"pace": 0.1}, '
        '{"date": "2026-11-23", "successes": 1, "by_calls": 1, "by_renewals": 0, "pace": 0.21}], '
        '"start": "2026-11-22", "successes_by_calls": 1, "successes_by_renewals": 0}'
    )
    nothing = CampaignReport(**{**vars(report), "promised": Decimal(0), "daily": ()})
    assert (as_json(nothing)["promised"], as_json(nothing)["daily"]) == ("0", [])


def test_month_retention_month_as_year_and_month() -> None:
    month = MonthRetention(D(2026, 8, 1), 1431, 1420, 8, 19, 0.9867, 0.0133)
    assert printed(as_json(month)) == (
        '{"month": "2026-08", "members_at_start": 1431, "members_at_end": 1420, "joined": 8, '
        '"dropped": 19, "retention": 0.9867, "churn": 0.0133}'
    )
    empty = MonthRetention(D(2026, 9, 1), 0, 0, 0, 0, None, None)
    assert (as_json(empty)["retention"], as_json(empty)["churn"]) == (None, None)


# Calls, exports, members


def test_logged_call() -> None:
    logged = LoggedCall("C1-00004", 1621, "interested", "positive", 1, "done", 1, 99)
    assert printed(as_json(logged)) == (
        '{"task": "C1-00004", "member_id": 1621, "code": "interested", "category": "positive", '
        '"attempts": 1, "state": "done", "handoff_id": 1}'
    )


def test_export_result() -> None:
    assert printed(as_json(ExportResult(3, 22, "/tmp/r.xlsx"))) == (
        '{"export_id": 3, "rows": 22, "file": "/tmp/r.xlsx"}'
    )


def test_member_row_blank_status_and_roster_word_as_null() -> None:
    ada = MemberRow(
        member_id=12,
        external_id="M-100",
        first_name="Ada",
        last_name="Lovelace",
        organisation="",
        email="Ada.Lovelace@Example.org",
        phone="+16465550175",
        membership_type="Individual",
        expiry=D(2027, 2, 28),
        status="current",
    )
    assert as_json(ada) == {
        "member_id": 12,
        "external_id": "M-100",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "Ada.Lovelace@Example.org",
        "phone": "+16465550175",
        "expiry": "2027-02-28",
        "status": "current",
        # Added fields (the contract only grows): the roster's word, and whether it disagrees.
        "roster_status": None,
        "status_disagrees": False,
    }
    hedy = MemberRow(13, "", "Hedy", "Lamarr", "", "", "", "", None, "")
    assert (as_json(hedy)["status"], as_json(hedy)["expiry"]) == (None, None)
    alan = MemberRow(14, "", "Alan", "Turing", "", "", "", "", D(2024, 1, 31), "lapsed", "Active")
    assert as_json(alan)["roster_status"] == "Active" and as_json(alan)["status_disagrees"]


# Imports


def test_outcomes_report_counts_and_the_rows_worth_a_word() -> None:
    report = OutcomesReport(
        file="/tmp/worked.xlsx",
        campaign="Prospects",
        export_id=1,
        rows=4,
        results=[
            RowResult(2, "C2-00001", "applied"),
            RowResult(3, "C2-00002", "conflict", "'maybe later' is not an outcome"),
            RowResult(4, "C2-00003", "unchanged"),  # nothing to say: left out of the details
            RowResult(2, "", "added", "a new contact", "New contacts"),
        ],
        batch_id=5,
    )
    assert printed(as_json(report)) == (
        '{"file": "/tmp/worked.xlsx", "campaign": "Prospects", "export_id": 1, "rows": 4, '
        '"applied": 1, "unchanged": 1, "conflicts": 1, "rejected": 0, "added": 1, '
        '"details": [{"row": 2, "sheet": "Calls", "ref": "C2-00001", "result": "applied", '
        '"reason": ""}, {"row": 3, "sheet": "Calls", "ref": "C2-00002", "result": "conflict", '
        '"reason": "\'maybe later\' is not an outcome"}, {"row": 2, "sheet": "New contacts", '
        '"ref": "", "result": "added", "reason": "a new contact"}], '
        '"batch_id": 5, "dry_run": false, "released": 0, "still_with_partner": 0}'
    )


def test_roster_import_report() -> None:
    report = RosterImportReport(
        file="/tmp/roster.csv",
        format="csv",
        sheet="",
        header_row=3,
        mapping=["'Email' → E-mail"],
        date_orders={"Paid Thru": "mdy"},
        profile="Columns of roster.csv",
        counts=ImportCounts(rows_read=9, inserted=7, rejected=1),
        structural={"blank row": 1},
        merges=[Merge((5, 11), "member id", 11)],
        issues=[RowIssue(10, "rejected", "no name", ())],
        absent=2,
        absent_shown=[(4, "Alan Turing", D(2026, 12, 31)), (6, "Hedy Lamarr", None)],
        new_membership_types=["Individual"],
        batch_id=1,
        backup="/tmp/backup.sqlite3",
        columns=[
            ColumnNote("Email", Field.EMAIL, Confidence.HIGH, "name matches 'email'", True),
            ColumnNote("", Field.EMAIL_2, Confidence.LOW, "100% e-mail addresses", False, "C"),
        ],
    )
    payload = as_json(report)
    assert list(payload) == [
        "file",
        "format",
        "sheet",
        "header_row",
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "flagged",
        "renewals_detected",
        "expiry_moved_back",
        "rows_unchanged_since_last_import",
        "duplicates_merged",
        "merges",
        "non_members",
        "structural_rows",
        "issues",
        "absent_members",
        "absent_shown",
        "mapping",
        "date_orders",
        "profile",
        "new_membership_types",
        "batch_id",
        "dry_run",
        "backup",
        "rejects_file",
        "merged_duplicates",
        "renewals",
        "missing_members",
        "calls_closed_by_renewals",
        "closed_calls",
        "lists_saved",
        "notes",
        "columns",
        "to_confirm",
    ]
    assert payload["columns"][0] == {
        "column": "Email",
        "field": "email",
        "confidence": "high",
        "evidence": "name matches 'email'",
        "imported": True,
    }
    assert payload["to_confirm"] == [
        {
            "column": "",
            "field": "email_2",
            "confidence": "low",
            "evidence": "100% e-mail addresses",
            "imported": False,
            "option": "--map 'C=email_2'",
        }
    ]
    assert payload["duplicates_merged"] == 1
    assert payload["merges"] == ["rows 5, 11: the same person (same member id), merged"]
    assert payload["issues"] == [{"row": 10, "result": "rejected", "reason": "no name"}]
    assert payload["absent_shown"] == [
        {"member_id": 4, "name": "Alan Turing", "expiry": "2026-12-31"},
        {"member_id": 6, "name": "Hedy Lamarr", "expiry": None},
    ]
    assert (payload["backup"], payload["rejects_file"]) == ("/tmp/backup.sqlite3", None)


def test_roster_import_lists() -> None:
    report = RosterImportReport(
        file="/tmp/roster.csv",
        format="csv",
        sheet="",
        header_row=3,
        mapping=[],
        date_orders={},
        profile="",
        counts=ImportCounts(rows_read=9),
        structural={},
        merged_duplicates=[
            MergedRows(
                (5, 11),
                "Alan Turing",
                "M-002",
                "member id",
                11,
                D(2027, 12, 31),
                ((5, None),),
                "the only expiry given",
                4,
            )  # fmt: skip
        ],
        renewals=[RenewalLine(4, 1, "", "Ada Lovelace", D(2027, 1, 31), D(2028, 1, 31))],
        missing_members=[MissingMember(6, "M-006", "Katherine Johnson", None)],
        closed_calls=[
            ClosedCall(4, 1, "Ada Lovelace", "Winter", "C1-00001", "open", "", "Co", True)
        ],
        lists_saved=["/tmp/roster - renewals detected.xlsx"],
    )
    payload = as_json(report)
    assert payload["merged_duplicates"] == [
        {
            "rows": [5, 11],
            "member_id": 4,
            "external_id": "M-002",
            "name": "Alan Turing",
            "matched_on": "member id",
            "kept_row": 11,
            "kept_expiry": "2027-12-31",
            "why": "the only expiry given",
            "other_expiries": [{"row": 5, "expiry": None}],
        }
    ]
    assert payload["renewals"] == [
        {
            "row": 4,
            "member_id": 1,
            "external_id": None,
            "name": "Ada Lovelace",
            "old_expiry": "2027-01-31",
            "new_expiry": "2028-01-31",
        }
    ]
    assert payload["missing_members"] == [
        {"member_id": 6, "external_id": "M-006", "name": "Katherine Johnson", "expiry": None}
    ]
    assert payload["calls_closed_by_renewals"] == 1
    assert payload["closed_calls"] == [
        {
            "row": 4,
            "member_id": 1,
            "name": "Ada Lovelace",
            "campaign": "Winter",
            "ref": "C1-00001",
            "state_before": "open",
            "reserved_by": None,
            "assignee": "Co",
            "with_partner": True,
        }
    ]
    assert payload["lists_saved"] == ["/tmp/roster - renewals detected.xlsx"]
    json.dumps(payload)  # every value is JSON


def test_event_import_report() -> None:
    report = EventImportReport(
        file="/tmp/expo.csv",
        event="Expo 2026",
        event_id=1,
        event_created=True,
        mapping=["'Name' → Full name"],
        counts=ImportCounts(rows_read=2, inserted=1, unchanged=1),
        attendances_added=1,
        cancelled=1,
        roles={"speaker": 1},
        issues=[RowIssue(3, "flagged", "no e-mail", ())],
        batch_id=2,
    )
    assert printed(as_json(report)) == (
        '{"file": "/tmp/expo.csv", "event": "Expo 2026", "event_id": 1, "event_created": true, '
        '"rows_read": 2, "inserted": 1, "updated": 0, "unchanged": 1, "rejected": 0, '
        '"flagged": 0, "attendances_added": 1, "attendances_updated": 0, '
        '"attendances_removed": 0, "cancelled": 1, "roles": {"speaker": 1}, "merges": [], '
        '"issues": [{"row": 3, "result": "flagged", "reason": "no e-mail"}], '
        '"mapping": ["\'Name\' → Full name"], "batch_id": 2, "dry_run": false}'
    )


def test_undo_report() -> None:
    undone = UndoReport(2, "expo.csv", 1, 0, 0, 1)
    assert printed(as_json(undone)) == (
        '{"batch_id": 2, "file": "expo.csv", "people_removed": 1, "people_restored": 0, '
        '"renewals_removed": 0, "attendances_removed": 1, "people_erased": 0}'
    )
