"""The year's call plan as a workbook for the call partner's staffing.

Sheets: About (what the plan counts, the rates and the staff's time it assumed), Plan (a row per
month: the people to call, the calls needed, the staff's calls, the calls to hand over, with a
native bar chart of the three), Events (each coming event's outreach) and Hit rate (the past
year's conversations and successes by segment). Built with the results workbook's table and chart
(:mod:`.results_workbook`), so both read alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.chart import BarChart
from openpyxl.styles import Font

from member_reach.sheets.issues_writer import neutralise
from member_reach.sheets.results_workbook import _chart, _table
from member_reach.sheets.saving import check_target, save_workbook

#: The Plan sheet's columns; the chart draws "Calls needed" to "Calls to hand over".
PLAN_HEADINGS: Final = (
    "Month",
    "Renewals due",
    "Event outreach",
    "People to call",
    "Calls needed",
    "Staff calls",
    "Calls to hand over",
    "Hours needed",
    "Staff hours",
    "Call partner",
)
EVENT_HEADINGS: Final = ("Event", "Starts", "Calls in", "People to call", "Counted from")
SEGMENT_HEADINGS: Final = ("Segment", "Conversations", "Successes", "Successes per conversation")


@dataclass(frozen=True)
class PlanSheets:
    """What the workbook shows, as plain cells.

    Attributes:
        title: on top of the About sheet.
        about: the About sheet's (label, value) rows.
        months: a row per month, :data:`PLAN_HEADINGS`' cells.
        events: a row per coming event, :data:`EVENT_HEADINGS`' cells.
        segments: a row per segment, :data:`SEGMENT_HEADINGS`' cells.
    """

    title: str
    about: Sequence[tuple[str, Any]]
    months: Sequence[Sequence[Any]]
    events: Sequence[Sequence[Any]]
    segments: Sequence[Sequence[Any]]


def write_plan_workbook(path: Path, data: PlanSheets) -> int:
    """Write the plan's workbook; return how many months it holds.

    Raises:
        SheetError: the file cannot be written.
    """
    check_target(path)
    book = Workbook()
    about: Any = book.active  # a new workbook's one worksheet
    about.title = "About"
    about.append([neutralise(data.title)])
    about["A1"].font = Font(bold=True, size=14)
    for label, value in data.about:
        about.append([neutralise(label), neutralise(value)])
    about.column_dimensions["A"].width = 40
    about.column_dimensions["B"].width = 60
    plan = _table(book, "Plan", PLAN_HEADINGS, data.months)
    if data.months:
        chart = BarChart()
        chart.y_axis.title = "Calls"
        _chart(chart, plan, (5, 7), len(data.months), "Calls needed and the staff's", "A16")
    _table(book, "Events", EVENT_HEADINGS, data.events)
    rates = _table(book, "Hit rate", SEGMENT_HEADINGS, data.segments)
    for row in rates.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "0%"
    save_workbook(book, path)
    return len(data.months)
