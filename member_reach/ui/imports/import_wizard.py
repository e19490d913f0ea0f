"""The import wizard: a roster or an attendee list, from the file to the summary.

Steps: file → sheet and header row → columns → preview (a dry run: nothing written) → import
(progress, Cancel) → summary (Save rows to check…, Undo this import). Every read and write runs
in the background task helper; the wizard only keeps what the person chose (:class:`Choices`)
and the reports the services return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget, QWizard

from member_reach.domain.columns import Field
from member_reach.domain.dates import DateOrder
from member_reach.services.common.import_guard import Guard
from member_reach.services.imports.event_import import EventImportReport, run_event_import
from member_reach.services.imports.import_preview import FilePreview, preview_file
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import UndoReport, run_undo
from member_reach.services.imports.roster_import import RosterImportReport, run_roster_import
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.tasks import TaskHandle, TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.imports.import_history_dialog import IMPORT_CHANGE
from member_reach.ui.imports.import_pages import IMPORTABLE, FilePage, SheetPage
from member_reach.ui.imports.import_summary import PreviewPage, SummaryPage
from member_reach.ui.imports.mapping_page import MappingPage

Kind = Literal["roster", "events"]
Report = RosterImportReport | EventImportReport


@dataclass
class Choices:
    """What the person chose so far."""

    kind: Kind = "roster"
    path: Path | None = None
    password: str | None = None
    event: str = ""
    event_date: dt.date | None = None
    series: str = ""
    sheet: str | None = None
    header_row: int | None = None
    mapping: dict[int, Field] | None = None
    date_order: DateOrder | None = None

    def roster_options(self, dry_run: bool) -> ImportOptions:
        """The options of a roster import as chosen."""
        return ImportOptions(
            sheet=self.sheet,
            password=self.password,
            date_order=self.date_order,
            header_row=self.header_row,
            mapping=self.mapping,
            dry_run=dry_run,
        )

    def event_options(self, dry_run: bool) -> ImportOptions:
        """The options of an attendee-list import as chosen."""
        return ImportOptions(
            event=EventChoice(self.event, self.event_date, self.series),
            sheet=self.sheet,
            password=self.password,
            date_order=self.date_order,
            header_row=self.header_row,
            mapping=self.mapping,
            dry_run=dry_run,
        )


class ImportWizard(QWizard):
    """Walks a person through one import.

    Args:
        workspace: the database to import into and today's date.
        runner: runs the reading, dry run, import and undo in the background.
        kind: a member roster or an event's attendee list.
        path: a file already chosen (dropped on the window), or None.
    """

    FILE, SHEET, MAPPING, PREVIEW, SUMMARY = range(5)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        kind: Kind = "roster",
        path: Path | None = None,
        parent: QWidget | None = None,
        who: Callable[[], str] = str,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._who = who  # who imports: named to anyone importing meanwhile
        # The database imported into: a switch of database elsewhere closes the wizard (and the
        # result of a job started before the switch is dropped, see Jobs).
        self.database = workspace.database
        self.runner = runner
        self._jobs = Jobs(workspace, runner, self)
        self.busy: TaskHandle | None = None
        self.choices = Choices(kind=kind, path=path)
        self.preview: FilePreview | None = None
        self.dry_run: Report | None = None
        self.report: Report | None = None
        self.undone: UndoReport | None = None
        self._imported = False
        title = (
            self.tr("Import a member roster")
            if kind == "roster"
            else self.tr("Import an attendee list")
        )
        self.setWindowTitle(title)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for key, page in (
            (self.FILE, self.file_page),
            (self.SHEET, self.sheet_page),
            (self.MAPPING, self.mapping_page),
            (self.PREVIEW, self.preview_page),
            (self.SUMMARY, self.summary_page),
        ):
            self.setPage(key, page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.resize(900, 640)

    # Jobs, started by the pages; results come back in the GUI thread.

    def load_preview(
        self, on_done: Callable[[FilePreview], None], on_failed: Callable[[str], None]
    ) -> None:
        """Read the file's first rows as chosen (sheet, header row); a later reading wins."""
        choices = self.choices
        path = choices.path
        assert path is not None

        def work(job: JobContext) -> FilePreview:
            return preview_file(
                job.session,
                path,
                choices.kind,
                sheet=choices.sheet,
                password=choices.password,
                header_row=choices.header_row,
            )

        self._track(
            self._jobs.query(
                work,
                on_done,
                key="preview",
                failed=on_failed,
                title=self.tr("Reading the file"),
                label=self.tr("Reading {file}…").format(file=path.name),
            )
        )

    def run_import(
        self,
        dry_run: bool,
        on_done: Callable[[Report], None],
        on_failed: Callable[[str], None],
        on_cancel: Callable[[], None],
    ) -> None:
        """Import the file as chosen; a dry run reports and writes nothing."""
        choices = self.choices
        path = choices.path
        assert path is not None

        who = self._who()

        def work(job: JobContext) -> Report:  # each import owns its transaction
            today, guard = job.clock.today(), Guard(who, job.say)
            if choices.kind == "events":
                options = choices.event_options(dry_run)
                return run_event_import(job.database, path, today, options, job.progress, guard)
            options = choices.roster_options(dry_run)
            return run_roster_import(job.database, path, today, options, job.progress, guard)

        if dry_run:
            title, label = self.tr("Checking the file"), self.tr("Checking every row of {file}…")
            handle = self._jobs.query(
                work,
                on_done,
                key="dry run",
                failed=on_failed,
                cancelled=on_cancel,
                title=title,
                label=label.format(file=path.name),
            )
        else:
            handle = self._jobs.op(
                work,
                on_done,
                changes=IMPORT_CHANGE,
                failed=on_failed,
                cancelled=on_cancel,
                title=self.tr("Importing"),
                label=self.tr("Importing {file}…").format(file=path.name),
            )
        self._track(handle)

    def undo(self, on_done: Callable[[UndoReport], None], on_failed: Callable[[str], None]) -> None:
        """Undo the import just made."""
        assert self.report is not None and self.report.batch_id is not None
        batch_id, who = self.report.batch_id, self._who()
        self._track(
            self._jobs.op(
                lambda job: run_undo(job.database, batch_id, job.progress, Guard(who, job.say)),
                on_done,
                changes=IMPORT_CHANGE,
                failed=on_failed,
                title=self.tr("Undoing the import"),
            )
        )

    def _track(self, handle: TaskHandle) -> None:
        """While a job runs, Back and Cancel wait: closing the wizard asks the job to stop."""
        if handle.done:
            return
        self.busy = handle
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(button).setEnabled(False)
        handle.finished.connect(self._idle)

    def _idle(self) -> None:
        self.busy = None
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(
            self.currentId() not in (self.FILE, self.SUMMARY)
        )

    def reject(self) -> None:
        if self.busy is not None:  # the window closed mid-job: stop the job, keep the wizard
            self.busy.cancel()
            return
        super().reject()

    # Moving on from the preview means importing: the summary follows once it is done.

    def validateCurrentPage(self) -> bool:
        if self.currentId() != self.PREVIEW or self._imported:
            return super().validateCurrentPage()
        self.preview_page.start_import()
        return False

    def imported(self, report: Report) -> None:
        """The import succeeded: show the summary."""
        self.report = report
        self._imported = True
        QTimer.singleShot(0, self.next)

    def reset_import(self) -> None:
        """Choices changed: the dry run and import are to be done again."""
        self.dry_run = None
        self._imported = False


__all__ = ["IMPORTABLE", "Choices", "ImportWizard", "Kind", "Report"]
