"""How a campaign is doing, and how the association keeps its members.

Campaign figures: goal progress to date (people with a success outcome, plus renewals an import
detected and attributed to the campaign), the daily pace still needed to reach the goal by the
deadline, outcomes by category, conversations (answered calls) per success, per-caller
figures, and the revenue against the revenue goal (:mod:`.revenue`: each member counted once,
the roster's dues first).

Retention by month, from the memberships on file: a member counts on a day when they had joined
by then and their expiry (plus grace) had not passed. For each month, with S members on its
first day, E on its last, N joining during it and D of the S gone by its end:
retention = (E − N) / S and churn = D / S. It reads current terms only: a member who lapsed and
later rejoined counts as a member in between.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.terms import add_months
from member_reach.services.campaigns.control_group import CONTROL_STATE, outside_control
from member_reach.services.common.settings import load_settings
from member_reach.services.reports.daily import (
    DayTotal,
    campaign_start,
    daily_totals,
    first_successes,
)
from member_reach.services.reports.revenue import Revenue, campaign_revenue
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    Membership,
    MembershipType,
    OutcomeCode,
)


@dataclass(frozen=True)
class TaskCounts:
    """A campaign's calls by state: still to make (open or reserved), done, closed, all.

    The members kept uncalled in its control group are not calls: they are not counted here.
    """

    open: int
    done: int
    closed: int
    total: int


@dataclass(frozen=True)
class Goal:
    """How far a campaign is towards its goal, and the pace still needed.

    Attributes:
        target: the successes wanted, None when no goal is set.
        deadline: the day the goal is due, None when none is set.
        achieved: the successes so far.
        progress: achieved / target (rounded to 4 places), None without a goal.
        remaining: successes still wanted, None without a goal.
        days_left: days from today to the deadline, both counted (0 once it has passed).
        pace_needed_per_day: remaining / days_left (rounded to 2 places), None when there is
            no goal or no day left.
    """

    target: int | None
    deadline: dt.date | None
    achieved: int
    progress: float | None
    remaining: int | None
    days_left: int
    pace_needed_per_day: float | None


@dataclass(frozen=True)
class CallerFigures:
    """One caller's calls, conversations and successes ("(not given)" for calls without one).

    ``amount``: what was promised on their calls, added up.
    """

    caller: str
    calls: int
    conversations: int
    successes: int
    conversations_per_success: float | None
    amount: Decimal = Decimal(0)


@dataclass(frozen=True)
class CampaignReport:
    """A campaign's figures on ``today`` (see the module docstring).

    Attributes:
        start: the campaign's first day (:func:`.daily.campaign_start`).
        successes: people the campaign counts a success (the goal's ``achieved``).
        successes_by_calls, successes_by_renewals: of them, those a call counted first, and
            those a roster's renewal counted first (:mod:`.daily`).
        renewals_detected: renewals a roster import found and attributed to the campaign.
        renewals_after_a_call: of them, those that followed a contact.
        calls, conversations: calls logged, and of them those answered.
        conversations_per_success: the hit rate: conversations per success by calls (a
            renewal nobody called is not the callers' success), rounded to 2 places; None
            before a call's success.
        outcomes: calls per outcome category, in the order each category first occurred.
        promised: the amounts promised on the calls, added up.
        callers: per caller, the most successes first.
        daily: successes to date, by calls and by renewals, and the pace, day by day from
            the campaign's first day to today (:mod:`.daily`).
        revenue: the revenue so far against the revenue goal, each member counted once
            (:mod:`.revenue`).
    """

    campaign_id: int
    name: str
    today: dt.date
    tasks: TaskCounts
    goal: Goal
    start: dt.date
    successes: int
    successes_by_calls: int
    successes_by_renewals: int
    renewals_detected: int
    renewals_after_a_call: int
    calls: int
    conversations: int
    conversations_per_success: float | None
    outcomes: Mapping[str, int]
    promised: Decimal
    callers: tuple[CallerFigures, ...]
    daily: tuple[DayTotal, ...]
    revenue: Revenue


@dataclass(frozen=True)
class MonthRetention:
    """Retention and churn of one month (see the module docstring).

    Attributes:
        month: the month's first day.
        retention: (members_at_end - joined) / members_at_start, rounded to 4 places; None
            when nobody was a member on the first day.
        churn: dropped / members_at_start, likewise.
    """

    month: dt.date
    members_at_start: int
    members_at_end: int
    joined: int
    dropped: int
    retention: float | None
    churn: float | None


@dataclass(frozen=True)
class _Call:
    task_id: int
    person_id: int
    caller: str
    day: dt.date
    category: str
    answered: bool
    amount: Decimal | None


def _calls(session: Session, campaign: Campaign) -> list[_Call]:
    rows = session.execute(
        select(
            CallLog.task_id,
            CallTask.person_id,
            CallLog.caller,
            CallLog.called_at,
            OutcomeCode.category,
            OutcomeCode.answered,
            CallLog.amount_promised,
        )
        .join(CallTask, CallTask.id == CallLog.task_id)
        .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(CallTask.campaign_id == campaign.id)
        .order_by(CallLog.called_at, CallLog.id)
    )
    return [
        _Call(t, p, c or "", at.date(), cat, bool(ans), amt) for t, p, c, at, cat, ans, amt in rows
    ]


def _renewals(session: Session, campaign: Campaign) -> list[tuple[int, dt.date, bool]]:
    """The renewals attributed to ``campaign``: person, day detected, whether after a contact.

    Renewals of its control group are left out: they never count toward the goal.
    """
    rows = session.execute(
        select(
            DetectedRenewal.person_id, DetectedRenewal.detected_on, DetectedRenewal.last_contact_at
        ).where(
            DetectedRenewal.campaign_id == campaign.id,
            outside_control(DetectedRenewal.campaign_id, DetectedRenewal.person_id),
        )
    )
    return [(pid, day, contact is not None) for pid, day, contact in rows]


def _task_counts(session: Session, campaign: Campaign) -> TaskCounts:
    states = Counter(
        dict(
            session.execute(
                select(CallTask.state, func.count())
                .where(CallTask.campaign_id == campaign.id)
                .group_by(CallTask.state)
            ).all()
        )
    )
    states.pop(CONTROL_STATE, None)  # kept uncalled: in the report's comparison, not here
    return TaskCounts(
        open=states["open"] + states["reserved"],
        done=states["done"] + states["renewed"],  # renewed: finished by a roster
        closed=states["closed"],
        total=sum(states.values()),
    )


def campaign_report(session: Session, campaign: Campaign, today: dt.date) -> CampaignReport:
    """A campaign's figures on ``today`` (see the module docstring)."""
    calls = _calls(session, campaign)
    renewals = _renewals(session, campaign)
    successes = first_successes(
        ((c.person_id, c.day) for c in calls if c.category == "success"),
        ((pid, day) for pid, day, _ in renewals),
    )
    by_calls = sum(1 for s in successes.values() if s.by_call)
    conversations = sum(1 for c in calls if c.answered)
    goal = _goal(campaign, len(successes), today)
    start = campaign_start(
        campaign.created_at.date(), [c.day for c in calls] + [r[1] for r in renewals], today
    )
    return CampaignReport(
        campaign_id=campaign.id,
        name=campaign.name,
        today=today,
        tasks=_task_counts(session, campaign),
        goal=goal,
        start=start,
        successes=len(successes),
        successes_by_calls=by_calls,
        successes_by_renewals=len(successes) - by_calls,
        renewals_detected=len(renewals),
        renewals_after_a_call=sum(1 for _, _, contacted in renewals if contacted),
        calls=len(calls),
        conversations=conversations,
        conversations_per_success=round(conversations / by_calls, 2) if by_calls else None,
        outcomes=dict(Counter(c.category for c in calls)),
        promised=sum((c.amount for c in calls if c.amount is not None), start=Decimal(0)),
        callers=_per_caller(calls),
        daily=daily_totals(successes, start, today, (goal.target, goal.deadline)),
        revenue=campaign_revenue(session, campaign, goal.days_left),
    )


def active_campaign_reports(session: Session, today: dt.date) -> list[CampaignReport]:
    """:func:`campaign_report` of each active campaign, the newest first (the dashboard's)."""
    campaigns = session.scalars(
        select(Campaign).where(Campaign.status == "active").order_by(Campaign.id.desc())
    )
    return [campaign_report(session, campaign, today) for campaign in campaigns]


def _goal(campaign: Campaign, achieved: int, today: dt.date) -> Goal:
    goal = campaign.goal_count
    deadline = campaign.deadline
    days_left = (deadline - today).days + 1 if deadline is not None and deadline >= today else 0
    remaining = max(0, goal - achieved) if goal is not None else None
    return Goal(
        target=goal,
        deadline=deadline,
        achieved=achieved,
        progress=round(achieved / goal, 4) if goal else None,
        remaining=remaining,
        days_left=days_left,
        pace_needed_per_day=(
            round(remaining / days_left, 2) if remaining is not None and days_left else None
        ),
    )


def _per_caller(calls: list[_Call]) -> tuple[CallerFigures, ...]:
    figures: dict[str, Counter[str]] = defaultdict(Counter)
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    for call in calls:
        amounts[call.caller] += call.amount or Decimal(0)
        figures[call.caller]["calls"] += 1
        figures[call.caller]["conversations"] += int(call.answered)
        figures[call.caller]["successes"] += int(call.category == "success")
    return tuple(
        CallerFigures(
            caller=caller or "(not given)",
            calls=f["calls"],
            conversations=f["conversations"],
            successes=f["successes"],
            conversations_per_success=(
                round(f["conversations"] / f["successes"], 2) if f["successes"] else None
            ),
            amount=amounts[caller],
        )
        for caller, f in sorted(figures.items(), key=lambda item: -item[1]["successes"])
    )


def _members_on(day: dt.date, grace: int) -> Any:
    """The SQL condition: a membership that counts on ``day``."""
    return and_(
        # No join date on file: a member since before anybody counted.
        func.coalesce(Membership.join_date, dt.date.min) <= day,
        or_(
            func.coalesce(Membership.term_end, dt.date.min) >= day - dt.timedelta(days=grace),
            # coalesce: no type is not lifetime (NULL would make "not a member" unknown)
            func.coalesce(MembershipType.period_kind, "") == "lifetime",
        ),
    )


def retention_by_month(session: Session, today: dt.date, months: int = 12) -> list[MonthRetention]:
    """Retention and churn for each of the last ``months`` whole months before ``today``."""
    grace = load_settings(session).grace_days
    first_of_this = today.replace(day=1)
    result = []
    for back in range(months, 0, -1):
        start = add_months(first_of_this, -back)
        end = add_months(start, 1) - dt.timedelta(days=1)
        base = (
            select(func.count())
            .select_from(Membership)
            .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        )
        at_start = session.scalar(base.where(_members_on(start, grace))) or 0
        at_end = session.scalar(base.where(_members_on(end, grace))) or 0
        joined = (
            session.scalar(base.where(Membership.join_date > start, Membership.join_date <= end))
            or 0
        )
        dropped = (
            session.scalar(base.where(_members_on(start, grace), ~_members_on(end, grace))) or 0
        )
        result.append(
            MonthRetention(
                month=start,
                members_at_start=at_start,
                members_at_end=at_end,
                joined=joined,
                dropped=dropped,
                retention=round((at_end - joined) / at_start, 4) if at_start else None,
                churn=round(dropped / at_start, 4) if at_start else None,
            )
        )
    return result
