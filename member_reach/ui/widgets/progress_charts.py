"""The dashboard's two charts, on the app's own :class:`~member_reach.ui.widgets.chart.Chart`.

- :class:`GoalChart`: a campaign's successes day by day from its first day, a point a day, split
  into bars of calls and of roster renewals, today's point ringed, against the pace line to the
  goal (dashed) running on to the deadline.
- :class:`RetentionChart`: the last twelve months, members lapsed each month as bars and the
  retention rate as a line on its own axis.

Each says in its accessible description what it shows; the figures are written beside it too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from member_reach.services.reports.daily import DayTotal, pace_on
from member_reach.services.reports.reports import MonthRetention
from member_reach.ui.core.labels import number
from member_reach.ui.widgets.chart import Chart
from member_reach.ui.widgets.chart_parts import Axis, Series, Tone

#: The most days a goal chart spans: a deadline further away shows the first year.
MAX_DAYS = 366


def day_label(day: dt.date) -> str:
    """A day under a chart's axis ("23 Nov")."""
    return f"{day.day} {day:%b}"


def _count(value: float) -> str:
    return number(round(value))


def _share(value: float) -> str:
    return f"{value:.0%}" if round(value * 100, 6).is_integer() else f"{value:.1%}"


class GoalChart(Chart):
    """A campaign's successes to date, day by day, against the pace to its goal.

    Attributes:
        days: the days shown, from the campaign's first day to today or the deadline.
        goal, deadline: the goal's target and day, None when not set.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[dt.date] = []
        self.goal: int | None = None
        self.deadline: dt.date | None = None

    def set_days(
        self, daily: Sequence[DayTotal], today: dt.date, goal: int | None, deadline: dt.date | None
    ) -> None:
        """Show ``daily`` (from the campaign's report) and the pace to ``goal`` by ``deadline``."""
        self.goal, self.deadline = goal, deadline
        if not daily:
            self.days = []
            self.set_chart([], [], Axis(1, whole=True))
            return
        start = daily[0].date
        last = max(daily[-1].date, min(deadline or start, start + dt.timedelta(MAX_DAYS - 1)))
        self.days = [start + dt.timedelta(n) for n in range((last - start).days + 1)]
        padding: list[float | None] = [None] * (len(self.days) - len(daily))
        pace = [pace_on(day, start, deadline, goal) for day in self.days]
        series = [
            Series(self.tr("By calls"), (*(d.by_calls for d in daily), *padding), bars=True),
            Series(
                self.tr("By roster renewals"),
                (*(d.by_renewals for d in daily), *padding),
                bars=True,
                tone=Tone.SECOND,
                stacked=True,
            ),
            Series(self.tr("Successes"), (*(d.successes for d in daily), *padding)),
        ]
        if any(p is not None for p in pace):
            series.append(
                Series(
                    self.tr("Pace to the goal"),
                    tuple(pace),
                    tone=Tone.GUIDE,
                    dashed=True,
                    points=False,
                )  # fmt: skip
            )
        top = max([daily[-1].successes, goal or 0, 1])
        marked = self.days.index(today) if today in self.days else None
        self.set_chart(
            [day_label(d) for d in self.days],
            series,
            Axis(top, _count, whole=True),
            marked=marked,
            marked_label=self.tr("Today"),
        )
        self.setAccessibleDescription(self._description(daily[-1]))

    def _description(self, last: DayTotal) -> str:
        text = self.tr(
            "Successes day by day since {start}: {count} so far, {calls} by calls and "
            "{renewals} by roster renewals."
        ).format(
            start=day_label(self.days[0]),
            count=number(last.successes),
            calls=number(last.by_calls),
            renewals=number(last.by_renewals),
        )
        if last.pace is not None and self.goal and self.deadline:
            text += " " + self.tr(
                "The dashed line is the pace to {goal} by {day}: {pace} by today."
            ).format(goal=number(self.goal), day=day_label(self.deadline), pace=f"{last.pace:g}")
        return text


class RetentionChart(Chart):
    """Members lapsed each month (bars) and the retention rate (a line, on the right)."""

    def set_months(self, oldest_first: Sequence[MonthRetention]) -> None:
        """Show the months of ``retention_by_month``, the oldest first."""
        months = list(oldest_first)
        rates = [m.retention for m in months if m.retention is not None]
        lowest = min(rates, default=1.0)
        # From a round share under the lowest: a rate that moves by a point still shows it.
        bottom = max(0.0, math.floor((lowest - 0.01) * 20) / 20)
        lapsed = Series(
            self.tr("Members lapsed"), tuple(float(m.dropped) for m in months), bars=True,
            tone=Tone.ALERT
        )  # fmt: skip
        rate = Series(self.tr("Retention rate"), tuple(m.retention for m in months), right=True)
        most = max([m.dropped for m in months] + [1])
        self.set_chart(
            [f"{m.month:%b %y}" for m in months],
            [lapsed, rate],
            # Twice the most lapsed: the bars keep to the lower half, under the rate's line.
            Axis(most * 2, _count, whole=True),
            Axis(1.0, _share, bottom=bottom),
        )
        self.setAccessibleDescription(
            self.tr(
                "Members lapsed each month as bars, and the retention rate as a line, for the "
                "last {count} months; the table below gives the figures."
            ).format(count=len(months))
        )
