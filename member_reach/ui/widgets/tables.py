"""Widgets several pages make the same way.

Read-only tables, a day that may be unset, and the red one-line message a page shows when
something is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QWidget,
)

from member_reach.ui.core.qt_values import qdate_value

#: A refusal's one line: red and bold, readable on light and dark themes.
ERROR_STYLE = "QLabel { color: #b3261e; font-weight: 600; }"


def error_label() -> QLabel:
    """A word-wrapped label for refusals, hidden until :func:`show_message` fills it."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote people's text: never markup
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` in ``label`` (in red for an error); an empty text hides the label."""
    label.setText(text)
    label.setStyleSheet(ERROR_STYLE if error else "")
    label.setVisible(bool(text))


def read_only_table(headings: Sequence[str], *, single: bool = False) -> QTableWidget:
    """A table of whole rows that nobody edits in place, the last column filling the width.

    Args:
        headings: the column headings (already translated).
        single: one row can be selected at a time.
    """
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class OptionalDate(QWidget):
    """A day that may be left unset: a tick box ("Known:", "By:") beside a date field.

    Dates show as "7 Mar 2026", never ambiguous whatever the reader's habits.
    """

    def __init__(self, check_text: str, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.setFocusProxy(self.check)

    def value(self) -> dt.date | None:
        """The day, or None when left unset."""
        return qdate_value(self.edit.date()) if self.check.isChecked() else None


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Make Tab go through ``widgets`` in this order (Qt moves each one after the one before)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
