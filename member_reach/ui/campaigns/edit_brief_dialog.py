"""Edit brief…: a running campaign's goal, deadline and brief, each change recorded.

The same fields as the New campaign form, filled with the campaign's values; Save writes only
what changed (with who and when), and says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from member_reach.domain.values import parse_money
from member_reach.services.campaigns.campaign_edit import CampaignEdited, edit_brief
from member_reach.services.campaigns.campaigns import Brief, find_campaign
from member_reach.services.common.changes import Change
from member_reach.ui.campaigns.brief_form import BriefFields
from member_reach.ui.core.jobs import JobContext, Jobs
from member_reach.ui.widgets.tables import error_label, show_message


def brief_of(session: Session, campaign_id: int) -> Brief:
    """A campaign's brief as it stands."""
    c = find_campaign(session, str(campaign_id))
    return Brief(
        c.goal_count,
        c.goal_revenue,
        c.deadline,
        c.why_it_matters,
        c.talking_points,
        c.faq,
        c.handoff_owner,
    )


class EditBriefDialog(QDialog):
    """The brief's fields for one campaign, filled; Save records each change."""

    #: What Save changed.
    saved = Signal(object)

    def __init__(
        self,
        jobs: Jobs,
        campaign_id: int,
        brief: Brief,
        who: Callable[[], str],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit the brief"))
        self.setMinimumWidth(520)
        self._jobs, self._campaign_id, self._who = jobs, campaign_id, who
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields = BriefFields(form, brief.deadline or today)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(brief)

    def _fill(self, brief: Brief) -> None:
        f = self.fields
        f.goal_spin.setValue(brief.goal_count or 0)
        f.revenue_edit.setText(f"{brief.goal_revenue:.2f}" if brief.goal_revenue else "")
        f.deadline.check.setChecked(brief.deadline is not None)
        if brief.deadline is not None:
            d = brief.deadline
            f.deadline.edit.setDate(QDate(d.year, d.month, d.day))
        f.why_edit.setPlainText(brief.why_it_matters)
        f.points_edit.setPlainText(brief.talking_points)
        f.faq_edit.setPlainText(brief.faq)
        f.owner_edit.setText(brief.handoff_owner)

    def save(self) -> None:
        """Write what changed; refused values leave the dialog open with the reason."""
        typed = self.fields.revenue_edit.text().strip()
        try:
            parse_money(typed)
        except ValueError:
            show_message(
                self.message,
                self.tr("“{text}” is not an amount: type the revenue goal like 6000.").format(
                    text=typed
                ),
                error=True,
            )
            return
        values = dataclasses.asdict(self.fields.brief())
        campaign_id, who = self._campaign_id, self._who()

        def work(job: JobContext) -> CampaignEdited:
            campaign = find_campaign(job.session, str(campaign_id))
            return edit_brief(job.session, campaign, values, who=who, now=job.clock.now())

        self._jobs.op(
            work,
            self._saved,
            changes=Change.CAMPAIGNS,
            failed=lambda message: show_message(self.message, message, error=True),
        )

    def _saved(self, result: CampaignEdited) -> None:
        self.saved.emit(result)
        self.accept()
