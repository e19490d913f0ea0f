"""The Exchange page's list of worked files brought back, beside the exports they answer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from member_reach.services.exchange.worked_files import WorkedFileEntry
from member_reach.ui.core.import_labels import count_labels
from member_reach.ui.core.labels import date_text, number, stored_time_text
from member_reach.ui.widgets.tables import read_only_table

_COUNTS = ("applied", "added", "conflicts", "rejected")


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkedFiles", text)


def worked_files_headings() -> list[str]:
    """The columns: when, the file, its counts (named as the import named them), the export."""
    labels = count_labels("outcomes")
    counts = [labels[key][:1].upper() + labels[key][1:] for key in _COUNTS]
    return [_tr("When"), _tr("File"), *counts, _tr("State"), _tr("Answers the export")]


def worked_files_table() -> QTableWidget:
    """An empty table of worked files, its columns as wide as their headings and cells.

    The export answered comes last and takes the width left (its tooltip has it whole).
    """
    table = read_only_table(worked_files_headings(), single=True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _answered(entry: WorkedFileEntry) -> str:
    if not entry.export_file:
        return _tr("not known")
    when = stored_time_text(entry.exported_at)
    return _tr("{campaign}: {file} ({when})").format(
        campaign=entry.campaign or _tr("no campaign"), file=entry.export_file, when=when
    )


def show_worked_files(table: QTableWidget, entries: list[WorkedFileEntry]) -> None:
    """Fill ``table`` with ``entries``, newest first."""
    table.setRowCount(len(entries))
    for row, entry in enumerate(entries):
        counts = [entry.applied, entry.added, entry.conflicts, entry.rejected]
        state = (
            _tr("Undone {when}").format(when=date_text(entry.undone_at.date()))
            if entry.undone_at
            else ""
        )
        cells = [
            stored_time_text(entry.imported_at),
            entry.file_name,
            *("—" if count is None else number(count) for count in counts),
            state,
            _answered(entry),
        ]
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if 2 <= column < 2 + len(counts):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
