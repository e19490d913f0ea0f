"""A campaign's revenue: what its calls and the renewals a roster showed brought in.

Money comes from three places:

* the amount of a success call: dues paid on the call;
* the amount of a positive call: dues pledged, a promise not yet paid;
* the dues a roster states for a renewal an import detected and attributed to the campaign
  (only when the roster has a dues column: never guessed from the membership type).

Each member counts once, as in the success count (``success_counts``): a member who paid on a
call and then shows renewed on the roster is one renewal and one payment. Per member:

1. renewed on a roster that states the dues: the roster's dues (the association's own books
   say what was paid; the caller's figure was typed during the call);
2. renewed on a roster that states none (no dues column, or an empty cell): the amount their
   call recorded, paid or pledged (the renewal kept the pledge), counted as paid;
3. not renewed on a roster: the amount of their success call, as paid; else the amount of
   their positive call, as pledged.

Of a member's calls, the latest with an amount counts; of their renewals, the first that states
dues. Revenue so far is what was paid plus the renewals' dues; pledges are shown beside it,
never in it. The pace is the count's: what is still wanted over the days left to the deadline,
both days counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.calls.calls import WITH_AMOUNT
from member_reach.services.campaigns.control_group import outside_control
from member_reach.services.common.settings import load_settings
from member_reach.store.models import CallLog, CallTask, Campaign, DetectedRenewal, OutcomeCode

_CENT: Final = Decimal("0.01")


@dataclass(frozen=True)
class Revenue:
    """A campaign's revenue against its revenue goal (see the module docstring).

    Attributes:
        target: the revenue goal, None when none is set.
        achieved: revenue so far: ``paid`` plus ``renewal_dues``.
        paid: amounts paid on calls (and pledges a renewal without stated dues kept).
        renewal_dues: the dues rosters state for renewals detected for the campaign.
        pledged: amounts pledged on positive calls and not yet paid.
        progress: achieved / target (rounded to 4 places), None without a goal.
        remaining: revenue still wanted, None without a goal.
        pace_needed_per_day: remaining / days left to the deadline (to the cent), None when
            there is no goal or no day left.
    """

    target: Decimal | None
    achieved: Decimal
    paid: Decimal
    renewal_dues: Decimal
    pledged: Decimal
    progress: float | None
    remaining: Decimal | None
    pace_needed_per_day: Decimal | None
    currency: str = ""  # the association's (ISO 4217), "" when none is set


def _call_amounts(
    session: Session, campaign: Campaign
) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Per person, the latest amount paid on a success call, and pledged on a positive one."""
    paid: dict[int, Decimal] = {}
    pledged: dict[int, Decimal] = {}
    rows = session.execute(
        select(CallTask.person_id, OutcomeCode.category, CallLog.amount_promised)
        .join(CallTask, CallTask.id == CallLog.task_id)
        .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(
            CallTask.campaign_id == campaign.id,
            CallLog.amount_promised.is_not(None),
            OutcomeCode.category.in_(tuple(WITH_AMOUNT)),
        )
        .order_by(CallLog.called_at, CallLog.id)
    )
    for person_id, category, amount in rows:
        (paid if category == "success" else pledged)[person_id] = Decimal(amount or 0)
    return paid, pledged


def _renewal_dues(session: Session, campaign: Campaign) -> dict[int, Decimal | None]:
    """Per person renewed on a roster for the campaign, the first dues stated (None: none)."""
    dues: dict[int, Decimal | None] = {}
    rows = session.execute(
        select(DetectedRenewal.person_id, DetectedRenewal.dues)
        .where(
            DetectedRenewal.campaign_id == campaign.id,
            outside_control(DetectedRenewal.campaign_id, DetectedRenewal.person_id),
        )
        .order_by(DetectedRenewal.detected_on, DetectedRenewal.id)
    )
    for person_id, amount in rows:
        if dues.get(person_id) is None:
            dues[person_id] = None if amount is None else Decimal(amount)
    return dues


def campaign_revenue(session: Session, campaign: Campaign, days_left: int) -> Revenue:
    """The campaign's revenue, each member counted once (see the module docstring).

    Args:
        session: the unit of work.
        campaign: the campaign.
        days_left: days from today to the deadline, both counted (0 when none or passed).
    """
    paid_on_call, pledged_on_call = _call_amounts(session, campaign)
    renewed = _renewal_dues(session, campaign)
    paid = renewal_dues = pledged = Decimal(0)
    for person_id in paid_on_call.keys() | pledged_on_call.keys() | renewed.keys():
        on_call = paid_on_call.get(person_id, pledged_on_call.get(person_id))
        if person_id in renewed:
            dues = renewed[person_id]
            if dues is not None:
                renewal_dues += dues
            elif on_call is not None:
                paid += on_call
        elif person_id in paid_on_call:
            paid += paid_on_call[person_id]
        else:
            pledged += pledged_on_call[person_id]
    achieved = paid + renewal_dues
    target = campaign.goal_revenue
    remaining = max(Decimal(0), target - achieved).quantize(_CENT) if target else None
    return Revenue(
        target=target.quantize(_CENT) if target else None,
        achieved=achieved.quantize(_CENT),
        paid=paid.quantize(_CENT),
        renewal_dues=renewal_dues.quantize(_CENT),
        pledged=pledged.quantize(_CENT),
        progress=round(float(achieved / target), 4) if target else None,
        remaining=remaining,
        pace_needed_per_day=(
            (remaining / days_left).quantize(_CENT) if remaining is not None and days_left else None
        ),
        currency=load_settings(session).currency,
    )


def revenue_summary(revenue: Revenue) -> list[tuple[str, Any]]:
    """The results workbook's Summary rows of a campaign's revenue, beside the count's."""
    if revenue.target is None and not (revenue.achieved or revenue.pledged):
        return [("Revenue goal", "none set")]
    return [
        ("Revenue goal", revenue.target if revenue.target is not None else "none set"),
        ("Revenue so far", revenue.achieved),
        ("Revenue progress", f"{revenue.progress:.0%}" if revenue.progress is not None else "-"),
        ("... paid on calls", revenue.paid),
        ("... dues of renewals found by the roster import", revenue.renewal_dues),
        ("Pledged, not yet paid", revenue.pledged),
        (
            "Revenue still needed per day",
            revenue.pace_needed_per_day if revenue.pace_needed_per_day is not None else "-",
        ),
    ]
