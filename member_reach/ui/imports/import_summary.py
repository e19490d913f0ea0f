"""The last pages of the import wizard: what the import would do, then what it did.

The preview is a dry run (nothing written); the summary has the rows to check and the undo.
Both show a roster's lists behind the counts (:mod:`.import_lists_view`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from member_reach.services.imports.event_import import EventImportReport
from member_reach.services.imports.import_undo import UndoReport
from member_reach.services.imports.pipeline import save_issue_rows
from member_reach.services.imports.roster_import import RosterImportReport
from member_reach.ui.core.file_dialogs import save_file_name
from member_reach.ui.core.icons import icon
from member_reach.ui.core.import_labels import count_labels
from member_reach.ui.core.tasks import TaskControl
from member_reach.ui.imports.import_lists_view import ImportListsView
from member_reach.ui.widgets.tables import read_only_table, show_message

if TYPE_CHECKING:
    from member_reach.ui.imports.import_wizard import ImportWizard, Report


def report_counts(report: Report) -> list[tuple[str, str, int]]:
    """(key, label, count) of what an import did or, for a dry run, would do."""
    if isinstance(report, EventImportReport):
        labels = count_labels("events")
        # A dry run does not compare with what is on file: it counts the file's people.
        attendances = sum(report.roles.values()) if report.dry_run else report.attendances_added
        counts = {
            "inserted": report.counts.inserted,
            "updated": report.counts.updated,
            "unchanged": report.counts.unchanged,
            "attendances": attendances,
            "cancelled": report.cancelled,
        }
    else:
        labels = count_labels("roster")
        counts = {
            "inserted": report.counts.inserted,
            "updated": report.counts.updated,
            "unchanged": report.counts.unchanged,
            "renewals": report.renewals_detected,
        }
    counts.update(rejected=report.counts.rejected, flagged=report.counts.flagged)
    return [(key, labels[key], count) for key, count in counts.items()]


def fill_counts(grid: QGridLayout, report: Report) -> dict[str, QLabel]:
    """Show a report's counts in ``grid``, three to a row; return the number labels by key."""
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
    numbers: dict[str, QLabel] = {}
    for position, (key, label, value) in enumerate(report_counts(report)):
        number = QLabel(f"{value:,}")
        number.setObjectName("countLabel")
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        numbers[key] = number
        row, column = divmod(position, 3)
        grid.addWidget(number, row, column * 2)
        grid.addWidget(QLabel(label), row, column * 2 + 1)
    grid.setHorizontalSpacing(8)
    for column in (1, 3):
        grid.setColumnMinimumWidth(column, 170)
    grid.setColumnStretch(5, 1)
    return numbers


class PreviewPage(QWizardPage):
    """Step 4: what the import would do, row counts and rows to check; nothing written yet."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._running = False
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr(
                "Nothing has been written yet. Check the counts and the rows below, then "
                "press Import."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))
        layout = QVBoxLayout(self)
        self.counts = QGridLayout()
        layout.addLayout(self.counts)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # The rows to check first, then the lists behind the counts: a tab each.
        self.lists = ImportListsView(wizard.runner, wizard.workspace.folders)
        checks = QWidget()
        checks_layout = QVBoxLayout(checks)
        self.issues = read_only_table([self.tr("Row"), self.tr("Result"), self.tr("Why")])
        checks_layout.addWidget(self.issues, 1)
        self.all_clear = QLabel(self.tr("Every row can be imported as it is: no row to check."))
        self.all_clear.setVisible(False)
        checks_layout.addWidget(self.all_clear)
        checks_layout.addStretch(0)
        self.lists.insertTab(0, checks, self.tr("Rows to check"))
        self.lists.setCurrentIndex(0)
        layout.addWidget(self.lists, 1)
        self.count_labels: dict[str, QLabel] = {}

    def initializePage(self) -> None:
        if self._wizard.dry_run is not None:
            self.show_report(self._wizard.dry_run)
            return
        self._running = True
        self.completeChanged.emit()
        show_message(self.status, self.tr("Checking every row…"))
        self._wizard.run_import(True, self._checked, self._failed, self._cancelled)

    def _checked(self, report: Report) -> None:
        self._running = False
        self._wizard.dry_run = report
        self.show_report(report)
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self._running = False
        show_message(self.status, message, error=True)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self._running = False
        show_message(self.status, self.tr("Cancelled: nothing was changed."))
        self.completeChanged.emit()

    def show_report(self, report: Report) -> None:
        """Show the counts and the rejected and flagged rows of a dry run."""
        self.count_labels = fill_counts(self.counts, report)
        what = (
            self.tr("event {name}").format(name=report.event)
            if isinstance(report, EventImportReport)
            else ""
        )
        lines = [self.tr("%Ln row(s) read.", "", report.counts.rows_read)]
        if what:
            lines.append(self.tr("Attendance will be recorded for {what}.").format(what=what))
        lines += report.notes  # what was noticed of the file as a whole (an id that is none)
        show_message(self.status, " ".join(lines))
        self.issues.setRowCount(len(report.issues))
        for row, issue in enumerate(report.issues):
            result = self.tr("Rejected") if issue.result == "rejected" else self.tr("Flagged")
            for column, text in enumerate((str(issue.row), result, issue.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.issues.setItem(row, column, item)
        self.issues.resizeColumnToContents(0)
        self.issues.resizeColumnToContents(1)
        self.issues.setVisible(bool(report.issues))
        self.all_clear.setVisible(not report.issues)
        self.lists.setTabText(
            0, self.tr("Rows to check ({count})").format(count=f"{len(report.issues):,}")
        )
        self.lists.show_report(report if isinstance(report, RosterImportReport) else None)

    def start_import(self) -> None:
        """Import for real (the wizard moves to the summary when it is done)."""
        self._running = True
        self.completeChanged.emit()
        show_message(self.status, self.tr("Importing…"))
        self._wizard.run_import(False, self._imported, self._failed, self._import_cancelled)

    def _imported(self, report: Report) -> None:
        self._running = False
        self.completeChanged.emit()
        self._wizard.imported(report)

    def _import_cancelled(self) -> None:
        self._running = False
        show_message(self.status, self.tr("The import was cancelled: nothing was changed."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._running and self._wizard.dry_run is not None


class SummaryPage(QWizardPage):
    """Step 5: the counts, where the backup went, Save rows to check…, Undo this import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Imported"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.counts = QGridLayout()
        layout.addLayout(self.counts)
        self.count_labels: dict[str, QLabel] = {}
        self.backup = QLabel()
        self.backup.setWordWrap(True)
        self.backup.setObjectName("pageNote")
        self.backup.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save rows to check…"))
        self.save_button.setToolTip(
            self.tr(
                "A workbook of the rejected and flagged rows, with why, to fix and import again"
            )
        )
        self.save_button.clicked.connect(self.save_rows)
        self.undo_button = QPushButton(icon("undo"), self.tr("&Undo this import"))
        self.undo_button.setToolTip(self.tr("Put the database back as it was before this import"))
        self.undo_button.clicked.connect(self.undo)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("pageNote")
        layout.addWidget(self.note)
        self.lists = ImportListsView(wizard.runner, wizard.workspace.folders)
        layout.addWidget(self.lists, 1)

    def initializePage(self) -> None:
        report = self._wizard.report
        assert report is not None
        self.summary.setText(
            self.tr("{file} is imported. Members and figures are up to date.").format(
                file=Path(report.file).name
            )
        )
        self.count_labels = fill_counts(self.counts, report)
        backup = getattr(report, "backup", "")
        self.backup.setText(
            self.tr("A copy of the database from before the import: {path}").format(path=backup)
            if backup
            else ""
        )
        self.save_button.setEnabled(bool(report.issues))
        self.undo_button.setEnabled(report.batch_id is not None)
        self.note.clear()
        roster = report if isinstance(report, RosterImportReport) else None
        self.lists.show_report(roster)
        self.lists.setVisible(roster is not None)

    def save_rows(self) -> None:
        """Save the rejected and flagged rows to a workbook the person chooses."""
        report = self._wizard.report
        assert report is not None
        source = Path(report.file)
        suggested = source.with_name(f"{source.stem} - rows to check.xlsx")
        name, _ = save_file_name(
            self,
            self._wizard.workspace.folders,
            "lists",
            self.tr("Save the rows to check"),
            suggested,
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        header, issues = list(report.header), list(report.issues)

        def job(_control: TaskControl) -> str:
            return save_issue_rows(path, header, issues)

        self._wizard.runner.run(
            job,
            on_success=lambda saved: self.note.setText(
                self.tr("%Ln row(s) saved to {path}.", "", len(issues)).format(path=saved)
            ),
            title=self.tr("Saving the rows to check"),
        )

    def undo(self) -> None:
        """Undo the import, once the person confirms."""
        answer = QMessageBox.question(
            self,
            self.tr("Undo this import?"),
            self.tr(
                "Everything this import added or changed is taken back: people it added are "
                "removed, people it changed get their earlier details back."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.undo_button.setEnabled(False)  # undone once, however often it is clicked
        self._wizard.undo(self._undone, self._undo_failed)

    def _undone(self, undone: UndoReport) -> None:
        self._wizard.undone = undone
        self.undo_button.setEnabled(False)
        self.setTitle(self.tr("Import undone"))
        self.note.setText(
            self.tr(
                "Undone: {removed} people removed, {restored} restored to their earlier details."
            ).format(removed=f"{undone.people_removed:,}", restored=f"{undone.people_restored:,}")
            + (
                " "
                + self.tr("{erased} people erased since are not restored.").format(
                    erased=f"{undone.people_erased:,}"
                )
                if undone.people_erased
                else ""
            )
        )

    def _undo_failed(self, message: str) -> None:
        self.undo_button.setEnabled(True)
        QMessageBox.critical(self, self.tr("The import was not undone"), message)
