"""The lists behind a roster import's counts, one tab each, each with its Save list… button.

The preview (a dry run) and the summary show the same tabs: the duplicates merged, the renewals
detected, the members on file not in this roster, and the calls a renewal closed (the preview:
would close). Each tab's title carries its count; Save list… writes the list, with the file's
row numbers, to an .xlsx or .csv file the person chooses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.imports.roster_import import RosterImportReport
from member_reach.services.imports.roster_list_files import (
    LIST_KEYS,
    ListKey,
    ListTable,
    list_table,
    save_list,
)
from member_reach.ui.core.file_dialogs import FileFolders, save_file_name
from member_reach.ui.core.labels import date_text, number
from member_reach.ui.core.tasks import TaskControl, TaskRunner
from member_reach.ui.widgets.tables import RowsModel, read_only_view

__all__ = ["ImportListsView"]

_WIDEST_COLUMN = 260


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportLists", text)


def _titles(key: ListKey, dry_run: bool) -> str:
    """The tab's title, with ``{count}`` to fill."""
    if key == "merged":
        return _tr("Duplicates merged ({count})")
    if key == "renewals":
        return _tr("Renewals ({count})")
    if key == "missing":
        return _tr("Not in this roster ({count})")
    return (
        _tr("Calls a renewal would close ({count})") if dry_run else _tr("Calls closed ({count})")
    )


def _explanation(key: ListKey, dry_run: bool) -> str:
    if key == "merged":
        return _tr(
            "Rows of the file found to be one person: they are imported as one, the later "
            "expiry kept. Fix the duplicates in your membership system if they should not be there."
        )
    if key == "renewals":
        return _tr("Members whose expiry in this roster is later than the one on file.")
    if key == "missing":
        return _tr(
            "Members on file whom this roster does not list. They are kept as they are: check "
            "whether the export left them out or they left the association."
        )
    if dry_run:
        return _tr(
            "Calls still to make that the import will finish as renewed: they leave the Calls "
            "page, the campaign's list and the next partner export. Undo brings them back."
        )
    return _tr(
        "Calls still to make that the import finished as renewed. Undo this import brings them "
        "back as they were."
    )


def _cell_text(value: object) -> str:
    if isinstance(value, dt.date):
        return date_text(value)
    return "" if value is None else str(value)


def _shown(table: ListTable, report: RosterImportReport) -> ListTable:
    """``table`` as the window shows it: the other expiries of merged rows in short dates."""
    if table.key != "merged":
        return table  # the file keeps ISO dates, which any program reads
    rows = [
        (*row[:-1], "; ".join(
            _tr("{day} (row {row})").format(day=date_text(end) or _tr("no expiry"), row=at)
            for at, end in merged.other_expiries
        ))
        for row, merged in zip(table.rows, report.merged_duplicates, strict=True)
    ]  # fmt: skip
    return replace(table, rows=rows)


class _ListTab(QWidget):
    """One list: what it is, its rows, Save list… and where it was saved."""

    def __init__(self, view: ImportListsView, key: ListKey) -> None:
        super().__init__()
        self.key = key
        layout = QVBoxLayout(self)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("pageNote")
        layout.addWidget(self.explanation)
        self.table: QTableView = read_only_view(RowsModel([], []))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton(_tr("Save &list…"))
        self.save_button.setToolTip(_tr("A workbook or CSV file of this list, to check it"))
        self.save_button.clicked.connect(lambda: view.save(key))
        self.note = QLabel()
        self.note.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.note, 1)
        layout.addLayout(row)

    def show_table(self, table: ListTable, dry_run: bool) -> None:
        headings = [_tr(h) for h in table.headings]
        self.table.setModel(RowsModel(headings, table.rows, _cell_text, self.table))
        self.table.resizeColumnsToContents()
        for column in range(len(headings)):
            width = self.table.columnWidth(column)
            self.table.setColumnWidth(column, min(width, _WIDEST_COLUMN))
        self.explanation.setText(_explanation(self.key, dry_run))
        self.save_button.setEnabled(bool(table.rows))
        self.note.clear()


class ImportListsView(QTabWidget):
    """The lists of a roster import, a tab each (a page may add tabs of its own before them).

    Args:
        runner: runs the saving in the background.
        folders: where the last list was saved (the next is offered there).
    """

    def __init__(
        self, runner: TaskRunner, folders: FileFolders, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._folders = folders
        self.report: RosterImportReport | None = None
        self.tabs: dict[ListKey, _ListTab] = {key: _ListTab(self, key) for key in LIST_KEYS}
        for key, tab in self.tabs.items():
            self.addTab(tab, _titles(key, False).format(count=0))

    def show_report(self, report: RosterImportReport | None) -> None:
        """Show ``report``'s lists; None (an attendee list) hides the tabs of the lists."""
        self.report = report
        for key, tab in self.tabs.items():
            index = self.indexOf(tab)
            self.setTabVisible(index, report is not None)
            if report is None:
                continue
            table = list_table(report, key)
            tab.show_table(_shown(table, report), report.dry_run)
            count = number(len(table.rows))
            self.setTabText(index, _titles(key, report.dry_run).format(count=count))

    def save(self, key: ListKey) -> None:
        """Save the list ``key`` to a file the person chooses (.xlsx, or .csv)."""
        report = self.report
        if report is None:
            return
        table = list_table(report, key)
        suggested = Path(report.file).with_name(f"{table.file_name}.xlsx")
        name, chosen = save_file_name(
            self,
            self._folders,
            "lists",
            _tr("Save the list"),
            suggested,
            _tr("Excel workbooks (*.xlsx);;CSV files (*.csv)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
        tab = self.tabs[key]

        def job(_control: TaskControl) -> str:
            return save_list(path, table)

        self._runner.run(
            job,
            on_success=lambda saved: tab.note.setText(
                self.tr("%Ln row(s) saved to {path}.", "", len(table.rows)).format(path=saved)
            ),
            title=_tr("Saving the list"),
        )
