"""Did the calls work? A campaign's called members against its control group, in words and a chart.

Shown on the dashboard (the newest campaign with a control group) and on a campaign's page. The
sentence comes first (what the director wants to know), then a chart of the two renewal rates,
then the figures behind them, so anyone can check them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from member_reach.domain.control_stats import Comparison
from member_reach.services.reports.control_report import ControlReport
from member_reach.ui.core.labels import date_text, money_text, number
from member_reach.ui.widgets.chart import Chart
from member_reach.ui.widgets.chart_parts import Axis, Series, Tone


def _share(value: float) -> str:
    return f"{value:.0%}"


class ControlChart(Chart):
    """The renewal rate of the members called and of the control group, as two bars."""

    def set_comparison(self, comparison: Comparison) -> None:
        """Show the two groups' rates (nothing drawn while no period has ended)."""
        called, control = comparison.called.rate, comparison.control.rate
        names = (self.tr("Called"), self.tr("Control (not called)"))
        self.set_chart(
            [self.tr("Called"), self.tr("Control")],  # short: both fit under their bars
            [
                Series(names[0], (called, None), bars=True, tone=Tone.ACCENT),
                Series(names[1], (None, control), bars=True, tone=Tone.SECOND),
            ],
            Axis(1.0, _share),
        )
        self.set_empty_text(
            self.tr("No member's period has ended yet.")
            if called is None or control is None
            else ""
        )
        self.setAccessibleDescription(
            self.tr("Renewal rate of the members called and of the control group, as bars.")
        )


class ControlComparison(QFrame):
    """The verdict in words, the chart, and the figures (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("countLabel")
        self.chart = ControlChart()
        self.chart.setAccessibleName(self.tr("Called against control"))
        self.chart.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 44)  # two bars
        self.figures = QLabel()
        self.figures.setObjectName("cardHelp")
        self.figures.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.figures)
        layout.addStretch(1)  # taller than its contents (a tab): they stay together on top

    def show_report(self, report: ControlReport) -> None:
        """Show one campaign's comparison (:mod:`member_reach.services.reports.control_report`)."""
        self.title.setText(self.tr("Did the calls work? {name}").format(name=report.name))
        self.verdict.setText(self.verdict_text(report))
        self.chart.set_comparison(report.comparison)
        self.figures.setText(self.figures_text(report))

    def verdict_text(self, report: ControlReport) -> str:
        """The comparison in one sentence."""
        c = report.comparison
        if c.verdict == "too_early" or c.extra_low is None or c.extra_high is None:
            text = self.tr(
                "Too early to tell: {ended} of %Ln control member(s)' periods have ended.",
                "",
                c.control.members,
            ).format(ended=number(c.control.ended))
            if report.next_period_end is not None:
                text += " " + self.tr("The next ends on {day}.").format(
                    day=date_text(report.next_period_end)
                )
            return text
        low, high = round(c.extra_low), round(c.extra_high)
        extra = round(c.extra_renewals or 0)
        if c.verdict == "calls_helped":
            text = self.tr("The calls added %Ln renewal(s) (95% CI {low} to {high}).", "", extra)
            text = text.format(low=number(low), high=number(high))
            if c.extra_dues is not None:
                text += " " + self.tr("About {amount} in dues.").format(
                    amount=money_text(c.extra_dues, report.currency)
                )
            return text
        if c.verdict == "control_did_better":
            return self.tr(
                "The control group renewed more: {low} to {high} fewer renewals among the members "
                "called. Read the calls' notes to see why."
            ).format(low=number(-high), high=number(-low))
        return self.tr(
            "No clear difference yet: the interval includes zero ({low} to {high} renewals). "
            "More members' periods ending will tell."
        ).format(low=number(low), high=number(high))

    def figures_text(self, report: ControlReport) -> str:
        """The figures behind the sentence, and how they are counted."""
        c = report.comparison

        def rate(value: float | None) -> str:
            return "–" if value is None else f"{value:.1%}"

        return self.tr(
            "Called (everyone on the list outside the control, reached or not): {called_renewed} "
            "of {called_ended} renewed ({called_rate}). Control ({percent}% kept uncalled): "
            "{control_renewed} of {control_ended} ({control_rate}). Renewals within {days} days "
            "of each member's expiry (roster imports and successes logged); only members whose "
            "period has ended count. 95% interval: Newcombe's hybrid score method."
        ).format(
            called_renewed=number(c.called.renewed),
            called_ended=number(c.called.ended),
            called_rate=rate(c.called.rate),
            percent=report.percent,
            control_renewed=number(c.control.renewed),
            control_ended=number(c.control.ended),
            control_rate=rate(c.control.rate),
            days=report.days,
        )
