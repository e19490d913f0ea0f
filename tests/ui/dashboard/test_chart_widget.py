"""The app's own chart widget, on its own: axes with round steps, stacked bars, a category's
values in a tooltip, a legend that wraps, an empty chart that says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QFont, QHelpEvent
from PySide6.QtWidgets import QToolTip

from member_reach.ui.widgets.chart import Chart
from member_reach.ui.widgets.chart_parts import Axis, Series, Tone, stacked_bases


def test_axes_step_by_round_numbers() -> None:
    assert Axis(3, whole=True).ticks() == [0, 1, 2, 3]
    assert Axis(1, whole=True).ticks() == [0, 1]  # a count never steps by a half
    assert Axis(19).ticks() == [0, 5, 10, 15, 20]
    assert Axis(1431).ticks() == [0, 500, 1000, 1500]
    assert Axis(1.0, bottom=0.95).ticks() == [0.94, 0.96, 0.98, 1.0]
    assert Axis(0, whole=True).ticks() == [0, 1]  # nothing yet: still an axis


def test_bars_stack_on_the_bars_before_them() -> None:
    first = Series("a", (1.0, None, 2.0), bars=True)
    line = Series("b", (5.0, 5.0, 5.0))
    second = Series("c", (3.0, 1.0, None), bars=True, stacked=True)
    assert stacked_bases([first, line, second]) == [[0, 0, 0], [0, 0, 0], [1.0, 0.0, 2.0]]


def chart_of(qtbot) -> Chart:  # type: ignore[no-untyped-def]
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(480, chart.minimumHeight())
    chart.set_chart(
        ["Mon", "Tue", "Wed"],
        [
            Series("Calls", (1.0, 2.0, None), bars=True),
            Series("Renewals", (0.0, 1.0, None), bars=True, tone=Tone.SECOND, stacked=True),
            Series("Pace", (1.0, 2.0, 3.0), tone=Tone.GUIDE, dashed=True, points=False),
        ],
        Axis(3, whole=True),
        marked=1,
        marked_label="Today",
    )
    return chart


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_a_category_tells_its_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(qtbot)
    chart.show()
    frame = chart.frame()
    assert chart.category_at(frame.x(1)) == 1 and chart.category_at(0) is None
    assert chart.category_text(2) == "Wed\nPace: 3"  # no figure after today
    middle = QPoint(round(frame.x(1)), round(frame.plot.center().y()))
    help_event = QHelpEvent(QEvent.Type.ToolTip, middle, chart.mapToGlobal(middle))
    chart.event(help_event)
    assert QToolTip.text() == "Tue\nCalls: 2\nRenewals: 1\nPace: 2"
    QToolTip.hideText()


def test_a_stacked_bar_draws_both_parts(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(qtbot)
    image = chart.grab().toImage()
    frame = chart.frame()
    low = QPoint(round(frame.x(1)), round(frame.y(1.0)))  # inside the calls' part (0 to 2)
    high = QPoint(round(frame.x(1)), round(frame.y(2.5)))  # inside the renewals' (2 to 3)
    calls, renewals = QColor(image.pixel(low)), QColor(image.pixel(high))
    assert calls.hue() != renewals.hue()
    assert chart.point_at(1, 1).y() == frame.y(3.0)  # the stack's top


def test_the_legend_wraps_and_the_height_follows_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(qtbot)
    wide = chart.frame().plot.top()
    chart.resize(150, chart.height())
    assert chart.frame().plot.top() > wide  # legend rows above the plot
    before = chart.minimumHeight()
    font = QFont(chart.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    chart.setFont(font)
    assert chart.minimumHeight() > before


def test_an_empty_chart_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = Chart()
    qtbot.addWidget(chart)
    chart.set_empty_text("No calls yet")
    chart.resize(300, chart.minimumHeight())
    assert chart.empty_text == "No calls yet" and chart.category_at(100) is None
    assert not chart.grab().isNull()
