"""The ``plan`` command: the coming months' calls against the staff's time, and the hit rates.

``plan [--months N] [--out PLAN.xlsx]``: a line per month (renewals due, event outreach, calls
needed, hours, the staff's calls, the calls to hand to a call partner), the months needing a
partner, and the past year's hit rate per conversation by segment. With ``--json`` the object
below (:func:`_plan_json`): ``months`` a list, ``segments`` a list.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from member_reach.cli.common import Output, open_db, today_of, whole
from member_reach.cli.json_base import as_json, iso
from member_reach.domain.segments import SEGMENT_LABELS
from member_reach.services.plan.plan_export import export_plan, rate_source
from member_reach.services.plan.year_plan import (
    DEFAULT_MONTHS,
    MAX_MONTHS,
    PlanMonth,
    YearPlan,
    plan_year,
)


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``plan``."""
    plan = commands.add_parser(
        "plan", parents=[common], help="the coming months' calls against the staff's time"
    )
    plan.add_argument(
        "--months",
        type=whole(1, MAX_MONTHS),
        default=DEFAULT_MONTHS,
        metavar="N",
        help=f"months to plan, from this one (default {DEFAULT_MONTHS})",
    )
    plan.add_argument(
        "--out", metavar="OUT.xlsx", help="also write the plan as a workbook for a call partner"
    )
    plan.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace, out: Output) -> None:
    """``plan``: the year's call plan."""
    today = today_of(args) or dt.date.today()
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            plan = plan_year(session, today, args.months)
    finally:
        database.close()
    _print_plan(plan, out)
    result = as_json(plan)
    if args.out:
        path = Path(args.out).expanduser()
        export_plan(plan, path)
        out.line(f"Plan written to {path}")
        result["file"] = str(path)
    out.result(result)


def _count(count: int, one: str, many: str = "") -> str:
    """``1 call``, ``2 calls`` (``many``: the plural, when not ``one`` + s)."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _month_row(month: PlanMonth) -> tuple[str, ...]:
    f = month.figures
    return (
        f"{month.month:%Y-%m}",
        f"{month.renewals:,}",
        f"{month.outreach:,}",
        f"{f.calls_needed:,}",
        f"{f.hours_needed:,.1f}",
        f"{f.staff_calls:,}",
        f"{f.hand_over:,}" if f.partner_needed else "-",
    )


def _print_plan(plan: YearPlan, out: Output) -> None:
    rates, staff = plan.rates, plan.capacity
    out.line(f"Call plan for {len(plan.months)} months from {plan.today.isoformat()}")
    out.line(
        f"  {rates.calls_per_conversation:g} calls per conversation "
        f"({rate_source(rates.observed_calls)}), {rates.conversations_per_success:g} "
        f"conversations per success ({rate_source(rates.observed_successes)})"
    )
    out.line(
        f"  staff: {_count(staff.callers, 'caller')}, {_count(staff.hours_per_week, 'hour')} a "
        f"week each, {_count(staff.calls_per_hour, 'call')} an hour (change them in the settings)"
    )
    headings = ("Month", "Renewals", "Outreach", "Calls", "Hours", "Staff calls", "Hand over")
    rows = [headings, *(_month_row(m) for m in plan.months)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(headings))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.line("  ".join(cells))
    for event in plan.events:
        out.line(f"  {event.name} ({event.starts_on.isoformat()}): {event.people:,} to call in "
                 f"{event.month:%Y-%m}{'; ' + event.note if event.note else ''}")  # fmt: skip
    partner = plan.partner_months
    if partner:
        months = ", ".join(
            f"{m.month:%Y-%m} ({_count(m.figures.hand_over, 'call')})" for m in partner
        )
        out.line(f"Bring in a call partner in: {months}")
    else:
        out.line("The staff can make every call: no call partner needed.")
    out.line("Hit rate per conversation, past year:")
    for segment in plan.segments:
        rate = f"{segment.rate:.0%}" if segment.rate is not None else "-"
        out.line(
            f"  {SEGMENT_LABELS[segment.segment]}: "
            f"{_count(segment.successes, 'success', 'successes')} in "
            f"{_count(segment.conversations, 'conversation')} ({rate})"
        )


def _month_json(month: PlanMonth) -> dict[str, Any]:
    f = month.figures
    return {
        "month": f"{month.month:%Y-%m}",
        "first_day": iso(f.first_day),
        "last_day": iso(f.last_day),
        "renewals": month.renewals,
        "renewals_by_type": month.by_type,
        "outreach": month.outreach,
        "events": list(month.events),
        "people": f.people,
        "calls_needed": f.calls_needed,
        "hours_needed": f.hours_needed,
        "staff_hours": f.staff_hours,
        "staff_calls": f.staff_calls,
        "hand_over": f.hand_over,
        "partner_needed": f.partner_needed,
        "successes_expected": f.successes_expected,
    }


@as_json.register
def _plan_json(plan: YearPlan) -> dict[str, Any]:
    rates, history, staff = plan.rates, plan.rates.history, plan.capacity
    return {
        "today": iso(plan.today),
        "months": [_month_json(m) for m in plan.months],
        "partner_months": [f"{m.month:%Y-%m}" for m in plan.partner_months],
        "rates": {
            "calls_per_conversation": rates.calls_per_conversation,
            "calls_per_conversation_observed": rates.observed_calls,
            "conversations_per_success": rates.conversations_per_success,
            "conversations_per_success_observed": rates.observed_successes,
            "calls": history.calls,
            "conversations": history.conversations,
            "successes": history.successes,
        },
        "staff": {
            "callers": staff.callers,
            "hours_per_week": staff.hours_per_week,
            "calls_per_hour": staff.calls_per_hour,
        },
        "events": [
            {
                "name": e.name,
                "starts_on": iso(e.starts_on),
                "month": f"{e.month:%Y-%m}",
                "people": e.people,
                "from_list": e.from_list,
                "note": e.note,
            }
            for e in plan.events
        ],
        "segments": [
            {
                "segment": s.segment,
                "label": SEGMENT_LABELS[s.segment],
                "conversations": s.conversations,
                "successes": s.successes,
                "rate": s.rate,
            }
            for s in plan.segments
        ],
    }
