"""The results workbook of a campaign, for the board or the client (figures and charts).

Its figures come from the campaign's report, retention by month, its hand-offs and, for a
campaign that kept a control group, the comparison of the members called with the control.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from member_reach.services.calls.follow_up import handoff_sheet_rows
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import ExportResult
from member_reach.services.reports.control_report import ControlReport, control_report
from member_reach.services.reports.reports import campaign_report, retention_by_month
from member_reach.services.reports.revenue import revenue_summary
from member_reach.sheets import SheetError
from member_reach.store.models import Campaign, ExportBatch

if TYPE_CHECKING:  # openpyxl loads when a workbook is written, not when the window opens
    from member_reach.sheets.results_workbook import ControlSheet


def export_results(
    session: Session,
    campaign: Campaign,
    path: Path,
    today: dt.date,
    months: int = 12,
    created_by: str = "",
) -> ExportResult:
    """Write a campaign's results workbook (figures and charts) and record the export.

    Raises:
        ServiceError: the file cannot be written.
    """
    from member_reach.sheets.results_workbook import ResultsData, write_results_workbook

    figures = campaign_report(session, campaign, today)
    retention = retention_by_month(session, today, months)
    control = control_report(session, campaign, today)
    goal = figures.goal
    summary: list[tuple[str, Any]] = [
        ("Goal", goal.target or "none set"),
        ("Deadline", goal.deadline or "none set"),
        ("Successes so far", figures.successes),
        ("Progress", f"{goal.progress:.0%}" if goal.progress is not None else "-"),
        ("Still needed per day", goal.pace_needed_per_day or "-"),
        *revenue_summary(figures.revenue),  # revenue beside the count (issue 14)
        ("Renewals found by the roster import", figures.renewals_detected),
        ("... of them after a call", figures.renewals_after_a_call),
        ("Calls", figures.calls),
        ("Conversations", figures.conversations),
        ("Conversations per success", figures.conversations_per_success or "-"),
        ("Amount promised", str(figures.promised)),
        ("As of", today),
    ]
    data = ResultsData(
        title=campaign.name,
        summary=summary,
        daily=[(day.date, day.successes) for day in figures.daily],
        goal=goal.target,
        outcomes=sorted(figures.outcomes.items()),
        callers=[(c.caller, c.calls, c.conversations, c.successes) for c in figures.callers],
        retention=[(f"{m.month:%Y-%m}", m.retention, m.churn) for m in retention],
        handoffs=handoff_sheet_rows(session, campaign.id, today),
        control=control_sheet(control) if control is not None else None,
    )
    try:
        rows = write_results_workbook(path, data)
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None
    batch = ExportBatch(
        campaign_id=campaign.id,
        kind="results",
        file_name=path.name,
        created_by=created_by,
        rows=rows,
        details={"as_of": today.isoformat()},
    )
    session.add(batch)
    session.flush()
    return ExportResult(batch.id, rows, str(path))


def control_sheet(report: ControlReport) -> ControlSheet:
    """The results workbook's Control sheet of ``report`` (figures as the report counts them)."""
    from member_reach.sheets.results_workbook import ControlSheet

    c = report.comparison

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:+.1%}"

    def count(value: float | None) -> Any:
        return "-" if value is None else round(value, 1)

    figures: list[tuple[str, Any]] = [
        ("Kept uncalled (share of the list)", f"{report.percent}%"),
        ("Seed of the draw", report.seed if report.seed is not None else "-"),
        ("Called: everyone on the list outside the control", c.called.members),
        ("Control: kept uncalled", c.control.members),
        ("Period after each expiry (days)", report.days),
        ("Difference in renewal rate", share(c.difference)),
        ("95% interval (Newcombe's hybrid score)", f"{share(c.low)} to {share(c.high)}"),
        ("Extra renewals the calls produced", count(c.extra_renewals)),
        ("... 95% interval", f"{count(c.extra_low)} to {count(c.extra_high)}"),
        ("Extra dues", c.extra_dues if c.extra_dues is not None else "-"),
        ("As of", report.today),
    ]
    groups = [
        ("Called (intention to treat)", c.called.ended, c.called.renewed, c.called.rate),
        ("Control (not called)", c.control.ended, c.control.renewed, c.control.rate),
    ]
    return ControlSheet(report.words, groups, figures)
