"""The Follow-up page: what staff still owe the members they talked to.

Two work lists: the warm leads handed to staff and still open (member, campaign, what was said,
owner, due day; overdue ones in red), and the callbacks due today or overdue (member, campaign,
time, caller). *Mine* shows what is the caller's (by the name in Settings), *Everyone's* all of
it. Enter (or a click) on a row opens the member's card beside the lists; a hand-off is closed
with how it ended and a note, or given to someone else. The lists are read again whenever calls
are logged anywhere in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.calls.follow_up import (
    HANDOFF_OUTCOMES,
    FollowUp,
    HandOffChange,
    HandOffLine,
    close_handoff,
    follow_up,
    owners,
    reassign_handoff,
)
from member_reach.services.common.changes import Change
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.labels import number
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.followup.follow_up_tables import (
    line_at,
    show_callbacks,
    show_handoffs,
    work_list,
)
from member_reach.ui.followup.handoff_dialogs import CloseHandOffDialog, ReassignDialog
from member_reach.ui.members.member_card_panel import MemberCardPanel
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.tables import chain_tab_order, error_label, show_message


class FollowUpRead(NamedTuple):
    """What the page reads: everyone's lists, and the names hand-offs can go to."""

    lists: FollowUp
    owners: list[str]


def _read(job: JobContext) -> FollowUpRead:
    clock = job.clock
    return FollowUpRead(follow_up(job.session, clock.today(), clock.now()), owners(job.session))


class FollowUpPage(Page):
    """The open hand-offs and the callbacks due, the member's card beside them.

    Args:
        workspace: the database in use and the clock.
        runner: reads and writes in the background.
        who: gives the caller's name (Settings › This computer): "Mine", and who closed.
    """

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        who: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Follow-up"),
            self.tr(
                "Warm leads handed to staff and callbacks due: what we still owe the members "
                "who talked to us."
            ),
            parent,
        )
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._who = who
        self.read: FollowUpRead | None = None
        self.shown: FollowUp = FollowUp((), ())
        self.dialog: CloseHandOffDialog | ReassignDialog | None = None
        self.reads = 0  # lists read (what tests check)
        self.body.addLayout(self._build_views())
        self.message = error_label()
        self.body.addWidget(self.message)
        self.card = MemberCardPanel(workspace, runner, who, follow=True)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_lists())
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addWidget(splitter, 1)
        chain_tab_order(
            [
                self.mine_button,
                self.everyone_button,
                self.handoffs,
                self.close_button,
                self.reassign_button,
                self.callbacks,
                *self.card.tab_chain(),
            ]
        )
        workspace.database_changed.connect(self._database_changed)
        # Hand-offs and callbacks come from logged calls; names and do-not-call from members.
        self._jobs.follow(Change.CALLS | Change.MEMBERS, self.reload)
        self._show_lists()
        self._jobs.refresh()  # now if shown, else when first shown

    def _build_views(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show:")))
        self.mine_button = QRadioButton()
        self.everyone_button = QRadioButton()
        self.everyone_button.setChecked(True)
        self.views = QButtonGroup(self)
        for button in (self.mine_button, self.everyone_button):
            self.views.addButton(button)
            row.addWidget(button)
        self.views.buttonToggled.connect(self._view_toggled)
        row.addStretch(1)
        return row

    def _view_toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:  # the button turned on (the other one's turning off is not a second change)
            self._show_lists()

    def _build_lists(self) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 8, 0)
        self.handoffs = work_list(
            [
                self.tr("Member"),
                self.tr("Campaign"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("What was said"),
            ]
        )
        self.handoffs_empty = EmptyState()
        self.handoffs_stack = self._section(
            layout, self.tr("&Warm leads to follow up"), self.handoffs, self.handoffs_empty
        )
        buttons = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Close han&d-off…"))
        self.close_button.setToolTip(self.tr("Say how the chosen hand-off ended, with a note"))
        self.close_button.clicked.connect(self.close_handoff)
        self.reassign_button = QPushButton(self.tr("Re&assign…"))
        self.reassign_button.setToolTip(self.tr("Give the chosen hand-off to someone else"))
        self.reassign_button.clicked.connect(self.reassign_handoff)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.reassign_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.callbacks = work_list(
            [
                self.tr("Member"),
                self.tr("Campaign"),
                self.tr("Call back at"),
                self.tr("Caller"),
            ]
        )
        self.callbacks_empty = EmptyState()
        self.callbacks_stack = self._section(
            layout,
            self.tr("Call&backs due today and overdue"),
            self.callbacks,
            self.callbacks_empty,
        )
        for table in (self.handoffs, self.callbacks):
            table.activated.connect(lambda index, t=table: self._open_card(t, index))
            table.clicked.connect(lambda index, t=table: self._open_card(t, index))
        self.handoffs.currentCellChanged.connect(lambda *_: self._enable_buttons())
        return holder

    @staticmethod
    def _section(
        layout: QVBoxLayout, title: str, table: QTableWidget, empty: EmptyState
    ) -> QStackedWidget:
        label = QLabel(title)
        label.setObjectName("countLabel")
        label.setBuddy(table)
        layout.addWidget(label)
        stack = QStackedWidget()
        stack.addWidget(table)
        stack.addWidget(empty)
        layout.addWidget(stack, 1)
        return stack

    # Reading

    def reload(self) -> None:
        """Read both lists again."""
        self.reads += 1
        self._jobs.query(_read, self._show_read, key="follow-up", failed=self._failed)

    def _database_changed(self) -> None:
        self.read = None
        self.card.forget()  # its member belongs to the database closed
        self._show_lists()
        self._jobs.refresh()

    def _failed(self, message: str) -> None:
        show_message(self.message, message, error=True)

    def _show_read(self, read: FollowUpRead) -> None:
        self.read = read
        self._show_lists()

    @property
    def mine_only(self) -> bool:
        """Whether only the caller's hand-offs and callbacks are shown."""
        return self.mine_button.isChecked()

    def _show_lists(self) -> None:
        who = self._who()
        everyone = self.read.lists if self.read is not None else FollowUp((), ())
        mine = everyone.of(who)
        self.mine_button.setText(
            self.tr("Mi&ne ({count})").format(
                count=number(len(mine.handoffs) + len(mine.callbacks))
            )
        )
        self.everyone_button.setText(
            self.tr("Ever&yone's ({count})").format(
                count=number(len(everyone.handoffs) + len(everyone.callbacks))
            )
        )
        self.mine_button.setToolTip(
            self.tr("Hand-offs you own and callbacks you asked for, as {name}").format(name=who)
        )
        self.shown = mine if self.mine_only else everyone
        show_handoffs(self.handoffs, self.shown.handoffs)
        show_callbacks(self.callbacks, self.shown.callbacks)
        self._show_empty_states(who)
        self._enable_buttons()

    def _show_empty_states(self, who: str) -> None:
        loading = self.read is None
        whose = self.tr("for you ({name})").format(name=who) if self.mine_only else ""
        self.handoffs_empty.set_text(
            self.tr("Reading…")
            if loading
            else self.tr("No warm lead to follow up {whose}").format(whose=whose).strip(),
            ""
            if loading
            else self.tr(
                "A call logged as interested hands the member to the campaign's staff owner; "
                "the lead waits here until it is closed with how it ended."
            ),
        )
        self.callbacks_empty.set_text(
            "" if loading else self.tr("No callback due today {whose}").format(whose=whose).strip(),
            ""
            if loading
            else self.tr(
                "A call logged with a callback time comes back here on its day, and stays "
                "until the member is called again."
            ),
        )
        for stack, table, empty in (
            (self.handoffs_stack, self.handoffs, self.handoffs_empty),
            (self.callbacks_stack, self.callbacks, self.callbacks_empty),
        ):
            stack.setCurrentWidget(table if table.rowCount() else empty)

    def _enable_buttons(self) -> None:
        chosen = self.current_handoff() is not None
        self.close_button.setEnabled(chosen)
        self.reassign_button.setEnabled(chosen)

    def _open_card(self, table: QTableWidget, index: QModelIndex) -> None:
        line = line_at(table, index.row())
        member_id = getattr(line, "member_id", None)
        if isinstance(member_id, int):
            self.card.show_member(member_id)

    def current_handoff(self) -> HandOffLine | None:
        """The hand-off chosen in the list, if any."""
        line = line_at(self.handoffs, self.handoffs.currentRow())
        return line if isinstance(line, HandOffLine) else None

    # Writing

    def close_handoff(self) -> CloseHandOffDialog | None:
        """Ask how the chosen hand-off ended, then close it (under the caller's name)."""
        line = self.current_handoff()
        if line is None:
            return None
        dialog = CloseHandOffDialog(line, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._close(line, dialog.outcome(), dialog.note()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _close(self, line: HandOffLine, outcome: str, note: str) -> None:
        who, now = self._who(), self._workspace.clock.now()
        self._jobs.op(
            lambda job: close_handoff(job.session, line.id, outcome, now, by=who, notes=note),
            self._changed,
            changes=Change.CALLS,
            failed=self._refused,
            title=self.tr("Closing the hand-off"),
        )

    def reassign_handoff(self) -> ReassignDialog | None:
        """Ask who the chosen hand-off goes to, then give it to them."""
        line = self.current_handoff()
        if line is None:
            return None
        known = self.read.owners if self.read is not None else []
        dialog = ReassignDialog(line, known, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reassign(line, dialog.new_owner()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reassign(self, line: HandOffLine, owner: str) -> None:
        now = self._workspace.clock.now()
        self._jobs.op(
            lambda job: reassign_handoff(job.session, line.id, owner, now),
            self._changed,
            changes=Change.CALLS,
            failed=self._refused,
            title=self.tr("Reassigning the hand-off"),
        )

    def _refused(self, message: str) -> None:
        """Say why (closed by someone else meanwhile, say), and show the lists as they are now."""
        self._failed(message)
        self.reload()

    def _changed(self, change: HandOffChange) -> None:
        if change.outcome:
            how = HANDOFF_OUTCOMES[change.outcome].lower()
            text = self.tr("Closed the hand-off of {name}: {how}.").format(
                name=change.name, how=how
            )
        else:
            text = self.tr("The hand-off of {name} goes to {owner}.").format(
                name=change.name, owner=change.owner
            )
        show_message(self.message, text)
        self.handoffs.setFocus()
