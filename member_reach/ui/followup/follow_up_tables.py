"""The Follow-up page's two lists: open hand-offs and callbacks due, overdue rows in red."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from member_reach.services.calls.follow_up import CallbackLine, HandOffLine
from member_reach.ui.core.labels import date_text
from member_reach.ui.core.local_time import member_and_local_time
from member_reach.ui.widgets.alert_colours import alert_colour
from member_reach.ui.widgets.tables import read_only_table

#: The role of each row's first cell holding its line (a HandOffLine or a CallbackLine).
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
_CONTEXT = "follow_up_tables"
#: The widest a column is made, in pixels (the last one takes what is left).
_WIDEST = 260


def tr(text: str) -> str:
    """Translate ``text`` in this module's context."""
    return QCoreApplication.translate(_CONTEXT, text)


def work_list(headings: Sequence[str]) -> QTableWidget:
    """A list whose rows are reached with Tab and the arrows, one row chosen at a time."""
    table = read_only_table(headings, single=True)
    table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move within it
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def _key(line: object) -> object:
    """What identifies a line from one reading to the next: a hand-off's id, a call's Ref."""
    return getattr(line, "id", None) or getattr(line, "ref", None)


def _fill(
    table: QTableWidget, rows: Sequence[tuple[object, Sequence[str], bool]], tips: Sequence[str]
) -> None:
    """Put ``rows`` (line, cells, overdue) in ``table``, keeping the chosen line if still there."""
    kept = _key(line_at(table, table.currentRow()))
    table.setRowCount(len(rows))
    red = alert_colour(table.palette())
    chosen = -1
    for row, (line, cells, overdue) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tips[row] if column == 0 else text)
            if overdue:
                item.setForeground(red)
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)
        first = table.item(row, 0)
        assert first is not None  # set just above
        first.setData(LINE_ROLE, line)
        if kept is not None and _key(line) == kept:
            chosen = row
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):  # long names and notes are cut: tooltips
        table.setColumnWidth(column, min(table.columnWidth(column), _WIDEST))
    if rows:
        table.setCurrentCell(max(chosen, 0), 0)


def show_handoffs(table: QTableWidget, lines: Sequence[HandOffLine]) -> None:
    """Fill the hand-offs list: member, campaign, owner, due (overdue in red), what was said."""
    rows = []
    for line in lines:
        due = date_text(line.due)
        if line.overdue:
            due = tr("{day} · overdue").format(day=due)
        said = " ".join(line.notes.split())
        rows.append((line, (line.name, line.campaign, line.owner, due, said), line.overdue))
    tips = [tr("Enter opens {name}'s card").format(name=line.name) for line in lines]
    _fill(table, rows, tips)


def show_callbacks(table: QTableWidget, lines: Sequence[CallbackLine]) -> None:
    """Fill the callbacks list: member, campaign, time to call back, caller (overdue in red)."""
    rows = []
    for line in lines:
        when = member_and_local_time(line.callback_at, line.zone)
        if line.overdue:
            when = tr("{time} · overdue").format(time=when)
        rows.append((line, (line.name, line.campaign, when, line.caller), line.overdue))
    tips = [tr("Enter opens {name}'s card").format(name=line.name) for line in lines]
    _fill(table, rows, tips)


def line_at(table: QTableWidget, row: int) -> object | None:
    """The line shown in ``row`` (None for no row)."""
    item = table.item(row, 0) if row >= 0 else None
    return item.data(LINE_ROLE) if item is not None else None
