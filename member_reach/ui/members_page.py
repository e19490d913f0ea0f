"""The Members page: every member in a table, with search-as-you-type and a status filter."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QWidget,
)

from member_reach.services.members import STATUS_CHOICES, MemberFilter
from member_reach.ui.empty_state import EmptyState
from member_reach.ui.labels import count_text, status_label
from member_reach.ui.members_model import MembersModel
from member_reach.ui.page import Page
from member_reach.ui.tasks import TaskRunner
from member_reach.ui.workspace import Workspace

SEARCH_DELAY_MS = 250
# Long columns start no wider than this (px) and give way to fit the table, down to the least.
_WIDEST = {"name": 240, "organisation": 240, "email": 280}
_NARROWEST = 110
_EVERYONE = "*everyone"  # the combo entry that adds non-member contacts


class MembersPage(Page):
    """Lists the members of the workspace's database.

    Args:
        workspace: the database in use and today's date.
        runner: runs the member search off the GUI thread.
        open_demo: offered from the empty state when the database holds nobody (optional).
    """

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        open_demo: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Members"),
            self.tr("Everyone who holds or held a membership, with the status worked out today."),
            parent,
        )
        self.model = MembersModel(workspace, runner, parent=self)
        self._sized = False
        self._build_filters()
        self._build_table()
        self._build_empty_states(open_demo)
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.stack.addWidget(widget)
        self.body.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_filter)
        self.status_box.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.model.loaded.connect(self._on_loaded)
        self.model.load_failed.connect(self._on_failed)
        workspace.database_changed.connect(self._on_database_changed)
        workspace.data_changed.connect(self.model.reload)
        self.model.reload()

    def _build_filters(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search by name, e-mail or member ID"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(220)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("All statuses"), "")
        for status in STATUS_CHOICES:
            self.status_box.addItem(status_label(status), status)
        self.status_box.addItem(self.tr("Members and non-member contacts"), _EVERYONE)
        self.status_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel(self.tr("Loading…"))
        self.count_label.setObjectName("countLabel")
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.search_box, 2)
        row.addWidget(self.status_box)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self.body.addLayout(row)

    def _build_table(self) -> None:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader()
        rows.hide()
        # A fixed row height lets the view lay out 100k rows without asking for any of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(0)  # size columns from the visible rows only
        self.table = table

    def _build_empty_states(self, open_demo: Callable[[], object] | None) -> None:
        self.empty = EmptyState(
            self.tr("No members yet — import a roster to begin"),
            self.tr(
                "Members come from your association management system: export this month's "
                "roster as a spreadsheet (.xlsx, .xls, .csv or .ods) and import it. "
                "Importing from this window arrives in a coming version."
            ),
        )
        if open_demo is not None:
            self.empty.add_action(self.tr("Try it on a demo association"), open_demo)
        self.no_match = EmptyState()
        self.no_match.add_action(self.tr("Show all members"), self.clear_filter)

    def current_filter(self) -> MemberFilter:
        """The filter the search box and the status list describe."""
        choice = self.status_box.currentData()
        if choice == _EVERYONE:
            return MemberFilter(self.search_box.text().strip(), "", include_contacts=True)
        return MemberFilter(self.search_box.text().strip(), choice or "")

    def apply_filter(self) -> None:
        """Search now with what the filters say (the search box waits for a pause in typing)."""
        self._search_timer.stop()
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def clear_filter(self) -> None:
        """Show every member again."""
        self.search_box.clear()
        self.status_box.setCurrentIndex(0)
        self.apply_filter()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_database_changed(self) -> None:
        self._sized = False
        self.count_label.setText(self.tr("Loading…"))
        self.model.reload(clear=True)

    def _on_loaded(self, count: int) -> None:
        flt = self.model.filter
        self.count_label.setText(count_text(count, people=flt.include_contacts))
        if count:
            self.stack.setCurrentWidget(self.table)
            self._size_columns()
        elif flt == MemberFilter():
            self.stack.setCurrentWidget(self.empty)
        else:
            self.no_match.set_text(self._no_match_title(flt), self._no_match_hint(flt))
            self.stack.setCurrentWidget(self.no_match)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Columns are sized to the table's real width, known once the page is laid out.
        QTimer.singleShot(0, self._size_columns)

    def _size_columns(self) -> None:
        """Size columns to the rows in view, then fit the long ones into the table's width."""
        if self._sized or not self.table.isVisible() or not self.model.rowCount():
            return
        self._sized = True
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # measure every column at its content's width
        self.table.resizeColumnsToContents()
        keys = [column.key for column in self.model.columns]
        flexible = [keys.index(key) for key in _WIDEST]
        for section, cap in zip(flexible, _WIDEST.values(), strict=True):
            header.resizeSection(section, min(header.sectionSize(section), cap))
        available = self.table.viewport().width()
        if not self.table.verticalScrollBar().isVisible():
            available -= self.table.verticalScrollBar().sizeHint().width()
        # Organisation and e-mail give way first; names only if that is not enough.
        for group in (("organisation", "email"), ("name",)):
            self._shrink(header, [keys.index(key) for key in group], available)
        header.setStretchLastSection(True)

    @staticmethod
    def _shrink(header: QHeaderView, sections: list[int], available: int) -> None:
        """Narrow ``sections`` in proportion (down to a minimum) until the columns fit."""
        excess = header.length() - available
        room = sum(max(header.sectionSize(s) - _NARROWEST, 0) for s in sections)
        if excess <= 0 or room <= 0:
            return
        share = min(excess / room, 1.0)
        for section in sections:
            width = header.sectionSize(section)
            header.resizeSection(section, width - math.ceil(max(width - _NARROWEST, 0) * share))

    def _no_match_title(self, flt: MemberFilter) -> str:
        if flt.search:
            return self.tr("Nobody matches “{search}”").format(search=flt.search)
        return self.tr("No members with the status “{status}”").format(
            status=status_label(flt.status)
        )

    def _no_match_hint(self, flt: MemberFilter) -> str:
        if flt.search and (flt.status or not flt.include_contacts):
            return self.tr(
                "Check the spelling, try part of a name, an e-mail or a member ID, "
                "or widen the status filter."
            )
        return self.tr("Check the spelling, or try part of a name, an e-mail or a member ID.")

    def _on_failed(self, message: str) -> None:
        self.count_label.setText(self.tr("Cannot list the members"))
        self.no_match.set_text(self.tr("Cannot list the members"), message)
        self.stack.setCurrentWidget(self.no_match)
