"""The demo association in the middle of its month (issue 16, "First start shows the value").

A renewal campaign for the members whose membership ends this month or next began two weeks
before ``today``; two staff callers have worked it every weekday since, through the same
:func:`log_call` the Calls page uses: renewals (with the dues paid), promises, warm leads handed
to staff, callbacks (some due today), no answers. The goal is part-filled, so the dashboard shows
a goal filling up day by day instead of "No active campaign". Deterministic for a seed and a day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.terms import add_months
from member_reach.services.calls.calls import log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.settings import load_settings
from member_reach.store.models import CallTask, Campaign, Membership, MembershipType, OutcomeCode

#: How long the campaign has been running on the demo's day.
DAYS_IN = 14
CALLERS = ("Sam Okafor", "Priya Shah")
#: Calls each caller makes on a working day.
CALLS_A_DAY = 5
#: What a call ends in, with its weight (a staff caller's usual month).
OUTCOMES = (
    ("no_answer", 30),
    ("voicemail", 12),
    ("renewed", 21),
    ("promised", 10),
    ("callback", 8),
    ("declined", 8),
    ("interested", 5),
    ("busy", 4),
    ("wrong_number", 2),
)
NOTES = {
    "renewed": "Renewed by card on the call.",
    "promised": "Will renew online this week.",
    "callback": "In a meeting; asked us to ring back.",
    "declined": "Retiring this year.",
    "interested": "Wants to hear about the corporate rate.",
}


@dataclass(frozen=True)
class DemoCampaign:
    """What the demo's campaign holds on its day."""

    campaign_id: int
    name: str
    calls: int
    logged: int


def _brief(end: dt.date) -> Brief:
    return Brief(
        goal_count=110,
        goal_revenue=Decimal("70000"),
        deadline=end,
        why_it_matters=(
            "Every renewal keeps a member's voice in the association and pays for the "
            "spring conference's bursaries."
        ),
        talking_points=(
            "Thank them for their years with us.\n"
            "Mention the new online journal archive.\n"
            "Offer to renew on the call by card."
        ),
        faq="Can I pay by invoice? Yes: we e-mail it the same day.",
        handoff_owner="Maria Lopez",
    )


def start_demo_campaign(session: Session, today: dt.date, *, seed: int = 2026) -> DemoCampaign:
    """Write the demo's renewal campaign and the calls its two callers logged since.

    The campaign began :data:`DAYS_IN` days before ``today``; the caller commits.
    """
    begun = today - dt.timedelta(days=DAYS_IN)
    end = add_months(begun.replace(day=1), 2) - dt.timedelta(days=1)
    options = RenewalOptions(start=begun.replace(day=1), end=end, capacity=320)
    created, _plan = create_renewal_campaign(session, begun, options, brief=_brief(end))
    campaign = session.get_one(Campaign, created.campaign_id)
    started_at = dt.datetime.combine(begun, dt.time(8, 30))
    campaign.created_at = started_at
    for task in campaign.tasks:
        task.created_at = task.updated_at = started_at
    logged = _work_the_days(session, campaign, begun, today, random.Random(seed))
    session.flush()
    return DemoCampaign(campaign.id, campaign.name, created.tasks, logged)


def _work_the_days(
    session: Session, campaign: Campaign, begun: dt.date, today: dt.date, rng: random.Random
) -> int:
    codes = {c.code: c for c in session.scalars(select(OutcomeCode).filter_by(campaign=campaign))}
    dues = _dues_by_person(session, campaign)
    settings = load_settings(session)
    choices, weights = zip(*OUTCOMES, strict=True)
    tasks = sorted(campaign.tasks, key=lambda t: -t.priority)
    logged = 0
    day = begun
    while day < today:
        if day.weekday() < 5:
            for number, task in enumerate(_calls_of(tasks, day)):
                code = codes[rng.choices(choices, weights)[0]]
                # 14:00-17:00 UTC: the afternoon in Britain and Ireland, the morning in North
                # America, within everyone's calling hours (times are stored in UTC)
                now = dt.datetime.combine(day, dt.time(14 + number // 3, 7 * (number % 3) + 5))
                callback = (
                    now + dt.timedelta(days=rng.choice((2, 3, 4))) if code.asks_callback else None
                )
                amount = dues.get(task.person_id) if code.category == "success" else None
                log_call(
                    session,
                    campaign,
                    task,
                    code,
                    now,
                    caller=CALLERS[number % len(CALLERS)],
                    notes=NOTES.get(code.code, ""),
                    callback_at=callback,
                    amount_promised=amount,
                    settings=settings,
                )
                logged += 1
        day += dt.timedelta(days=1)
    return logged


def _calls_of(tasks: list[CallTask], day: dt.date) -> list[CallTask]:
    """The day's calls: callbacks due by its end, then the best-ranked calls not put off."""
    end = dt.datetime.combine(day, dt.time(23, 59))
    callable_ = [t for t in tasks if t.state == "open"]
    due = [t for t in callable_ if t.next_callback is not None and t.next_callback <= end]
    fresh = [t for t in callable_ if t.next_callback is None]
    return (due + fresh)[: CALLS_A_DAY * len(CALLERS)]


def _dues_by_person(session: Session, campaign: Campaign) -> dict[int, Decimal]:
    rows = session.execute(
        select(Membership.person_id, Membership.dues, MembershipType.default_dues)
        .outerjoin(MembershipType, Membership.type_id == MembershipType.id)
        .join(CallTask, CallTask.person_id == Membership.person_id)
        .where(CallTask.campaign_id == campaign.id)
    )
    paid = {person: own if own is not None else usual for person, own, usual in rows}
    return {person: dues for person, dues in paid.items() if dues is not None}
