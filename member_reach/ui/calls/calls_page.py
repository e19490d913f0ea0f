"""The Calls page: the call console a staff caller works a campaign from.

Choose the campaign, then *Next call*: the member to ring now (the call you hold, a callback that
is due, else the best open call, only within the member's local calling hours) is reserved for
you. The left side shows who, their numbers and local time, why this call, then the outcome
buttons (keys 1–9 choose one), notes and a callback time; *Log call* (Ctrl+Return) writes it and
brings the next call. The right side shows the campaign's brief and the member's card (history,
events, past calls; their details can be corrected there).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.calls.call_console import (
    CallsWaiting,
    ConsoleCall,
    ConsoleCampaign,
    active_campaigns,
    console_campaign,
)
from member_reach.services.calls.console_turns import Step, Turn, take_turn
from member_reach.services.calls.held_calls import HeldCall, call_held_by
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.changes import Change
from member_reach.services.reports.reports import CampaignReport, campaign_report
from member_reach.ui.calls.call_form import KEYS, CallForm
from member_reach.ui.calls.call_texts import brief_html, logged_text, waiting_text
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.members.member_card_panel import MemberCardPanel
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.goal_bar import GoalBar
from member_reach.ui.widgets.tables import chain_tab_order, error_label, show_message

TICK_MS = 15_000  # how often the member's local time is read again


class CallsPage(Page):
    """The call console.

    Args:
        workspace: the database in use.
        runner: reads and writes in the background.
        who: gives the caller's name (Settings › This computer).
    """

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        who: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Calls"),
            self.tr("The next member to call, their history and local time, and the brief."),
            parent,
        )
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._who = who
        self.call: ConsoleCall | None = None
        self.call_campaign_id: int | None = None  # the campaign of the call on screen
        self.brief: ConsoleCampaign | None = None
        self._busy = False  # a log, skip or next call is under way
        self._skipped: dict[int, list[int]] = {}  # per campaign, this sitting
        self.reads = 0  # campaign lists read (what tests check)
        self.body.addLayout(self._build_top())
        self.message = error_label()
        self.goal = GoalBar()  # the number the callers work toward
        self.goal.setVisible(False)
        self.body.addWidget(self.goal)
        self.body.addWidget(self.message)
        self.empty = EmptyState(
            self.tr("No campaign to call for"),
            self.tr(
                "Calls come from campaigns: build one on the Campaigns page, and its calls are "
                "worked here, one member at a time."
            ),
        )
        self.body.addWidget(self.empty, 1)
        self.body.addWidget(self._build_console(workspace, runner, who), 1)
        self._bind_keys()
        # The member's local time ticks while the call is held.
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(lambda: self.form.tick(self._workspace.clock.now()))
        workspace.database_changed.connect(self._database_changed)
        # The campaign box counts each campaign's calls still to make.
        self._jobs.follow(Change.CAMPAIGNS | Change.CALLS, self.reload)
        self._show_call(None)
        self.reload()

    def _build_top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        label = QLabel(self.tr("Ca&mpaign:"))
        top.addWidget(label)
        self.campaign_box = QComboBox()
        self.campaign_box.setMinimumWidth(260)
        self.campaign_box.setToolTip(self.tr("The active campaign you are calling for"))
        label.setBuddy(self.campaign_box)
        self.campaign_box.currentIndexChanged.connect(self._campaign_chosen)
        top.addWidget(self.campaign_box)
        self.caller_label = QLabel()
        self.caller_label.setObjectName("countLabel")
        self.caller_label.setToolTip(
            self.tr(
                "Calls are logged under this name: change it in File › Settings › This computer"
            )
        )
        top.addWidget(self.caller_label)
        top.addStretch(1)
        self.next_button = QPushButton(self.tr("&Next call"))
        self.next_button.setToolTip(self.tr("Reserve the next member to call for you"))
        self.next_button.clicked.connect(self.take_next)
        top.addWidget(self.next_button)
        return top

    def _build_console(
        self, workspace: Workspace, runner: TaskRunner, who: Callable[[], str]
    ) -> QSplitter:
        self.console = QSplitter()
        self.console.setChildrenCollapsible(False)
        self.form = CallForm()
        self.form.outcomes.buttonToggled.connect(lambda *_: self._update_buttons())
        self.form.skip_button.clicked.connect(self.skip)
        self.form.log_button.clicked.connect(self.log)
        self.form.unskip_button.clicked.connect(self.bring_back_skipped)
        # The form scrolls on a short screen (1366x768, or 1080 lines at 150%) rather than
        # making the window taller than the screen.
        form_area = QScrollArea()
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        form_area.setWidget(self.form)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(form_area, 1)
        column.addWidget(self.form.action_bar)  # Skip and Log call stay in view
        self.console.addWidget(left)
        right = QSplitter(Qt.Orientation.Vertical)
        self.brief_label = QLabel()
        self.brief_label.setWordWrap(True)
        self.brief_label.setTextFormat(Qt.TextFormat.RichText)
        self.brief_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.brief_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        brief_area = QScrollArea()
        brief_area.setWidgetResizable(True)
        brief_area.setFrameShape(QFrame.Shape.NoFrame)
        brief_area.setWidget(self.brief_label)
        right.addWidget(brief_area)
        self.card = MemberCardPanel(workspace, runner, who)
        self.card.changed.connect(self._card_saved)
        right.addWidget(self.card)
        right.setSizes([220, 420])
        self.console.addWidget(right)
        self.console.setSizes([650, 400])  # the form's outcome buttons need about 600
        return self.console

    def _bind_keys(self) -> None:
        """Keys 1–9 choose an outcome; Ctrl+Return logs the call (anywhere on the page)."""
        for key in range(1, KEYS + 1):
            shortcut = QShortcut(QKeySequence(str(key)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=key: self.choose_outcome(key))
        log_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        log_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        log_shortcut.activated.connect(self.log)

    # -- campaigns -----------------------------------------------------------------------------

    def _database_changed(self) -> None:
        self._busy = False
        self._skipped.clear()
        self.brief = None
        self._show_call(None)
        show_message(self.message, "")
        self.reload()

    def reload(self) -> None:
        """Read the active campaigns again (the current call stays)."""
        self.reads += 1
        self._jobs.query(
            lambda job: active_campaigns(job.session), self._show_campaigns, key="campaigns"
        )

    def _show_campaigns(self, campaigns: list[tuple[int, str, int]]) -> None:
        chosen = self.campaign_box.currentData()
        self.campaign_box.blockSignals(True)
        self.campaign_box.clear()
        for campaign_id, name, open_calls in campaigns:
            self.campaign_box.addItem(
                self.tr("{name} — {count} to call").format(name=name, count=f"{open_calls:,}"),
                campaign_id,
            )
        found = self.campaign_box.findData(chosen)
        self.campaign_box.setCurrentIndex(max(found, 0))
        self.campaign_box.blockSignals(False)
        self.empty.setVisible(not campaigns)
        self.console.setVisible(bool(campaigns) or self.call is not None)
        self._update_buttons()
        self.caller_label.setText(self.tr("Calling as {name}").format(name=self._who() or "?"))
        if (
            campaigns
            and self.call is None
            and (self.brief is None or self.brief.campaign_id != self._campaign_id())
        ):
            self._campaign_chosen()  # its brief and its goal
        else:
            self._load_goal()  # hidden when there is no campaign
        if campaigns and self.call is None and not self._busy:
            self._resume_held()

    def _campaign_id(self) -> int | None:
        data = self.campaign_box.currentData()
        return int(data) if data is not None else None

    def _campaign_chosen(self) -> None:
        """Show the chosen campaign's brief (the call on screen, if any, stays yours)."""
        campaign_id = self._campaign_id()
        if campaign_id is None:
            return

        def done(brief: ConsoleCampaign) -> None:
            if self.call is None:
                self._show_brief(brief)

        self._jobs.query(
            lambda job: console_campaign(job.session, find_campaign(job.session, str(campaign_id))),
            done,
            key="brief",
        )
        self._load_goal()

    def _resume_held(self) -> None:
        """Show at once the call this caller still holds from an earlier sitting, if any."""
        caller, now = self._who(), self._workspace.clock.now()

        def show(held: HeldCall | None) -> None:
            if held is None or self.call is not None or self._busy:
                return
            self.campaign_box.blockSignals(True)
            self.campaign_box.setCurrentIndex(
                max(0, self.campaign_box.findData(held.brief.campaign_id))
            )
            self.campaign_box.blockSignals(False)
            self.call_campaign_id = held.brief.campaign_id
            self._show_brief(held.brief)
            self._show_call(held.call)
            self._load_goal()

        self._jobs.query(lambda job: call_held_by(job.session, caller, now), show, key="held")

    def _load_goal(self) -> None:
        """Read the goal of the campaign of the call held, else of the campaign chosen."""
        campaign_id = self.call_campaign_id or self._campaign_id()
        if campaign_id is None:
            self.goal.setVisible(False)
            return

        def read(job: JobContext) -> CampaignReport:
            campaign = find_campaign(job.session, str(campaign_id))
            return campaign_report(job.session, campaign, job.clock.today())

        def show(report: CampaignReport) -> None:
            self.goal.show_report(report)
            self.goal.setVisible(True)

        self._jobs.query(read, show, key="goal")

    # -- the call ------------------------------------------------------------------------------

    def take_next(self) -> None:
        """Reserve and show the next call (log or skip the one on screen first)."""
        if self.call is None:
            self._work(None)

    def skip(self) -> None:
        """Put the call back and show the next one."""
        if self.call is not None:
            self._work(("skip", self.call.task_id))

    def log(self) -> None:
        """Log the chosen outcome with the notes and callback, then show the next call."""
        if self.call is not None and self.form.chosen_code():
            self._work(("log", self.call.task_id))

    def _card_saved(self, member_id: int) -> None:
        """Read the call again after its member's card was saved (a new number, do-not-call)."""
        if self.call is not None and self.call.person_id == member_id:
            self._work(("refresh", self.call.task_id))

    def bring_back_skipped(self) -> None:
        """Offer the calls skipped this sitting again."""
        campaign_id = self._campaign_id()
        if campaign_id is not None:
            self._skipped.pop(campaign_id, None)
        self.take_next()

    def choose_outcome(self, key: int) -> None:
        """Choose the outcome on key ``key`` (1–9)."""
        buttons = self.form.outcomes.buttons()
        if self.call is not None and 1 <= key <= len(buttons):
            buttons[key - 1].setChecked(True)

    def _work(self, action: tuple[str, int] | None) -> None:
        # A logged or skipped call belongs to the campaign it came from; a new one to the chosen.
        campaign_id = self.call_campaign_id if action is not None else self._campaign_id()
        if self._busy or campaign_id is None:
            return  # one at a time: a second Ctrl+Return never logs the call twice
        caller, now = self._who(), self._workspace.clock.now()
        skipped = self._skipped.setdefault(campaign_id, [])
        step = None
        if action is not None:
            form = self.form
            try:
                amount = form.chosen_amount() if action[0] == "log" else None
            except ValueError as exc:
                self._refused(str(exc))
                return
            notes = form.notes.toPlainText()
            step = Step(action[0], action[1], form.chosen_code(), notes, form.callback(), amount)
        name = self.call.name if self.call is not None else ""

        self._busy = True
        self._update_buttons()
        # take_turn owns its transactions: the log is committed before the next call is read.
        self._jobs.op(
            lambda job: (name, take_turn(job.database, campaign_id, caller, now, step, skipped)),
            self._offered,
            changes=Change.CALLS,
            failed=self._refused,
            quiet=True,
        )

    def _refused(self, message: str) -> None:
        self._busy = False
        show_message(self.message, message, error=True)
        self._update_buttons()

    def _offered(self, result: tuple[str, Turn]) -> None:
        logged_name, offer = result
        self._busy = False
        done = ""
        if offer.logged is not None:  # named as on the call's campaign, as shown
            done = logged_text(offer.logged, offer.brief or self.brief, logged_name)
        if offer.next_error:
            done = f"{done} {offer.next_error}".strip()
        show_message(self.message, done, error=bool(offer.next_error))
        if offer.brief is not None:
            self._show_brief(offer.brief)
        found = offer.found
        if isinstance(found, ConsoleCall) and offer.brief is not None:
            self.call_campaign_id = offer.brief.campaign_id
        same = isinstance(found, ConsoleCall) and self.call is not None
        same = same and found.task_id == self.call.task_id  # type: ignore[union-attr]
        self._show_call(found if isinstance(found, ConsoleCall) else None, keep_input=same)
        if isinstance(found, CallsWaiting):
            self._show_waiting(found)

    def _show_brief(self, brief: ConsoleCampaign) -> None:
        self.brief = brief
        self.brief_label.setText(brief_html(brief))
        if self.call is None:
            self.form.fill_outcomes(brief)

    def _show_call(self, call: ConsoleCall | None, *, keep_input: bool = False) -> None:
        """Show ``call`` (or none); ``keep_input`` keeps the outcome, notes and callback typed."""
        self.call = call
        if not keep_input:
            if self.brief is not None:
                self.form.fill_outcomes(self.brief)
                # After Skip, Tab goes on to the member card's details.
                chain_tab_order([*self.form.tab_chain(), *self.card.tab_chain()])
            self.form.clear_input()
        self.form.show_call(call, self._workspace.clock.now())
        self.card.setVisible(call is not None)
        if call is None:
            self._ticker.stop()
        else:
            self._ticker.start()
        if call is None:
            self.call_campaign_id = None
            self.card.show_member(None, can_stay=False)
        else:
            self.card.show_member(call.person_id, can_stay=False)  # the card follows the call
        self._update_buttons()
        if not keep_input:
            self._place_focus()

    def _place_focus(self) -> None:
        """Keys where the caller needs them: on the outcomes of a new call, else on Next call.

        Without this the focus fell to the window's page list (Down then switched pages) or
        stayed in the notes (the next call's "7" was typed into them).
        """
        if not self.isVisible():
            return
        if self.call is not None:
            self.form.focus_outcomes()
        elif self.next_button.isEnabled():
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_waiting(self, waiting: CallsWaiting) -> None:
        now = self._workspace.clock.now()
        self.form.show_waiting(waiting_text(waiting, now), skipped=bool(waiting.skipped))

    def _update_buttons(self) -> None:
        holding, free = self.call is not None, not self._busy
        has_campaigns = self.campaign_box.count() > 0
        self.form.log_button.setEnabled(holding and free and bool(self.form.chosen_code()))
        self.form.skip_button.setEnabled(holding and free)
        # Log or skip the call on screen before taking another, or another campaign's.
        self.next_button.setEnabled(has_campaigns and not holding and free)
        self.campaign_box.setEnabled(not holding and free)
        tip = self.tr("Log or skip the call on screen first") if holding else ""
        self.next_button.setToolTip(tip or self.tr("Reserve the next member to call for you"))
