"""The Campaigns page: every campaign with its goal filling up, and one campaign's calls.

The list shows status, a goal progress bar and open and finished calls. Opening a campaign
shows it (:class:`CampaignView`). Both follow what jobs change (calls logged, rosters and worked
files imported, partner files exported) while shown, keeping the campaign chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.campaigns.campaigns import list_campaigns
from member_reach.services.common.changes import Change
from member_reach.services.reports.success_counts import success_counts
from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
from member_reach.ui.campaigns.campaign_view import CampaignLine, CampaignView
from member_reach.ui.core.icons import icon
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.core.labels import date_text
from member_reach.ui.core.page import Page
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.workspace import Workspace
from member_reach.ui.widgets.empty_state import EmptyState
from member_reach.ui.widgets.goal_bar import count_bar
from member_reach.ui.widgets.tables import read_only_table

_KIND_NAMES = {"renewal": "Renewals", "event": "Event outreach", "prospect": "Prospects"}
#: What the page shows changes with: the campaigns, their calls, the people on them (names),
#: and the files in and out (a worked file's calls, a partner's export).
_FOLLOWED = Change.CAMPAIGNS | Change.CALLS | Change.MEMBERS | Change.IMPORTS


def _campaign_lines(job: JobContext) -> list[CampaignLine]:
    """Every campaign with its successes (one count query for them all)."""
    successes = success_counts(job.session)
    return [
        CampaignLine(summary, successes.get(summary.campaign_id, 0))
        for summary in list_campaigns(job.session)
    ]


class CampaignsPage(Page):
    """The campaign list, and one campaign (:class:`CampaignView`)."""

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
        self.lines: list[CampaignLine] = []
        self.reads = 0  # campaign lists read (what tests check)
        self.detail = CampaignView(self._jobs, who, export_partner)
        self.detail.back.connect(self.show_list)
        self.export_button = self.detail.export_button  # what the window's tests press
        self.stack = QStackedWidget()
        self.stack.addWidget(self._list_view())
        self.stack.addWidget(self.detail)
        self.body.addWidget(self.stack, 1)
        self._jobs.follow(_FOLLOWED, self.reload)
        workspace.database_changed.connect(self.show_list)
        workspace.database_changed.connect(self.reload)  # another database, other campaigns
        self.reload()

    @property
    def campaign_id(self) -> int | None:
        """The campaign shown, None on the list."""
        return self.detail.campaign_id

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
        if self.stack.currentIndex() == 1:
            self.detail.reload()

    def _chosen_id(self) -> int | None:
        row = self.table.currentRow()
        return self.lines[row].summary.campaign_id if 0 <= row < len(self.lines) else None

    def _show_lines(self, lines: list[CampaignLine]) -> None:
        chosen = self._chosen_id()
        self.lines = lines
        shown = [line for line in lines if line.summary.campaign_id == self.campaign_id]
        if shown and self.stack.currentIndex() == 1:  # read again: its goal may have changed
            self.detail.show_progress(shown[0])
        self.table.setVisible(bool(lines))
        self.empty.setVisible(not lines)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            self._fill_row(row, line)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, max(self.table.columnWidth(4), 180))
        ids = [line.summary.campaign_id for line in lines]
        if chosen in ids:  # the campaign chosen stays chosen, wherever it now is
            self.table.setCurrentCell(ids.index(chosen), self.table.currentColumn())

    def _fill_row(self, row: int, line: CampaignLine) -> None:
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
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        self.table.setCellWidget(row, 4, count_bar(line.achieved, c.goal_count))

    def new_campaign(self) -> CampaignBuilderDialog:
        """Open the new-campaign form."""
        dialog = CampaignBuilderDialog(self._workspace, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_campaign(self, row: int) -> None:
        """Show the campaign in row ``row`` of the list."""
        if not 0 <= row < len(self.lines):
            return
        self.stack.setCurrentIndex(1)
        self.detail.open(self.lines[row])

    def show_list(self) -> None:
        """Back to the list of campaigns."""
        self.stack.setCurrentIndex(0)
        self.detail.forget()
