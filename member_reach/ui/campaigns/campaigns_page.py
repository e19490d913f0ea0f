"""The Campaigns page: every campaign with its goal filling up, and one campaign's calls.

The list shows status, a goal progress bar and open and finished calls. Opening a campaign
shows its progress (with its revenue against the revenue goal, when it has one) and its calls,
best first, and lets the director assign calls to a caller or partner,
release reserved calls, and export the partner workbook or the results workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from member_reach.services.calls.task_assignment import assign, release
from member_reach.services.campaigns.campaign_detail import TaskLine, campaign_tasks
from member_reach.services.campaigns.campaigns import (
    CampaignSummary,
    find_campaign,
    list_campaigns,
)
from member_reach.services.common.changes import Change
from member_reach.services.exchange.exchange_export import export_partner, export_results
from member_reach.services.reports.reports import campaign_report
from member_reach.services.reports.success_counts import success_counts
from member_reach.store.models import Campaign
from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
from member_reach.ui.campaigns.campaign_controls import CampaignControls
from member_reach.ui.core.file_dialogs import FileKind, save_file_name
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.labels import date_text
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.goal_bar import RevenueBar, count_bar
from member_reach.ui.widgets.tables import read_only_table

T = TypeVar("T")

_KIND_NAMES = {"renewal": "Renewals", "event": "Event outreach", "prospect": "Prospects"}
_STATES = {
    "open": "To call",
    "reserved": "Reserved",
    "done": "Done",
    "closed": "Closed",
    "renewed": "Renewed (roster)",
}


@dataclass(frozen=True)
class CampaignLine:
    """A campaign as the list shows it: its summary and how far its goal is."""

    summary: CampaignSummary
    achieved: int


def _campaign_lines(job: JobContext) -> list[CampaignLine]:
    """Every campaign with its successes (one count query for them all)."""
    successes = success_counts(job.session)
    return [
        CampaignLine(summary, successes.get(summary.campaign_id, 0))
        for summary in list_campaigns(job.session)
    ]


class CampaignsPage(Page):
    """The campaign list, and one campaign's calls."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        export_partner: Callable[[int], object] | None = None,
        who: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(
            self.tr("Campaigns"),
            self.tr("Short, ranked call lists with a goal: renewals, event outreach, win-backs."),
            parent,
        )
        self._workspace = workspace
        self._runner = runner
        self._jobs = Jobs(workspace, runner, self)
        self._export_partner = export_partner  # the window's Export for partner… dialog
        self._who = who  # the name changes are recorded with
        self.lines: list[CampaignLine] = []
        self.tasks: list[TaskLine] = []
        self.campaign_id: int | None = None
        self.reads = 0  # campaign lists read (what tests check)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._list_view())
        self.stack.addWidget(self._detail_view())
        self.body.addWidget(self.stack, 1)
        # The list shows each campaign's calls and successes; a campaign shown, its calls.
        self._jobs.follow(Change.CAMPAIGNS | Change.CALLS, self.reload)
        workspace.database_changed.connect(self.show_list)
        workspace.database_changed.connect(self.reload)  # another database, other campaigns
        self.reload()

    # The list

    def _list_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.new_button = QPushButton(icon("add"), self.tr("&New campaign…"))
        self.new_button.setToolTip(self.tr("Plan a call list and its brief (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_campaign)
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        headings = ["Campaign", "Kind", "Status", "Window", "Goal", "To call", "Done"]
        self.table = read_only_table([self.tr(h) for h in headings], single=True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_campaign(row))
        self.table.setToolTip(self.tr("Double-click a campaign (or press Enter) to see its calls"))
        layout.addWidget(self.table, 1)
        self.empty = EmptyState(
            self.tr("No campaigns yet"),
            self.tr(
                "A campaign picks the members worth calling, ranks them, gives every call its "
                "reason and carries the brief your callers work from."
            ),
        )
        self.empty.add_action(self.tr("New campaign…"), self.new_campaign)
        layout.addWidget(self.empty, 1)
        return view

    def keyPressEvent(self, event: Any) -> None:
        if self.stack.currentIndex() == 0 and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_campaign(self.table.currentRow())
            return
        if self.stack.currentIndex() == 1 and event.key() == Qt.Key.Key_Escape:
            self.show_list()
            return
        super().keyPressEvent(event)

    def reload(self) -> None:
        """Read the campaigns (and the campaign shown) again."""
        self.reads += 1
        self._jobs.query(_campaign_lines, self._show_lines, key="lines")
        if self.campaign_id is not None and self.stack.currentIndex() == 1:
            self._load_tasks(self.campaign_id)
            self._load_revenue(self.campaign_id)

    def _show_lines(self, lines: list[CampaignLine]) -> None:
        self.lines = lines
        shown = [line for line in lines if line.summary.campaign_id == self.campaign_id]
        if shown and self.stack.currentIndex() == 1:  # read again: its goal may have changed
            self._show_progress(shown[0])
        self.table.setVisible(bool(lines))
        self.empty.setVisible(not lines)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            c = line.summary
            window = " – ".join(date_text(d) for d in (c.window_start, c.window_end) if d)
            cells = [
                c.name,
                self.tr(_KIND_NAMES.get(c.kind, c.kind)),
                c.status.capitalize(),
                window,
                "",
                f"{c.open_tasks:,}",
                f"{c.done_tasks:,}",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            self.table.setCellWidget(row, 4, count_bar(line.achieved, c.goal_count))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, max(self.table.columnWidth(4), 180))

    def new_campaign(self) -> CampaignBuilderDialog:
        """Open the new-campaign form."""
        dialog = CampaignBuilderDialog(self._workspace, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # One campaign

    def _detail_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← &All campaigns"))
        self.back_button.clicked.connect(self.show_list)
        self.campaign_title = QLabel()
        self.campaign_title.setObjectName("emptyTitle")
        row.addWidget(self.back_button)
        row.addWidget(self.campaign_title, 1)
        layout.addLayout(row)
        self.progress = QLabel()
        self.progress.setObjectName("countLabel")
        layout.addWidget(self.progress)
        self.revenue = RevenueBar()  # the revenue beside the count, when there is a goal
        layout.addWidget(self.revenue)
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
        self.state_buttons = CampaignControls(self._jobs, self._who)  # pause, close, ...
        self.state_buttons.changed.connect(self._show_state)
        layout.addLayout(actions)
        layout.addWidget(self.state_buttons, 0, Qt.AlignmentFlag.AlignLeft)  # a row of its own
        self.detail_note = QLabel()
        self.detail_note.setObjectName("pageNote")
        self.detail_note.setWordWrap(True)
        layout.addWidget(self.detail_note)
        headings = ["Ref", "Name", "Member ID", "State", "Assigned to", "Why this call"]
        self.calls = read_only_table([self.tr(h) for h in headings])
        layout.addWidget(self.calls, 1)
        return view

    def open_campaign(self, row: int) -> None:
        """Show the calls of the campaign in row ``row`` of the list."""
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        summary = line.summary
        self.campaign_id = summary.campaign_id
        self.campaign_title.setText(summary.name)
        self._show_progress(line)
        self.stack.setCurrentIndex(1)
        self.revenue.setVisible(False)  # until this campaign's is read
        self._load_tasks(summary.campaign_id)
        self._load_revenue(summary.campaign_id)

    def _show_progress(self, line: CampaignLine) -> None:
        """The campaign shown: its goal, calls to make and finished, and its state's buttons."""
        summary = line.summary
        goal = (
            self.tr("{done} of {goal} successes").format(
                done=line.achieved, goal=summary.goal_count
            )
            if summary.goal_count
            else self.tr("{done} successes, no goal set").format(done=line.achieved)
        )
        self.progress.setText(
            self.tr("{goal} · {open} calls to make · {finished} finished").format(
                goal=goal, open=f"{summary.open_tasks:,}", finished=f"{summary.done_tasks:,}"
            )
        )
        self._show_state(summary.status)

    def _show_state(self, status: str) -> None:
        """The state's buttons; a paused or closed campaign is not assigned nor exported."""
        if self.campaign_id is not None:
            self.state_buttons.show_state(self.campaign_id, status)
        for button in (self.assign_button, self.export_button):
            button.setEnabled(status == "active")

    def show_list(self) -> None:
        """Back to the list of campaigns."""
        self.stack.setCurrentIndex(0)
        self.campaign_id = None
        self.detail_note.clear()

    def _load_tasks(self, campaign_id: int) -> None:
        now = self._workspace.clock.now()
        self._jobs.query(
            lambda job: campaign_tasks(
                job.session, find_campaign(job.session, str(campaign_id)), now
            ),
            self._show_tasks,
            key="tasks",
        )

    def _load_revenue(self, campaign_id: int) -> None:
        today = self._workspace.today
        self._jobs.query(
            lambda job: campaign_report(
                job.session, find_campaign(job.session, str(campaign_id)), today
            ),
            self.revenue.show_report,
            key="revenue",
        )

    def _show_tasks(self, tasks: list[TaskLine]) -> None:
        self.tasks = tasks
        self.calls.setRowCount(len(tasks))
        for row, task in enumerate(tasks):
            state = self.tr(_STATES.get(task.state, task.state))
            if task.state == "reserved" and task.reserved_by:
                state = self.tr("Reserved by {who}").format(who=task.reserved_by)
            assignee = task.assignee
            if task.with_partner:
                assignee = self.tr("{partner} (with partner)").format(partner=task.assignee)
            cells = [task.ref, task.name, task.external_id, state, assignee, task.reason]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.calls.setItem(row, column, item)
        self.calls.resizeColumnsToContents()
        reserved = sum(1 for t in tasks if t.state == "reserved")
        self.release_button.setEnabled(reserved > 0)

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
        """Give the next open, unassigned calls to a caller or partner."""
        open_unassigned = sum(1 for t in self.tasks if t.state == "open" and not t.assignee)
        if not open_unassigned:
            QMessageBox.information(
                self, self.tr("Assign calls"), self.tr("Every open call is assigned already.")
            )
            return
        who, ok = QInputDialog.getText(
            self, self.tr("Assign calls"), self.tr("Assign to (a caller or a partner):")
        )
        if not ok or not who.strip():
            return
        count, ok = QInputDialog.getInt(
            self,
            self.tr("Assign calls"),
            self.tr("How many of the {open} open calls (best first)?").format(open=open_unassigned),
            min(open_unassigned, 50),
            1,
            open_unassigned,
        )
        if not ok:
            return
        self._with_campaign(
            self.tr("Assigning calls"),
            lambda s, c: assign(s, c, who, count),
            lambda refs: self.detail_note.setText(
                self.tr("{count} calls assigned to {who}.").format(count=len(refs), who=who.strip())
            ),
            Change.CALLS,
        )

    def release_reserved(self) -> None:
        """Put every reserved call of the campaign back on the list."""
        self._with_campaign(
            self.tr("Releasing calls"),
            lambda s, c: release(s, c),
            lambda refs: self.detail_note.setText(
                self.tr("{count} reserved calls released.").format(count=len(refs))
            ),
            Change.CALLS,
        )

    def _save_name(self, title: str, suggested: str, kind: FileKind) -> Path | None:
        excel, folders = self.tr("Excel workbooks (*.xlsx)"), self._workspace.folders
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
        now = self._workspace.clock.now()
        self._with_campaign(
            self.tr("Exporting"),
            lambda s, c: export_partner(s, c, path, now),
            lambda result: self.detail_note.setText(
                self.tr("{rows} calls written to {path}.").format(rows=result.rows, path=path)
            ),
            Change.CALLS | Change.IMPORTS,  # the calls sent, and the export on the Exchange page
        )

    def export_results(self) -> None:
        """Write the campaign's results workbook, with charts."""
        title, name = self.tr("Export the results"), self.campaign_title.text()
        path = self._save_name(title, f"{name} - results.xlsx", "results")
        if path is None:
            return
        today = self._workspace.today
        self._with_campaign(
            self.tr("Exporting"),
            lambda s, c: export_results(s, c, path, today),
            lambda _result: self.detail_note.setText(
                self.tr("Results written to {path}.").format(path=path)
            ),
            Change.NONE,  # a file only
        )
