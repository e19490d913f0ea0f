"""The open campaign's calls: a filter box, a state to show, and the table sorted by a click.

Reading the calls again (a call logged, a file imported) keeps the calls chosen, the sort and
the filter: the person at the keyboard does not lose their place.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from member_reach.services.campaigns.campaign_calls import CallRow
from member_reach.ui.campaigns.campaign_calls_model import (
    MEMBER_ID_COLUMN,
    ROW_ROLE,
    CallsFilter,
    CallsModel,
    state_names,
)
from member_reach.ui.widgets.tables import read_only_view

#: The widest a column is made, in pixels (the reason, last, takes what is left).
_WIDEST = 170
_SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


class CallsView(QWidget):
    """The calls table with its filter box and its state filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CallsModel(self)
        self.proxy = CallsFilter(self.model, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: a name, an outcome, a caller…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Show only the calls whose row contains this text"))
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.state_box = QComboBox()
        self.state_box.addItem(self.tr("Every call"), "")
        for key, name in state_names().items():
            self.state_box.addItem(name, key)
        self.state_box.setToolTip(self.tr("Show only the calls in this state"))
        self.state_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_state(str(self.state_box.currentData()))
        )
        self.shown_label = QLabel()
        self.shown_label.setObjectName("countLabel")
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 2)
        show = QLabel(self.tr("S&how:"))
        show.setBuddy(self.state_box)
        row.addWidget(show)
        row.addWidget(self.state_box)
        row.addWidget(self.shown_label, 1)
        self.table = read_only_view(self.proxy)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click: the best call first again
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # At 1366 pixels the reason would be off the edge: the member's id shows on the name's
        # tooltip, and the filter box still finds it.
        self.table.setColumnHidden(MEMBER_ID_COLUMN, True)
        self.table.setToolTip(self.tr("Click a heading to sort the calls by it"))
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    @property
    def rows(self) -> list[CallRow]:
        """Every call of the campaign, shown or filtered out."""
        return self.model.rows

    def shown(self) -> list[CallRow]:
        """The calls the table shows, in its order."""
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]

    def chosen(self) -> list[str]:
        """The Refs of the calls selected."""
        rows = self.table.selectionModel().selectedRows()
        return [index.data(ROW_ROLE).task.ref for index in rows]

    def show_rows(self, rows: Sequence[CallRow], *, fresh: bool = False) -> None:
        """Show ``rows``, keeping the calls chosen (unless ``fresh``: another campaign)."""
        kept = [] if fresh else self.chosen()
        current = self.table.currentIndex().data(ROW_ROLE) if not fresh else None
        if fresh:
            self.filter_edit.clear()
            self.state_box.setCurrentIndex(0)
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        first = not self.model.rows  # the campaign's calls arrive: columns fit them
        if self.model.set_rows(rows, reset=fresh):  # other calls: choose the same ones again
            self._choose(kept, current.task.ref if current is not None else "")
            if first:  # not later: widths the person set stay
                self._fit_columns()
        self._count()

    def _fit_columns(self) -> None:
        """Columns as wide as their text, up to a cap: the reason keeps some of the width."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), _WIDEST))

    def _choose(self, refs: list[str], current: str) -> None:
        wanted = set(refs)
        selection = QItemSelection()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            ref = index.data(ROW_ROLE).task.ref
            if ref in wanted:
                selection.select(index, index)
            if ref == current:
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.NoUpdate
                )
        self.table.selectionModel().select(selection, _SELECT)

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(
            self.tr("{shown} of {total} shown").format(shown=f"{shown:,}", total=f"{total:,}")
            if shown != total
            else ""
        )
