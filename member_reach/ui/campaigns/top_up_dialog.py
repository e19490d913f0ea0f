"""Top up…: add the next best people a campaign's plan left over capacity, seen before added.

How many to add, and for a renewal campaign a later end to its window; the preview lists who
would come and why, read again as the numbers change; Add writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.campaigns.top_up import TopUp, plan_top_up, top_up
from member_reach.services.common.changes import Change
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.widgets.tables import OptionalDate, error_label, read_only_table, show_message


class TopUpDialog(QDialog):
    """The count (and the window's end), the people a top-up adds, and Add."""

    #: What Add wrote (a TopUp).
    added = Signal(object)

    def __init__(
        self,
        jobs: Jobs,
        campaign_id: int,
        window_end: dt.date | None,
        who: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Top up the campaign"))
        self.setMinimumSize(560, 420)
        self._jobs, self._campaign_id, self._who = jobs, campaign_id, who
        self.preview: TopUp | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.count = QSpinBox()
        self.count.setRange(1, 100_000)
        self.count.setValue(20)
        form.addRow(self.tr("&People to add:"), self.count)
        self.end: OptionalDate | None = None  # a renewal window's new end
        if window_end is not None:
            self.end = OptionalDate(self.tr("Extend to:"), window_end)
            form.addRow(self.tr("&Window:"), self.end)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.people = read_only_table([self.tr("Name"), self.tr("Member ID"), self.tr("Why")])
        layout.addWidget(self.people, 1)
        self.message = error_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            self.tr("&Add them"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.count.valueChanged.connect(self.refresh)
        if self.end is not None:
            self.end.check.toggled.connect(self.refresh)
            self.end.edit.dateChanged.connect(self.refresh)
        self.refresh()

    def _end(self) -> dt.date | None:
        return self.end.value() if self.end is not None else None

    def refresh(self) -> None:
        """Read again who the numbers bring."""
        campaign_id, count, end = self._campaign_id, self.count.value(), self._end()
        self.add_button.setEnabled(False)
        self._jobs.query(
            lambda job: plan_top_up(
                job.session,
                find_campaign(job.session, str(campaign_id)),
                job.clock.today(),
                count,
                end,
            ),  # fmt: skip
            self._show,
            key="top-up",
            failed=self._refused,
        )

    def _refused(self, message: str) -> None:
        self.preview = None
        self.people.setRowCount(0)
        self.summary.clear()
        show_message(self.message, message, error=True)

    def _show(self, preview: TopUp) -> None:
        self.preview = preview
        self.message.clear()
        self.people.setRowCount(len(preview.added))
        for row, person in enumerate(preview.added):
            reason = person.reason
            if person.person_id in preview.control:  # drawn from the campaign's seed
                reason = self.tr("Kept uncalled (control group) · {reason}").format(reason=reason)
            for column, text in enumerate((person.name, person.external_id, reason)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.people.setItem(row, column, item)
        self.summary.setText(
            self.tr("{count} would be added; {left} more could follow.").format(
                count=f"{len(preview.added):,}", left=f"{preview.still_left:,}"
            )
            if preview.added
            else self.tr("Nobody is left to add: everyone the campaign's plan takes is on it.")
        )
        if preview.control:
            self.summary.setText(
                self.summary.text()
                + " "
                + self.tr(
                    "Of them, %Ln kept uncalled in the control group, as the campaign keeps "
                    "its share.",
                    "",
                    len(preview.control),
                )
            )
        self.add_button.setEnabled(bool(preview.added))

    def add(self) -> None:
        """Add the people previewed (the plan is read again as it is written)."""
        campaign_id, count, end, who = (
            self._campaign_id, self.count.value(), self._end(), self._who()
        )  # fmt: skip

        def work(job: JobContext) -> TopUp:
            campaign = find_campaign(job.session, str(campaign_id))
            today, now = job.clock.today(), job.clock.now()
            return top_up(job.session, campaign, today, count, end=end, who=who, now=now)

        self._jobs.op(work, self._added, changes=Change.CAMPAIGNS, failed=self._refused)

    def _added(self, result: TopUp) -> None:
        self.added.emit(result)
        self.accept()
