"""Campaigns: create one from a planned list, find one, list them (campaign_detail shows one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.remedies import Remedy
from member_reach.domain.values import record_number
from member_reach.services.campaigns.call_lists import Selected
from member_reach.services.campaigns.control_group import (
    CONTROL_STATE,
    ControlChoice,
    draw_for_list,
)
from member_reach.services.campaigns.outcome_codes import add_default_codes
from member_reach.services.campaigns.outreach_campaigns import (
    OutreachPlan,
    plan_event_outreach,
    plan_prospects,
)
from member_reach.services.campaigns.renewal_campaign import (
    RenewalOptions,
    RenewalPlan,
    plan_renewals,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.phone_facts import phones_of
from member_reach.store.bulk import bulk_insert
from member_reach.store.models import (
    CallTask,
    Campaign,
)
from member_reach.store.models.base import utcnow

#: Task states still to be worked.
OPEN_STATES = ("open", "reserved")


@dataclass(frozen=True)
class Brief:
    """What every caller works from.

    Attributes:
        goal_count: successes wanted (renewals, registrations, joins).
        goal_revenue: dues or fees wanted.
        deadline: the day the goal is due.
        why_it_matters, talking_points, faq: the brief's text.
        handoff_owner: the staff member warm leads go to.
    """

    goal_count: int | None = None
    goal_revenue: Decimal | None = None
    deadline: dt.date | None = None
    why_it_matters: str = ""
    talking_points: str = ""
    faq: str = ""
    handoff_owner: str = ""


@dataclass(frozen=True)
class CreatedCampaign:
    """A campaign just created from a plan."""

    campaign_id: int
    name: str
    tasks: int
    over_capacity: int
    excluded: dict[str, int]
    control: int = 0  # of the tasks, those kept uncalled in the control group


def default_renewal_name(options: RenewalOptions) -> str:
    """The name a renewal campaign gets unless given one: "Renewals 1 Dec 2026 – 31 Dec 2026"."""
    start, end = options.start, options.end
    return f"Renewals {start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _unique_name(session: Session, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Give the campaign a name.")
    taken = session.scalar(select(Campaign.id).where(func.lower(Campaign.name) == name.lower()))
    if taken is not None:
        raise ServiceError(
            f"There is already a campaign called '{name}' (number {taken}); choose another name."
        )
    return name


@dataclass(frozen=True)
class ListPlan:
    """What any call list gives the campaign writer (a renewal, event or prospect plan)."""

    kind: str
    selected: Sequence[Selected]
    over_capacity: int
    excluded: dict[str, int]
    selection: dict[str, Any]
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    event_id: int | None = None


def write_campaign(
    session: Session,
    plan: ListPlan,
    title: str,
    brief: Brief | None = None,
    control: ControlChoice | None = None,
) -> CreatedCampaign:
    """Write a planned list as a campaign with its tasks and default outcome codes.

    With a ``control`` share, the control group is drawn from the ranked list
    (:mod:`.control_group`) and recorded with the campaign (its share and seed).

    Raises:
        ServiceError: a campaign of that name exists, or the control share is out of range.
    """
    title = _unique_name(session, title)
    brief = brief or Brief()
    choice = (control or ControlChoice()).checked()
    start, end = plan.window
    campaign = Campaign(
        name=title,
        kind=plan.kind,
        status="active",
        selection=plan.selection,
        window_start=start,
        window_end=end,
        event_id=plan.event_id,
        goal_count=brief.goal_count,
        goal_revenue=brief.goal_revenue,
        deadline=brief.deadline or end,
        why_it_matters=brief.why_it_matters,
        talking_points=brief.talking_points,
        faq=brief.faq,
        handoff_owner=brief.handoff_owner,
        control_percent=choice.percent,
        control_seed=choice.seed if choice.percent else None,
    )
    session.add(campaign)
    session.flush()
    add_default_codes(session, campaign, plan.kind)
    refs = [f"C{campaign.id}-{position:05d}" for position in range(1, len(plan.selected) + 1)]
    kept = draw_for_list(plan.selected, choice)
    insert_tasks(session, campaign.id, plan.selected, refs, kept)
    return CreatedCampaign(
        campaign.id, title, len(plan.selected), plan.over_capacity, plan.excluded, len(kept)
    )


def insert_tasks(
    session: Session,
    campaign_id: int,
    selected: Sequence[Selected],
    refs: Sequence[str],
    control: frozenset[int] = frozenset(),
) -> None:
    """Add the calls of ``selected`` (with their ``refs``) to a campaign, in one insert.

    They are open, but for the people in ``control``: kept uncalled in the control group.
    The campaign's page, its exports and the call screen show every call's phones and local
    time: they are worked out now, once.
    """
    now = utcnow()
    bulk_insert(
        session.connection(),
        CallTask.__table__,
        [
            {
                "campaign_id": campaign_id,
                "person_id": s.person_id,
                "priority": s.priority,
                "reason": s.reason[:500],
                "state": CONTROL_STATE if s.person_id in control else "open",
                "in_control": s.person_id in control,
                "ref": ref,
                "created_at": now,
                "updated_at": now,
            }
            for s, ref in zip(selected, refs, strict=True)
        ],
    )
    phones_of(session, [s.person_id for s in selected])


def create_renewal_campaign(
    session: Session,
    today: dt.date,
    options: RenewalOptions,
    name: str | None = None,
    brief: Brief | None = None,
    control: ControlChoice | None = None,
) -> tuple[CreatedCampaign, RenewalPlan]:
    """Plan a renewal list and write it as a campaign with its tasks and outcome codes.

    Raises:
        ServiceError: a campaign of that name exists, or the options make no sense.
    """
    plan = plan_renewals(session, today, options)
    title = _unique_name(session, name or default_renewal_name(options))
    listed = ListPlan(
        kind="renewal",
        selected=plan.selected,
        over_capacity=len(plan.over_capacity),
        excluded=plan.excluded_counts(),
        selection={
            "grace_days": plan.grace_days,
            "capacity": options.capacity,
            "win_back_years": options.win_back_years,
            "today": today.isoformat(),
        },
        window=(options.start, options.end),
    )
    return write_campaign(session, listed, title, brief, control), plan


def create_event_campaign(
    session: Session,
    today: dt.date,
    event_name: str,
    past_series: str | None = None,
    capacity: int | None = None,
    name: str | None = None,
    brief: Brief | None = None,
    past_events: Sequence[str] = (),
    control: ControlChoice | None = None,
) -> tuple[CreatedCampaign, OutreachPlan]:
    """Plan an event outreach list and write it as a campaign.

    Raises:
        ServiceError: the event is unknown, or a campaign of that name exists.
    """
    plan = plan_event_outreach(session, today, event_name, past_series, capacity, past_events)
    assert plan.event is not None
    listed = ListPlan(
        kind="event",
        selected=plan.selected,
        over_capacity=len(plan.over_capacity),
        excluded=plan.excluded_counts(),
        selection={
            "past_events": plan.past_events,
            "capacity": capacity,
            "today": today.isoformat(),
        },
        window=(today, plan.event.starts_on),
        event_id=plan.event.id,
    )
    title = name or f"Outreach for {plan.event.name}"
    return write_campaign(session, listed, title, brief, control), plan


def create_prospect_campaign(
    session: Session,
    today: dt.date,
    capacity: int | None = None,
    lapsed_years: int = 3,
    name: str | None = None,
    brief: Brief | None = None,
    control: ControlChoice | None = None,
) -> tuple[CreatedCampaign, OutreachPlan]:
    """Plan a prospect and win-back list and write it as a campaign.

    Raises:
        ServiceError: a campaign of that name exists, or the numbers make no sense.
    """
    plan = plan_prospects(session, today, capacity, lapsed_years)
    listed = ListPlan(
        kind="prospect",
        selected=plan.selected,
        over_capacity=len(plan.over_capacity),
        excluded=plan.excluded_counts(),
        selection={"lapsed_years": lapsed_years, "capacity": capacity, "today": today.isoformat()},
        window=(today, None),
    )
    title = name or f"Prospects {today.day} {today:%b %Y}"
    return write_campaign(session, listed, title, brief, control), plan


def find_campaign(session: Session, key: str) -> Campaign:
    """The campaign with this number or name (name ignoring case).

    Raises:
        ServiceError: there is none.
    """
    text = " ".join(key.split())
    found = None
    if (number := record_number(text)) is not None:
        found = session.get(Campaign, number)
    if found is None:
        found = session.scalar(select(Campaign).where(func.lower(Campaign.name) == text.lower()))
    if found is None:
        raise ServiceError(
            f"There is no campaign '{text}'; the Campaigns page lists every campaign.",
            remedy=Remedy.LOOK_UP_CAMPAIGN,
        )
    return found


@dataclass(frozen=True)
class CampaignSummary:
    """One line of the campaign list."""

    campaign_id: int
    name: str
    kind: str
    status: str
    window_start: dt.date | None
    window_end: dt.date | None
    goal_count: int | None
    open_tasks: int
    done_tasks: int


def goal_text(campaign: Campaign) -> str:
    """The goal as the brief states it: "300 (58,500.00 in dues)", or "" when none is set."""
    goal = f"{campaign.goal_count:,}" if campaign.goal_count else ""
    if campaign.goal_revenue:
        goal = f"{goal} ({campaign.goal_revenue:,.2f} in dues)".strip()
    return goal


def list_campaigns(session: Session) -> list[CampaignSummary]:
    """Every campaign, the newest first, with its open and finished task counts."""
    counts: dict[tuple[int, bool], int] = {}
    statement = select(CallTask.campaign_id, CallTask.state, func.count()).group_by(
        CallTask.campaign_id, CallTask.state
    )
    for campaign_id, state, count in session.execute(statement):
        if state == CONTROL_STATE:  # kept uncalled: neither to make nor made
            continue
        key = (campaign_id, state in OPEN_STATES)
        counts[key] = counts.get(key, 0) + count
    return [
        CampaignSummary(
            c.id,
            c.name,
            c.kind,
            c.status,
            c.window_start,
            c.window_end,
            c.goal_count,
            counts.get((c.id, True), 0),
            counts.get((c.id, False), 0),
        )
        for c in session.scalars(select(Campaign).order_by(Campaign.id.desc()))
    ]
