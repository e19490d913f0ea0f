"""The Exchange page: what went out to the call partner, and their worked files back.

*Export for partner…* gives a partner the open calls nobody holds (see
:mod:`.partner_export_dialog`), here or from a campaign's page; this page lists the exports, and
below them the worked files brought back, each with what it applied and the export it answered.
*Import worked file…* previews the partner's file before anything is written
(:mod:`.outcomes_dialog`); the applied import can be undone there (or from the import history).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from member_reach.services.common.changes import Change
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import Guard
from member_reach.services.exchange.exchange_export import ExportEntry, list_exports
from member_reach.services.exchange.exchange_import import OutcomesReport, run_outcomes_import
from member_reach.services.exchange.partner_assignment import release_export, still_out
from member_reach.services.exchange.worked_file import needs_password
from member_reach.services.exchange.worked_files import WorkedFileEntry, worked_files
from member_reach.ui.core.file_dialogs import open_file_name
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.labels import number, stored_time_text
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.exchange.outcomes_dialog import OutcomesDialog
from member_reach.ui.exchange.partner_export_dialog import PartnerExportDialog, Remembered
from member_reach.ui.exchange.worked_files_table import show_worked_files, worked_files_table
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.tables import read_only_table

_KINDS = {"partner": "Partner workbook", "calls": "Dialer CSV", "results": "Results workbook"}


Exchanged = tuple[list[ExportEntry], list[WorkedFileEntry], dict[int, int]]


def _exchanged(job: JobContext) -> Exchanged:
    return list_exports(job.session), worked_files(job.session), still_out(job.session)


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
        headings = ["When", "Campaign", "What", "File", "Rows", "For", "Still out"]
        self.table = read_only_table([self.tr(h) for h in headings], single=True)
        still_out_heading = self.table.horizontalHeaderItem(len(headings) - 1)
        if still_out_heading is not None:
            still_out_heading.setToolTip(
                self.tr("The calls of a partner's export no worked file has reported on yet")
            )
        self.table.itemSelectionChanged.connect(self._chosen)
        self.exports_title = QLabel(self.tr("Exports"))
        self.body.addWidget(self.exports_title)
        self.body.addWidget(self.table, 3)
        self.worked_title = QLabel(self.tr("Worked files brought back"))
        for title in (self.exports_title, self.worked_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        self.body.addWidget(self.worked_title)
        self.worked = worked_files_table()
        self.worked_entries: list[WorkedFileEntry] = []
        self.body.addWidget(self.worked, 2)
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
        """Read the exports and the worked files again."""
        self._jobs.query(_exchanged, self._show, key="exports")

    def _show(self, exchanged: Exchanged) -> None:
        entries, self.worked_entries, out = exchanged
        self.entries = entries
        for widget in (self.table, self.exports_title, self.worked_title, self.worked):
            widget.setVisible(bool(entries or self.worked_entries))
        self.empty.setVisible(not (entries or self.worked_entries))
        show_worked_files(self.worked, self.worked_entries)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [
                stored_time_text(entry.created_at),
                entry.campaign,
                self.tr(_KINDS.get(entry.kind, entry.kind)),
                entry.file_name,
                number(entry.rows),
                entry.assignee,
                # the calls of a partner's export it has not reported on yet
                number(out.get(entry.export_id, 0)) if entry.assignee else "",
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
                self.tr("%Ln call(s) came back from {partner}.", "", len(refs)).format(
                    partner=partner
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
