"""A small chart the dashboard draws itself: a campaign's goal filling up day by day.

It paints with the palette's colours (so a dark theme stays readable) and says in words, in its
tooltip, what it shows; the figures themselves are written beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from member_reach.ui.core.labels import date_text

_MARGIN = 6.0


class GoalChart(QWidget):
    """Successes so far, day by day, against the pace to the goal (dashed).

    The pace is the straight line from none on the first day to the goal on the deadline.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[dt.date] = []
        self.totals: list[int] = []
        self.goal: int | None = None
        self.deadline: dt.date | None = None
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide and low."""
        return QSize(320, 130)

    def set_series(
        self,
        days: Sequence[dt.date],
        totals: Sequence[int],
        goal: int | None,
        deadline: dt.date | None,
    ) -> None:
        """Show cumulative ``totals`` on ``days`` against ``goal`` by ``deadline``."""
        self.days, self.totals, self.goal, self.deadline = list(days), list(totals), goal, deadline
        reached = self.totals[-1] if self.totals else 0
        tip = self.tr("Successes so far: {count}").format(count=reached)
        if goal and deadline and self.days and deadline >= self.days[0]:  # the line is drawn
            tip += self.tr("; the dashed line is the pace to {goal} by {day}").format(
                goal=goal, day=date_text(deadline)
            )
        self.setToolTip(tip)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draw the axes, the pace line and the successes."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        label = painter.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(_MARGIN, label, -_MARGIN, -_MARGIN - label)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.days:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No calls yet"))
            return
        first = self.days[0]
        last = max(self.days[-1], self.deadline or self.days[-1])
        span = max(1, (last - first).days)
        top = max([*self.totals, self.goal or 0, 1])

        def point(day: dt.date, value: float) -> QPointF:
            x = area.left() + area.width() * (day - first).days / span
            return QPointF(x, area.bottom() - area.height() * value / top)

        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        under = QRectF(area.left(), area.bottom() + 2, area.width(), label)
        painter.drawText(under, Qt.AlignmentFlag.AlignLeft, f"{first.day} {first:%b}")
        painter.drawText(under, Qt.AlignmentFlag.AlignRight, f"{last.day} {last:%b}")
        if self.goal:
            above = QRectF(area.left(), area.top() - label, area.width(), label)
            painter.drawText(
                above, Qt.AlignmentFlag.AlignRight, self.tr("goal {goal}").format(goal=self.goal)
            )
        if self.goal and self.deadline and self.deadline >= first:
            pace = QPen(palette.color(QPalette.ColorRole.Mid), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pace)
            painter.drawLine(point(first, 0), point(self.deadline, self.goal))
        line = QPen(palette.color(QPalette.ColorRole.Highlight), 2.2)
        painter.setPen(line)
        painter.drawPolyline(
            QPolygonF(
                [point(day, total) for day, total in zip(self.days, self.totals, strict=True)]
            )
        )
