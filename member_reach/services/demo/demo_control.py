"""A past renewal campaign of the demo that kept a control group (issue 18: did the calls work?).

Five months before the demo's day, the association built the renewal list of two months'
expiries keeping 10% of it uncalled, drawn by the app (:mod:`..campaigns.control_group`). The
callers reached the rest; the next rosters showed who renewed. Every member's period (60 days
after expiry) has ended by the demo's day, so the dashboard compares the two groups at once: a
new user sees what the feature tells, on figures of the same kind as theirs.

The renewals are drawn per member (more often for those called, as calls do) and written as a
roster import writes them: the expiry moved forward a year and a detected renewal. Members of
the window who had renewed in the generated roster start again from their expiry then.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, cast

from dateutil.relativedelta import relativedelta
from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from member_reach.domain.terms import add_months
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.control_group import ControlChoice
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.demo.demo_campaign import backdate, dues_by_person
from member_reach.store.bulk import bulk_insert
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    Membership,
    OutcomeCode,
)

#: The share kept uncalled, and the seed of its draw (recorded with the campaign).
PERCENT: Final = 10
SEED: Final = 20260601
#: How often a member renewed within 60 days of expiry: called (reached or not), not called.
RENEWED_IF_CALLED: Final = 0.82
RENEWED_IF_NOT: Final = 0.58


@dataclass(frozen=True)
class MeasuredCampaign:
    """The past campaign: its id, its list, and how many it kept uncalled."""

    campaign_id: int
    tasks: int
    control: int


def _window(today: dt.date) -> tuple[dt.date, dt.date]:
    start = add_months(today.replace(day=1), -5)
    return start, add_months(start, 2) - dt.timedelta(days=1)


def _back_to_window(session: Session, start: dt.date, end: dt.date) -> None:
    """Members of the window who renewed in the generated roster: back to their old expiry."""
    year = relativedelta(years=1)
    renewed = session.execute(
        select(Membership.person_id, Membership.term_end).where(
            Membership.term_end >= start + year, Membership.term_end <= end + year
        )
    ).all()
    _set_expiries(session, {pid: end_ - year for pid, end_ in renewed if end_ is not None})


def _set_expiries(session: Session, expiries: dict[int, dt.date]) -> None:
    if not expiries:
        return
    table = cast(Table, Membership.__table__)
    session.connection().execute(
        update(table)
        .where(table.c.person_id == bindparam("pid"))
        .values(term_end=bindparam("end")),
        [{"pid": pid, "end": end} for pid, end in expiries.items()],
    )


#: What the call ended in, by whether the member went on to renew (code, weight).
_OUTCOMES: Final[dict[bool, tuple[tuple[str, int], ...]]] = {
    True: (("renewed", 5), ("promised", 3), ("voicemail", 2)),
    False: (("declined", 3), ("no_answer", 4), ("voicemail", 3)),
}


def start_measured_campaign(session: Session, today: dt.date) -> MeasuredCampaign:
    """Write the demo's past campaign with its control group, its calls and the renewals."""
    start, end = _window(today)
    built = start - dt.timedelta(days=7)
    _back_to_window(session, start, end)
    created, plan = create_renewal_campaign(
        session,
        built,
        RenewalOptions(start, end),
        name=f"Renewals {start:%B} – {end:%B %Y}",
        brief=Brief(
            goal_count=150, deadline=end, why_it_matters="Keep our members; measure the calls."
        ),
        control=ControlChoice(PERCENT, SEED),
    )
    campaign = session.get_one(Campaign, created.campaign_id)
    backdate(session, campaign, dt.datetime.combine(built, dt.time(8, 30)))
    rng = random.Random(SEED)
    expiry = {s.person_id: s.expiry for s in plan.selected if s.expiry is not None}
    dues = dues_by_person(session, campaign)
    codes = {
        c.code: c.id for c in session.scalars(select(OutcomeCode).filter_by(campaign=campaign))
    }
    renewals, logs, moved = [], [], {}
    for task in session.scalars(select(CallTask).where(CallTask.campaign_id == campaign.id)):
        old = expiry.get(task.person_id)
        if old is None:
            continue
        renews = rng.random() < (RENEWED_IF_NOT if task.in_control else RENEWED_IF_CALLED)
        called = None
        if not task.in_control:
            called = dt.datetime.combine(
                built + dt.timedelta(days=rng.randint(1, 30)), dt.time(15, rng.randint(0, 59))
            )
            choices, weights = zip(*_OUTCOMES[renews], strict=True)
            code = rng.choices(choices, weights)[0]
            logs.append({"task_id": task.id, "called_at": called, "caller": "Sam Okafor",
                         "outcome_code_id": codes[code], "notes": ""})  # fmt: skip
            task.state, task.attempts = "done", 1
        if renews:
            moved[task.person_id] = old + relativedelta(years=1)
            renewals.append(_renewal(task.person_id, old, built, campaign.id, called, dues, rng))
    _set_expiries(session, moved)
    bulk_insert(session.connection(), CallLog.__table__, logs)
    bulk_insert(session.connection(), DetectedRenewal.__table__, renewals)
    campaign.status = "closed"
    session.flush()
    return MeasuredCampaign(campaign.id, created.tasks, created.control)


def _renewal(
    person_id: int,
    old: dt.date,
    built: dt.date,
    campaign_id: int,
    called: dt.datetime | None,
    dues: dict[int, Decimal],
    rng: random.Random,
) -> dict[str, object]:
    """A renewal as the next roster import detects it (within the member's 60 days)."""
    return {
        "person_id": person_id,
        "import_batch_id": None,
        "old_term_end": old,
        "new_term_end": old + relativedelta(years=1),
        "detected_on": max(built, old) + dt.timedelta(days=rng.randint(3, 45)),
        "campaign_id": campaign_id,
        "last_contact_at": called,
        "dues": dues.get(person_id),
    }
