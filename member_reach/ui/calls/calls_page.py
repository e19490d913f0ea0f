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

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
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
    Step,
    Turn,
    active_campaigns,
    console_campaign,
    take_turn,
)
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.changes import Change
from member_reach.ui.calls.call_texts import brief_html, logged_text, waiting_text, when_text
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.page import Page
from member_reach.ui.core.qt_values import qdatetime_utc
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.members.member_card_panel import MemberCardPanel
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.tables import error_label, show_message

_KEYS = 9  # outcome keys 1…9


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
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Ca&mpaign:")))
        self.campaign_box = QComboBox()
        self.campaign_box.setMinimumWidth(260)
        self.campaign_box.setToolTip(self.tr("The active campaign you are calling for"))
        top.itemAt(0).widget().setBuddy(self.campaign_box)  # type: ignore[union-attr]
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
        self.body.addLayout(top)
        self.message = error_label()
        self.body.addWidget(self.message)
        self.empty = EmptyState(
            self.tr("No campaign to call for"),
            self.tr(
                "Calls come from campaigns: build one on the Campaigns page, and its calls are "
                "worked here, one member at a time."
            ),
        )
        self.body.addWidget(self.empty, 1)
        self.console = QSplitter()
        self.console.setChildrenCollapsible(False)
        self.console.addWidget(self._build_call())
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
        self.console.setSizes([480, 420])
        self.body.addWidget(self.console, 1)
        for key in range(1, _KEYS + 1):
            shortcut = QShortcut(QKeySequence(str(key)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=key: self.choose_outcome(key))
        workspace.database_changed.connect(self._database_changed)
        # The campaign box counts each campaign's calls still to make.
        self._jobs.follow(Change.CAMPAIGNS | Change.CALLS, self.reload)
        self._show_call(None)
        self.reload()

    def _build_call(self) -> QWidget:
        box = QFrame()
        box.setObjectName("card")
        layout = QVBoxLayout(box)
        self.name_label = QLabel()
        self.name_label.setObjectName("emptyTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phone_label = QLabel()
        self.phone_label.setObjectName("pageHeading")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_label = QLabel()
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        for label in (self.name_label, self.phone_label, self.when_label, self.reason_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # members' text is never markup
            layout.addWidget(label)
        layout.addSpacing(8)
        self.outcome_title = QLabel(self.tr("Outcome (keys 1–9):"))
        layout.addWidget(self.outcome_title)
        self.outcome_grid = QGridLayout()
        self.outcomes = QButtonGroup(self)
        self.outcomes.setExclusive(True)
        self.outcomes.buttonToggled.connect(lambda *_: self._update_buttons())
        layout.addLayout(self.outcome_grid)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes: what was said, for the next caller"))
        self.notes.setMaximumHeight(90)
        layout.addWidget(self.notes)
        callback_row = QHBoxLayout()
        self.callback_box = QCheckBox(self.tr("Call &back on"))
        self.callback_box.setToolTip(self.tr("Your local time; the call waits until then"))
        self.callback_time = QDateTimeEdit()
        self.callback_time.setCalendarPopup(True)
        self.callback_time.setDisplayFormat("d MMM yyyy HH:mm")
        self.callback_time.setEnabled(False)
        self.callback_box.toggled.connect(self.callback_time.setEnabled)
        callback_row.addWidget(self.callback_box)
        callback_row.addWidget(self.callback_time)
        callback_row.addStretch(1)
        layout.addLayout(callback_row)
        buttons = QHBoxLayout()
        self.skip_button = QPushButton(self.tr("&Skip"))
        self.skip_button.setToolTip(self.tr("Leave this call for someone else or later"))
        self.skip_button.clicked.connect(self.skip)
        self.log_button = QPushButton(self.tr("&Log call"))
        self.log_button.setDefault(True)
        self.log_button.setToolTip(
            self.tr("Write the outcome and take the next call (Ctrl+Return)")
        )
        self.log_button.clicked.connect(self.log)
        log_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        log_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        log_shortcut.activated.connect(self.log)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.log_button)
        layout.addLayout(buttons)
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        layout.addWidget(self.waiting_label)
        self.unskip_button = QPushButton(self.tr("&Bring back the calls I skipped"))
        self.unskip_button.clicked.connect(self.bring_back_skipped)
        layout.addWidget(self.unskip_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return box

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
            self._campaign_chosen()

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
        if self.call is not None and self.outcomes.checkedButton() is not None:
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
        buttons = self.outcomes.buttons()
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
            checked = self.outcomes.checkedButton()
            callback = (
                qdatetime_utc(self.callback_time.dateTime())
                if self.callback_box.isChecked()
                else None
            )
            step = Step(
                action[0],
                action[1],
                str(checked.property("code")) if checked is not None else "",
                self.notes.toPlainText(),
                callback,
            )
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
            self._fill_outcomes(brief)

    def _fill_outcomes(self, brief: ConsoleCampaign) -> None:
        for button in self.outcomes.buttons():
            self.outcomes.removeButton(button)
            self.outcome_grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        for index, code in enumerate(brief.codes):
            key = f"{index + 1}  " if index < _KEYS else ""
            button = QPushButton(f"{key}{code.label or code.code}")
            button.setObjectName("outcome")
            button.setCheckable(True)
            button.setProperty("code", code.code)
            tip = self.tr("Category: {category}").format(category=code.category)
            if code.creates_handoff:
                tip += " — " + self.tr("hands the member to {owner}").format(
                    owner=brief.handoff_owner or self.tr("staff")
                )
            button.setToolTip(tip)
            self.outcomes.addButton(button)
            self.outcome_grid.addWidget(button, index // 3, index % 3)

    def _show_call(self, call: ConsoleCall | None, *, keep_input: bool = False) -> None:
        """Show ``call`` (or none); ``keep_input`` keeps the outcome, notes and callback typed."""
        self.call = call
        if not keep_input:
            if self.brief is not None:
                self._fill_outcomes(self.brief)
            self.notes.clear()
            self.callback_box.setChecked(False)
            tomorrow = QDateTime.currentDateTime().addDays(1)
            tomorrow.setTime(QTime(10, 0))
            self.callback_time.setDateTime(tomorrow)
        shown = call is not None
        for widget in (
            self.phone_label,
            self.when_label,
            self.reason_label,
            self.outcome_title,
            self.notes,
            self.callback_box,
            self.callback_time,
            self.skip_button,
            self.log_button,
        ):
            widget.setVisible(shown)
        for button in self.outcomes.buttons():
            button.setVisible(shown)
        self.waiting_label.setVisible(False)
        self.unskip_button.setVisible(False)
        self.card.setVisible(shown)
        if call is None:
            self.call_campaign_id = None
            self.name_label.setText(self.tr("Press Next call to begin"))
            self.card.show_member(None)
            self._update_buttons()
            return
        self.name_label.setText(call.name)
        self.phone_label.setText("   ".join(call.phones) or self.tr("no number on file"))
        self.when_label.setText(when_text(call))
        self.reason_label.setText(self.tr("Why this call: {reason}").format(reason=call.reason))
        self.card.show_member(call.person_id)
        self._update_buttons()

    def _show_waiting(self, waiting: CallsWaiting) -> None:
        text = waiting_text(waiting)
        self.name_label.setText(self.tr("No call to make now"))
        self.waiting_label.setText(text)
        self.waiting_label.setVisible(True)
        self.unskip_button.setVisible(bool(waiting.skipped))

    def _update_buttons(self) -> None:
        holding, free = self.call is not None, not self._busy
        has_campaigns = self.campaign_box.count() > 0
        self.log_button.setEnabled(holding and free and self.outcomes.checkedButton() is not None)
        self.skip_button.setEnabled(holding and free)
        # Log or skip the call on screen before taking another, or another campaign's.
        self.next_button.setEnabled(has_campaigns and not holding and free)
        self.campaign_box.setEnabled(not holding and free)
        tip = self.tr("Log or skip the call on screen first") if holding else ""
        self.next_button.setToolTip(tip or self.tr("Reserve the next member to call for you"))
