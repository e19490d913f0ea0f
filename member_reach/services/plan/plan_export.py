"""The plan written as a workbook for the call partner's staffing (see ``sheets.plan_workbook``)."""

from __future__ import annotations

from pathlib import Path

from member_reach.domain.segments import SEGMENT_LABELS
from member_reach.services.plan.year_plan import YearPlan
from member_reach.sheets.plan_workbook import PlanSheets, write_plan_workbook


def rate_source(observed: bool) -> str:
    """Where a rate of the plan came from, in words."""
    return "this association's calls of the past year" if observed else "the usual default"


def _about(plan: YearPlan) -> list[tuple[str, object]]:
    rates, staff, history = plan.rates, plan.capacity, plan.rates.history
    partner = ", ".join(f"{m.month:%B %Y}" for m in plan.partner_months) or "none"
    return [
        ("Made on", plan.today),
        ("Months", len(plan.months)),
        ("Months needing a call partner", partner),
        ("Calls per conversation", rates.calls_per_conversation),
        ("  from", rate_source(rates.observed_calls)),
        ("Conversations per success", rates.conversations_per_success),
        ("  from", rate_source(rates.observed_successes)),
        ("Calls logged in the past year", history.calls),
        ("Conversations", history.conversations),
        ("Successes", history.successes),
        ("Staff callers", staff.callers),
        ("Hours a week each", staff.hours_per_week),
        ("Calls an hour", staff.calls_per_hour),
        (
            "How to read it",
            "Calls needed: a conversation with each person at the calls per conversation; "
            "calls to hand over: those beyond the staff's calls, for the call partner.",
        ),
    ]


def export_plan(plan: YearPlan, path: Path) -> int:
    """Write ``plan`` to the workbook ``path``; return how many months it holds.

    Raises:
        SheetError: the file cannot be written.
    """
    months = [
        (
            f"{m.month:%B %Y}",
            m.renewals,
            m.outreach,
            m.figures.people,
            m.figures.calls_needed,
            m.figures.staff_calls,
            m.figures.hand_over,
            m.figures.hours_needed,
            m.figures.staff_hours,
            "needed" if m.figures.partner_needed else "",
        )
        for m in plan.months
    ]
    events = [
        (
            e.name,
            e.starts_on,
            f"{e.month:%B %Y}",
            e.people,
            "its list's open calls" if e.from_list else (e.note or "who its list would hold"),
        )
        for e in plan.events
    ]
    segments = [
        (SEGMENT_LABELS[s.segment].capitalize(), s.conversations, s.successes, s.rate)
        for s in plan.segments
    ]
    sheets = PlanSheets("The year's call plan", _about(plan), months, events, segments)
    return write_plan_workbook(path, sheets)
