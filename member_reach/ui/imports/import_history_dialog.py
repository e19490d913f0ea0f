"""File › Import history…: every import with its date, file and counts, and Undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.common.import_guard import Guard
from member_reach.services.imports.import_history import ImportEntry, import_history
from member_reach.services.imports.import_undo import run_undo
from member_reach.ui.core.import_labels import counts_text, kind_label
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import date_text, number, stored_time_text
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.tables import read_only_table

#: The history's columns; the last, what each import did, takes the width left.
COLUMNS = ("When", "What", "File", "Rows read", "State", "What it did")


#: What an import or its undo changes: the people and calls it touched, and the history itself.
IMPORT_CHANGE = Change.MEMBERS | Change.CALLS | Change.IMPORTS


class ImportHistoryDialog(QDialog):
    """Lists the imports, newest first; the one that may be undone now can be undone."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._jobs.follow(Change.IMPORTS, self.reload)
        self.entries: list[ImportEntry] = []
        self.setWindowTitle(self.tr("Import history"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every file imported, newest first. Only the latest import of members or "
                "attendees (and the latest of partner outcomes) can be undone."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = read_only_table([self.tr(h) for h in COLUMNS], single=True)
        header = self.table.horizontalHeader()
        # Every column as wide as its heading and cells, whatever font the style gives later.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton(self.tr("&Undo import"))
        self.undo_button.setToolTip(self.tr("Take back everything the selected import did"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        """Read the history again."""
        self._jobs.query(lambda job: import_history(job.session), self._show, key="history")

    def _show(self, entries: list[ImportEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            state = (
                self.tr("Undone {when}").format(when=date_text(entry.undone_at.date()))
                if entry.undone_at
                else (self.tr("Can be undone") if entry.can_undo else "")
            )
            cells = [
                stored_time_text(entry.started_at),
                kind_label(entry.kind),
                entry.file_name,
                number(entry.rows_read),
                state,
                counts_text(entry.kind, self._counts(entry)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self._selection_changed()

    @staticmethod
    def _counts(entry: ImportEntry) -> list[tuple[str, int]]:
        """The entry's counts by the keys its kind's summary names them with."""
        if entry.kind == "outcomes":
            conflicts = entry.conflicts or 0  # an older import: its conflicts are in rejected
            return [
                ("applied", entry.updated),
                ("added", entry.inserted),
                ("conflicts", conflicts),
                ("rejected", entry.rejected - conflicts),
                ("unchanged", entry.unchanged),
            ]
        return [
            ("inserted", entry.inserted),
            ("updated", entry.updated),
            ("unchanged", entry.unchanged),
            ("renewals", entry.renewals),
            ("rejected", entry.rejected),
            ("flagged", entry.flagged),
        ]

    def selected(self) -> ImportEntry | None:
        """The import selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        entry = self.selected()
        self.undo_button.setEnabled(entry is not None and entry.can_undo)

    def undo_selected(self) -> None:
        """Undo the selected import, once the person confirms."""
        entry = self.selected()
        if entry is None or not entry.can_undo:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo this import?"),
            self.tr(
                "Undo import {id} of {file}: everything it added or changed is taken back."
            ).format(id=entry.batch_id, file=entry.file_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        batch_id = entry.batch_id
        self._jobs.op(
            lambda job: run_undo(job.database, batch_id, job.progress, Guard(waiting=job.say)),
            changes=IMPORT_CHANGE,  # the history follows IMPORTS: it reads itself again
            title=self.tr("Undoing the import"),
        )
