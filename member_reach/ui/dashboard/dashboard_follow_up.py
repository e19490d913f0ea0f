"""The dashboard's follow-up figures: warm leads overdue and callbacks due today.

Read off the GUI thread from :mod:`member_reach.services.calls.follow_up`, again whenever calls
change; a click on a figure (or the button beside them) opens the Follow-up page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from member_reach.services.calls.follow_up import FollowUpCounts, follow_up_counts
from member_reach.services.common.changes import Change
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import number
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.alert_colours import alert_colour


class FollowUpFigure(QFrame):
    """A count that opens the Follow-up page when clicked."""

    def __init__(self, title: str, opens: Callable[[], object] | None) -> None:
        super().__init__()
        self.setObjectName("card")
        self._opens = opens
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.help = QLabel()
        self.help.setObjectName("cardHelp")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(2)
        for label in (self.value, self.title, self.help):
            layout.addWidget(label)

    def show_count(self, count: int, help_text: str, *, alert: bool) -> None:
        """Show ``count`` (in red when ``alert``) and a line about it."""
        self.value.setText(number(count))
        colour = alert_colour(self.palette()).name() if alert else ""
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.help.setText(help_text)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._opens is not None:
            self._opens()
        super().mousePressEvent(event)


class FollowUpSection(QWidget):
    """Overdue warm leads and callbacks due today, with the way to the Follow-up page."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        open_follow_up: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.counts: FollowUpCounts | None = None
        self.reads = 0  # reads started (what tests check)
        self.leads = FollowUpFigure(self.tr("Warm leads overdue"), open_follow_up)
        self.callbacks = FollowUpFigure(self.tr("Callbacks due today"), open_follow_up)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        row.addWidget(self.leads, 1)
        row.addWidget(self.callbacks, 1)
        self.open_button = QPushButton(self.tr("&Go to Follow-up"))
        self.open_button.setToolTip(self.tr("The open warm leads and the callbacks due"))
        self.open_button.setVisible(open_follow_up is not None)
        if open_follow_up is not None:
            self.open_button.clicked.connect(lambda _checked=False: open_follow_up())
        row.addWidget(self.open_button)
        row.addStretch(1)
        self._jobs = Jobs(workspace, runner, self)
        self._jobs.follow(Change.CALLS | Change.MEMBERS, self._read)
        workspace.database_changed.connect(self._jobs.refresh)
        self._jobs.refresh()

    def _read(self) -> None:
        self.reads += 1
        self._jobs.query(
            lambda job: follow_up_counts(job.session, job.clock.today(), job.clock.now()),
            self.show_counts,
            key="follow-up",
        )

    def show_counts(self, counts: FollowUpCounts) -> None:
        """Show ``counts``."""
        self.counts = counts
        self.leads.show_count(
            counts.overdue_handoffs,
            self.tr("of {count} open, past their due day").format(
                count=number(counts.open_handoffs)
            ),
            alert=counts.overdue_handoffs > 0,
        )
        self.callbacks.show_count(
            counts.callbacks_due,
            self.tr("{count} of them overdue").format(count=number(counts.callbacks_overdue)),
            alert=counts.callbacks_overdue > 0,
        )
