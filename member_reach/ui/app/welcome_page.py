"""The welcome page a new, empty database opens on: what the product does, and three ways in.

Import your roster (drop it here, or choose it), look around the demo association, or connect to
the office's PostgreSQL server. The page checks whether the database holds anything (a cheap
existence query) when the window opens and whenever another database is opened; once a roster
is imported or a campaign made, the window leaves it for the dashboard. The sidebar stays, so
Settings and every page remain a click away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.common.first_start import holds_nothing
from member_reach.ui.core.jobs import Jobs, is_shown
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.imports.roster_drop import RosterDropTarget
from member_reach.ui.widgets.fit_scroll import FitWidthScrollArea
from member_reach.ui.widgets.tables import chain_tab_order

#: The widest the page's column grows: lines stay readable on a wide screen.
_COLUMN_WIDTH = 880


@dataclass(frozen=True)
class WelcomeChoices:
    """What the page's choices do (the window's own actions, reused)."""

    #: open the roster import with this file
    import_file: Callable[[Path], object]
    #: File › New demo database
    open_demo: Callable[[], object]
    #: Settings, on the database tab, PostgreSQL chosen
    connect_server: Callable[[], object]
    #: Help › User guide
    open_guide: Callable[[], object]


class ChoiceCard(QFrame):
    """One way in: a title, a sentence or two, and the button that takes it."""

    def __init__(self, title: str, text: str, button: QPushButton) -> None:
        super().__init__()
        self.setObjectName("card")
        heading = QLabel(title)
        heading.setObjectName("cardTitle")
        heading.setWordWrap(True)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)  # the buttons of cards side by side stay in one row
        layout.addSpacing(4)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)


def _choice_button(text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(True)  # Enter presses the button that has the focus
    button.setAccessibleName(accessible)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class WelcomePage(Page):
    """The first page of a database that holds nothing yet.

    Args:
        workspace: the database in use; another one opened is checked again.
        runner: runs the check in the background.
        choices: what the choices do.
    """

    #: the database just opened holds nothing: the window shows this page
    wanted = Signal()
    #: the database holds people or campaigns now: the window moves on to the dashboard
    filled = Signal()

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        choices: WelcomeChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Welcome to member_reach"), "", parent)
        self.intro = QLabel(
            self.tr(
                "member_reach helps you keep members from lapsing. Each month you import the "
                "roster from your membership system, get a short call list of the members most "
                "worth a call, make the calls (your staff, or a call partner working in Excel), "
                "and watch your renewal goals fill up day by day."
            )
        )
        self.intro.setObjectName("emptyText")
        self.intro.setWordWrap(True)
        self._jobs = Jobs(workspace, runner, self)
        self._jobs.follow(Change.MEMBERS | Change.CAMPAIGNS, lambda: self.check(opened=False))
        workspace.database_changed.connect(self.check)
        self.drop_target = RosterDropTarget(workspace.folders)
        self.drop_target.file_given.connect(choices.import_file)
        self.demo_button = _choice_button(
            self.tr("Open the &demo"), self.tr("Open the demo association"), choices.open_demo
        )
        self.server_button = _choice_button(
            self.tr("Connect to a &server…"),
            self.tr("Connect to your office's PostgreSQL server"),
            choices.connect_server,
        )
        self.guide_button = _choice_button(
            self.tr("Read the &user guide"), self.tr("Open the user guide"), choices.open_guide
        )
        self.body.addWidget(self._scroll(self._column()), 1)
        chain_tab_order(
            [
                self.drop_target.choose_button,
                self.demo_button,
                self.server_button,
                self.guide_button,
            ]
        )
        self.setFocusProxy(self.drop_target.choose_button)

    def _column(self) -> QWidget:
        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(
            ChoiceCard(
                self.tr("Look around first"),
                self.tr(
                    "A demo association in the middle of its month: a renewal campaign under "
                    "way, calls logged, goals filling up. It is a database of its own: your "
                    "data is never mixed with it."
                ),
                self.demo_button,
            ),
            1,
        )
        cards.addWidget(
            ChoiceCard(
                self.tr("Work on your office's database"),
                self.tr(
                    "If your team shares member_reach on a PostgreSQL server, connect to it: "
                    "ask whoever set it up for its address and your password."
                ),
                self.server_button,
            ),
            1,
        )
        guide = QHBoxLayout()
        note = QLabel(self.tr("New here? The guide walks through the monthly cycle (F1)."))
        note.setObjectName("pageNote")
        note.setWordWrap(True)
        guide.addWidget(note, 1)
        guide.addWidget(self.guide_button)
        column = QWidget()
        column.setMaximumWidth(_COLUMN_WIDTH)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.intro)
        layout.addWidget(self.drop_target)
        layout.addLayout(cards)
        layout.addLayout(guide)
        layout.addStretch(1)
        return column

    @staticmethod
    def _scroll(column: QWidget) -> FitWidthScrollArea:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 8, 0)
        row.addWidget(column, 1)
        row.addStretch(0)
        scroll = FitWidthScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        return scroll

    def check(self, opened: bool = True) -> None:
        """Ask whether the database holds anything; ``wanted`` or ``filled`` follows.

        Args:
            opened: the database was just opened (the window starting, another one chosen):
                an empty one is welcomed. Otherwise only a filled one matters.
        """
        self._jobs.query(
            lambda job: holds_nothing(job.session),
            lambda empty: self._checked(empty, opened),
            key="empty",
        )

    def _checked(self, empty: bool, opened: bool) -> None:
        if empty and opened:
            self.wanted.emit()
        elif not empty and is_shown(self):
            self.filled.emit()
