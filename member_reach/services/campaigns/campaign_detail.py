"""What a campaign shows: its brief, its outcome codes and its calls, best first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.calling_hours import callable_now, local_time_in
from member_reach.services.common.person_columns import first_external_id, primary_email
from member_reach.services.common.phone_facts import phones_of
from member_reach.services.common.settings import load_settings
from member_reach.store.models import CallTask, Campaign, Person
from member_reach.store.models.base import utcnow


@dataclass(frozen=True)
class TaskLine:
    """One call of a campaign, as its list shows it.

    Attributes:
        member_id: the person's number.
        external_id: their id in the association's system, "" when none.
        email: their primary e-mail address, "" when none.
        phone: the first of their numbers that could be read (E.164), "" when none.
        assignee: the caller or partner the call is assigned to, "" when none.
        reserved_by: the caller who holds the reservation, "" when none.
        time_zone: where the phone or region says they are, "" when it cannot be told.
        callable_now: whether their local time is within the calling hours.
        with_partner: the call went out in a partner's export (``assignee``) and has not come
            back.
    """

    member_id: int
    external_id: str
    name: str
    email: str
    phone: str
    priority: float
    reason: str
    state: str
    ref: str
    assignee: str
    reserved_by: str
    time_zone: str
    callable_now: bool
    with_partner: bool = False


@dataclass(frozen=True)
class CodeLine:
    """One of a campaign's outcome codes."""

    code: str
    label: str
    category: str
    answered: bool


@dataclass(frozen=True)
class CampaignDetail:
    """A campaign with its brief, outcome codes and calls (``campaign show``).

    Attributes:
        goal_count, goal_revenue, deadline: the goal, None where not set.
        tasks: the calls, the highest priority first.
    """

    campaign_id: int
    name: str
    kind: str
    status: str
    window_start: dt.date | None
    window_end: dt.date | None
    goal_count: int | None
    goal_revenue: Decimal | None
    deadline: dt.date | None
    why_it_matters: str
    talking_points: str
    faq: str
    handoff_owner: str
    outcome_codes: tuple[CodeLine, ...]
    tasks: tuple[TaskLine, ...]


def campaign_tasks(
    session: Session, campaign: Campaign, now: dt.datetime | None = None
) -> list[TaskLine]:
    """The campaign's tasks, the highest priority first.

    Each task carries the member's time zone and, with ``now`` (UTC), whether their local time
    is within the calling hours (settings); ``time_zone`` is "" when it cannot be told.
    """
    settings = load_settings(session)
    hours = (settings.calling_hours_start, settings.calling_hours_end)
    rows = session.execute(
        select(
            Person.id,
            first_external_id(),
            Person.display_name,
            primary_email(),
            Person.region,
            CallTask.priority,
            CallTask.reason,
            CallTask.state,
            CallTask.ref,
            CallTask.assignee,
            CallTask.reserved_by,
            CallTask.with_export_id,
        )
        .join(Person, Person.id == CallTask.person_id)
        .where(CallTask.campaign_id == campaign.id)
        .order_by(CallTask.priority.desc(), CallTask.id)
    ).all()
    # A read: numbers not worked out yet (campaigns from before they were kept) are worked out
    # for this list only, so the page opens while an import holds the database.
    phones = phones_of(session, [row[0] for row in rows], keep=False)
    tasks = []
    for pid, ext, name, mail, region, priority, reason, state, ref, assignee, held, out in rows:
        phone = next((p for p in phones.get(pid, []) if p.e164), None)
        where = local_time_in(now or utcnow(), phone.zones if phone else (), region or "")
        tasks.append(
            TaskLine(
                member_id=pid,
                external_id=ext or "",
                name=name,
                email=mail or "",
                phone=(phone.e164 or "") if phone else "",
                priority=priority,
                reason=reason,
                state=state,
                ref=ref,
                assignee=assignee,
                reserved_by=held,
                time_zone=where.zones[0] if where.known else "",
                callable_now=now is not None and callable_now(now, where.zones, *hours),
                with_partner=out is not None,
            )
        )
    return tasks


def campaign_detail(
    session: Session, campaign: Campaign, now: dt.datetime | None = None
) -> CampaignDetail:
    """A campaign with its brief, outcome codes and tasks (see :func:`campaign_tasks`)."""
    return CampaignDetail(
        campaign_id=campaign.id,
        name=campaign.name,
        kind=campaign.kind,
        status=campaign.status,
        window_start=campaign.window_start,
        window_end=campaign.window_end,
        goal_count=campaign.goal_count,
        goal_revenue=campaign.goal_revenue,
        deadline=campaign.deadline,
        why_it_matters=campaign.why_it_matters,
        talking_points=campaign.talking_points,
        faq=campaign.faq,
        handoff_owner=campaign.handoff_owner,
        outcome_codes=tuple(
            CodeLine(c.code, c.label, c.category, c.answered) for c in campaign.outcome_codes
        ),
        tasks=tuple(campaign_tasks(session, campaign, now)),
    )
