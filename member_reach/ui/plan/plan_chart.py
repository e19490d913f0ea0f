"""The plan's chart: each month's calls needed against the staff's calls, on the app's Chart.

Bars: the calls the staff make, and stacked on them in red the calls to hand to a call partner
(so a partner month stands out); a dashed line: the calls the staff can make each month. The
chart says what it shows in its accessible description; the table beside it gives the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from member_reach.services.plan.year_plan import PlanMonth
from member_reach.ui.core.labels import number
from member_reach.ui.widgets.chart import Chart
from member_reach.ui.widgets.chart_parts import Axis, Series, Tone


def _count(value: float) -> str:
    return number(round(value))


class PlanChart(Chart):
    """The coming months' calls: made by the staff, handed over, and the staff's capacity."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Calls needed each month against the staff's calls"))

    def _fit_height(self) -> None:
        # Taller than the dashboard's charts: twelve months of peaks are the page's point.
        self.setMinimumHeight(self.fontMetrics().height() * 16)

    def set_months(self, months: Sequence[PlanMonth]) -> None:
        """Show the plan's ``months``, the first first."""
        figures = [m.figures for m in months]
        staff = Series(
            self.tr("Calls by the staff"),
            tuple(float(min(f.calls_needed, f.staff_calls)) for f in figures),
            bars=True,
        )
        partner = Series(
            self.tr("Calls to hand to a call partner"),
            tuple(float(f.hand_over) for f in figures),
            bars=True,
            tone=Tone.ALERT,
            stacked=True,
        )
        capacity = Series(
            self.tr("The staff's capacity"),
            tuple(float(f.staff_calls) for f in figures),
            tone=Tone.GUIDE,
            dashed=True,
            points=False,
        )
        top = max([f.calls_needed for f in figures] + [f.staff_calls for f in figures] + [1])
        self.set_chart(
            [f"{m.month:%b %y}" for m in months],
            [staff, partner, capacity],
            Axis(top, _count, whole=True),
        )
        partner_months = [f"{m.month:%b %Y}" for m in months if m.figures.partner_needed]
        self.setAccessibleDescription(
            self.tr(
                "Calls needed each month for {count} months, as bars: the staff's share, and in "
                "red what goes to a call partner; the dashed line is the calls the staff can "
                "make. A partner is needed in: {months}."
            ).format(count=len(months), months=", ".join(partner_months) or self.tr("no month"))
        )
