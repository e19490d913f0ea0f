"""A chart widget the app paints itself: bars and lines with a point per value, and a legend.

One or two value axes, and one category marked (today).

Painted with QPainter rather than a chart library: Qt's own charts come in PySide6-Addons (about
417 MB more installed, for a 4 MB charts library) and pyqtgraph brings numpy (about 82 MB more),
for two small charts on one page; neither gives a screen reader the points either. The chart
says what it shows in its accessible description, and the value of each category in a tooltip;
the figures are written beside it too. Colours come from the palette (:mod:`.chart_parts`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from member_reach.ui.widgets.chart_parts import (
    Axis,
    Frame,
    Series,
    Tone,
    label_step,
    stacked_bases,
    tone_colour,
)

_GAP = 6.0  # between the parts, in pixels (scaled with the font below)
_SWATCH = 14.0


class Chart(QWidget):
    """Categories along the bottom, series of bars and lines over them, a legend on top.

    Attributes:
        labels: one per category (a day, a month), written under the axis where they fit.
        series: what is drawn, in order (bars first reads best: lines go over them).
        marked: the category marked (today), None for none; ``marked_label`` names it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.left = Axis(1.0)
        self.right: Axis | None = None
        self.marked: int | None = None
        self.marked_label = ""
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(240)
        self._fit_height()

    def set_chart(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        left: Axis,
        right: Axis | None = None,
        *,
        marked: int | None = None,
        marked_label: str = "",
    ) -> None:
        """Show ``series`` over ``labels``, measured on ``left`` (and ``right``)."""
        self.labels, self.series = list(labels), list(series)
        self.left, self.right = left, right
        self.marked, self.marked_label = marked, marked_label
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when it has no category to show."""
        self.empty_text = text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide and low, as tall as the font asks."""
        return QSize(360, self.minimumHeight())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Follow the font (a larger font, a taller chart)."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
        super().changeEvent(event)

    def _fit_height(self) -> None:
        self.setMinimumHeight(self.fontMetrics().height() * 12)

    def tone(self, tone: Tone) -> QColor:
        """The colour of ``tone`` in this widget's palette."""
        return tone_colour(self.palette(), tone)

    def colour_of(self, series: Series) -> QColor:
        """The colour ``series`` is drawn in."""
        return self.tone(series.tone)

    # Geometry

    def _legend_entries(self) -> list[tuple[str, Series | None]]:
        entries: list[tuple[str, Series | None]] = [(s.name, s) for s in self.series]
        if self.marked is not None and self.marked_label:
            entries.append((self.marked_label, None))
        return entries

    def _legend_rows(self, width: float) -> list[list[tuple[float, str, Series | None]]]:
        metrics = self.fontMetrics()
        rows: list[list[tuple[float, str, Series | None]]] = [[]]
        x = 0.0
        for text, series in self._legend_entries():
            wide = _SWATCH + 4 + metrics.horizontalAdvance(text) + 2 * _GAP
            if rows[-1] and x + wide > width:
                rows.append([])
                x = 0.0
            rows[-1].append((x, text, series))
            x += wide
        return rows

    def _axis_width(self, axis: Axis | None) -> float:
        if axis is None:
            return _GAP
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(axis.text(t)) for t in axis.ticks()) + _GAP

    def frame(self) -> Frame:
        """Where the plot sits at the widget's size (what painting and tooltips use)."""
        line = self.fontMetrics().height()
        rect = QRectF(self.rect())
        legend = len(self._legend_rows(rect.width())) * line
        plot = rect.adjusted(
            self._axis_width(self.left),
            legend + line * 0.75,
            -self._axis_width(self.right),
            -(line + _GAP),
        )
        left = self.left.ticks()
        right = self.right.ticks() if self.right is not None else [0.0, 1.0]
        return Frame(plot, len(self.labels), (left[0], left[-1]), (right[0], right[-1]))

    def point_at(self, series: int, index: int) -> QPointF:
        """Where value ``index`` of series number ``series`` is drawn (a bar's top)."""
        one = self.series[series]
        base = stacked_bases(self.series)[series][index]
        return self.frame().point(index, base + (one.values[index] or 0.0), right=one.right)

    def category_at(self, x: float) -> int | None:
        """The category under ``x``, None outside the plot."""
        frame = self.frame()
        if not self.labels or not frame.plot.left() <= x <= frame.plot.right():
            return None
        return min(len(self.labels) - 1, int((x - frame.plot.left()) / frame.slot))

    def category_text(self, index: int) -> str:
        """The category's label and each series' value in it, a line each (the tooltip)."""
        lines = [self.labels[index]]
        for one in self.series:
            value = one.values[index]
            if value is not None:
                axis = self.right if one.right and self.right is not None else self.left
                lines.append(f"{one.name}: {axis.text(value)}")
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        """Show the values of the category under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.category_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.category_text(index), self)
            return True
        return super().event(event)

    # Painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draw the legend, the axes, the bars, the lines and their points, the mark."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = self.frame()
        self._paint_axes(painter, frame)
        if not self.labels:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(frame.plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._paint_legend(painter)
        self._paint_labels(painter, frame)
        self._paint_mark(painter, frame)
        bases = stacked_bases(self.series)
        for one in self.series:  # guides under the figures
            if one.dashed and not one.bars:
                self._paint_line(painter, frame, one)
        for one, base in zip(self.series, bases, strict=True):
            if one.bars:
                self._paint_bars(painter, frame, one, base)
        for one in self.series:
            if not one.dashed and not one.bars:
                self._paint_line(painter, frame, one)
        self._paint_marked_points(painter, frame, bases)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _paint_axes(self, painter: QPainter, frame: Frame) -> None:
        plot, line = frame.plot, self.fontMetrics().height()
        grid = QColor(self.palette().color(QPalette.ColorRole.Text))
        grid.setAlpha(40)
        for axis, right in ((self.left, False), (self.right, True)):
            if axis is None:
                continue
            for tick in axis.ticks():
                y = frame.y(tick, right=right)
                if not right:
                    painter.setPen(QPen(grid, 1))
                    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                painter.setPen(self._muted())
                box = (
                    QRectF(plot.right() + 4, y - line / 2, self.width() - plot.right() - 4, line)
                    if right
                    else QRectF(0, y - line / 2, plot.left() - 4, line)
                )
                align = Qt.AlignmentFlag.AlignLeft if right else Qt.AlignmentFlag.AlignRight
                painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, axis.text(tick))
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _paint_legend(self, painter: QPainter) -> None:
        line = self.fontMetrics().height()
        for row, entries in enumerate(self._legend_rows(self.width())):
            y = row * line
            for x, text, series in entries:
                swatch = QRectF(x, y + (line - _SWATCH) / 2, _SWATCH, _SWATCH)
                self._paint_swatch(painter, swatch, series)
                painter.setPen(self.palette().color(QPalette.ColorRole.Text))
                box = QRectF(swatch.right() + 4, y, self.width(), line)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
                )

    def _paint_swatch(self, painter: QPainter, box: QRectF, series: Series | None) -> None:
        if series is None:  # the mark
            self._paint_ring(painter, box.center(), box.width() / 2 - 1)
            return
        colour = self.colour_of(series)
        if series.bars:
            painter.fillRect(box.adjusted(1, 3, -1, 0), colour)
            return
        style = Qt.PenStyle.DashLine if series.dashed else Qt.PenStyle.SolidLine
        painter.setPen(QPen(colour, 2, style))
        middle = box.center().y()
        painter.drawLine(QPointF(box.left(), middle), QPointF(box.right(), middle))
        if series.points:
            painter.setBrush(colour)
            painter.drawEllipse(box.center(), 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_labels(self, painter: QPainter, frame: Frame) -> None:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in self.labels)
        step = label_step(len(self.labels), frame.slot, widest)
        shown = {i for i in range(0, len(self.labels), step)}
        if self.marked is not None:
            # The mark's label always shows; its neighbours make room.
            shown = {i for i in shown if abs(i - self.marked) >= step} | {self.marked}
        top = frame.plot.bottom() + 2
        for index in sorted(shown):
            text = self.labels[index]
            width = metrics.horizontalAdvance(text) + 4
            x = min(max(frame.x(index) - width / 2, 0), self.width() - width)
            font = QFont(self.font())
            font.setBold(index == self.marked)
            painter.setFont(font)
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(x, top, width, metrics.height()), Qt.AlignmentFlag.AlignCenter, text
            )
        painter.setFont(self.font())

    def _paint_mark(self, painter: QPainter, frame: Frame) -> None:
        if self.marked is None:
            return
        x = frame.x(self.marked)
        painter.setPen(QPen(self._muted(), 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, frame.plot.top()), QPointF(x, frame.plot.bottom()))

    def _paint_bars(self, painter: QPainter, frame: Frame, one: Series, base: list[float]) -> None:
        colour = self.colour_of(one)
        colour.setAlpha(min(colour.alpha(), 185))  # a line over the bars stands out
        width = max(1.0, frame.slot * 0.7)
        for index, value in enumerate(one.values):
            if not value:
                continue
            top = frame.y(base[index] + value, right=one.right)
            bottom = frame.y(base[index], right=one.right)
            painter.fillRect(QRectF(frame.x(index) - width / 2, top, width, bottom - top), colour)

    def _paint_line(self, painter: QPainter, frame: Frame, one: Series) -> None:
        colour = self.colour_of(one)
        style = Qt.PenStyle.DashLine if one.dashed else Qt.PenStyle.SolidLine
        painter.setPen(QPen(colour, 2, style, Qt.PenCapStyle.RoundCap))
        points = [
            frame.point(i, v, right=one.right) if v is not None else None
            for i, v in enumerate(one.values)
        ]
        path = QPainterPath()  # one path: a dash pattern runs on across the days
        for previous, point in zip([None, *points], points, strict=False):
            if point is None:
                continue
            if previous is None:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.drawPath(path)
        if not one.points:
            return
        radius = self._radius(frame)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for point in points:
            if point is not None:
                painter.drawEllipse(point, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _radius(self, frame: Frame) -> float:
        return max(2.0, min(4.0, frame.slot / 3))

    def _paint_marked_points(
        self, painter: QPainter, frame: Frame, bases: list[list[float]]
    ) -> None:
        """A ring round the marked category's points (the lines' and the top bar's)."""
        if self.marked is None:
            return
        tops = [
            (i, one) for i, one in enumerate(self.series) if one.values[self.marked] is not None
        ]
        for index, one in tops:
            if one.bars or not one.points:
                continue
            value = bases[index][self.marked] + (one.values[self.marked] or 0.0)
            self._paint_ring(
                painter, frame.point(self.marked, value, right=one.right), self._radius(frame) + 3
            )

    def _paint_ring(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2))
        painter.drawEllipse(centre, radius, radius)
