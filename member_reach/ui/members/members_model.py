"""The member table's model: every matching member's id, with rows fetched lazily by page.

The model holds only the ids of the people that match the filter (a fast query, run off the GUI
thread); a row's columns are fetched with their page of neighbours the first time the view asks
for them, and kept in a bounded cache (STYLE.md 9). When the data change but the list does not,
the cache is marked stale instead of resetting the model, so the view keeps its place.

Searching does not query: the list for the other filters is kept, and once the list has opened
a :class:`SearchIndex` of everyone's names, e-mails and ids is read in the background; each
keystroke then narrows the kept list in memory. Until the index is there, the database searches.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor
from sqlalchemy.exc import SQLAlchemyError

from member_reach.services.members.members import (
    MemberFilter,
    MemberRow,
    SearchIndex,
    member_ids,
    member_rows,
    search_index,
)
from member_reach.store.database import Database
from member_reach.store.errors import StoreError
from member_reach.ui.core.labels import date_text, status_label, tr
from member_reach.ui.core.tasks import TaskControl, TaskRunner

log = logging.getLogger(__name__)

MEMBER_ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole MemberRow
PAGE_SIZE = 200
CACHE_PAGES = 50
_STATUS_COLOURS = {"lapsed": QColor("#b3261e"), "grace": QColor("#9a6700")}
_Index = QModelIndex | QPersistentModelIndex


class MemberSource(Protocol):
    """Where the model reads from: the database in use and the day statuses are computed for."""

    @property
    def database(self) -> Database:
        """The open database."""
        ...

    @property
    def today(self) -> dt.date:
        """The day statuses are computed for."""
        ...


@dataclass(frozen=True)
class Column:
    """One column of the member table."""

    key: str
    title: str
    help: str
    value: Callable[[MemberRow], str]


def _columns() -> tuple[Column, ...]:
    return (
        Column(
            "member_id",
            tr("Member ID"),
            tr("member_reach's own number for this person"),
            lambda r: str(r.member_id),
        ),
        Column(
            "external_id",
            tr("External ID"),
            tr("The member number in your association management system"),
            lambda r: r.external_id,
        ),
        Column(
            "name", tr("Name"), tr("First and last name, or the organisation"), lambda r: r.name
        ),
        Column("organisation", tr("Organisation"), "", lambda r: r.organisation),
        Column("email", tr("E-mail"), "", lambda r: r.email),
        Column("phone", tr("Phone"), "", lambda r: r.phone_display),
        Column("type", tr("Type"), tr("Membership type"), lambda r: r.membership_type),
        Column(
            "expiry",
            tr("Expiry"),
            tr("Last day the current membership term covers"),
            lambda r: date_text(r.expiry),
        ),
        Column(
            "status",
            tr("Status"),
            tr("Worked out from the expiry date and today's date"),
            lambda r: status_label(r.status),
        ),
    )


class MembersModel(QAbstractTableModel):
    """The members matching a :class:`MemberFilter`, one row each.

    Args:
        source: gives the database and today's date (read at each load).
        runner: runs the id query off the GUI thread.
        page_size: rows fetched together when the view needs one of them.
        cache_pages: pages kept in memory; the least recently used go first.
    """

    loaded = QtSignal(int)  # the list was (re)loaded and now has this many rows
    load_failed = QtSignal(str)

    def __init__(
        self,
        source: MemberSource,
        runner: TaskRunner,
        *,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._page_size = page_size
        self._cache_pages = cache_pages
        self._columns = _columns()
        self._filter = MemberFilter()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, MemberRow]] = OrderedDict()
        self._generation = 0
        self._base: tuple[MemberFilter, list[int]] | None = None  # the list before searching
        self._index: SearchIndex | None = None
        self._index_loading = False
        self._data_version = 0  # counts changes of the data: an older index is dropped
        self.fetched_pages: list[int] = []  # every page fetch, in order (what tests check)
        self.queries = 0  # id queries run (what tests and the benchmark check)

    @property
    def filter(self) -> MemberFilter:
        """The filter the list shows."""
        return self._filter

    @property
    def columns(self) -> tuple[Column, ...]:
        """The table's columns."""
        return self._columns

    def set_filter(self, flt: MemberFilter) -> None:
        """Show the members matching ``flt``; ``loaded`` follows."""
        self._filter = flt
        base = self._base
        if base is not None and self._index is not None and base[0] == replace(flt, search=""):
            # Only the search changed: narrow the kept list in memory, no query.
            self._generation += 1
            self._apply(self._generation, self._index.matches(base[1], flt.search))
            return
        self._load()

    def reload(self, *, clear: bool = False) -> None:
        """Read the list again (after the data changed); ``loaded`` follows.

        Args:
            clear: empty the table at once (the database itself was switched).
        """
        if clear and self._ids:
            self.beginResetModel()
            self._ids = []
            self._pages.clear()
            self.endResetModel()
        self._base, self._index = None, None  # the data changed: read everything again
        self._data_version += 1
        self._load()

    def _load(self) -> None:
        self._generation += 1
        generation = self._generation
        database, today, flt = self._source.database, self._source.today, self._filter
        base_filter, index = replace(flt, search=""), self._index
        self.queries += 1

        def job(control: TaskControl) -> tuple[list[int], list[int]]:
            with database.session() as session:
                base = member_ids(session, today, base_filter)
                if not flt.search:
                    return base, base
                if index is not None:
                    return base, index.matches(base, flt.search)
                return base, member_ids(session, today, flt)

        def loaded(result: tuple[list[int], list[int]]) -> None:
            if generation == self._generation:
                self._base = (base_filter, result[0])
            self._apply(generation, result[1])
            self._load_index()

        self._runner.run(
            job,
            quiet=True,
            on_success=loaded,
            on_failure=lambda message: self._fail(generation, message),
        )

    def _load_index(self) -> None:
        """Read the search index in the background, once per change of the data."""
        if self._index is not None or self._index_loading:
            return
        self._index_loading = True
        database = self._source.database
        version = self._data_version

        def job(control: TaskControl) -> SearchIndex:
            with database.session() as session:
                return search_index(session)

        def done(index: SearchIndex) -> None:
            self._index_loading = False
            if version == self._data_version:
                self._index = index
            else:
                self._load_index()  # the data changed while it was read

        def failed(message: str) -> None:
            self._index_loading = False  # searches keep querying the database
            log.warning("no search index: %s", message)

        self._runner.run(job, quiet=True, on_success=done, on_failure=failed)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column`` (the database sorts; the list is read again)."""
        if not 0 <= column < len(self._columns):
            return
        flt = replace(
            self._filter,
            sort=self._columns[column].key,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if flt != self._filter:
            self.set_filter(flt)

    def member_row(self, row: int) -> MemberRow | None:
        """Return the row at ``row`` (fetching its page if need be)."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // self._page_size
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def member_id(self, row: int) -> int:
        """Return the id of the person at ``row``."""
        return self._ids[row]

    def row_of(self, member_id: int) -> int:
        """Return the row of ``member_id``, or -1 when the list does not hold them."""
        try:
            return self._ids.index(member_id)
        except ValueError:
            return -1

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or int(role) not in _ROW_ROLES:
            return None  # other roles never cost a fetch
        member = self.member_row(index.row())
        if member is None:
            return None
        column = self._columns[index.column()]
        if role == MEMBER_ROW_ROLE:
            return member
        if role == Qt.ItemDataRole.ForegroundRole:
            return _STATUS_COLOURS.get(member.status) if column.key == "status" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Long names and addresses may be cut short in the cell: the tooltip has them whole.
            return column.value(member) if column.key in _LONG_COLUMNS else None
        return column.value(member)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.help or None
        return None

    # internals

    def _apply(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a later filter's answer is on its way
        if ids == self._ids:
            self._pages.clear()  # same list: refresh the rows in place
            if ids:
                last = self.index(len(ids) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
        self.loaded.emit(len(ids))

    def _fail(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.load_failed.emit(message)

    def _fetch(self, page: int) -> dict[int, MemberRow]:
        start = page * self._page_size
        wanted = self._ids[start : start + self._page_size]
        self.fetched_pages.append(page)
        try:
            with self._source.database.session() as session:
                rows = {r.member_id: r for r in member_rows(session, wanted, self._source.today)}
        except (SQLAlchemyError, StoreError) as exc:
            # Keep the empty page so a broken database does not re-query on every repaint.
            log.warning("cannot read members: %s", exc)
            rows = {}
            self.load_failed.emit(tr("Cannot read the members: {error}").format(error=exc))
        self._pages[page] = rows
        while len(self._pages) > self._cache_pages:
            self._pages.popitem(last=False)
        return rows


_ROW_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        MEMBER_ROW_ROLE,
    )
)
_LONG_COLUMNS = frozenset({"name", "organisation", "email"})
