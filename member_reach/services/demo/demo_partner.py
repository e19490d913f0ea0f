"""The demo's call partner: part of the renewal calls out a week ago, a worked file back since.

A week into the renewal campaign the director gave a call-centre partner forty calls nobody in
the office held, through the same :func:`export_to_partner` the Exchange page and ``export
partner`` use. Two working days before ``today`` the partner's worked file came back: the
workbook as exported, with outcomes, notes, amounts and callback dates typed on the rows they
reached (:func:`fill_in_calls`, an edit saved as a spreadsheet program saves it), taken in by
the real :func:`import_outcomes`. The rows they have not reached yet are still theirs, so the
Exchange page, the campaign's calls and the dashboard all tell the partner's part.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.exchange.exchange_import import import_outcomes
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.sheets.partner_edit import Filled, fill_in_calls
from member_reach.sheets.partner_layout import AMOUNT
from member_reach.store.models import CallTask, Campaign, ImportBatch

PARTNER = "Dialwell Calls"  # a name no demo company shares
#: Calls given to the partner, and how many of them the worked file reports.
SENT = 40
WORKED = 26
#: What the partner's calls ended in, with their weights.
PARTNER_OUTCOMES = (
    ("no_answer", 28),
    ("voicemail", 14),
    ("renewed", 24),
    ("promised", 12),
    ("callback", 8),
    ("declined", 10),
    ("interested", 4),
)
PARTNER_NOTES = {
    "renewed": "Paid by card with our agent; receipt e-mailed.",
    "promised": "Will renew through the website this week.",
    "callback": "Driving; call back Monday morning.",
    "declined": "Joined a regional association instead.",
    "interested": "Asks about a group rate for three colleagues.",
    "voicemail": "Left our standard message.",
}


def last_weekday(day: dt.date) -> dt.date:
    """``day``, or the Friday before it when it falls on a weekend."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def reload_calls(session: Session, campaign: Campaign) -> None:
    """Read the campaign's calls again, in one query, after a bulk update changed them."""
    session.flush()  # expiring forgets what is not written yet
    session.expire_all()
    session.scalars(select(CallTask).where(CallTask.campaign_id == campaign.id)).all()


class PartnerRound:
    """One export to the partner (:meth:`send`) and its worked file back (:meth:`bring_back`)."""

    def __init__(
        self,
        session: Session,
        campaign: Campaign,
        folder: Path,
        rng: random.Random,
        dues: Mapping[int, Decimal],
    ) -> None:
        self.session, self.campaign, self.folder = session, campaign, folder
        self.rng, self.dues = rng, dues
        self.sent = folder / f"{PARTNER}.xlsx"
        self.export_id: int | None = None

    def send(self, day: dt.date) -> None:
        """Give the partner the best :data:`SENT` calls nobody holds, on the morning of ``day``."""
        now = dt.datetime.combine(day, dt.time(9, 15))
        self.sent = self.folder / f"{PARTNER.split()[0]} renewals {day.isoformat()}.xlsx"
        result = export_to_partner(self.session, self.campaign, self.sent, now, PARTNER, count=SENT)
        self.export_id = result.export_id
        reload_calls(self.session, self.campaign)

    def bring_back(self, day: dt.date) -> None:
        """Take the partner's worked file back on the morning of ``day``: :data:`WORKED` rows."""
        now = dt.datetime.combine(day, dt.time(9, 40))
        given = self.session.execute(
            select(CallTask.ref, CallTask.person_id)
            .where(CallTask.with_export_id == self.export_id)
            .order_by(CallTask.priority.desc(), CallTask.id)  # the file's order
        ).all()
        # A partner works down the list: the first rows are done, the last still to call.
        filled = {ref: self._worked(person, day) for ref, person in given[:WORKED]}
        worked = self.folder / f"{self.sent.stem} - worked.xlsx"  # as the partner sent it
        fill_in_calls(self.sent, worked, filled)
        report = import_outcomes(self.session, worked, now)
        batch = self.session.get_one(ImportBatch, report.batch_id)
        batch.started_at, batch.finished_at = now, now + dt.timedelta(seconds=3)
        reload_calls(self.session, self.campaign)

    def _worked(self, person_id: int, day: dt.date) -> Filled:
        """The cells a partner's caller typed on one row they reached."""
        codes, weights = zip(*PARTNER_OUTCOMES, strict=True)
        code = self.rng.choices(codes, weights)[0]
        cells: dict[str, str | float | dt.date] = {"Outcome": code}
        if code in PARTNER_NOTES:
            cells["Notes"] = PARTNER_NOTES[code]
        if code == "renewed" and person_id in self.dues:
            cells[AMOUNT] = float(self.dues[person_id])  # as a spreadsheet keeps a number
        if code == "callback":  # on the member's clock, a few days on
            later = day + dt.timedelta(days=self.rng.choice((3, 4)))
            cells["Callback date"] = dt.datetime.combine(later, dt.time(10, 0))
        return cells


__all__ = ["PARTNER", "SENT", "WORKED", "PartnerRound", "last_weekday", "reload_calls"]
