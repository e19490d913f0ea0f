"""Widgets several pages make the same way.

Read-only tables (and views of long lists, :class:`RowsModel`), a day that may be unset, and
the red one-line message a page shows when something is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTableWidget,
    QWidget,
)

from member_reach.ui.core.labels import date_input_format
from member_reach.ui.core.qt_values import qdate_value

#: A refusal's one line: red and bold, readable on light and dark themes.
ERROR_STYLE = "QLabel { color: #b3261e; font-weight: 600; }"
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


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


def fit_rows(table: QTableWidget) -> None:
    """Make ``table`` as tall as its rows, and never narrower than its columns' contents."""
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    widths = [
        max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
        for c in range(table.columnCount())
    ]
    frame = 2 * table.frameWidth()
    vertical = table.verticalHeader()
    labels = 0 if vertical.isHidden() else vertical.sizeHint().width()
    table.setMinimumWidth(sum(widths) + labels + frame)
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(header.sizeHint().height() + rows + frame + 2)


class OptionalDate(QWidget):
    """A day that may be left unset: a tick box ("Known:", "By:") beside a date field.

    Dates show as "7 Mar 2026", never ambiguous whatever the reader's habits.
    """

    def __init__(self, check_text: str, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
        self.edit.setDisplayFormat(date_input_format())
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


class RowsModel(QAbstractTableModel):
    """Rows of values shown as text, made only when a row is painted: 20,000 rows cost nothing.

    Args:
        headings: the column headings (already translated).
        rows: one sequence of values per row.
        text: how a value is shown (default: ``str``, empty for None).
    """

    def __init__(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[object]],
        text: Callable[[object], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.headings = list(headings)
        self.rows = rows
        self._text = text or (lambda value: "" if value is None else str(value))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headings)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid() or role not in (_DISPLAY, _TOOLTIP):
            return None
        row = self.rows[index.row()]
        return self._text(row[index.column()]) if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.headings[section]
        return None


def read_only_view(model: QAbstractItemModel) -> QTableView:
    """A view of whole rows of ``model``, as :func:`read_only_table` makes a table."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)  # fixed height
    view.horizontalHeader().setStretchLastSection(True)
    return view
