"""The dashboard's campaigns and retention.

Each active campaign's goal filling up day by day against its pace, its calls, conversations per
success and outcomes by category; and the association's retention and churn for each of the last
twelve months.

Read off the GUI thread from :mod:`member_reach.services.reports.reports`, again whenever the data
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.reports.reports import (
    CampaignReport,
    MonthRetention,
    active_campaign_reports,
    retention_by_month,
)
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import month_text, number
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.goal_bar import GoalBar
from member_reach.ui.widgets.progress_charts import GoalChart
from member_reach.ui.widgets.tables import read_only_table

_PER_ROW = 2
_MONTHS = 12
_CATEGORIES = ("success", "positive", "neutral", "negative", "do-not-call")


@dataclass(frozen=True)
class GoalsShown:
    """What the section shows: the active campaigns' reports and retention by month."""

    campaigns: list[CampaignReport]
    retention: list[MonthRetention]


class CampaignCard(QFrame):
    """One campaign's progress: goal bar, pace, calls and hit rate, outcomes, the daily chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.goal = GoalBar()
        self.bar, self.pace = self.goal.bar, self.goal.pace
        self.calls = QLabel()
        self.calls.setWordWrap(True)
        self.outcomes = QLabel()
        self.outcomes.setObjectName("cardHelp")
        self.outcomes.setWordWrap(True)
        self.chart = GoalChart()
        for widget in (self.title, self.goal, self.calls, self.outcomes, self.chart):
            layout.addWidget(widget)

    def show_report(self, report: CampaignReport) -> None:
        """Show one campaign's :func:`~member_reach.services.reports.reports.campaign_report`."""
        target, deadline = report.goal.target, report.goal.deadline
        self.title.setText(report.name)
        self.goal.show_report(report)
        self.calls.setText(self._calls_text(report))
        self.outcomes.setText(self._outcomes_text(report))
        daily = report.daily
        self.chart.set_series(
            [d.date for d in daily], [d.successes for d in daily], target, deadline
        )

    def _calls_text(self, report: CampaignReport) -> str:
        per_success = report.conversations_per_success
        parts = [
            self.tr("Calls: {count}").format(count=number(report.calls)),
            self.tr("conversations: {count}").format(count=number(report.conversations)),
        ]
        if per_success:
            parts.append(self.tr("conversations per success: {rate:g}").format(rate=per_success))
        parts.append(self.tr("still to call: {count}").format(count=number(report.tasks.open)))
        return " · ".join(parts)

    def _outcomes_text(self, report: CampaignReport) -> str:
        outcomes = report.outcomes
        return (
            self.tr("Outcomes: {list}").format(
                list=", ".join(
                    f"{number(outcomes[c])} {c.replace('-', ' ')}"
                    for c in _CATEGORIES
                    if c in outcomes
                )
            )
            if outcomes
            else self.tr("No outcome logged yet.")
        )


class ProgressSection(QWidget):
    """The active campaigns' cards, then retention by month."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self.progress: GoalsShown | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.campaigns_title = QLabel(self.tr("Campaigns"))
        self.campaigns_title.setObjectName("emptyTitle")
        layout.addWidget(self.campaigns_title)
        self.no_campaign = QLabel(
            self.tr("No active campaign: build one on the Campaigns page to see its goal fill up.")
        )
        self.no_campaign.setObjectName("pageNote")
        layout.addWidget(self.no_campaign)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        for column in range(_PER_ROW):
            self.grid.setColumnStretch(column, 1)
        layout.addLayout(self.grid)
        self.cards: list[CampaignCard] = []
        retention_title = QLabel(self.tr("Retention by month"))
        retention_title.setObjectName("emptyTitle")
        layout.addWidget(retention_title)
        note = QLabel(
            self.tr(
                "Of the members on a month's first day, the share still members on its last "
                "(expiry plus grace), and how many lapsed or joined; the latest month first."
            )
        )
        note.setObjectName("pageNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.retention = read_only_table([])
        self.retention.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retention.verticalHeader().setVisible(True)
        self.retention.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.retention)
        self._jobs = Jobs(workspace, runner, self)
        # Goals follow calls and campaigns; renewals and retention follow the members.
        self._jobs.follow(Change.CALLS | Change.CAMPAIGNS | Change.MEMBERS, self._read)
        workspace.database_changed.connect(self.reload)
        self.reads = 0  # reads started (what tests check)
        self.reload()

    def reload(self) -> None:
        """Read the campaigns' figures and retention again, now if shown, else when shown."""
        self._jobs.refresh()

    def _read(self) -> None:
        self.reads += 1
        self._jobs.query(
            lambda job: GoalsShown(
                active_campaign_reports(job.session, job.clock.today()),
                retention_by_month(job.session, job.clock.today(), _MONTHS),
            ),
            self.show_progress,
            key="goals",
        )

    def show_progress(self, progress: GoalsShown) -> None:
        """Show ``progress``."""
        self.progress = progress
        while len(self.cards) < len(progress.campaigns):
            card = CampaignCard()
            index = len(self.cards)
            self.grid.addWidget(card, index // _PER_ROW, index % _PER_ROW)
            self.cards.append(card)
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(progress.campaigns))
            if index < len(progress.campaigns):
                card.show_report(progress.campaigns[index])
        self.no_campaign.setVisible(not progress.campaigns)
        self._show_retention(progress.retention)

    def _show_retention(self, oldest_first: list[MonthRetention]) -> None:
        months = oldest_first[::-1]  # the newest month first: in view without scrolling
        table = self.retention
        table.clear()
        rows = (
            (self.tr("Members on the 1st"), "members_at_start", False),
            (self.tr("Joined"), "joined", False),
            (self.tr("Lapsed"), "dropped", False),
            (self.tr("Retention"), "retention", True),
            (self.tr("Churn"), "churn", True),
        )
        table.setColumnCount(len(months))
        table.setRowCount(len(rows))
        # Row titles in the vertical header: they stay in view when the months scroll.
        table.setVerticalHeaderLabels([title for title, _, _ in rows])
        table.setHorizontalHeaderLabels([month_text(m.month) for m in months])
        for row, (_, key, share) in enumerate(rows):
            for column, month in enumerate(months):
                value = getattr(month, key)
                text = ("–" if value is None else f"{value:.1%}") if share else number(int(value))
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        # As tall as its rows: no scrolling inside the page's scrolling.
        header = table.horizontalHeader().height()
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        scrollbar = table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(header + rows_height + scrollbar + 2 * table.frameWidth() + 2)
