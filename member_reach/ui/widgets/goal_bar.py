"""A campaign's goal as people read it: the bar filling up, and what is still to go and how fast.

Shown on the dashboard's campaign cards and on the Calls page, so callers see the number they
are working toward. A campaign with a revenue goal shows its revenue beside the count: a second
bar ("4,200.00 of 6,000.00 in dues (70%)"), what is pledged, and the pace still needed, worked
out as the count's (the campaign page shows the same, :class:`RevenueBar`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from member_reach.services.reports.reports import CampaignReport
from member_reach.services.reports.revenue import Revenue
from member_reach.ui.core.labels import date_text, money_text, number


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalBar", text)


def short_date(day: dt.date) -> str:
    """A deadline as every date in the window reads: the system's short format (12/31/26)."""
    return date_text(day)


class _Counted(QObject):
    """The bar's counted texts, in a class so that lupdate reads their plural forms."""

    def successes(self, count: int) -> str:
        return self.tr("%Ln success(es)", "", count)

    def every(self, days: int) -> str:
        return self.tr("one every %Ln day(s)", "", days)


def _successes(count: int) -> str:
    return _Counted().successes(count)


def _pace_words(remaining: int, days_left: int) -> str:
    """How fast: "one a day", "2.5 a day", "one every 3 days"."""
    if remaining >= days_left:
        per_day = round(remaining / days_left, 1)
        if per_day == 1:
            return _tr("one a day")
        return _tr("{pace} a day").format(pace=f"{per_day:g}")
    every = days_left // remaining
    if every == 1:  # more than one day in two, less than one a day: read as a day each
        return _tr("one a day")
    return _Counted().every(every)


def pace_text(report: CampaignReport) -> str:
    """Where the goal stands, and the pace still needed by the deadline."""
    goal, achieved = report.goal, report.successes
    target, deadline = goal.target, goal.deadline
    if not target:
        return _tr("Successes so far: {count}; no goal set.").format(count=number(achieved))
    if achieved >= target:
        return _tr("Goal reached: {successes} so far.").format(successes=_successes(achieved))
    if goal.days_left and deadline is not None and goal.remaining is not None:
        return _tr("{remaining} to go: {pace} to make it by {day}.").format(
            remaining=number(goal.remaining),
            pace=_pace_words(goal.remaining, goal.days_left),
            day=short_date(deadline),
        )
    if deadline is not None:
        return _tr("{remaining} short of the goal; the deadline, {day}, has passed.").format(
            remaining=number(goal.remaining or 0), day=short_date(deadline)
        )
    return _tr("{remaining} to go; no deadline set.").format(remaining=number(goal.remaining or 0))


def money(amount: Decimal, currency: str = "") -> str:
    """An amount as the app shows amounts: grouped, two decimals, the currency set ($4,200.00)."""
    return money_text(amount, currency)


def revenue_text(revenue: Revenue) -> str:
    """The revenue against its goal: "4,200.00 of 6,000.00 in dues (70%)"."""
    if revenue.target is None:
        return _tr("{achieved} in dues so far; no revenue goal set.").format(
            achieved=money(revenue.achieved, revenue.currency)
        )
    return _tr("{achieved} of {target} in dues ({share})").format(
        achieved=money(revenue.achieved, revenue.currency),
        target=money(revenue.target, revenue.currency),
        share=f"{revenue.progress or 0:.0%}",
    )


def revenue_pace_text(report: CampaignReport) -> str:
    """What is pledged, and the revenue pace still needed by the deadline (as the count's)."""
    revenue, goal = report.revenue, report.goal
    parts = []
    if revenue.pledged:
        parts.append(
            _tr("{pledged} pledged, not yet paid.").format(
                pledged=money(revenue.pledged, revenue.currency)
            )
        )
    remaining, deadline = revenue.remaining, goal.deadline
    if revenue.target is None or remaining is None:
        pass
    elif not remaining:
        parts.append(_tr("Revenue goal reached."))
    elif revenue.pace_needed_per_day is not None and deadline is not None:
        parts.append(
            _tr("{remaining} to go: {pace} a day to make it by {day}.").format(
                remaining=money(remaining, revenue.currency),
                pace=money(revenue.pace_needed_per_day, revenue.currency),
                day=short_date(deadline),
            )
        )
    elif deadline is not None:
        parts.append(
            _tr("{remaining} short of the revenue goal; the deadline, {day}, has passed.").format(
                remaining=money(remaining, revenue.currency), day=short_date(deadline)
            )
        )
    else:
        parts.append(
            _tr("{remaining} to go; no deadline set.").format(
                remaining=money(remaining, revenue.currency)
            )
        )
    return " ".join(parts)


def count_bar(achieved: int, goal: int | None) -> QProgressBar:
    """A campaign's successes as a bar: "12 of 30", or "12, no goal set"."""
    bar = QProgressBar()
    bar.setTextVisible(True)
    if goal:
        bar.setRange(0, goal)
        bar.setValue(min(achieved, goal))
        bar.setFormat(_tr("{done} of {goal}").format(done=achieved, goal=goal))
    else:
        bar.setRange(0, 1)
        bar.setValue(0)
        bar.setFormat(_tr("{done}, no goal set").format(done=achieved))
    return bar


class RevenueBar(QWidget):
    """The revenue goal's bar and its pace in words; hidden when no revenue goal is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)  # per mille: amounts do not fit a progress bar's int
        self.pace = QLabel()
        self.pace.setWordWrap(True)
        layout.addWidget(self.bar)
        layout.addWidget(self.pace)
        self.setVisible(False)

    def show_report(self, report: CampaignReport) -> None:
        """Show ``report``'s revenue against its goal, or hide when it has none."""
        revenue = report.revenue
        self.setVisible(revenue.target is not None)
        if revenue.target is None:
            return
        self.bar.setValue(min(1000, round((revenue.progress or 0) * 1000)))
        self.bar.setFormat(revenue_text(revenue))  # "(70%)": no %p, %v or %m for Qt to fill
        self.pace.setText(revenue_pace_text(report))


class GoalBar(QWidget):
    """The goal's bar (hidden when no goal is set), its pace in words, and the revenue's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.bar = QProgressBar()
        self.pace = QLabel()
        self.pace.setWordWrap(True)
        self.revenue = RevenueBar()  # beside the count, when there is a revenue goal
        layout.addWidget(self.bar)
        layout.addWidget(self.pace)
        layout.addWidget(self.revenue)

    def show_report(self, report: CampaignReport) -> None:
        """Show ``report``'s goal: successes against the target, and the pace."""
        target, achieved = report.goal.target, report.successes
        self.bar.setVisible(bool(target))
        if target:
            self.bar.setRange(0, target)
            self.bar.setValue(min(achieved, target))
            self.bar.setFormat(
                _tr("{achieved} of {target}").format(
                    achieved=number(achieved), target=number(target)
                )
            )
        self.pace.setText(pace_text(report))
        self.revenue.show_report(report)
