"""The results workbook for the board or the client: figures and native Excel charts.

Sheets: Summary (goal, progress, pace, hit rate), Daily (successes to date against the goal, a
line chart), Outcomes (by category, a bar chart), Callers (calls, conversations, successes, a bar
chart), Retention (by month, a line chart), Hand-offs (the warm leads the calls handed to
staff, and how each ended) and, for a campaign that kept a control group, Control (did the calls
work: the members called against those kept uncalled, a bar chart of their renewal rates).
Charts are Excel's own (openpyxl), so they stay live when the data are edited and show in
LibreOffice too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font

from member_reach.sheets.issues_writer import neutralise
from member_reach.sheets.saving import check_target, save_workbook

#: The columns of the Hand-offs sheet.
HANDOFF_HEADINGS = (
    "Member",
    "Member ID",
    "What was said",
    "Owner",
    "Due",
    "How it ended",
    "Closed on",
    "Closed by",
    "Note",
)


@dataclass(frozen=True)
class ControlSheet:
    """The Control sheet: the verdict in words, each group's figures, how they were counted.

    Attributes:
        verdict: the comparison in one sentence.
        groups: (group, members whose period ended, renewed, renewal rate or None).
        figures: (label, value) rows: the difference, its interval, extra renewals and dues.
    """

    verdict: str
    groups: Sequence[tuple[str, int, int, float | None]]
    figures: Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class ResultsData:
    """The figures the workbook shows (plain values).

    Attributes:
        title: the campaign's name, on top of the Summary sheet.
        summary: the Summary sheet's (label, value) rows.
        daily: (day, successes to date), day by day.
        goal: the successes wanted, drawn beside them; None when no goal is set.
        outcomes: (category, calls).
        callers: (caller, calls, conversations, successes).
        retention: (month, as "2026-08", retention, churn).
        handoffs: the warm leads, one row each, with :data:`HANDOFF_HEADINGS`' cells.
        control: the Control sheet, for a campaign that kept a control group (else None).
    """

    title: str
    summary: Sequence[tuple[str, Any]]
    daily: Sequence[tuple[dt.date, int]]
    goal: int | None
    outcomes: Sequence[tuple[str, int]]
    callers: Sequence[tuple[str, int, int, int]]
    retention: Sequence[tuple[str, float | None, float | None]]
    handoffs: Sequence[Sequence[Any]] = ()
    control: ControlSheet | None = None


def _table(
    book: Workbook, title: str, headings: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Any:
    sheet = book.create_sheet(title)
    sheet.append([neutralise(h) for h in headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for index, heading in enumerate(headings, start=1):
        sheet.column_dimensions[chr(64 + index)].width = max(14, len(heading) + 4)
    sheet.freeze_panes = "A2"
    return sheet


def _chart(
    chart: Any, sheet: Any, columns: tuple[int, int], rows: int, title: str, anchor: str
) -> None:
    first, last = columns
    chart.title = title
    chart.add_data(
        Reference(sheet, min_col=first, max_col=last, min_row=1, max_row=rows + 1),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    chart.width, chart.height = 22, 11
    sheet.add_chart(chart, anchor)


def write_results_workbook(path: Path, data: ResultsData) -> int:
    """Write the results workbook; return how many data rows it holds.

    Raises:
        SheetError: the file cannot be written.
    """
    check_target(path)  # before the work of filling it
    book = Workbook()
    summary: Any = book.active  # a new workbook's one worksheet
    summary.title = "Summary"
    summary.append([data.title])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in data.summary:
        summary.append([label, neutralise(value)])
        if isinstance(value, Decimal):  # an amount: thousands separators, two decimals
            summary.cell(summary.max_row, 2).number_format = "#,##0.00"
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 22
    daily_rows = [(day, total, data.goal) for day, total in data.daily]
    daily = _table(book, "Daily", ("Date", "Successes", "Goal"), daily_rows)
    if daily_rows:
        _chart(
            LineChart(),
            daily,
            (2, 3 if data.goal else 2),
            len(daily_rows),
            "Successes to date",
            "E2",
        )
    outcomes = _table(book, "Outcomes", ("Category", "Calls"), data.outcomes)
    if data.outcomes:
        _chart(BarChart(), outcomes, (2, 2), len(data.outcomes), "Outcomes", "D2")
    callers = _table(
        book, "Callers", ("Caller", "Calls", "Conversations", "Successes"), data.callers
    )
    if data.callers:
        _chart(BarChart(), callers, (2, 4), len(data.callers), "Per caller", "F2")
    retention = _table(book, "Retention", ("Month", "Retention", "Churn"), data.retention)
    for row in retention.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "0.0%"
    if data.retention:
        # Retention alone, on an axis that starts near it: churn (a few per cent) would flatten
        # it against 100 %, and stays in the table beside it.
        chart = LineChart()
        known = [r for _, r, _ in data.retention if r is not None]
        if known:
            chart.y_axis.scaling.min = max(0.0, round(min(known) - 0.05, 2))
            chart.y_axis.scaling.max = 1.0
        chart.y_axis.number_format = "0%"
        _chart(chart, retention, (2, 2), len(data.retention), "Retention by month", "E2")
    # The hand-offs are listed, not counted among the rows of figures.
    _table(book, "Hand-offs", HANDOFF_HEADINGS, data.handoffs)
    if data.control is not None:
        _control_sheet(book, data.control)
    save_workbook(book, path)
    return len(daily_rows) + len(data.outcomes) + len(data.callers) + len(data.retention)


def _control_sheet(book: Workbook, control: ControlSheet) -> None:
    """The groups' table and chart on top (as the other sheets), the verdict and figures below."""
    headings = ("Group", "Period ended", "Renewed", "Renewal rate")
    sheet = _table(book, "Control", headings, control.groups)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "0.0%"
    chart = BarChart()
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0.0, 1.0
    chart.y_axis.number_format = "0%"
    _chart(chart, sheet, (4, 4), len(control.groups), "Renewal rate: called and control", "F2")
    sheet.column_dimensions["A"].width = 44
    first = len(control.groups) + 3
    sheet.cell(first, 1, neutralise(control.verdict)).font = Font(bold=True)
    for offset, (label, value) in enumerate(control.figures, start=1):
        sheet.cell(first + offset, 1, neutralise(label))
        sheet.cell(first + offset, 2, neutralise(value))
        if isinstance(value, Decimal):
            sheet.cell(first + offset, 2).number_format = "#,##0.00"
