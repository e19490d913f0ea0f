"""The left side of the call console: who to ring, the outcome buttons, notes and callback.

A plain group of widgets with no job of its own: the Calls page decides what it shows and reads
what the caller chose (:meth:`CallForm.step_input`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.calls.call_console import ConsoleCall, ConsoleCampaign
from member_reach.ui.calls.call_texts import when_text
from member_reach.ui.core.qt_values import qdatetime_utc
from member_reach.ui.widgets.tables import chain_tab_order

KEYS = 9  # outcome keys 1…9


class CallForm(QFrame):
    """The call on screen: name, numbers, local time, reason; outcome, notes, callback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
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
        layout.addLayout(self.outcome_grid)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes: what was said, for the next caller"))
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)  # Tab moves on; Ctrl+Tab types a tab
        self.notes.installEventFilter(self)
        layout.addWidget(self.notes)
        layout.addLayout(self._callback_row())
        layout.addLayout(self._buttons())
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        layout.addWidget(self.waiting_label)
        self.unskip_button = QPushButton(self.tr("&Bring back the calls I skipped"))
        layout.addWidget(self.unskip_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _callback_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.callback_box = QCheckBox(self.tr("Call &back on"))
        self.callback_box.setToolTip(self.tr("Your local time; the call waits until then"))
        self.callback_time = QDateTimeEdit()
        self.callback_time.setCalendarPopup(True)
        self.callback_time.setDisplayFormat("d MMM yyyy HH:mm")
        self.callback_time.setEnabled(False)
        self.callback_box.toggled.connect(self.callback_time.setEnabled)
        row.addWidget(self.callback_box)
        row.addWidget(self.callback_time)
        row.addStretch(1)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
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
        return row

    def fill_outcomes(self, brief: ConsoleCampaign) -> None:
        """One button per outcome code of ``brief``, the first nine numbered for their keys."""
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
            button.setToolTip(tip)
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
        """No notes, no callback (offered for tomorrow at 10:00)."""
        self.notes.clear()
        self.callback_box.setChecked(False)
        tomorrow = QDateTime.currentDateTime().addDays(1)
        tomorrow.setTime(QTime(10, 0))
        self.callback_time.setDateTime(tomorrow)

    def show_call(self, call: ConsoleCall | None) -> None:
        """Show ``call``'s details and inputs, or hide them (no call held)."""
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
            widget.setVisible(call is not None)
        for button in self.outcomes.buttons():
            button.setVisible(call is not None)
            button.setEnabled(call is not None)  # chosen only while a call is held
        self.waiting_label.setVisible(False)
        self.unskip_button.setVisible(False)
        if call is None:
            self.name_label.setText(self.tr("Press Next call to begin"))
            return
        self.name_label.setText(call.name)
        self.phone_label.setText("   ".join(call.phones) or self.tr("no number on file"))
        self.when_label.setText(when_text(call))
        self.reason_label.setText(self.tr("Why this call: {reason}").format(reason=call.reason))

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

    def callback(self) -> dt.datetime | None:
        """The callback time chosen, in UTC (None when no callback is asked)."""
        if not self.callback_box.isChecked():
            return None
        return qdatetime_utc(self.callback_time.dateTime())
