"""A partner's worked file, previewed, applied and undone: the outcomes dialog.

The file is read as a dry run first and shown row by row: what would be applied and every doubt
(a conflict, an unknown code, an edited identity, a row added); nothing is written until Apply.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.common.import_guard import Guard
from member_reach.services.exchange.exchange_import import OutcomesReport, run_outcomes_import
from member_reach.services.imports.import_undo import UndoReport, run_undo
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.labels import number
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.tables import read_only_table

_RESULTS = {
    "applied": "Applied",
    "unchanged": "Unchanged",
    "conflict": "Conflict",
    "rejected": "Rejected",
    "added": "Added",
}


#: What applying or undoing a worked file changes: calls, the people it added, the imports.
_OUTCOMES_CHANGE = Change.CALLS | Change.MEMBERS | Change.IMPORTS


class OutcomesDialog(QDialog):
    """A worked file's outcomes: the dry run's rows, then Apply, then Undo."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        path: Path,
        password: str | None,
        report: OutcomesReport,
        parent: QWidget | None = None,
        who: Callable[[], str] = str,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._jobs = Jobs(workspace, runner, self)
        self._who = who  # who imports: named to anyone importing meanwhile
        self._path = path
        self._password = password
        self.report = report
        self.setWindowTitle(self.tr("Outcomes from {file}").format(file=path.name))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("countLabel")
        layout.addWidget(self.summary)
        self.rows = read_only_table(
            [self.tr("Row"), self.tr("Ref"), self.tr("Result"), self.tr("Why")]
        )
        layout.addWidget(self.rows, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(
            self.tr("&Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = self.buttons.addButton(
            self.tr("&Undo this import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.setIcon(icon("undo"))
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        self._show(report)

    def _counted(self, applied: int, added: int) -> tuple[str, str]:
        """Say how many outcomes and new contacts, one or many."""
        return (
            self.tr("%Ln outcome(s)", "", applied),
            self.tr("%Ln new contact(s)", "", added),
        )

    def _show(self, report: OutcomesReport) -> None:
        self.report = report
        applied, added = report.count("applied"), report.count("added")
        to_apply = applied + added
        outcomes, contacts = self._counted(applied, added)
        self.summary.setText(self._summary(report, outcomes, contacts))
        shown = [r for r in report.results if r.result != "unchanged" or r.reason]
        self.rows.setRowCount(len(shown))
        for row, result in enumerate(shown):
            place = str(result.row) if result.row else ""
            cells = [
                f"{result.sheet} {place}".strip() if result.sheet else place,
                result.ref,
                self.tr(_RESULTS.get(result.result, result.result)),
                result.reason,
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if result.result in ("conflict", "rejected") and column == 2:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.rows.setItem(row, column, item)
        self.rows.resizeColumnsToContents()
        self.apply_button.setVisible(report.dry_run)
        self.apply_button.setEnabled(report.dry_run and to_apply > 0)
        if not to_apply:
            label = self.tr("Nothing to apply")
        elif not added:
            label = self.tr("&Apply {outcomes}").format(outcomes=outcomes)
        elif not applied:
            label = self.tr("&Add {contacts}").format(contacts=contacts)
        else:
            label = self.tr("&Apply {outcomes}, add {contacts}").format(
                outcomes=outcomes, contacts=contacts
            )
        self.apply_button.setText(label)
        self.undo_button.setVisible(not report.dry_run and report.batch_id is not None)

    def _summary(self, report: OutcomesReport, outcomes: str, contacts: str) -> str:
        """What the file would do (a dry run) or did, in one paragraph."""
        text = self.tr(
            "{file}, campaign {campaign}: to apply: {applied_outcomes}, {added_contacts}; "
            "{conflicts}, {rejected} rejected; {unchanged} (no outcome "
            "filled in, or applied before)."
        )
        if not report.dry_run:
            text = self.tr(
                "Applied from {file}, campaign {campaign}: {applied_outcomes}, "
                "{added_contacts}. Left as they were: {conflicts}, {rejected} "
                "rejected, {unchanged} unchanged."
            )
        return text.format(
            file=Path(report.file).name,
            campaign=report.campaign,
            applied_outcomes=outcomes,
            added_contacts=contacts,
            unchanged=self.tr("%Ln row(s) unchanged", "", report.count("unchanged")),
            conflicts=self.tr("%Ln conflict(s)", "", report.count("conflict")),
            rejected=number(report.count("rejected")),
        ) + self._partner_text(report)

    def _partner_text(self, report: OutcomesReport) -> str:
        """What the file does to the calls with the partner ("" when none were)."""
        if not (report.released or report.with_partner):
            return ""
        released = self.tr("%Ln call(s) back from the partner", "", report.released)
        return " " + self.tr(
            "{released}; {still} stay with them until they report them or you bring them back."
        ).format(released=released, still=number(report.with_partner))

    def apply(self) -> None:
        """Apply the file for real (one transaction)."""
        path, password, now = self._path, self._password, self._workspace.clock.now()
        self.apply_button.setEnabled(False)  # applied once, however often it is clicked
        who = self._who()
        self._jobs.op(
            lambda job: run_outcomes_import(
                job.database, path, now, password, guard=Guard(who, job.say), progress=job.progress
            ),
            self._show,
            changes=_OUTCOMES_CHANGE,
            failed=self._failed,
            title=self.tr("Applying the outcomes"),
        )

    def _failed(self, message: str) -> None:
        self.apply_button.setEnabled(self.report.dry_run)
        QMessageBox.critical(self, self.tr("The outcomes were not applied"), message)

    def undo(self) -> None:
        """Take the applied outcomes back, once the person confirms."""
        batch_id = self.report.batch_id
        if batch_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo this import?"),
            self.tr("Every call this file logged is taken back, and the calls reopen."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.undo_button.setEnabled(False)

        def done(_report: UndoReport) -> None:
            self.summary.setText(
                self.tr("The outcomes from {file} were taken back.").format(file=self._path.name)
            )

        def failed(message: str) -> None:
            self.undo_button.setEnabled(True)
            QMessageBox.critical(self, self.tr("The import was not undone"), message)

        who = self._who()
        self._jobs.op(
            lambda job: run_undo(job.database, batch_id, job.progress, Guard(who, job.say)),
            done,
            changes=_OUTCOMES_CHANGE,
            failed=failed,
            title=self.tr("Undoing the import"),
        )
