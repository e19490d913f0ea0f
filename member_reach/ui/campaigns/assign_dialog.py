"""Assign calls…: who gets the next open calls (a known caller or partner, or a new name)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from member_reach.services.campaigns.campaign_calls import KnownNames


class AssignDialog(QDialog):
    """Choose a name (callers first, then partners; a new one may be typed) and a count.

    Args:
        names: the callers and partners calls went to before.
        me: the name of the person at the keyboard (Settings), offered among the callers.
        open_calls: the open calls nobody is assigned; the count is at most this.
    """

    def __init__(
        self, names: KnownNames, me: str, open_calls: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign calls"))
        self.who_box = QComboBox()
        self.who_box.setEditable(True)
        self.who_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        callers = list(names.callers)
        if me.strip() and me.strip().casefold() not in {c.casefold() for c in callers}:
            callers.insert(0, me.strip())
        for name in callers:
            self.who_box.addItem(name, "caller")
        if callers and names.partners:
            self.who_box.insertSeparator(self.who_box.count())
        for name in names.partners:
            self.who_box.addItem(name, "partner")
            self.who_box.setItemData(
                self.who_box.count() - 1, self.tr("A partner"), Qt.ItemDataRole.ToolTipRole
            )
        self.who_box.setCurrentIndex(-1)
        edit = self.who_box.lineEdit()
        assert edit is not None  # an editable box has one
        edit.setPlaceholderText(self.tr("A caller or a partner"))
        self.who_box.setMinimumContentsLength(24)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, max(1, open_calls))
        self.count_spin.setValue(min(open_calls, 50))
        self.count_spin.setGroupSeparatorShown(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Assign &to:"), self.who_box)
        hint = QLabel(
            self.tr("Your callers first, then the partners files went to; or type a new name.")
        )
        hint.setObjectName("pageNote")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(
            self.tr("How &many (best first):"),
            self.count_spin,
        )
        left = self.tr("Open calls nobody is assigned: {count}.")
        form.addRow("", QLabel(left.format(count=f"{open_calls:,}")))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Assign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.who_box.currentTextChanged.connect(self._allow)
        self._allow()

    def who(self) -> str:
        """The name typed or chosen, its spaces tidied."""
        return " ".join(self.who_box.currentText().split())

    def _allow(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.who()))
