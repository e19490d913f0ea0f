"""The ``--json`` objects of the command line, made from the services' typed results.

JSON is made here and nowhere else (DESIGN.md, "Architecture"): services return dataclasses,
and :func:`as_json` turns each into the object of the command-line contract. Its field names,
their order and the format of each value are a contract: dates as ISO text (a month as
``2026-08``), amounts as text (``"195.00"``), nothing as ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import singledispatch
from typing import Any

from member_reach.services.calls.calls import LoggedCall
from member_reach.services.campaigns.campaign_detail import CampaignDetail, CodeLine, TaskLine
from member_reach.services.campaigns.campaigns import CampaignSummary, CreatedCampaign
from member_reach.services.exchange.exchange_export import ExportResult
from member_reach.services.exchange.exchange_import import OutcomesReport
from member_reach.services.imports.event_import import EventImportReport
from member_reach.services.imports.import_types import ImportCounts
from member_reach.services.imports.import_undo import UndoReport
from member_reach.services.imports.roster_import import RosterImportReport
from member_reach.services.members.members import MemberRow
from member_reach.services.reports.reports import (
    CallerFigures,
    CampaignReport,
    DayTotal,
    Goal,
    MonthRetention,
    TaskCounts,
)
from member_reach.sheets.partner_workbook import CALLS_SHEET

__all__ = ["as_json"]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _amount(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


@singledispatch
def as_json(result: object) -> dict[str, Any]:
    """The command line's JSON object for a service's ``result``.

    Raises:
        TypeError: the command line prints no such result.
    """
    raise TypeError(f"The command line prints no {type(result).__name__} as JSON.")


# Campaigns and their figures


@as_json.register
def _created(result: CreatedCampaign) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "tasks": result.tasks,
        "over_capacity": result.over_capacity,
        "excluded": result.excluded,
    }


def _campaign_head(result: CampaignSummary | CampaignDetail) -> dict[str, Any]:
    """The fields a campaign's listing and its detail begin with, in this order."""
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "kind": result.kind,
        "status": result.status,
        "window_start": _iso(result.window_start),
        "window_end": _iso(result.window_end),
        "goal": result.goal_count,
    }


@as_json.register
def _summary(result: CampaignSummary) -> dict[str, Any]:
    return {
        **_campaign_head(result),
        "open_tasks": result.open_tasks,
        "done_tasks": result.done_tasks,
    }


@as_json.register
def _task(result: TaskLine) -> dict[str, Any]:
    return {
        "member_id": result.member_id,
        "external_id": result.external_id,
        "name": result.name,
        "email": result.email,
        "phone": result.phone,
        "priority": result.priority,
        "reason": result.reason,
        "state": result.state,
        "ref": result.ref,
        "assignee": result.assignee,
        "reserved_by": result.reserved_by,
        "time_zone": result.time_zone,
        "callable_now": result.callable_now,
    }


@as_json.register
def _code(result: CodeLine) -> dict[str, Any]:
    return {
        "code": result.code,
        "label": result.label,
        "category": result.category,
        "answered": result.answered,
    }


@as_json.register
def _detail(result: CampaignDetail) -> dict[str, Any]:
    return {
        **_campaign_head(result),
        "goal_revenue": _amount(result.goal_revenue),
        "deadline": _iso(result.deadline),
        "why_it_matters": result.why_it_matters,
        "talking_points": result.talking_points,
        "faq": result.faq,
        "handoff_owner": result.handoff_owner,
        "outcome_codes": [as_json(code) for code in result.outcome_codes],
        "tasks": [as_json(task) for task in result.tasks],
    }


@as_json.register
def _task_counts(result: TaskCounts) -> dict[str, Any]:
    return {
        "open": result.open,
        "done": result.done,
        "closed": result.closed,
        "total": result.total,
    }


@as_json.register
def _goal(result: Goal) -> dict[str, Any]:
    return {
        "target": result.target,
        "deadline": _iso(result.deadline),
        "achieved": result.achieved,
        "progress": result.progress,
        "remaining": result.remaining,
        "days_left": result.days_left,
        "pace_needed_per_day": result.pace_needed_per_day,
    }


@as_json.register
def _caller(result: CallerFigures) -> dict[str, Any]:
    return {
        "caller": result.caller,
        "calls": result.calls,
        "conversations": result.conversations,
        "successes": result.successes,
        "conversations_per_success": result.conversations_per_success,
    }


@as_json.register
def _day(result: DayTotal) -> dict[str, Any]:
    return {"date": result.date.isoformat(), "successes": result.successes}


@as_json.register
def _report(result: CampaignReport) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "today": result.today.isoformat(),
        "tasks": as_json(result.tasks),
        "goal": as_json(result.goal),
        "successes": result.successes,
        "renewals_detected": result.renewals_detected,
        "renewals_after_a_call": result.renewals_after_a_call,
        "calls": result.calls,
        "conversations": result.conversations,
        "conversations_per_success": result.conversations_per_success,
        "outcomes": dict(result.outcomes),
        "promised": str(result.promised),
        "callers": [as_json(caller) for caller in result.callers],
        "daily": [as_json(day) for day in result.daily],
    }


@as_json.register
def _month(result: MonthRetention) -> dict[str, Any]:
    return {
        "month": f"{result.month:%Y-%m}",
        "members_at_start": result.members_at_start,
        "members_at_end": result.members_at_end,
        "joined": result.joined,
        "dropped": result.dropped,
        "retention": result.retention,
        "churn": result.churn,
    }


# Calls, exports and members


@as_json.register
def _logged(result: LoggedCall) -> dict[str, Any]:
    return {
        "task": result.task_ref,
        "member_id": result.person_id,
        "code": result.code,
        "category": result.category,
        "attempts": result.attempts,
        "state": result.state,
        "handoff_id": result.handoff_id,
    }


@as_json.register
def _export(result: ExportResult) -> dict[str, Any]:
    return {"export_id": result.export_id, "rows": result.rows, "file": result.file}


@as_json.register
def _member(result: MemberRow) -> dict[str, Any]:
    """The fields of the command-line contract (DESIGN.md, ``members``)."""
    return {
        "member_id": result.member_id,
        "external_id": result.external_id,
        "first_name": result.first_name,
        "last_name": result.last_name,
        "email": result.email,
        "phone": result.phone,
        "expiry": _iso(result.expiry),
        "status": result.status or None,
        "roster_status": result.roster_status or None,
        "status_disagrees": result.status_disagrees,
    }


# Imports


@as_json.register
def _outcomes(result: OutcomesReport) -> dict[str, Any]:
    """Rows, applied, unchanged, conflicts, rejected, and every row worth a word."""
    return {
        "file": result.file,
        "campaign": result.campaign,
        "export_id": result.export_id,
        "rows": result.rows,
        "applied": result.count("applied"),
        "unchanged": result.count("unchanged"),
        "conflicts": result.count("conflict"),
        "rejected": result.count("rejected"),
        "added": result.count("added"),
        "details": [
            {
                "row": r.row,
                "sheet": r.sheet or CALLS_SHEET,
                "ref": r.ref,
                "result": r.result,
                "reason": r.reason,
            }
            for r in result.results
            if r.result != "unchanged" or r.reason
        ],
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
    }


def _counts(counts: ImportCounts) -> dict[str, int]:
    return {
        "rows_read": counts.rows_read,
        "inserted": counts.inserted,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "rejected": counts.rejected,
        "flagged": counts.flagged,
    }


@as_json.register
def _roster(result: RosterImportReport) -> dict[str, Any]:
    return {
        "file": result.file,
        "format": result.format,
        "sheet": result.sheet,
        "header_row": result.header_row,
        **_counts(result.counts),
        "renewals_detected": result.renewals_detected,
        "expiry_moved_back": result.expiry_moved_back,
        "rows_unchanged_since_last_import": result.rows_unchanged_since_last_import,
        "duplicates_merged": sum(len(m.rows) - 1 for m in result.merges),
        "merges": [m.describe() for m in result.merges],
        "non_members": result.non_members,
        "structural_rows": result.structural,
        "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in result.issues],
        "absent_members": result.absent,
        "absent_shown": [
            {"member_id": pid, "name": name, "expiry": _iso(end)}
            for pid, name, end in result.absent_shown
        ],
        "mapping": result.mapping,
        "date_orders": result.date_orders,
        "profile": result.profile,
        "new_membership_types": result.new_membership_types,
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
        "backup": result.backup or None,
        "rejects_file": result.rejects_file or None,
        **_roster_lists(result),
    }


def _roster_lists(result: RosterImportReport) -> dict[str, Any]:
    """The lists behind the counts (a dry run's calls are those a renewal would close)."""
    return {
        "merged_duplicates": [
            {
                "rows": list(m.rows),
                "member_id": m.person_id,
                "external_id": m.external_id or None,
                "name": m.name,
                "matched_on": m.matched_on or None,
                "kept_row": m.kept_row,
                "kept_expiry": _iso(m.kept_expiry),
                "why": m.why,
                "other_expiries": [
                    {"row": row, "expiry": _iso(end)} for row, end in m.other_expiries
                ],
            }
            for m in result.merged_duplicates
        ],
        "renewals": [
            {
                "row": r.row,
                "member_id": r.person_id,
                "external_id": r.external_id or None,
                "name": r.name,
                "old_expiry": _iso(r.old_expiry),
                "new_expiry": _iso(r.new_expiry),
            }
            for r in result.renewals
        ],
        "missing_members": [
            {
                "member_id": m.person_id,
                "external_id": m.external_id or None,
                "name": m.name,
                "expiry": _iso(m.expiry),
            }
            for m in result.missing_members
        ],
        "calls_closed_by_renewals": len(result.closed_calls),
        "closed_calls": [
            {
                "row": c.row,
                "member_id": c.person_id,
                "name": c.name,
                "campaign": c.campaign,
                "ref": c.ref,
                "state_before": c.state,
                "reserved_by": c.reserved_by or None,
                "assignee": c.assignee or None,
                "with_partner": c.with_partner,
            }
            for c in result.closed_calls
        ],
        "lists_saved": result.lists_saved,
    }


@as_json.register
def _events(result: EventImportReport) -> dict[str, Any]:
    return {
        "file": result.file,
        "event": result.event,
        "event_id": result.event_id,
        "event_created": result.event_created,
        **_counts(result.counts),
        "attendances_added": result.attendances_added,
        "attendances_updated": result.attendances_updated,
        "attendances_removed": result.attendances_removed,
        "cancelled": result.cancelled,
        "roles": result.roles,
        "merges": [m.describe() for m in result.merges],
        "issues": [{"row": i.row, "result": i.result, "reason": i.reason} for i in result.issues],
        "mapping": result.mapping,
        "batch_id": result.batch_id,
        "dry_run": result.dry_run,
    }


@as_json.register
def _undo(result: UndoReport) -> dict[str, Any]:
    return {
        "batch_id": result.batch_id,
        "file": result.file_name,
        "people_removed": result.people_removed,
        "people_restored": result.people_restored,
        "renewals_removed": result.renewals_removed,
        "attendances_removed": result.attendances_removed,
    }
