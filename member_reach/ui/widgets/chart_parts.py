"""What a :class:`~member_reach.ui.widgets.chart.Chart` draws, and where, without painting.

A chart is a row of categories (days, months) along the bottom, each with a slot of equal width;
series of values over them, drawn as bars (stacked on the bars before them when asked) or as a
line with a point per value; one or two value axes (left, and right for a second unit); and one
category marked (today). Colours come from the palette in use (:func:`tone_colour`), so a dark
theme stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPalette

from member_reach.ui.widgets.alert_colours import alert_colour, is_dark


class Tone(Enum):
    """A series' colour, worked out from the palette (light or dark)."""

    ACCENT = "accent"  # the palette's highlight: the figure the chart is about
    SECOND = "second"  # a warm colour beside the accent
    GUIDE = "guide"  # the text colour, muted: a line to follow (a pace, a target)
    ALERT = "alert"  # the red of what is lost


#: SECOND on a light and on a dark background.
_SECOND = ("#b8650a", "#ffb45c")


def tone_colour(palette: QPalette, tone: Tone) -> QColor:
    """The colour of ``tone`` in ``palette``."""
    if tone is Tone.ACCENT:
        # The highlight's hue, light enough on a dark card and dark enough on a light one (a
        # theme's highlight may be either: it is made for white text on it, not for lines).
        highlight = palette.color(QPalette.ColorRole.Highlight)
        hue, saturation, lightness = (
            highlight.hslHue(),
            highlight.hslSaturation(),
            highlight.lightness(),
        )
        if is_dark(palette):
            return QColor.fromHsl(hue, saturation, max(lightness, 150))
        return QColor.fromHsl(hue, saturation, min(lightness, 130))
    if tone is Tone.SECOND:
        return QColor(_SECOND[1] if is_dark(palette) else _SECOND[0])
    if tone is Tone.ALERT:
        return alert_colour(palette)
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlpha(190)
    return colour


@dataclass(frozen=True)
class Series:
    """One series of values, one per category (None: nothing that day).

    Attributes:
        name: what the legend and the tooltip call it.
        values: one per category.
        bars: bars when true, else a line.
        tone: its colour.
        right: measured on the right axis (a second unit) rather than the left.
        dashed: a dashed line (a guide rather than a figure).
        points: a visible point on each value of a line.
        stacked: bars stacked on the bars of the series before it.
    """

    name: str
    values: tuple[float | None, ...]
    bars: bool = False
    tone: Tone = Tone.ACCENT
    right: bool = False
    dashed: bool = False
    points: bool = True
    stacked: bool = False


@dataclass(frozen=True)
class Axis:
    """A value axis: the values it spans (at least) and how they read.

    Attributes:
        top: the largest value it must show.
        text: a value as the axis and the tooltips write it.
        bottom: the smallest (0 unless a rate that moves little reads better from higher up).
        whole: counts: a step of at least 1.
    """

    top: float
    text: Callable[[float], str] = field(default=lambda v: f"{v:g}")
    bottom: float = 0.0
    whole: bool = False

    def ticks(self, count: int = 4) -> list[float]:
        """Round values from ``bottom`` (or below) to ``top`` (or above), ``count`` steps or so.

        A step is 1, 2 or 5 × 10ⁿ.
        """
        span = self.top - self.bottom if self.top > self.bottom else 1.0
        raw = span / count
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * 0.999)
        if self.whole:
            step = max(step, 1.0)
        first = math.floor(self.bottom / step + 1e-9)
        last = max(first + 1, math.ceil(self.top / step - 1e-9))
        return [round(i * step, 10) for i in range(first, last + 1)]


def label_step(count: int, slot: float, label_width: float) -> int:
    """Label every n-th category so that labels about ``label_width`` wide do not touch."""
    if count <= 0 or slot <= 0:
        return 1
    return max(1, math.ceil((label_width * 1.4) / slot))


@dataclass(frozen=True)
class Frame:
    """Where the plot sits and how values map onto it.

    Attributes:
        plot: the plotting area (inside the axes).
        count: the categories.
        left, right: the values at the bottom and at the top of each axis.
    """

    plot: QRectF
    count: int
    left: tuple[float, float]
    right: tuple[float, float]

    @property
    def slot(self) -> float:
        """The width of one category."""
        return self.plot.width() / max(1, self.count)

    def x(self, index: int) -> float:
        """The middle of category ``index``."""
        return self.plot.left() + (index + 0.5) * self.slot

    def y(self, value: float, *, right: bool = False) -> float:
        """Where ``value`` sits on the left (or right) axis."""
        bottom, top = self.right if right else self.left
        share = (value - bottom) / (top - bottom) if top > bottom else 0.0
        return self.plot.bottom() - self.plot.height() * share

    def point(self, index: int, value: float, *, right: bool = False) -> QPointF:
        """The point of ``value`` in category ``index``."""
        return QPointF(self.x(index), self.y(value, right=right))


def stacked_bases(series: Sequence[Series]) -> list[list[float]]:
    """For each series, the value each bar starts from (the stacked bars below it)."""
    bases: list[list[float]] = []
    below: list[float] = []
    for one in series:
        if not one.bars:
            bases.append([0.0] * len(one.values))
            continue
        start = below if one.stacked and below else [0.0] * len(one.values)
        bases.append(start)
        below = [b + (v or 0.0) for b, v in zip(start, one.values, strict=True)]
    return bases
