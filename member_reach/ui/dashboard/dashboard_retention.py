"""The dashboard's retention: a chart of the last twelve months, and their figures below it.

The chart shows the members lapsed each month as bars and the retention rate as a line; the
table gives each month a row (the latest first), so its few columns fit any width the window
has: no column cut, no scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.reports.reports import MonthRetention
from member_reach.ui.core.labels import month_text, number
from member_reach.ui.widgets.progress_charts import RetentionChart
from member_reach.ui.widgets.tables import fit_rows, read_only_table


class RetentionSection(QWidget):
    """Retention by month: title, a line saying what it counts, the chart, the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        title = QLabel(self.tr("Retention by month"))
        title.setObjectName("emptyTitle")
        layout.addWidget(title)
        note = QLabel(
            self.tr(
                "Of the members on a month's first day, the share still members on its last "
                "(expiry plus grace), and how many lapsed or joined."
            )
        )
        note.setObjectName("pageNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(12, 10, 12, 10)
        self.chart = RetentionChart()
        self.chart.setAccessibleName(self.tr("Retention by month"))
        inside.addWidget(self.chart)
        layout.addWidget(card)
        self.columns = (
            (self.tr("Members on the 1st"), "members_at_start", False),
            (self.tr("Joined"), "joined", False),
            (self.tr("Lapsed"), "dropped", False),
            (self.tr("Retention"), "retention", True),
            (self.tr("Churn"), "churn", True),
        )
        self.table = read_only_table([title for title, _, _ in self.columns])
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(True)  # the months
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

    def show_months(self, oldest_first: Sequence[MonthRetention]) -> None:
        """Show :func:`~member_reach.services.reports.reports.retention_by_month`'s months."""
        self.chart.set_months(oldest_first)
        months = list(oldest_first)[::-1]  # the latest month first: in view without scrolling
        table = self.table
        table.setRowCount(len(months))
        table.setVerticalHeaderLabels([month_text(m.month) for m in months])
        for row, month in enumerate(months):
            for column, (_, key, share) in enumerate(self.columns):
                value = getattr(month, key)
                text = ("–" if value is None else f"{value:.1%}") if share else number(int(value))
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        fit_rows(table)
