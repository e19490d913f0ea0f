"""Topping up a running campaign: the next best people its plan left over capacity.

The campaign's list is planned again as it was made (its kind, window and choices, kept in its
``selection``), today, without a capacity: the people not yet on the campaign, best first, are
the ones a top-up adds, each with the reason the ranking gives. A renewal campaign's window can be
extended at the same time, which brings in the members due in the days added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.services.campaigns.call_lists import Selected
from member_reach.services.campaigns.campaign_edit import FieldChange, record_edits
from member_reach.services.campaigns.campaign_state import refuse_unless_active
from member_reach.services.campaigns.campaigns import insert_tasks
from member_reach.services.campaigns.control_group import draw_for_top_up
from member_reach.services.campaigns.outreach_campaigns import plan_event_outreach, plan_prospects
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import CallTask, Campaign, Event


@dataclass(frozen=True)
class TopUp:
    """Who a top-up adds (best first) and who else could still come after them.

    ``control``: of the people added, those the campaign's control group keeps uncalled (drawn
    as the list's own were, so the campaign keeps its share).
    """

    campaign_id: int
    name: str
    added: tuple[Selected, ...]
    still_left: int
    window_end: dt.date | None
    control: frozenset[int] = frozenset()


def _candidates(
    session: Session, campaign: Campaign, today: dt.date, end: dt.date | None
) -> list[Selected]:
    """The campaign's list planned again without a capacity: everyone it would take, best first."""
    chosen = campaign.selection or {}
    if campaign.kind in ("renewal", "lapsed"):
        if campaign.window_start is None or (end or campaign.window_end) is None:
            raise ServiceError(
                f"{campaign.name} has no window to plan again; it cannot be topped up."
            )
        options = RenewalOptions(
            campaign.window_start,
            end or campaign.window_end,  # type: ignore[arg-type]  # checked just above
            chosen.get("grace_days"),
            None,
            chosen.get("win_back_years"),
        )
        plan = plan_renewals(session, today, options)
        return [*plan.selected, *plan.over_capacity]
    if campaign.kind == "event" and campaign.event_id is not None:
        event = session.get_one(Event, campaign.event_id)
        outreach = plan_event_outreach(
            session, today, event.name, None, None, chosen.get("past_events") or ()
        )
        return [*outreach.selected, *outreach.over_capacity]
    if campaign.kind == "prospect":
        outreach = plan_prospects(session, today, None, chosen.get("lapsed_years", 3))
        return [*outreach.selected, *outreach.over_capacity]
    raise ServiceError(f"{campaign.name} is a {campaign.kind} campaign; it cannot be topped up.")


def plan_top_up(
    session: Session, campaign: Campaign, today: dt.date, count: int, end: dt.date | None = None
) -> TopUp:
    """Who a top-up of ``count`` would add (nothing written).

    Raises:
        ServiceError: the campaign is not active, ``count`` is not positive, the new end is
            before the window's, or the campaign's kind cannot be planned again.
    """
    refuse_unless_active(campaign, "topped up")
    if count < 1:
        raise ServiceError("Add at least one person.")
    if end is not None and campaign.window_end is not None and end < campaign.window_end:
        raise ServiceError(
            f"{campaign.name}'s window already runs to {campaign.window_end.isoformat()}; give a "
            "later end to extend it."
        )
    on_it = set(
        session.scalars(select(CallTask.person_id).where(CallTask.campaign_id == campaign.id))
    )
    fresh = sorted(
        (s for s in _candidates(session, campaign, today, end) if s.person_id not in on_it),
        key=lambda s: -s.priority,
    )
    added = tuple(fresh[:count])
    return TopUp(
        campaign.id,
        campaign.name,
        added,
        max(0, len(fresh) - count),
        end or campaign.window_end,
        draw_for_top_up(session, campaign, added),
    )


def top_up(
    session: Session,
    campaign: Campaign,
    today: dt.date,
    count: int,
    *,
    end: dt.date | None = None,
    who: str,
    now: dt.datetime,
) -> TopUp:
    """Add the next best ``count`` people (extending the window to ``end`` if given).

    Raises:
        ServiceError: as :func:`plan_top_up`, or nobody is left to add.
    """
    planned = plan_top_up(session, campaign, today, count, end)
    if not planned.added:
        raise ServiceError(
            f"Nobody is left to add to {campaign.name}: everyone its plan takes is on it."
        )
    last = session.scalar(select(func.count()).where(CallTask.campaign_id == campaign.id)) or 0
    refs = [_free_ref(session, campaign.id, last + n) for n in range(1, len(planned.added) + 1)]
    insert_tasks(session, campaign.id, planned.added, refs, planned.control)
    changes = [FieldChange("topped_up", str(last), str(last + len(planned.added)))]
    if end is not None and end != campaign.window_end:
        changes.append(FieldChange("window_end", _iso(campaign.window_end), end.isoformat()))
        campaign.window_end = end
    record_edits(session, campaign.id, changes, who=who, now=now)
    return planned


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _free_ref(session: Session, campaign_id: int, position: int) -> str:
    """The campaign's next call reference ("C3-00061"), past any already taken."""
    while True:
        ref = f"C{campaign_id}-{position:05d}"
        if session.scalar(select(CallTask.id).where(CallTask.ref == ref)) is None:
            return ref
        position += 1
