"""One campaign on the Campaigns page: its goal, its buttons, its calls and its callers' figures.

It shows its progress (with its revenue against the revenue goal, when it has one), its calls
(last outcome, attempts, callback, with whom; sorted and filtered) and per-caller figures, and
lets the director assign calls to a caller or partner, release reserved calls, export the
partner workbook or the results workbook, and steer the campaign (:class:`CampaignControls`).
It reads itself again whenever its page does, so it follows calls logged, files imported and
exported without being opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from member_reach.services.calls.task_assignment import assign, release
from member_reach.services.campaigns.campaign_calls import (
    CallRow,
    KnownNames,
    campaign_calls,
    known_names,
)
from member_reach.services.campaigns.campaigns import CampaignSummary, find_campaign
from member_reach.services.common.changes import Change
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.results_export import export_results
from member_reach.services.reports.control_report import ControlReport, control_report
from member_reach.services.reports.reports import CampaignReport, campaign_report
from member_reach.store.models import Campaign
from member_reach.ui.campaigns.assign_dialog import AssignDialog
from member_reach.ui.campaigns.caller_figures import CallerFiguresView
from member_reach.ui.campaigns.campaign_calls_view import CallsView
from member_reach.ui.campaigns.campaign_controls import CampaignControls
from member_reach.ui.core.file_dialogs import FileKind, save_file_name
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.labels import number
from member_reach.ui.widgets.control_comparison import ControlComparison
from member_reach.ui.widgets.goal_bar import RevenueBar

T = TypeVar("T")


@dataclass(frozen=True)
class CampaignLine:
    """A campaign as the list shows it: its summary and how far its goal is."""

    summary: CampaignSummary
    achieved: int


@dataclass(frozen=True)
class _Calls:
    rows: list[CallRow]
    names: KnownNames


class CampaignView(QWidget):
    """The campaign shown: its progress, buttons, calls and callers (see the module docstring).

    Args:
        jobs: the page's background reads and writes.
        who: the name changes are recorded with (Settings).
        export_partner: the window's Export for partner… dialog for a campaign, if any.
    """

    #: The person asked to go back to the list of campaigns.
    back = Signal()

    def __init__(
        self,
        jobs: Jobs,
        who: Callable[[], str],
        export_partner: Callable[[int], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._who = who
        self._export_partner = export_partner
        self.campaign_id: int | None = None
        self.names = KnownNames((), ())
        self.assigner: AssignDialog | None = None  # the last Assign calls… opened
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._title_row())
        self.progress = QLabel()
        self.progress.setObjectName("countLabel")
        layout.addWidget(self.progress)
        self.revenue = RevenueBar()  # the revenue beside the count, when there is a goal
        layout.addWidget(self.revenue)
        self.control_note = QLabel()  # the members kept uncalled, apart from the calls
        self.control_note.setObjectName("pageNote")
        self.control_note.setWordWrap(True)
        self.control_note.setVisible(False)
        layout.addWidget(self.control_note)
        layout.addLayout(self._actions())
        self.state_buttons = CampaignControls(jobs, who)  # pause, close, ...
        self.state_buttons.changed.connect(self._show_state)
        layout.addWidget(self.state_buttons, 0, Qt.AlignmentFlag.AlignLeft)  # a row of its own
        self.detail_note = QLabel()
        self.detail_note.setObjectName("pageNote")
        self.detail_note.setWordWrap(True)
        self.detail_note.setVisible(False)  # until there is something to say
        layout.addWidget(self.detail_note)
        self.calls = CallsView()
        self.callers = CallerFiguresView()
        self.control = ControlComparison()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.calls, self.tr("&Calls"))
        self.tabs.addTab(self.callers, self.tr("Calle&rs"))
        self.tabs.setTabToolTip(1, self.tr("Each caller's and partner's figures"))
        self.tabs.addTab(self.control, self.tr("Did the calls &work?"))
        self.tabs.setTabToolTip(
            2, self.tr("The members called against the control group kept uncalled")
        )
        self.tabs.setTabVisible(2, False)  # a campaign with a control group only
        layout.addWidget(self.tabs, 1)

    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← &All campaigns"))
        self.back_button.clicked.connect(self.back)
        self.campaign_title = QLabel()
        self.campaign_title.setObjectName("emptyTitle")
        row.addWidget(self.back_button)
        row.addWidget(self.campaign_title, 1)
        return row

    def _actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.assign_button = QPushButton(self.tr("A&ssign calls…"))
        self.assign_button.setToolTip(self.tr("Give the next open calls to a caller or partner"))
        self.assign_button.clicked.connect(self.assign_calls)
        self.release_button = QPushButton(self.tr("&Release reserved"))
        self.release_button.setToolTip(self.tr("Put every reserved call back on the list"))
        self.release_button.clicked.connect(self.release_reserved)
        self.export_button = QPushButton(icon("export"), self.tr("&Export for partner…"))
        self.export_button.setToolTip(
            self.tr("A workbook your call partner works in Excel and sends back")
        )
        self.export_button.clicked.connect(self.export_for_partner)
        self.results_button = QPushButton(icon("export"), self.tr("Export res&ults…"))
        self.results_button.clicked.connect(self.export_results)
        for button in (
            self.assign_button,
            self.release_button,
            self.export_button,
            self.results_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    # What it shows

    def open(self, line: CampaignLine) -> None:
        """Show the campaign of ``line``, from the top, then read its calls and figures."""
        summary = line.summary
        fresh = summary.campaign_id != self.campaign_id
        self.campaign_id = summary.campaign_id
        self.campaign_title.setText(summary.name)
        self.show_progress(line)
        if fresh:
            self.revenue.setVisible(False)  # until this campaign's is read
            self.calls.show_rows([], fresh=True)
            self.tabs.setCurrentIndex(0)
        self.reload()

    def forget(self) -> None:
        """Forget the campaign shown (back to the list)."""
        self.campaign_id = None
        self._say("")

    def show_progress(self, line: CampaignLine) -> None:
        """The campaign shown: its goal, calls to make and finished, and its state's buttons."""
        summary = line.summary
        done = line.achieved
        goal = (
            self.tr("{done} of %Ln success(es)", "", summary.goal_count).format(done=number(done))
            if summary.goal_count
            else self.tr("%Ln success(es), no goal set", "", done)
        )
        to_make = self.tr("%Ln call(s) to make", "", summary.open_tasks)
        self.progress.setText(
            self.tr("{goal} · {to_make} · {finished} finished").format(
                goal=goal, to_make=to_make, finished=number(summary.done_tasks)
            )
        )
        self._show_state(summary.status)

    def _show_state(self, status: str) -> None:
        """The state's buttons; a paused or closed campaign is not assigned nor exported."""
        if self.campaign_id is not None:
            self.state_buttons.show_state(self.campaign_id, status)
        for button in (self.assign_button, self.export_button):
            button.setEnabled(status == "active")

    def reload(self) -> None:
        """Read the campaign's calls and figures again (the selection, sort and filter stay)."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        now, today = self._jobs.workspace.clock.now(), self._jobs.workspace.today

        def calls(job: JobContext) -> _Calls:
            found = find_campaign(job.session, str(campaign_id))
            return _Calls(campaign_calls(job.session, found, now), known_names(job.session))

        def figures(job: JobContext) -> tuple[CampaignReport, ControlReport | None]:
            campaign = find_campaign(job.session, str(campaign_id))
            return (
                campaign_report(job.session, campaign, today),
                control_report(job.session, campaign, today),
            )

        self._jobs.query(calls, self._show_calls, key="tasks")
        self._jobs.query(figures, self._show_figures, key="revenue")

    def _show_calls(self, read: _Calls) -> None:
        self.names = read.names
        self.calls.show_rows(read.rows)
        self.tabs.setTabText(0, self.tr("&Calls ({count})").format(count=f"{len(read.rows):,}"))
        reserved = sum(1 for row in read.rows if row.task.state == "reserved")
        self.release_button.setEnabled(reserved > 0)
        kept = sum(1 for row in read.rows if row.task.state == "control")
        self.control_note.setText(
            self.tr(
                "Control group: %Ln member(s), not called — compared in the report "
                "(Did the calls work?).",
                "",
                kept,
            )
        )
        self.control_note.setVisible(kept > 0)

    def _show_figures(self, figures: tuple[CampaignReport, ControlReport | None]) -> None:
        report, control = figures
        self.revenue.show_report(report)
        self.callers.show_report(report, self.names.partners)
        if control is not None:
            self.control.show_report(control)
        self.tabs.setTabVisible(2, control is not None)

    # What it does

    def _say(self, text: str) -> None:
        """What the last action did, under the buttons (hidden when there is nothing)."""
        self.detail_note.setText(text)
        self.detail_note.setVisible(bool(text))

    def _with_campaign(
        self,
        title: str,
        work: Callable[[Session, Campaign], T],
        done: Callable[[T], None],
        changes: Change,
    ) -> None:
        """Run ``work(session, campaign)`` on the campaign shown; ``done(result)`` after."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        self._jobs.op(
            lambda job: work(job.session, find_campaign(job.session, str(campaign_id))),
            done,
            changes=changes,
            title=title,
        )

    def assign_calls(self) -> None:
        """Ask who gets the next open, unassigned calls (a known name or a new one)."""
        open_unassigned = sum(
            1 for r in self.calls.rows if r.task.state == "open" and not r.task.assignee
        )
        if not open_unassigned:
            QMessageBox.information(
                self,
                self.tr("Assign calls"),
                self.tr("Every open call is assigned already; release or top up to add more."),
            )
            return
        dialog = AssignDialog(self.names, self._who(), open_unassigned, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._assign(dialog.who(), dialog.count_spin.value()))
        dialog.open()
        self.assigner = dialog

    def _assign(self, who: str, count: int) -> None:
        self._with_campaign(
            self.tr("Assigning calls"),
            lambda s, c: assign(s, c, who, count),
            lambda refs: self._say(
                self.tr("Calls assigned to {who}: {count}.").format(count=f"{len(refs):,}", who=who)
            ),
            Change.CALLS,
        )

    def release_reserved(self) -> None:
        """Put every reserved call of the campaign back on the list."""
        self._with_campaign(
            self.tr("Releasing calls"),
            lambda s, c: release(s, c),
            lambda refs: self._say(
                self.tr("Reserved calls released: {count}.").format(count=f"{len(refs):,}")
            ),
            Change.CALLS,
        )

    def _save_name(self, title: str, suggested: str, kind: FileKind) -> Path | None:
        excel, folders = self.tr("Excel workbooks (*.xlsx)"), self._jobs.workspace.folders
        name, _ = save_file_name(self, folders, kind, title, suggested, excel)
        if not name:
            return None
        return Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def export_for_partner(self) -> None:
        """Export for partner… on this campaign's calls (the window's dialog, when given).

        Without it (the page alone), the workbook of every open call not with a partner.
        """
        if self._export_partner is not None and self.campaign_id is not None:
            self._export_partner(self.campaign_id)
            return
        title, name = self.tr("Export for the call partner"), self.campaign_title.text()
        path = self._save_name(title, f"{name} - calls.xlsx", "partner_export")
        if path is None:
            return
        now = self._jobs.workspace.clock.now()
        self._with_campaign(
            self.tr("Exporting"),
            lambda s, c: export_partner(s, c, path, now),
            lambda result: self._say(
                self.tr("%Ln call(s) written to {path}.", "", result.rows).format(path=path)
            ),
            Change.CALLS | Change.IMPORTS,  # the calls sent, and the export on the Exchange page
        )

    def export_results(self) -> None:
        """Write the campaign's results workbook, with charts."""
        title, name = self.tr("Export the results"), self.campaign_title.text()
        path = self._save_name(title, f"{name} - results.xlsx", "results")
        if path is None:
            return
        today = self._jobs.workspace.today
        self._with_campaign(
            self.tr("Exporting"),
            lambda s, c: export_results(s, c, path, today),
            lambda _result: self._say(self.tr("Results written to {path}.").format(path=path)),
            Change.NONE,  # a file only
        )
