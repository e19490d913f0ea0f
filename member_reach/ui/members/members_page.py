"""The Members page: every member in a table, with the member card beside it.

Search-as-you-type; filters by status, type, expiry window and do-not-call; sorting on any
column; a choice of columns (right-click the header), kept with their widths for next time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.members.members import (
    STATUS_CHOICES,
    MemberFilter,
    membership_type_names,
)
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import count_text, status_label
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.members.member_card_panel import MemberCardPanel
from member_reach.ui.members.members_model import MembersModel
from member_reach.ui.widgets.empty_state import EmptyState

SEARCH_DELAY_MS = 250
# Long columns start no wider than this (px) and give way to fit the table, down to the least.
_WIDEST = {"name": 240, "organisation": 240, "email": 280}
_NARROWEST = 110
_EVERYONE = "*everyone"  # the combo entry that adds non-member contacts
# Expiry windows offered, as (key, label); the dates are worked out from today.
_EXPIRY_WINDOWS = (
    ("", "Any expiry"),
    ("next30", "Expires within 30 days"),
    ("next90", "Expires within 90 days"),
    ("this_month", "Expires this month"),
    ("next_month", "Expires next month"),
    ("past90", "Expired in last 90 days"),
)


def expiry_window(key: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last expiry day of a window offered in the filter."""
    first_of_month = today.replace(day=1)
    windows = {
        "next30": (today, today + dt.timedelta(days=30)),
        "next90": (today, today + dt.timedelta(days=90)),
        "this_month": (first_of_month, first_of_month + relativedelta(months=1, days=-1)),
        "next_month": (
            first_of_month + relativedelta(months=1),
            first_of_month + relativedelta(months=2, days=-1),
        ),
        "past90": (today - dt.timedelta(days=90), today - dt.timedelta(days=1)),
    }
    return windows.get(key, (None, None))


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
        open_import: Callable[[], object] | None = None,
        who: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Members"),
            self.tr("Everyone who holds or held a membership, with the status worked out today."),
            parent,
        )
        self.model = MembersModel(workspace, runner, parent=self)
        self._workspace = workspace
        self._runner = runner
        self._sized = False
        self._build_filters()
        self._build_table()
        self._build_empty_states(open_demo, open_import)
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.stack.addWidget(widget)
        self.card = MemberCardPanel(workspace, runner, who, follow=True)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self._default_columns()
        self._split_set = False
        self.body.addWidget(self.splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_filter)
        for box in (self.status_box, self.type_box, self.expiry_box, self.call_box):
            box.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.model.loaded.connect(self._on_loaded)
        self.model.load_failed.connect(self._on_failed)
        workspace.database_changed.connect(self._on_database_changed)
        self._jobs = Jobs(workspace, runner, self)
        self._jobs.follow(Change.MEMBERS, self._reload)
        self.model.reload()
        self._load_types()

    def _build_filters(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search by name, e-mail or member ID"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(220)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("All statuses"), "")
        for status in STATUS_CHOICES:
            self.status_box.addItem(status_label(status), status)
        self.status_box.addItem(self.tr("Members and contacts"), _EVERYONE)
        self.status_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_box.setToolTip(self.tr("Status, worked out from the expiry date and today"))
        self.type_box = QComboBox()
        self.type_box.addItem(self.tr("All types"), "")
        self.type_box.setToolTip(self.tr("Membership type"))
        # Type names can be long: the box keeps a modest width and shows them whole when open.
        self.type_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.type_box.setMinimumContentsLength(9)
        self.expiry_box = QComboBox()
        for key, label in _EXPIRY_WINDOWS:
            self.expiry_box.addItem(self.tr(label), key)
        self.expiry_box.setToolTip(self.tr("When the membership expires"))
        self.call_box = QComboBox()
        self.call_box.addItem(self.tr("Any call flag"), "")
        self.call_box.addItem(self.tr("Not do-not-call"), "exclude")
        self.call_box.addItem(self.tr("Do-not-call only"), "only")
        self.call_box.setToolTip(self.tr("People who asked not to be called"))
        self.count_label = QLabel(self.tr("Loading…"))
        self.count_label.setObjectName("countLabel")
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.search_box, 2)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self.body.addLayout(row)
        filters = QHBoxLayout()  # a row of their own: the window stays narrow enough
        filters.setSpacing(8)
        for box in (self.status_box, self.type_box, self.expiry_box, self.call_box):
            filters.addWidget(box)
        filters.addStretch(1)
        self.body.addLayout(filters)

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
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._choose_columns)
        header.setToolTip(self.tr("Click a column to sort on it; right-click to choose columns"))
        table.setSortingEnabled(True)
        header.setSortIndicator(self._column("name"), Qt.SortOrder.AscendingOrder)
        self.table = table

    def _build_empty_states(
        self, open_demo: Callable[[], object] | None, open_import: Callable[[], object] | None
    ) -> None:
        self.empty = EmptyState(
            self.tr("No members yet — import a roster to begin"),
            self.tr(
                "Members come from your association management system: export this month's "
                "roster as a spreadsheet (.xlsx, .xls, .csv or .ods) and import it with "
                "File › Import roster…, or drop the file on this window."
            ),
        )
        if open_import is not None:
            self.empty.add_action(self.tr("Import a roster…"), open_import)
        if open_demo is not None:
            self.empty.add_action(self.tr("Try it on a demo association"), open_demo)
        self.no_match = EmptyState()
        self.no_match.add_action(self.tr("Show all members"), self.clear_filter)

    def current_filter(self) -> MemberFilter:
        """The filter the search box, the lists and the sorted column describe."""
        choice = self.status_box.currentData()
        start, end = expiry_window(self.expiry_box.currentData() or "", self._workspace.today)
        header = self.table.horizontalHeader()
        return MemberFilter(
            self.search_box.text().strip(),
            "" if choice == _EVERYONE else choice or "",
            include_contacts=choice == _EVERYONE,
            membership_type=self.type_box.currentData() or "",
            expiry_from=start,
            expiry_to=end,
            do_not_call=self.call_box.currentData() or "",
            sort=self.model.columns[header.sortIndicatorSection()].key
            if 0 <= header.sortIndicatorSection() < len(self.model.columns)
            else "name",
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def _default_columns(self) -> None:
        """Who, then status and expiry first (never scrolled out of sight), the rest after."""
        header = self.table.horizontalHeader()
        order = ["external_id", "name", "status", "expiry", "type", "phone", "email"]
        for position, key in enumerate([*order, "organisation"], start=1):
            header.moveSection(header.visualIndex(self._column(key)), position)
        # member_reach's own number is for the command line: shown on request (header menu).
        header.setSectionHidden(self._column("member_id"), True)

    def _column(self, key: str) -> int:
        return [c.key for c in self.model.columns].index(key)

    def _reload(self) -> None:
        self.model.reload()
        self._load_types()

    def _load_types(self) -> None:
        self._jobs.query(
            lambda job: membership_type_names(job.session), self._show_types, key="types"
        )

    def _show_types(self, names: list[str]) -> None:
        chosen = self.type_box.currentData()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        self.type_box.addItem(self.tr("All types"), "")
        for name in names:
            self.type_box.addItem(name, name)
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(chosen)))
        self.type_box.blockSignals(False)

    def _choose_columns(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        self.columns_menu().popup(header.mapToGlobal(position))

    def columns_menu(self) -> QMenu:
        """The header's menu: tick the columns to show (the name always shows)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for section, column in enumerate(self.model.columns):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setEnabled(column.key != "name")
            action.toggled.connect(lambda on, s=section: header.setSectionHidden(s, not on))
            menu.addAction(action)
        return menu

    def header_state(self) -> QByteArray:
        """The columns' order, widths, visibility and sort, to restore next time."""
        return self.table.horizontalHeader().saveState()

    def restore_splitter(self, state: QByteArray) -> None:
        """Put the list and the card back at the widths the person left them."""
        if not state.isEmpty() and self.splitter.restoreState(state):
            self._split_set = True

    def restore_header(self, state: QByteArray) -> None:
        """Put the columns back as they were left."""
        if not state.isEmpty() and self.table.horizontalHeader().restoreState(state):
            self._sized = True  # the person's widths, not measured ones
            self.apply_filter()

    def _current_changed(self, current: object, _previous: object) -> None:
        row = current.row() if isinstance(current, QModelIndex) else -1
        member_id = self.model.member_id(row) if 0 <= row < self.model.rowCount() else None
        if member_id is None or member_id == self.card.requested:
            return  # the list was read again, or the row follows the card
        if not self.card.show_member(member_id):
            self._select(self.card.requested)  # cancelled: back to the member being edited

    def _select(self, member_id: int | None) -> None:
        """Make ``member_id``'s row the current one (none: no row), the card left as it is."""
        row = self.model.row_of(member_id) if member_id is not None else -1
        if row < 0:
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()
        else:
            self.table.selectRow(row)

    def _follow_filter(self) -> None:
        """The card never shows someone the list hides: the first one shown replaces them."""
        shown = self.card.requested
        if shown is None:
            return
        if self.model.row_of(shown) >= 0:
            self._select(shown)  # still listed: their row is the current one again
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.card.show_member(None)

    def apply_filter(self) -> None:
        """Search now with what the filters say (the search box waits for a pause in typing)."""
        self._search_timer.stop()
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def clear_filter(self) -> None:
        """Show every member again."""
        self.search_box.clear()
        for box in (self.status_box, self.type_box, self.expiry_box, self.call_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.apply_filter()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_database_changed(self) -> None:
        self._sized = False
        self.card.forget()  # its member belongs to the database closed
        self.count_label.setText(self.tr("Loading…"))
        self.model.reload(clear=True)
        self._load_types()

    def _on_loaded(self, count: int) -> None:
        flt = self.model.filter
        self.count_label.setText(count_text(count, people=flt.include_contacts))
        self._follow_filter()
        if count:
            self.stack.setCurrentWidget(self.table)
            self._size_columns()
        elif not flt.narrowed:
            self.stack.setCurrentWidget(self.empty)
        else:
            self.no_match.set_text(self._no_match_title(flt), self._no_match_hint(flt))
            self.stack.setCurrentWidget(self.no_match)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_set:  # the card takes about a third, unless the person chose
            self._split_set = True
            total = sum(self.splitter.sizes())
            if total > 0 and self.splitter.sizes()[1] < total // 4:
                self.splitter.setSizes([total * 68 // 100, total - total * 68 // 100])
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
        # Organisation and e-mail give way; names never do (what is left scrolls sideways,
        # and the columns a caller needs first come first).
        self._shrink(header, [keys.index(key) for key in ("organisation", "email")], available)
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
        if flt.status and not (flt.membership_type or flt.expiry_from or flt.do_not_call):
            return self.tr("No members with the status “{status}”").format(
                status=status_label(flt.status)
            )
        return self.tr("Nobody matches these filters")

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
