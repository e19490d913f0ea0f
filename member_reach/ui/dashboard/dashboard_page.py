"""The Dashboard page: membership, campaigns and retention, real figures only.

Members per status and contacts; then each active campaign's goal filling up day by day against
its pace (calls, conversations per success, outcomes), and retention by month.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.members.members import STATUS_CHOICES
from member_reach.ui.core.labels import date_text, number, status_description, status_label
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.dashboard.dashboard_follow_up import FollowUpSection
from member_reach.ui.dashboard.dashboard_progress import ProgressSection
from member_reach.ui.dashboard.figures import FiguresFeed, MemberFigures
from member_reach.ui.widgets.empty_state import EmptyState

_CARDS_PER_ROW = 4


class FigureCard(QFrame):
    """One figure: a large number, what it counts, and a line saying what that means."""

    def __init__(self, title: str, help_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.help = QLabel(help_text)
        self.help.setObjectName("cardHelp")
        self.help.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addStretch(1)

    def set_value(self, value: int) -> None:
        """Show ``value``."""
        self.value.setText(number(value))


class DashboardPage(Page):
    """Membership at a glance, from the figures feed; an empty database gets an empty state.

    Args:
        workspace: the database in use and today's date.
        feed: the membership figures, reloaded when the data change.
        runner: reads the campaigns' figures and retention in the background.
        open_demo: offered from the empty state when the database holds nobody (optional).
        open_import: the import wizard, offered from the empty state too (optional).
        open_follow_up: the Follow-up page, opened from its figures (optional).
    """

    def __init__(
        self,
        workspace: Workspace,
        feed: FiguresFeed,
        runner: TaskRunner,
        *,
        open_demo: Callable[[], object] | None = None,
        open_import: Callable[[], object] | None = None,
        open_follow_up: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Dashboard"), "", parent)
        self._workspace = workspace
        self.set_subtitle(self.tr("Membership on {date}").format(date=date_text(workspace.today)))
        self.cards: dict[str, FigureCard] = {}
        self.progress = ProgressSection(workspace, runner)
        self.follow_up = FollowUpSection(workspace, runner, open_follow_up)
        self.figures = self._build_figures()
        self.empty = EmptyState(
            self.tr("No members yet — import a roster to begin"),
            self.tr(
                "The dashboard counts your members by status — new, current, in grace, "
                "lapsed. Start by importing this month's roster from your association "
                "management system: File › Import roster…, or drop the file on this window."
            ),
        )
        if open_import is not None:
            self.empty.add_action(self.tr("Import a roster…"), open_import)
        if open_demo is not None:
            self.empty.add_action(self.tr("Try it on a demo association"), open_demo)
        self.loading = EmptyState(self.tr("Counting members…"))
        self.stack = QStackedWidget()
        for widget in (self.loading, self.figures, self.empty):
            self.stack.addWidget(widget)
        self.body.addWidget(self.stack, 1)
        feed.updated.connect(self.show_figures)
        feed.failed.connect(self._show_failure)
        if feed.figures is not None:
            self.show_figures(feed.figures)

    def _build_figures(self) -> QWidget:
        holder = QWidget()
        grid = QGridLayout()
        grid.setSpacing(14)
        # "Expiry unknown" goes last: it is hidden when there are none, and leaves no hole.
        statuses = [s for s in STATUS_CHOICES if s != "unknown"]
        keys = ["members", *statuses, "contacts", "unknown"]
        for position, key in enumerate(keys):
            card = self._make_card(key)
            self.cards[key] = card
            grid.addWidget(card, position // _CARDS_PER_ROW, position % _CARDS_PER_ROW)
        for column in range(_CARDS_PER_ROW):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(18)
        layout.addLayout(grid)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        return scroll

    def _make_card(self, key: str) -> FigureCard:
        if key == "members":
            return FigureCard(
                self.tr("Members"), self.tr("Everyone who holds or held a membership")
            )
        if key == "contacts":
            return FigureCard(
                self.tr("Non-member contacts"),
                self.tr("Event attendees and prospects who never joined"),
            )
        return FigureCard(status_label(key), status_description(key))

    def show_figures(self, figures: MemberFigures) -> None:
        """Show ``figures`` (or the empty state when the database holds nobody)."""
        if figures.is_empty:
            self.stack.setCurrentWidget(self.empty)
            return
        self.cards["members"].set_value(figures.members)
        self.cards["contacts"].set_value(figures.contacts)
        for status in STATUS_CHOICES:
            self.cards[status].set_value(figures.by_status.get(status, 0))
        # "Expiry unknown" is a data problem, worth a card only when it exists.
        self.cards["unknown"].setVisible(figures.by_status.get("unknown", 0) > 0)
        self.stack.setCurrentWidget(self.figures)

    def _show_failure(self, message: str) -> None:
        self.loading.set_text(self.tr("Cannot count the members"), message)
        self.stack.setCurrentWidget(self.loading)
