"""A campaign's goal as people read it: the bar filling up, and what is still to go and how fast.

Shown on the dashboard's campaign cards and on the Calls page, so callers see the number they
are working toward.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from member_reach.services.reports.reports import CampaignReport
from member_reach.ui.core.labels import number


def _tr(text: str) -> str:
    return QCoreApplication.translate("GoalBar", text)


def short_date(day: dt.date) -> str:
    """A deadline as a caller reads it ("31 Dec 2026")."""
    return f"{day.day} {day:%b %Y}"


def pace_text(report: CampaignReport) -> str:
    """Where the goal stands, and the pace still needed by the deadline."""
    goal, achieved = report.goal, report.successes
    target, deadline = goal.target, goal.deadline
    if not target:
        return _tr("Successes so far: {count}; no goal set.").format(count=achieved)
    if achieved >= target:
        return _tr("Goal reached: {count} successes so far.").format(count=number(achieved))
    if goal.days_left and deadline is not None and goal.remaining is not None:
        remaining, days_left = goal.remaining, goal.days_left
        if remaining >= days_left:  # one a day or more
            return _tr("{remaining} to go: {pace} a day to make it by {day}.").format(
                remaining=number(remaining),
                pace=f"{remaining / days_left:.1f}",
                day=short_date(deadline),
            )
        text = _tr("{remaining} to go: one every {every} days to make it by {day}.")
        return text.format(
            remaining=number(remaining), every=days_left // remaining, day=short_date(deadline)
        )
    if deadline is not None:
        return _tr("{remaining} short of the goal; the deadline, {day}, has passed.").format(
            remaining=number(goal.remaining or 0), day=short_date(deadline)
        )
    return _tr("{remaining} to go; no deadline set.").format(remaining=number(goal.remaining or 0))


class GoalBar(QWidget):
    """The goal's bar (hidden when no goal is set) and its pace in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.bar = QProgressBar()
        self.pace = QLabel()
        self.pace.setWordWrap(True)
        layout.addWidget(self.bar)
        layout.addWidget(self.pace)

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
