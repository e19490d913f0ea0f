"""The Exchange page: what went out to the call partner, and their worked files back.

*Export for partner…* gives a partner the open calls nobody holds (see
:mod:`.partner_export_dialog`), here or from a campaign's page; this page lists the exports.
*Import worked file…* reads the partner's file as a dry run first and shows, row by row, what
would be applied and every doubt (a conflict, an unknown code, an edited identity, a row added);
nothing is written until Apply.
The applied import can be undone from here (or from the import history).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import Guard
from member_reach.services.exchange.exchange_export import ExportEntry, list_exports
from member_reach.services.exchange.exchange_import import OutcomesReport, run_outcomes_import
from member_reach.services.exchange.partner_assignment import release_export
from member_reach.services.exchange.worked_file import needs_password
from member_reach.services.imports.import_undo import UndoReport, run_undo
from member_reach.ui.core.file_dialogs import open_file_name
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.exchange.partner_export_dialog import PartnerExportDialog, Remembered
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.tables import read_only_table

_KINDS = {"partner": "Partner workbook", "calls": "Dialer CSV", "results": "Results workbook"}
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
        outcomes = self.tr("{n} outcomes").format(n=f"{applied:,}")
        contacts = self.tr("{n} new contacts").format(n=f"{added:,}")
        return (
            self.tr("1 outcome") if applied == 1 else outcomes,
            self.tr("1 new contact") if added == 1 else contacts,
        )

    def _show(self, report: OutcomesReport) -> None:
        self.report = report
        applied, added = report.count("applied"), report.count("added")
        to_apply = applied + added
        text = self.tr(
            "{file}, campaign {campaign}: to apply: {applied_outcomes}, {added_contacts}; "
            "{conflicts} conflicts, {rejected} rejected; {unchanged} rows unchanged (no outcome "
            "filled in, or applied before)."
        )
        if not report.dry_run:
            text = self.tr(
                "Applied from {file}, campaign {campaign}: {applied_outcomes}, "
                "{added_contacts}. Left as they were: {conflicts} conflicts, {rejected} "
                "rejected, {unchanged} unchanged."
            )
        outcomes, contacts = self._counted(applied, added)
        self.summary.setText(
            text.format(
                file=Path(report.file).name,
                campaign=report.campaign,
                applied_outcomes=outcomes,
                added_contacts=contacts,
                unchanged=f"{report.count('unchanged'):,}",
                conflicts=f"{report.count('conflict'):,}",
                rejected=f"{report.count('rejected'):,}",
            )
            + self._partner_text(report)
        )
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

    def _partner_text(self, report: OutcomesReport) -> str:
        """What the file does to the calls with the partner ("" when none were)."""
        if not (report.released or report.with_partner):
            return ""
        return " " + self.tr(
            "{released} calls come back from the partner; {still} stay with them until they "
            "report them or you bring them back."
        ).format(released=f"{report.released:,}", still=f"{report.with_partner:,}")

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


class ExchangePage(Page):
    """Exports made for the call partner, and Import worked file…."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        who: Callable[[], str] = str,
        partner: Remembered | None = None,
    ) -> None:
        super().__init__(
            self.tr("Exchange"),
            self.tr("Workbooks that went to your call partner, and their worked files back."),
            parent,
        )
        self._workspace = workspace
        self._runner = runner
        self.entries: list[ExportEntry] = []
        self.dialog: OutcomesDialog | None = None
        self.export_dialog: PartnerExportDialog | None = None
        self._who = who
        self._partner = partner
        self.body.addLayout(self._buttons())
        headings = ["When", "Campaign", "What", "File", "Rows", "For"]
        self.table = read_only_table([self.tr(h) for h in headings], single=True)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.body.addWidget(self.table, 1)
        self.empty = EmptyState(
            self.tr("Nothing exchanged yet"),
            self.tr(
                "Export for partner… gives your call partner the open calls nobody here holds, "
                "in a workbook with a password. When the worked file comes back, import it "
                "here: every outcome is checked first."
            ),
        )
        self.empty.add_action(self.tr("Export for partner…"), lambda: self.export_for_partner())
        self.body.addWidget(self.empty, 1)
        self._jobs = Jobs(workspace, runner, self)
        self._jobs.follow(Change.IMPORTS | Change.CAMPAIGNS, self.reload)  # exports, their names
        workspace.database_changed.connect(self.reload)
        self.reload()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.export_button = QPushButton(icon("export"), self.tr("&Export for partner…"))
        self.export_button.setToolTip(
            self.tr("Give a partner the open calls nobody holds, in a protected workbook")
        )
        self.export_button.clicked.connect(lambda: self.export_for_partner())
        row.addWidget(self.export_button)
        self.import_button = QPushButton(icon("import"), self.tr("&Import worked file…"))
        self.import_button.setToolTip(
            self.tr("The partner's filled-in workbook (or CSV): previewed before anything changes")
        )
        self.import_button.clicked.connect(self.import_worked_file)
        row.addWidget(self.import_button)
        self.back_button = QPushButton(self.tr("&Bring calls back…"))
        self.back_button.setToolTip(
            self.tr("The calls still with the partner of the export chosen: back to your callers")
        )
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.bring_calls_back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        return row

    def reload(self) -> None:
        """Read the exports again."""
        self._jobs.query(lambda job: list_exports(job.session), self._show, key="exports")

    def _show(self, entries: list[ExportEntry]) -> None:
        self.entries = entries
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [
                f"{entry.created_at:%Y-%m-%d %H:%M}",
                entry.campaign,
                self.tr(_KINDS.get(entry.kind, entry.kind)),
                entry.file_name,
                f"{entry.rows:,}",
                entry.assignee,
            ]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _chosen_export(self) -> ExportEntry | None:
        row = self.table.currentRow()
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        return entry if entry is not None and entry.kind == "partner" and entry.assignee else None

    def _chosen(self) -> None:
        self.back_button.setEnabled(self._chosen_export() is not None)

    def bring_calls_back(self) -> None:
        """Bring back the calls still with the chosen export's partner, once confirmed."""
        entry = self._chosen_export()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Bring the calls back?"),
            self.tr(
                "The calls of {campaign} still with {partner} go back to your callers and the "
                "next export. Outcomes {partner} reports for them later are still taken."
            ).format(campaign=entry.campaign, partner=entry.assignee),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        export_id = entry.export_id

        def done(back: tuple[str, list[str]]) -> None:
            partner, refs = back
            QMessageBox.information(
                self,
                self.tr("Calls brought back"),
                self.tr("{count} calls came back from {partner}.").format(
                    count=len(refs), partner=partner
                ),
            )

        self._jobs.op(
            lambda job: release_export(job.session, export_id),
            done,
            changes=Change.CALLS,
            title=self.tr("Bringing calls back"),
        )

    def export_for_partner(self, campaign_id: int | None = None) -> PartnerExportDialog:
        """Open Export for partner… (on ``campaign_id``'s calls, if given)."""
        dialog = PartnerExportDialog(
            self._workspace,
            self._runner,
            partner=self._partner,
            who=self._who,
            campaign_id=campaign_id,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def import_worked_file(self) -> None:
        """Choose the partner's file, preview its outcomes, and offer to apply them."""
        name = open_file_name(
            self,
            self._workspace.folders,
            "worked_file",
            self.tr("Import the partner's worked file"),
            self.tr("Worked files (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"),
        )
        if not name:
            return
        path = Path(name)
        password: str | None = None
        try:
            protected = needs_password(path)
        except ServiceError as exc:
            QMessageBox.critical(self, self.tr("Import worked file"), str(exc))
            return
        if protected:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Password"),
                self.tr("{file} is protected. Its password:").format(file=path.name),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
            password = text
        now, who = self._workspace.clock.now(), self._who()

        def previewed(report: OutcomesReport) -> None:
            dialog = OutcomesDialog(
                self._workspace, self._runner, path, password, report, self, self._who
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.open()

        self._jobs.query(
            lambda job: run_outcomes_import(
                job.database, path, now, password, True, Guard(who, job.say), job.progress
            ),
            previewed,
            key="preview",
            title=self.tr("Import worked file"),
            label=self.tr("Checking every row of {file}…").format(file=path.name),
        )
