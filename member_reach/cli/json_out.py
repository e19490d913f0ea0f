"""The ``--json`` objects of the command line, made from the services' typed results.

JSON is made here and nowhere else (DESIGN.md, "Architecture"): services return dataclasses,
and :func:`as_json` turns each into the object of the command-line contract. Its field names,
their order and the format of each value are a contract: dates as ISO text (a month as
``2026-08``), amounts as text (``"195.00"``), nothing as ``null``.
"""

from __future__ import annotations

from typing import Any

from member_reach.cli.json_base import amount_text as _amount
from member_reach.cli.json_base import as_json
from member_reach.cli.json_base import iso as _iso
from member_reach.domain.control_stats import GroupCount
from member_reach.services.calls.calls import LoggedCall
from member_reach.services.calls.follow_up import CallbackLine, HandOffChange, HandOffLine
from member_reach.services.campaigns.campaign_detail import CampaignDetail, CodeLine, TaskLine
from member_reach.services.campaigns.campaign_edit import CampaignEdited
from member_reach.services.campaigns.campaign_state import StateChange
from member_reach.services.campaigns.campaigns import CampaignSummary, CreatedCampaign
from member_reach.services.campaigns.top_up import TopUp
from member_reach.services.exchange.exchange_export import ExportResult
from member_reach.services.members.erase import Erasure
from member_reach.services.members.members import MemberRow
from member_reach.services.members.subject_export import SubjectExport
from member_reach.services.reports.control_report import ControlReport
from member_reach.services.reports.daily import DayTotal
from member_reach.services.reports.reports import (
    CallerFigures,
    CampaignReport,
    Goal,
    MonthRetention,
    TaskCounts,
)
from member_reach.services.reports.revenue import Revenue

__all__ = ["as_json"]


# Campaigns and their figures


@as_json.register
def _created(result: CreatedCampaign) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "tasks": result.tasks,
        "over_capacity": result.over_capacity,
        "excluded": result.excluded,
        "control": result.control,
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
def _edited(result: CampaignEdited) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "changes": [
            {"field": c.field, "before": c.before, "after": c.after} for c in result.changes
        ],
    }


@as_json.register
def _top_up(result: TopUp) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "added": [
            {
                "member_id": p.person_id,
                "external_id": p.external_id,
                "name": p.name,
                "reason": p.reason,
            }
            for p in result.added
        ],  # fmt: skip
        "still_left": result.still_left,
        "window_end": _iso(result.window_end),
        "control": sorted(result.control),
    }


@as_json.register
def _state_change(result: StateChange) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "before": result.before,
        "status": result.after,
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
        "with_partner": result.with_partner,
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
def _revenue(result: Revenue) -> dict[str, Any]:
    return {
        "target": _amount(result.target),
        "achieved": _amount(result.achieved),
        "paid": _amount(result.paid),
        "renewal_dues": _amount(result.renewal_dues),
        "pledged": _amount(result.pledged),
        "progress": result.progress,
        "remaining": _amount(result.remaining),
        "pace_needed_per_day": _amount(result.pace_needed_per_day),
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
    return {
        "date": result.date.isoformat(),
        "successes": result.successes,
        # added beside the total (issue 15): how they came, and the pace's total that day
        "by_calls": result.by_calls,
        "by_renewals": result.by_renewals,
        "pace": result.pace,
    }


@as_json.register
def _report(result: CampaignReport) -> dict[str, Any]:
    return {
        "campaign_id": result.campaign_id,
        "name": result.name,
        "today": result.today.isoformat(),
        "tasks": as_json(result.tasks),
        "goal": as_json(result.goal),
        "revenue": as_json(result.revenue),  # added beside the goal (issue 14)
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
        # added beside the others (issue 15): the first day, and the successes by how they came
        "start": result.start.isoformat(),
        "successes_by_calls": result.successes_by_calls,
        "successes_by_renewals": result.successes_by_renewals,
    }


@as_json.register
def _control(result: ControlReport) -> dict[str, Any]:
    c = result.comparison

    def rounded(value: float | None, places: int = 4) -> float | None:
        return None if value is None else round(value, places)

    def group(g: GroupCount) -> dict[str, Any]:
        return {
            "members": g.members,
            "ended": g.ended,
            "renewed": g.renewed,
            "rate": rounded(g.rate),
        }

    return {
        "percent": result.percent,
        "seed": result.seed,
        "days": result.days,
        "called": group(c.called),
        "control": group(c.control),
        "difference": rounded(c.difference),
        "low": rounded(c.low),
        "high": rounded(c.high),
        "extra_renewals": rounded(c.extra_renewals, 1),
        "extra_renewals_low": rounded(c.extra_low, 1),
        "extra_renewals_high": rounded(c.extra_high, 1),
        "extra_dues": _amount(c.extra_dues),
        "verdict": c.verdict,
        "words": result.words,
        "next_period_end": _iso(result.next_period_end),
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
def _handoff(result: HandOffLine) -> dict[str, Any]:
    return {
        "id": result.id,
        "member_id": result.member_id,
        "external_id": result.external_id,
        "name": result.name,
        "campaign": result.campaign,
        "owner": result.owner,
        "due": _iso(result.due),
        "overdue": result.overdue,
        "notes": result.notes,
        "state": result.state,
    }


@as_json.register
def _handoff_change(result: HandOffChange) -> dict[str, Any]:
    return {
        "id": result.id,
        "name": result.name,
        "owner": result.owner,
        "state": "done" if result.outcome else "open",
        "outcome": result.outcome or None,
    }


@as_json.register
def _callback(result: CallbackLine) -> dict[str, Any]:
    return {
        "ref": result.ref,
        "member_id": result.member_id,
        "external_id": result.external_id,
        "name": result.name,
        "campaign": result.campaign,
        "callback_at": result.callback_at.isoformat(timespec="minutes"),
        "caller": result.caller,
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


# People (GDPR)


@as_json.register
def _erasure(result: Erasure) -> dict[str, Any]:
    return {
        "person_id": result.person_id,
        "calls": result.calls,
        "call_logs": result.call_notes,
        "hand_offs": result.hand_offs,
        "attendances": result.attendances,
        "renewals": result.renewals,
        "edits": result.edits,
        "undo_records": result.undo_records,
        "imported_rows": result.imported_rows,
        "exports": result.exports,
        "backups_holding": [str(b) for b in result.backups],
    }


@as_json.register
def _subject(result: SubjectExport) -> dict[str, Any]:
    return {"person_id": result.person_id, "file": result.file, "rows": result.counts}


# Imports


# The import commands' results register themselves in their own module.
from member_reach.cli import json_imports  # noqa: E402, F401  (registers the imports' forms)
