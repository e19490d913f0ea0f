"""The open campaign's calls as a table model, and the filter the page puts over it.

:class:`CallsModel` holds the :class:`CallRow` list read off the GUI thread; reading it again
with the same calls changes the cells in place (the view keeps its selection and sort), a list
that grew or shrank resets. :class:`CallsFilter` sorts on the values (attempts as numbers,
callbacks by time; unsorted, the best call first) and keeps the rows in the chosen state that
contain the text typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from member_reach.services.campaigns.campaign_calls import CallRow
from member_reach.ui.core.local_time import member_and_local_time, member_time

#: The role giving the value a column sorts on.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The role giving a row's :class:`CallRow`.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_CONTEXT = "CallsModel"
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The column of the name (its tooltip says why the call), the member's id, the attempts
#: (right-aligned) and the callback.
NAME_COLUMN, MEMBER_ID_COLUMN, ATTEMPTS_COLUMN, CALLBACK_COLUMN = 1, 2, 5, 6


def tr(text: str) -> str:
    """Translate ``text`` in the model's context."""
    return QCoreApplication.translate(_CONTEXT, text)


def state_key(row: CallRow) -> str:
    """The state a call is filtered on: its stored state, or "partner" when a partner has it."""
    if row.partner and row.task.state in ("open", "reserved"):
        return "partner"
    return row.task.state


def state_names() -> dict[str, str]:
    """Each state as the page says it, in the order the filter offers them."""
    return {
        "open": tr("To call"),
        "reserved": tr("Reserved"),
        "partner": tr("With partner"),
        "done": tr("Done"),
        "renewed": tr("Renewed (roster)"),
        "closed": tr("Closed"),
        "control": tr("Not called: control group"),
    }


def _with_whom(row: CallRow) -> str:
    if row.partner:
        return tr("{partner} (partner)").format(partner=row.partner)
    return row.with_whom


def _callback(row: CallRow) -> str:
    """When the member asked to be called back, by their clock (the heading says so)."""
    if row.callback_at is None:
        return ""
    return member_time(row.callback_at, row.task.time_zone)


def _tip(row: CallRow, text: str, column: int) -> str:
    """A cell's tooltip: its text, but who and why on the name, and both times on a callback."""
    if column == CALLBACK_COLUMN and row.callback_at is not None:
        return member_and_local_time(row.callback_at, row.task.time_zone)
    if column != NAME_COLUMN:
        return text
    task = row.task
    said = f"{task.name} ({task.external_id})" if task.external_id else task.name
    return f"{said}\n{task.reason}" if task.reason else said


@dataclass(frozen=True)
class CallColumn:
    """One column: its heading, its text, and what it sorts on."""

    title: str
    text: Callable[[CallRow], str]
    sort: Callable[[CallRow], object]


def call_columns() -> tuple[CallColumn, ...]:
    """The columns of the calls table, in order."""
    states = state_names()
    return (
        CallColumn(tr("Ref"), lambda r: r.task.ref, lambda r: r.task.ref),
        CallColumn(tr("Name"), lambda r: r.task.name, lambda r: r.task.name.casefold()),
        CallColumn(tr("Member ID"), lambda r: r.task.external_id, lambda r: r.task.external_id),
        CallColumn(
            tr("State"),
            lambda r: states.get(state_key(r), state_key(r)),
            lambda r: list(states).index(state_key(r)) if state_key(r) in states else 99,
        ),
        CallColumn(tr("Last outcome"), lambda r: r.last_outcome, lambda r: r.last_outcome),
        CallColumn(tr("Attempts"), lambda r: str(r.attempts), lambda r: r.attempts),
        CallColumn(
            tr("Callback (their time)"),
            _callback,
            lambda r: r.callback_at.isoformat() if r.callback_at else "~",
        ),
        CallColumn(tr("With whom"), _with_whom, lambda r: _with_whom(r).casefold()),
        CallColumn(tr("Why this call"), lambda r: r.task.reason, lambda r: r.task.reason),
    )


class CallsModel(QAbstractTableModel):
    """A campaign's calls, one row each (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = call_columns()
        self.rows: list[CallRow] = []

    def set_rows(self, rows: Sequence[CallRow], *, reset: bool = False) -> bool:
        """Show ``rows``; True when the list was reset (other calls, or ``reset``).

        The same calls again are updated in place (False): the view keeps its selection.
        """
        same = [r.task.ref for r in rows] == [r.task.ref for r in self.rows]
        if same and rows and not reset:
            self.rows = list(rows)
            last = self.index(len(rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return False
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()
        return True

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(row, column.text(row), index.column())
        if role == SORT_ROLE:
            return column.sort(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == ATTEMPTS_COLUMN:
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None


class CallsFilter(QSortFilterProxyModel):
    """The calls in the chosen state that contain the text typed, in any column."""

    def __init__(self, model: CallsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._state = ""

    def set_state(self, state: str) -> None:
        """Keep only the calls in ``state`` ("": every call)."""
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CallsModel)
        if self._state and state_key(model.rows[source_row]) != self._state:
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return str(a) < str(b)
