"""A campaign's brief and outcome codes, as edited.

The goal and why it matters, the talking points, the FAQ, who takes warm leads, and the codes
callers choose from. Widgets of the campaign builder, kept apart so that a campaign's brief can
be edited with the same fields later.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.domain.outcomes import CATEGORIES
from member_reach.domain.values import parse_money
from member_reach.services.campaigns.campaign_builder import CodeChoice
from member_reach.services.campaigns.campaigns import Brief
from member_reach.ui.widgets.tables import OptionalDate


def _tr(text: str) -> str:
    return QCoreApplication.translate("BriefForm", text)


def spin_box(lowest: int, highest: int, special: str, suffix: str) -> QSpinBox:
    """A number box from ``lowest`` to ``highest``; ``special`` names the lowest, if given."""
    spin = QSpinBox()
    spin.setRange(lowest, highest)
    spin.setSpecialValueText(special)
    spin.setSuffix(suffix)
    return spin


def _text(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(64)
    edit.setTabChangesFocus(True)
    return edit


class BriefFields:
    """The brief's fields, added as rows of a form."""

    def __init__(self, form: QFormLayout, deadline: dt.date) -> None:
        self.goal_spin = spin_box(0, 100_000, _tr("No goal"), "")
        form.addRow(_tr("&Goal (successes):"), self.goal_spin)
        self.revenue_edit = QLineEdit()
        self.revenue_edit.setPlaceholderText(_tr("Dues or fees, e.g. 25000"))
        form.addRow(_tr("Goal in &revenue:"), self.revenue_edit)
        self.deadline = OptionalDate(_tr("By:"), deadline)
        deadline_label = QLabel(_tr("&Deadline:"))
        deadline_label.setBuddy(self.deadline)
        form.addRow(deadline_label, self.deadline)
        self.why_edit = _text(_tr("Why these calls matter, in a sentence or two"))
        form.addRow(_tr("&Why it matters:"), self.why_edit)
        self.points_edit = _text(_tr("What to say: one point per line"))
        form.addRow(_tr("&Talking points:"), self.points_edit)
        self.faq_edit = _text(_tr("Questions members ask, with the answers"))
        form.addRow(_tr("&FAQ:"), self.faq_edit)
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(_tr("The staff member warm leads go to"))
        form.addRow(_tr("&Hand-offs to:"), self.owner_edit)

    def brief(self) -> Brief:
        """The brief as typed (a revenue goal that is not an amount above 0 is left out)."""
        try:  # typed as people type money: 6000, $6,000, 6.000,00 €
            revenue = parse_money(self.revenue_edit.text())
        except ValueError:
            revenue = None
        if revenue is not None and revenue <= 0:
            revenue = None
        return Brief(
            goal_count=self.goal_spin.value() or None,
            goal_revenue=revenue,
            deadline=self.deadline.value(),
            why_it_matters=self.why_edit.toPlainText().strip(),
            talking_points=self.points_edit.toPlainText().strip(),
            faq=self.faq_edit.toPlainText().strip(),
            handoff_owner=" ".join(self.owner_edit.text().split()),
        )


class CodesEditor(QWidget):
    """The outcome codes: code, meaning, category, conversation, hand-off, asks for a callback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(QLabel(self.tr("Outcome codes callers choose from:")))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Meaning"),
                self.tr("Category"),
                self.tr("Talked"),
                self.tr("Hand-off"),
                self.tr("Call back"),
            ]
        )
        for column, tip in (
            (3, self.tr("Ticked when the outcome means a conversation took place")),
            (4, self.tr("Ticked when the outcome hands the member to staff as a warm lead")),
            (5, self.tr("Ticked when the caller must give a time to call back")),
        ):
            header_item = self.table.horizontalHeaderItem(column)
            assert header_item is not None  # set just above
            header_item.setToolTip(tip)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 96), (2, 112), (3, 56), (4, 72), (5, 72)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(220)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Add code"))
        add.clicked.connect(lambda: self.add_code(CodeChoice("", "", "neutral")))
        remove = QPushButton(self.tr("Remo&ve code"))
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)

    def set_codes(self, codes: list[CodeChoice]) -> None:
        """Show ``codes`` instead of the ones shown."""
        self.table.setRowCount(0)
        for code in codes:
            self.add_code(code)

    def add_code(self, code: CodeChoice) -> None:
        """Add a row for ``code``."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(code.code))
        self.table.setItem(row, 1, QTableWidgetItem(code.label))
        category = QComboBox()
        category.addItems(list(CATEGORIES))
        category.setCurrentText(code.category)
        self.table.setCellWidget(row, 2, category)
        for column, value in (
            (3, code.answered),
            (4, code.creates_handoff),
            (5, code.asks_callback),
        ):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            self.table.setItem(row, column, item)

    def remove_selected(self) -> None:
        """Remove the selected rows (or the current one)."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.currentRow()]:
            if row >= 0:
                self.table.removeRow(row)

    def _ticked(self, row: int, column: int) -> bool:
        item = self.table.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def code_choices(self) -> tuple[CodeChoice, ...]:
        """The outcome codes as edited (rows without a code are left out)."""
        choices = []
        for row in range(self.table.rowCount()):
            code = (self.table.item(row, 0) or QTableWidgetItem()).text().strip()
            if not code:
                continue
            category = self.table.cellWidget(row, 2)
            assert isinstance(category, QComboBox)
            choices.append(
                CodeChoice(
                    code,
                    (self.table.item(row, 1) or QTableWidgetItem()).text().strip(),
                    category.currentText(),
                    self._ticked(row, 3),
                    self._ticked(row, 4),
                    self._ticked(row, 5),
                )
            )
        return tuple(choices)
