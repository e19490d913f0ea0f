"""Pause or resume, close or reopen the campaign shown on the Campaigns page.

A paused or closed campaign gives no calls in the console and cannot be exported; the buttons
say what each does, and closing asks first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from member_reach.services.campaigns.campaign_builder import CodeChoice
from member_reach.services.campaigns.campaign_state import StateChange, change_state
from member_reach.services.campaigns.campaigns import Brief, find_campaign
from member_reach.services.common.changes import Change
from member_reach.ui.campaigns.edit_brief_dialog import EditBriefDialog, brief_of
from member_reach.ui.campaigns.edit_codes_dialog import EditCodesDialog, codes_of
from member_reach.ui.campaigns.top_up_dialog import TopUpDialog
from member_reach.ui.core.jobs import JobContext, Jobs


class CampaignControls(QWidget):
    """Edit brief…, Pause/Resume and Close/Reopen for one campaign."""

    #: The campaign's state after a change ("active", "paused", "closed").
    changed = Signal(str)
    #: What Edit brief… changed (a CampaignEdited).
    edited = Signal(object)

    def __init__(self, jobs: Jobs, who: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._who = who
        self.campaign_id: int | None = None
        self.status = ""
        self.editor: EditBriefDialog | None = None  # the last Edit brief… opened
        self.codes_editor: EditCodesDialog | None = None  # the last Edit codes… opened
        self.top_up_dialog: TopUpDialog | None = None  # the last Top up… opened
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit_button = QPushButton(self.tr("Edit &brief…"))
        self.edit_button.setToolTip(self.tr("The goal, deadline and brief; each change is kept"))
        self.edit_button.clicked.connect(self.edit_brief)
        self.codes_button = QPushButton(self.tr("Edit co&des…"))
        self.codes_button.setToolTip(self.tr("Rename, add or retire the outcomes callers choose"))
        self.codes_button.clicked.connect(self.edit_codes)
        self.top_up_button = QPushButton(self.tr("&Top up…"))
        self.top_up_button.setToolTip(self.tr("Add the next best people the plan left over"))
        self.top_up_button.clicked.connect(self.open_top_up)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close_or_reopen)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.codes_button)
        layout.addWidget(self.top_up_button)
        layout.addWidget(self.pause_button)
        layout.addWidget(self.close_button)

    def show_state(self, campaign_id: int, status: str) -> None:
        """Offer what applies to ``status``."""
        self.campaign_id, self.status = campaign_id, status
        paused, closed = status == "paused", status == "closed"
        self.pause_button.setText(self.tr("Resu&me") if paused else self.tr("&Pause"))
        self.pause_button.setToolTip(
            self.tr("Give its calls in the console again, and allow exports")
            if paused
            else self.tr("No calls in the console and no export until you resume it")
        )
        self.pause_button.setEnabled(not closed)
        self.top_up_button.setEnabled(status == "active")
        self.close_button.setText(
            self.tr("Reope&n campaign") if closed else self.tr("Close campai&gn")
        )
        self.close_button.setToolTip(
            self.tr("Work it again: its calls come back to the console")
            if closed
            else self.tr("End it: no more calls; its figures stay")
        )

    def edit_brief(self) -> None:
        """Read the campaign's brief, then open it for editing."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        self._jobs.query(
            lambda job: (brief_of(job.session, campaign_id), job.clock.today()),
            lambda read: self._open_editor(campaign_id, *read),
            key="brief",
        )

    def _open_editor(self, campaign_id: int, brief: Brief, today: dt.date) -> None:
        dialog = EditBriefDialog(self._jobs, campaign_id, brief, self._who, today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.edited)
        dialog.open()
        self.editor = dialog

    def edit_codes(self) -> None:
        """Read the campaign's codes, then open them for editing."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        self._jobs.query(
            lambda job: codes_of(job.session, campaign_id),
            lambda codes: self._open_codes(campaign_id, codes),
            key="codes",
        )

    def _open_codes(self, campaign_id: int, codes: list[CodeChoice]) -> None:
        dialog = EditCodesDialog(self._jobs, campaign_id, codes, self._who, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.edited)
        dialog.open()
        self.codes_editor = dialog

    def open_top_up(self) -> None:
        """Read the campaign's window, then open Top up…."""
        campaign_id = self.campaign_id
        if campaign_id is None:
            return
        self._jobs.query(
            lambda job: find_campaign(job.session, str(campaign_id)).window_end,
            lambda end: self._open_top_up(campaign_id, end),
            key="window",
        )

    def _open_top_up(self, campaign_id: int, end: dt.date | None) -> None:
        dialog = TopUpDialog(self._jobs, campaign_id, end, self._who, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self.edited)
        dialog.open()
        self.top_up_dialog = dialog

    def _pause_or_resume(self) -> None:
        self._act("resume" if self.status == "paused" else "pause")

    def _close_or_reopen(self) -> None:
        if self.status == "closed":
            self._act("reopen")
            return
        answer = QMessageBox.question(
            self,
            self.tr("Close the campaign"),
            self.tr(
                "Close this campaign? Its calls leave the console and it cannot be exported; "
                "what was logged and its figures stay. You can reopen it later."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act("close")

    def _act(self, action: str) -> None:
        campaign_id, who = self.campaign_id, self._who()
        if campaign_id is None:
            return

        def work(job: JobContext) -> StateChange:
            campaign = find_campaign(job.session, str(campaign_id))
            return change_state(job.session, campaign, action, who=who, now=job.clock.now())

        self._jobs.op(work, self._done, changes=Change.CAMPAIGNS)

    def _done(self, result: StateChange) -> None:
        self.show_state(result.campaign_id, result.after)
        self.changed.emit(result.after)
