"""The plan's two tables: a row per month, and the past year's hit rate by segment.

Both are as tall as their rows (the page scrolls, not the tables) and their few columns fit
any width the window has. A month needing a call partner shows its calls to hand over in red;
the renewals' and the outreach's cells say in a tooltip what they hold (by membership type, by
event).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from member_reach.domain.call_plan import SegmentRate
from member_reach.domain.segments import SEGMENT_LABELS
from member_reach.services.plan.year_plan import PlanMonth
from member_reach.ui.core.labels import month_text, number
from member_reach.ui.widgets.alert_colours import alert_colour
from member_reach.ui.widgets.tables import fit_rows, read_only_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanTables", text)


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(_RIGHT)
    if tip:
        item.setToolTip(tip)
    return item


def _fixed(table: QTableWidget) -> QTableWidget:
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def months_table() -> QTableWidget:
    """The months' table, empty: a row per month, the months as the rows' headings."""
    table = _fixed(
        read_only_table(
            [
                _tr("Renewals due"),
                _tr("Event outreach"),
                _tr("Calls needed"),
                _tr("Hours"),
                _tr("Staff's calls"),
                _tr("To a call partner"),
            ]
        )
    )
    table.verticalHeader().setVisible(True)
    return table


def _by_type(month: PlanMonth) -> str:
    return "\n".join(
        f"{name or _tr('No membership type')}: {number(count)}"
        for name, count in month.by_type.items()
    )


def show_months(table: QTableWidget, months: Sequence[PlanMonth]) -> None:
    """Fill the months' table with the plan's ``months``."""
    table.setRowCount(len(months))
    table.setVerticalHeaderLabels([month_text(m.month) for m in months])
    red, bold = alert_colour(table.palette()), QFont(table.font())
    bold.setBold(True)
    for row, month in enumerate(months):
        f = month.figures
        cells = (
            _item(number(month.renewals), _by_type(month)),
            _item(number(month.outreach), "\n".join(month.events)),
            _item(number(f.calls_needed)),
            _item(f"{f.hours_needed:,.1f}"),
            _item(number(f.staff_calls)),
            _item(number(f.hand_over) if f.partner_needed else "–"),
        )
        if f.partner_needed:
            cells[-1].setForeground(red)
            cells[-1].setFont(bold)
        for column, item in enumerate(cells):
            table.setItem(row, column, item)
    fit_rows(table)


def segments_table() -> QTableWidget:
    """The segments' table, empty."""
    table = _fixed(
        read_only_table(
            [_tr("Segment"), _tr("Conversations"), _tr("Successes"), _tr("Success rate")]
        )
    )
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    return table


def show_segments(table: QTableWidget, segments: Sequence[SegmentRate]) -> None:
    """Fill the segments' table: conversations, successes and their rate per segment."""
    table.setRowCount(len(segments))
    for row, segment in enumerate(segments):
        label = SEGMENT_LABELS[segment.segment]
        name = QTableWidgetItem(label[:1].upper() + label[1:])
        rate = f"{segment.rate:.0%}" if segment.rate is not None else "–"
        table.setItem(row, 0, name)
        table.setItem(row, 1, _item(number(segment.conversations)))
        table.setItem(row, 2, _item(number(segment.successes)))
        table.setItem(row, 3, _item(rate))
    fit_rows(table)
