"""Building a campaign as the director's form does: one request, a preview, then the campaign.

The preview plans the list exactly as creating it will (the same planners, nothing written):
the ranked people with the reason for each, how many the capacity left off, and who each
exclusion left out. Creating writes the campaign with its brief and the outcome codes as the
director edited them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.control_groups import control_size
from member_reach.domain.outcomes import CATEGORIES, DEFAULT_CODES
from member_reach.domain.uplift_model import UpliftModel
from member_reach.services.campaigns.call_lists import Selected, people_named
from member_reach.services.campaigns.campaigns import (
    Brief,
    CreatedCampaign,
    create_event_campaign,
    create_prospect_campaign,
    create_renewal_campaign,
    default_renewal_name,
    find_campaign,
)
from member_reach.services.campaigns.control_group import ControlChoice
from member_reach.services.campaigns.outcome_codes import remove_outcome_code, set_outcome_code
from member_reach.services.campaigns.outreach_campaigns import plan_event_outreach, plan_prospects
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import Event

Kind = Literal["renewal", "event", "prospect"]
#: People named per exclusion reason in a preview (the counts are always whole).
NAMED_PER_REASON: Final = 200
#: Every exclusion reason, as the director reads it.
REASONS: Final = {
    "do_not_call": "Asked not to be called",
    "deceased_or_archived": "Deceased or archived",
    "no_phone": "No phone number",
    "on_another_campaign": "On another open campaign",
    "contacted_recently": "Contacted recently",
    "already_renewed": "Renewed already",
    "already_registered": "Registered already",
}


@dataclass(frozen=True)
class CodeChoice:
    """An outcome code as the director set it."""

    code: str
    label: str
    category: str
    answered: bool = True
    creates_handoff: bool = False
    asks_callback: bool = False


def default_codes(kind: Kind) -> list[CodeChoice]:
    """The outcome codes a new campaign of ``kind`` starts with."""
    return [
        CodeChoice(c.code, c.label, c.category, c.answered, c.creates_handoff, c.asks_callback)
        for c in DEFAULT_CODES[kind]
    ]


@dataclass(frozen=True)
class CampaignRequest:
    """Everything the form asks.

    Attributes:
        kind: a renewal, event outreach or prospect and win-back list.
        name: the campaign's name ("" for the usual one).
        start, end: a renewal window (expiry days, both included).
        win_back_years: renewals also call lapsed members of up to this many years.
        event: the coming event, for an event list.
        past_series: the series whose past editions count (default: the event's own).
        lapsed_years: prospect lists call members lapsed up to this many years ago.
        capacity: the most calls the team can make (None: everybody).
        brief: goal, deadline, why it matters, talking points, FAQ, hand-off owner.
        codes: the outcome codes (None: the defaults of the kind).
        control_percent: the share of the list kept uncalled to measure the calls (0: none).
        control_seed: the seed of the control's draw (None: a fresh one, recorded).
    """

    kind: Kind
    name: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    win_back_years: int | None = None
    event: str = ""
    past_series: str | None = None
    lapsed_years: int = 3
    capacity: int | None = None
    brief: Brief = field(default_factory=Brief)
    codes: tuple[CodeChoice, ...] | None = None
    control_percent: int = 0
    control_seed: int | None = None

    @property
    def control(self) -> ControlChoice:
        """The control group asked for."""
        return ControlChoice(self.control_percent, self.control_seed)


@dataclass(frozen=True)
class CampaignPreview:
    """The list a request would give, before anything is written.

    ``control``: of ``selected``, how many the control group will keep uncalled.
    """

    name: str
    selected: Sequence[Selected]
    over_capacity: int
    excluded: dict[str, int]
    excluded_people: dict[str, list[tuple[int, str]]]
    control: int = 0
    model: UpliftModel | None = None  # what ranked a renewal list (not ready: fixed weights)


def _renewal_options(request: CampaignRequest) -> RenewalOptions:
    if request.start is None or request.end is None:
        raise ServiceError("Choose the first and last expiry day of the renewal window.")
    return RenewalOptions(
        request.start, request.end, capacity=request.capacity, win_back_years=request.win_back_years
    )


def preview_campaign(session: Session, today: dt.date, request: CampaignRequest) -> CampaignPreview:
    """Plan the list as :func:`create_campaign` will, writing nothing.

    Raises:
        ServiceError: the request is incomplete or makes no sense (the message says what).
    """
    if request.kind == "renewal":
        options = _renewal_options(request)
        plan = plan_renewals(session, today, options)
        name = request.name or default_renewal_name(options)
        selected, over, excluded, counts = (
            plan.selected,
            len(plan.over_capacity),
            plan.excluded,
            plan.excluded_counts(),
        )
        model = plan.model
    else:
        model = None
        if request.kind == "event":
            if not request.event.strip():
                raise ServiceError("Choose the event to fill.")
            outreach = plan_event_outreach(
                session, today, request.event, request.past_series, request.capacity
            )
            name = request.name or f"Outreach for {outreach.event.name if outreach.event else ''}"
        else:
            outreach = plan_prospects(session, today, request.capacity, request.lapsed_years)
            name = request.name or f"Prospects {today.day} {today:%b %Y}"
        selected, over, excluded, counts = (
            outreach.selected,
            len(outreach.over_capacity),
            outreach.excluded,
            outreach.excluded_counts(),
        )
    named = {
        reason: people_named(session, ids[:NAMED_PER_REASON])
        for reason, ids in excluded.items()
        if ids
    }
    control = control_size(len(selected), request.control.checked().percent)
    return CampaignPreview(name, selected, over, counts, named, control, model)


def _apply_codes(session: Session, campaign_id: int, codes: Sequence[CodeChoice]) -> None:
    campaign = find_campaign(session, str(campaign_id))
    wanted = {"_".join(c.code.lower().split()) for c in codes}
    if not wanted:
        raise ServiceError("Keep at least one outcome code.")
    for code in codes:
        if code.category not in CATEGORIES:
            raise ServiceError(f"'{code.category}' is not an outcome category.")
        set_outcome_code(
            session,
            campaign,
            code.code,
            code.label,
            code.category,
            answered=code.answered,
            creates_handoff=code.creates_handoff,
            asks_callback=code.asks_callback,
        )
    for existing in list(campaign.outcome_codes):
        if existing.code not in wanted:
            remove_outcome_code(session, campaign, existing.code)


def create_campaign(session: Session, today: dt.date, request: CampaignRequest) -> CreatedCampaign:
    """Create the campaign a request describes (in ``session``; the caller commits).

    Raises:
        ServiceError: the request is incomplete, or a campaign of that name exists.
    """
    name = request.name or None
    if request.kind == "renewal":
        created, _ = create_renewal_campaign(
            session,
            today,
            _renewal_options(request),
            name=name,
            brief=request.brief,
            control=request.control,
        )
    elif request.kind == "event":
        if not request.event.strip():
            raise ServiceError("Choose the event to fill.")
        created, _ = create_event_campaign(
            session,
            today,
            request.event,
            request.past_series,
            request.capacity,
            name=name,
            brief=request.brief,
            control=request.control,
        )
    else:
        created, _ = create_prospect_campaign(
            session,
            today,
            request.capacity,
            request.lapsed_years,
            name=name,
            brief=request.brief,
            control=request.control,
        )
    if request.codes is not None:
        _apply_codes(session, created.campaign_id, request.codes)
    return created


__all__ = [
    "REASONS",
    "CampaignPreview",
    "CampaignRequest",
    "CodeChoice",
    "create_campaign",
    "default_codes",
    "preview_campaign",
]


def coming_events(session: Session, today: dt.date) -> list[str]:
    """The names of the events still to come on ``today`` (or undated), the soonest first."""
    coming = select(Event.name).where((Event.starts_on >= today) | Event.starts_on.is_(None))
    return list(session.scalars(coming.order_by(Event.starts_on, Event.name)))
