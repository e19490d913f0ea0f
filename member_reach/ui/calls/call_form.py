"""The left side of the call console: who to ring, the outcome buttons, notes, callback, amount.

A plain group of widgets with no job of its own: the Calls page decides what it shows and reads
what the caller chose. The callback is entered and shown in the **member's** local time, with the
caller's beside it when they differ; an outcome that asks for a callback ticks it, at a slot the
console suggests. An amount (paid or pledged) is taken for a success or a positive outcome.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from member_reach.domain.calling_hours import utc_to_wall_time, wall_time_to_utc
from member_reach.domain.values import parse_money
from member_reach.services.calls.call_console import ConsoleCall, ConsoleCampaign, ConsoleCode
from member_reach.ui.calls.call_texts import callback_beside, when_text
from member_reach.ui.core.labels import date_time_input_format
from member_reach.ui.widgets.tables import chain_tab_order

KEYS = 9  # outcome keys 1…9
AMOUNT_CATEGORIES = ("success", "positive")  # outcomes that take an amount (paid or pledged)


class CallForm(QFrame):
    """The call on screen: name, numbers, local time, reason; outcome, notes, callback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.call: ConsoleCall | None = None
        self.codes: dict[str, ConsoleCode] = {}
        layout = QVBoxLayout(self)
        self.name_label = QLabel()
        self.name_label.setObjectName("emptyTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phone_label = QLabel()
        self.phone_label.setObjectName("pageHeading")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_label = QLabel()
        self.when_label.setWordWrap(True)  # a callback their time and ours: long on a laptop
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
        layout.addLayout(self.outcome_grid)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes: what was said, for the next caller"))
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)  # Tab moves on; Ctrl+Tab types a tab
        self.notes.installEventFilter(self)
        layout.addWidget(self.notes)
        layout.addLayout(self._callback_row())
        layout.addLayout(self._amount_row())
        # Skip and Log call sit under the form, not in it: the page keeps them in view when
        # the form scrolls on a short screen (see ``action_bar``).
        self.action_bar = self._buttons()
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        layout.addWidget(self.waiting_label)
        self.unskip_button = QPushButton(self.tr("&Bring back the calls I skipped"))
        layout.addWidget(self.unskip_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _callback_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.callback_box = QCheckBox(self.tr("Call &back on"))
        self.callback_box.setToolTip(self.tr("The member's local time; the call waits until then"))
        self.callback_time = QDateTimeEdit()
        self.callback_time.setCalendarPopup(True)
        self.callback_time.setDisplayFormat(date_time_input_format())
        self.callback_time.setEnabled(False)
        self.callback_where = QLabel()  # "their time · 15:00 your time"
        self.callback_box.toggled.connect(self.callback_time.setEnabled)
        self.callback_box.toggled.connect(self._show_callback_where)
        self.callback_time.dateTimeChanged.connect(self._show_callback_where)
        row.addWidget(self.callback_box)
        row.addWidget(self.callback_time)
        row.addWidget(self.callback_where, 1)
        return row

    def _amount_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.amount_label = QLabel(self.tr("A&mount:"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 195.00"))
        self.amount.setToolTip(
            self.tr(
                "Dues paid on the call, or pledged with a promise (success and positive outcomes)"
            )
        )
        self.amount.setMaximumWidth(220)
        self.amount_label.setBuddy(self.amount)
        row.addWidget(self.amount_label)
        row.addWidget(self.amount)
        row.addStretch(1)
        return row

    def _buttons(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 4, 0, 0)
        self.skip_button = QPushButton(self.tr("&Skip"))
        self.skip_button.setToolTip(self.tr("Leave this call for someone else or later"))
        self.log_button = QPushButton(self.tr("&Log call"))
        self.log_button.setDefault(True)
        self.log_button.setToolTip(
            self.tr("Write the outcome and take the next call (Ctrl+Return)")
        )
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.log_button)
        return bar

    def fill_outcomes(self, brief: ConsoleCampaign) -> None:
        """One button per outcome code of ``brief``, the first nine numbered for their keys."""
        self.codes = {code.code: code for code in brief.codes}
        for button in self.outcomes.buttons():
            self.outcomes.removeButton(button)
            self.outcome_grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        for index, code in enumerate(brief.codes):
            key = f"{index + 1}  " if index < KEYS else ""
            button = QPushButton(f"{key}{code.label or code.code}")
            button.setObjectName("outcome")
            button.setCheckable(True)
            button.setEnabled(False)  # until a call is held (show_call)
            button.setProperty("code", code.code)
            tip = self.tr("Category: {category}").format(category=code.category)
            if code.creates_handoff:
                tip += " — " + self.tr("hands the member to {owner}").format(
                    owner=brief.handoff_owner or self.tr("staff")
                )
            if code.asks_callback:
                tip += " — " + self.tr("asks for the time to call back")
            button.setToolTip(tip)
            button.toggled.connect(self._outcome_toggled)
            self.outcomes.addButton(button)
            self.outcome_grid.addWidget(button, index // 3, index % 3)
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab goes outcome buttons, notes, callback, Log call, Skip (then the member card)."""
        chain_tab_order(self.tab_chain())

    def tab_chain(self) -> list[QWidget]:
        """The form's widgets in the order Tab goes through them."""
        return [
            *self.outcomes.buttons(),
            self.notes,
            self.callback_box,
            self.callback_time,
            self.amount,
            self.log_button,
            self.skip_button,
        ]

    def focus_outcomes(self) -> None:
        """Put the keyboard where keys 1–9 choose and Ctrl+Return logs (the chosen outcome)."""
        buttons = self.outcomes.buttons()
        target = self.outcomes.checkedButton() or (buttons[0] if buttons else None)
        if target is not None and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Tab in the notes types a tab (Tab alone moves on)."""
        if (
            watched is self.notes
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.notes.insertPlainText("\t")
            return True
        return super().eventFilter(watched, event)

    def clear_input(self) -> None:
        """No notes, no amount, no callback (offered at the slot the console suggests)."""
        self.notes.clear()
        self.amount.clear()
        self.callback_box.setChecked(False)
        self._offer_slot()

    def _offer_slot(self) -> None:
        """Put the suggested callback slot, in the member's time, in the callback field."""
        call = self.call
        if call is None or call.callback_slot is None:
            tomorrow = QDateTime.currentDateTime().addDays(1)
            tomorrow.setTime(QTime(10, 0))
            self.callback_time.setDateTime(tomorrow)
            return
        wall = utc_to_wall_time(call.callback_slot, call.zone)
        self.callback_time.setDateTime(
            QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute))
        )

    def _outcome_toggled(self, checked: bool) -> None:
        """An outcome that asks for a callback ticks it; the amount is for success and positive."""
        if not checked:
            return
        code = self.codes.get(self.chosen_code())
        if code is not None and code.asks_callback and not self.callback_box.isChecked():
            self._offer_slot()
            self.callback_box.setChecked(True)
        takes_amount = code is not None and code.category in AMOUNT_CATEGORIES
        self.amount.setEnabled(takes_amount)
        self.amount_label.setEnabled(takes_amount)

    def _show_callback_where(self) -> None:
        """Whose time the callback field shows, and the caller's when it differs."""
        zone = self.call.zone if self.call is not None else ""
        text = ""
        if self.callback_box.isChecked():
            text = callback_beside(self._callback_wall(), zone)
        self.callback_where.setText(text)

    def show_call(self, call: ConsoleCall | None, now: dt.datetime | None = None) -> None:
        """Show ``call``'s details and inputs, or hide them (no call held)."""
        if call is not None and (self.call is None or self.call.task_id != call.task_id):
            self.call = call
            if not self.callback_box.isChecked():
                self._offer_slot()
        self.call = call
        for widget in (
            self.phone_label,
            self.when_label,
            self.reason_label,
            self.outcome_title,
            self.notes,
            self.callback_box,
            self.callback_time,
            self.callback_where,
            self.amount_label,
            self.amount,
            self.skip_button,
            self.log_button,
        ):
            widget.setVisible(call is not None)
        code = self.codes.get(self.chosen_code())
        takes_amount = code is not None and code.category in AMOUNT_CATEGORIES
        self.amount.setEnabled(call is not None and takes_amount)
        self.amount_label.setEnabled(call is not None and takes_amount)
        for button in self.outcomes.buttons():
            button.setVisible(call is not None)
            button.setEnabled(call is not None)  # chosen only while a call is held
        self.waiting_label.setVisible(False)
        self.unskip_button.setVisible(False)
        if call is None:
            self.name_label.setText(self.tr("Press Next call to begin"))
            return
        self.name_label.setText(call.name)
        # One number a line: side by side, two numbers in the heading's size made the form
        # wider than the console has room for at 150%.
        self.phone_label.setText("\n".join(call.phones) or self.tr("no number on file"))
        self.when_label.setText(when_text(call, now))
        self.reason_label.setText(self.tr("Why this call: {reason}").format(reason=call.reason))
        self._show_callback_where()

    def tick(self, now: dt.datetime) -> None:
        """Show the member's local time as it is ``now`` (UTC)."""
        if self.call is not None:
            self.when_label.setText(when_text(self.call, now))

    def show_waiting(self, text: str, *, skipped: bool) -> None:
        """No call to make now: say why, and offer the skipped calls back if there are some."""
        self.name_label.setText(self.tr("No call to make now"))
        self.waiting_label.setText(text)
        self.waiting_label.setVisible(True)
        self.unskip_button.setVisible(skipped)

    def chosen_code(self) -> str:
        """The code of the outcome chosen ("" when none is)."""
        checked = self.outcomes.checkedButton()
        return str(checked.property("code")) if checked is not None else ""

    def _callback_wall(self) -> dt.datetime:
        """The callback time as typed: the member's wall-clock time."""
        moment = self.callback_time.dateTime()
        day, time = moment.date(), moment.time()
        return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())

    def callback(self) -> dt.datetime | None:
        """The callback time chosen, in UTC (None when no callback is asked).

        Typed in the member's local time (the caller's when the member's zone is unknown).
        """
        if not self.callback_box.isChecked():
            return None
        return wall_time_to_utc(self._callback_wall(), self.call.zone if self.call else "")

    def chosen_amount(self) -> Decimal | None:
        """The amount typed for a success or positive outcome (None when none is).

        Raises:
            ValueError: what was typed is not an amount (the message says so, in one line).
        """
        text = self.amount.text().strip()
        if not text or not self.amount.isEnabled():
            return None
        try:
            value = parse_money(text)
        except ValueError:
            raise ValueError(
                self.tr("“{text}” is not an amount: type it like 195.00.").format(text=text)
            ) from None
        if value is None:
            return None
        if not 0 <= value < 10**10:
            raise ValueError(
                self.tr("“{text}” is not an amount paid or pledged.").format(text=text)
            )
        return value
