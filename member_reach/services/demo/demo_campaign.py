"""The demo association in the middle of its month (issue 16, "First start shows the value").

A renewal campaign for the members whose membership ends this month or next began two weeks
before ``today``; two staff callers have worked it every weekday since, through the same
:func:`log_call` the Calls page uses: renewals (with the dues paid), promises, warm leads handed
to staff, callbacks (some due today), no answers. A week in, part of its calls went to a call
partner, whose worked file came back a few days later (:mod:`.demo_partner`). The goal is
part-filled, so the dashboard shows a goal filling up day by day instead of "No active
campaign". Deterministic for a seed and a day.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from member_reach.domain.terms import add_months
from member_reach.services.calls.calls import log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.settings import load_settings
from member_reach.services.demo.demo_partner import PartnerRound, last_weekday, reload_calls
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
class Staff:
    """Who works a campaign's calls, how many a day, and what the calls end in."""

    callers: tuple[str, ...]
    calls_a_day: int  # each caller's
    outcomes: tuple[tuple[str, int], ...]  # code and weight
    notes: Mapping[str, str]


RENEWAL_STAFF = Staff(CALLERS, CALLS_A_DAY, OUTCOMES, NOTES)


@dataclass(frozen=True)
class DemoCampaign:
    """What the demo's campaign holds on its day."""

    campaign_id: int
    name: str
    calls: int
    logged: int


def _brief(end: dt.date) -> Brief:
    return Brief(
        # Two weeks in, the calls have made about a quarter of it: on pace, not ahead of it.
        goal_count=140,
        goal_revenue=Decimal("90000"),
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


def backdate(session: Session, campaign: Campaign, when: dt.datetime) -> None:
    """Date a campaign and its calls as created at ``when`` (they were written just now)."""
    campaign.created_at = when
    session.execute(
        update(CallTask)
        .where(CallTask.campaign_id == campaign.id)
        .values(created_at=when, updated_at=when)
        .execution_options(synchronize_session=False)
    )
    reload_calls(session, campaign)


def start_demo_campaign(session: Session, today: dt.date, *, seed: int = 2026) -> DemoCampaign:
    """Write the demo's renewal campaign, the calls logged since, and its partner's round.

    The campaign began :data:`DAYS_IN` days before ``today``; the caller commits.
    """
    begun = today - dt.timedelta(days=DAYS_IN)
    end = add_months(begun.replace(day=1), 2) - dt.timedelta(days=1)
    options = RenewalOptions(start=begun.replace(day=1), end=end, capacity=320)
    created, _plan = create_renewal_campaign(session, begun, options, brief=_brief(end))
    campaign = session.get_one(Campaign, created.campaign_id)
    backdate(session, campaign, dt.datetime.combine(begun, dt.time(8, 30)))
    rng = random.Random(seed)
    dues = dues_by_person(session, campaign)
    with tempfile.TemporaryDirectory(prefix="member_reach-demo-") as folder:
        partner = PartnerRound(session, campaign, Path(folder), random.Random(seed + 1), dues)
        round_trip = {
            last_weekday(today - dt.timedelta(days=7)): partner.send,
            last_weekday(today - dt.timedelta(days=2)): partner.bring_back,
        }
        logged = work_the_days(
            session, campaign, RENEWAL_STAFF, (begun, today), rng, dues, round_trip
        )
    session.flush()
    return DemoCampaign(campaign.id, campaign.name, created.tasks, logged)


def work_the_days(
    session: Session,
    campaign: Campaign,
    staff: Staff,
    days: tuple[dt.date, dt.date],
    rng: random.Random,
    amounts: Mapping[int, Decimal],
    before_calls: Mapping[dt.date, Callable[[dt.date], None]] | None = None,
) -> int:
    """Log the calls ``staff`` made on each weekday from ``days[0]`` up to ``days[1]`` (not it).

    ``amounts`` are the dues (or fees) a success brings, per person; ``before_calls`` runs on
    its days (any day of the week) before that day's calls. Returns how many calls were logged.
    """
    codes = {c.code: c for c in session.scalars(select(OutcomeCode).filter_by(campaign=campaign))}
    settings = load_settings(session)
    choices, weights = zip(*staff.outcomes, strict=True)
    tasks = sorted(campaign.tasks, key=lambda t: -t.priority)
    logged = 0
    day, today = days
    while day < today:
        if before_calls and day in before_calls:
            before_calls[day](day)
        if day.weekday() < 5:
            for number, task in enumerate(_calls_of(tasks, day, staff)):
                code = codes[rng.choices(choices, weights)[0]]
                # 14:00-17:00 UTC: the afternoon in Britain and Ireland, the morning in North
                # America, within everyone's calling hours (times are stored in UTC)
                now = dt.datetime.combine(day, dt.time(14 + number // 3, 7 * (number % 3) + 5))
                callback = (
                    now + dt.timedelta(days=rng.choice((2, 3, 4))) if code.asks_callback else None
                )
                log_call(
                    session,
                    campaign,
                    task,
                    code,
                    now,
                    caller=staff.callers[number % len(staff.callers)],
                    notes=staff.notes.get(code.code, ""),
                    callback_at=callback,
                    amount_promised=amounts.get(task.person_id)
                    if code.category == "success"
                    else None,
                    settings=settings,
                )
                logged += 1
        day += dt.timedelta(days=1)
    return logged


def _calls_of(tasks: list[CallTask], day: dt.date, staff: Staff) -> list[CallTask]:
    """The day's calls: callbacks due by its end, then the best-ranked calls not put off.

    Calls given to a partner are the partner's: the office leaves them alone.
    """
    end = dt.datetime.combine(day, dt.time(23, 59))
    callable_ = [t for t in tasks if t.state == "open" and not t.assignee]
    due = [t for t in callable_ if t.next_callback is not None and t.next_callback <= end]
    fresh = [t for t in callable_ if t.next_callback is None]
    return (due + fresh)[: staff.calls_a_day * len(staff.callers)]


def dues_by_person(session: Session, campaign: Campaign) -> dict[int, Decimal]:
    """The dues each person called on ``campaign`` pays (their own, else their type's)."""
    rows = session.execute(
        select(Membership.person_id, Membership.dues, MembershipType.default_dues)
        .outerjoin(MembershipType, Membership.type_id == MembershipType.id)
        .join(CallTask, CallTask.person_id == Membership.person_id)
        .where(CallTask.campaign_id == campaign.id)
    )
    paid = {person: own if own is not None else usual for person, own, usual in rows}
    return {person: dues for person, dues in paid.items() if dues is not None}
