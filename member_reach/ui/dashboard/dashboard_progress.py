"""The dashboard's campaigns and retention.

Each active campaign's goal filling up day by day against its pace, its calls, conversations per
success and outcomes by category; whether the calls worked (the newest campaign with a control
group: its called members' renewals against the control's); and the association's retention
and churn for each of the last twelve months.

Read off the GUI thread from :mod:`member_reach.services.reports.reports`, again whenever the data
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.reports.control_report import ControlReport, latest_control_report
from member_reach.services.reports.reports import (
    CampaignReport,
    MonthRetention,
    active_campaign_reports,
    retention_by_month,
)
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import number
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.dashboard_retention import RetentionSection
from member_reach.ui.widgets.control_comparison import ControlComparison
from member_reach.ui.widgets.goal_bar import GoalBar
from member_reach.ui.widgets.progress_charts import GoalChart

_PER_ROW = 2
_MONTHS = 12
_CATEGORIES = ("success", "positive", "neutral", "negative", "do-not-call")


@dataclass(frozen=True)
class GoalsShown:
    """What the section shows: the active campaigns' reports and retention by month."""

    campaigns: list[CampaignReport]
    retention: list[MonthRetention]
    control: ControlReport | None = None  # the newest campaign's with a control group


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
        self.chart.set_days(report.daily, report.today, target, deadline)
        self.chart.setAccessibleName(
            self.tr("{name}: successes day by day").format(name=report.name)
        )

    def _calls_text(self, report: CampaignReport) -> str:
        per_success = report.conversations_per_success
        parts = [
            self.tr("Calls: {count}").format(count=number(report.calls)),
            self.tr("conversations: {count}").format(count=number(report.conversations)),
        ]
        if per_success:  # calls' successes only: a renewal nobody called is not the callers'
            parts.append(self.tr("conversations per success: {rate:g}").format(rate=per_success))
        parts.append(self.tr("still to call: {count}").format(count=number(report.tasks.open)))
        text = " · ".join(parts)
        if report.successes_by_renewals:
            text += "\n" + self.tr(
                "Successes: {calls} by calls, {renewals} by roster renewals"
            ).format(
                calls=number(report.successes_by_calls),
                renewals=number(report.successes_by_renewals),
            )
        return text

    def _category(self, category: str, count: int) -> str:
        """A count of one kind of outcome: "6 successes", "1 do-not-call"."""
        words = {
            "success": self.tr("%Ln success(es)", "", count),
            "positive": self.tr("%Ln positive", "", count),
            "neutral": self.tr("%Ln neutral", "", count),
            "negative": self.tr("%Ln negative", "", count),
            "do-not-call": self.tr("%Ln do-not-call", "", count),
        }
        return words[category]

    def _outcomes_text(self, report: CampaignReport) -> str:
        outcomes = report.outcomes
        return (
            self.tr("Outcomes: {list}").format(
                list=", ".join(self._category(c, outcomes[c]) for c in _CATEGORIES if c in outcomes)
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
        self.control = ControlComparison()  # did the calls work? (a campaign's control group)
        self.control.setVisible(False)  # until a campaign keeps one
        layout.addWidget(self.control)
        self.retention = RetentionSection()
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
                latest_control_report(job.session, job.clock.today()),
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
        if progress.control is not None:
            self.control.show_report(progress.control)
        self.control.setVisible(progress.control is not None)
        self.retention.show_months(progress.retention)
