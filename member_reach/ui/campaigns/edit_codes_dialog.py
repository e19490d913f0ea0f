"""Edit outcome codes…: a running campaign's codes, each change recorded.

A code taken out that calls were logged with is retired (no longer offered; its calls keep it),
one never used is removed; renamed and new codes are offered from the next call on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_builder import CodeChoice
from member_reach.services.campaigns.campaign_edit import CampaignEdited, edit_codes
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.changes import Change
from member_reach.ui.campaigns.brief_form import CodesEditor
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.widgets.tables import error_label, show_message


def codes_of(session: Session, campaign_id: int) -> list[CodeChoice]:
    """The codes a campaign offers now, in their order."""
    campaign = find_campaign(session, str(campaign_id))
    return [
        CodeChoice(c.code, c.label, c.category, c.answered, c.creates_handoff, c.asks_callback)
        for c in sorted(campaign.outcome_codes, key=lambda c: (c.sort_order, c.id))
        if not c.retired
    ]


class EditCodesDialog(QDialog):
    """The codes editor for one campaign, filled; Save records each change."""

    #: What Save changed.
    saved = Signal(object)

    def __init__(
        self,
        jobs: Jobs,
        campaign_id: int,
        codes: list[CodeChoice],
        who: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit the outcome codes"))
        self.setMinimumWidth(620)
        self._jobs, self._campaign_id, self._who = jobs, campaign_id, who
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "A code already logged on a call is retired when you take it out: no longer "
                "offered, kept on its calls. Changes apply from the next call."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.editor = CodesEditor()
        self.editor.set_codes(codes)
        layout.addWidget(self.editor, 1)
        self.message = error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Write the codes as edited; a refusal leaves the dialog open with the reason."""
        wanted = self.editor.code_choices()
        if not wanted:
            show_message(self.message, self.tr("Keep at least one outcome code."), error=True)
            return
        campaign_id, who = self._campaign_id, self._who()

        def work(job: JobContext) -> CampaignEdited:
            campaign = find_campaign(job.session, str(campaign_id))
            now: dt.datetime = job.clock.now()
            return edit_codes(job.session, campaign, wanted, who=who, now=now)

        self._jobs.op(
            work,
            self._saved,
            changes=Change.CAMPAIGNS,
            failed=lambda message: show_message(self.message, message, error=True),
        )

    def _saved(self, result: CampaignEdited) -> None:
        self.saved.emit(result)
        self.accept()
