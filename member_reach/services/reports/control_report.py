"""Did the calls work? A campaign's called members against its control group (kept uncalled).

Each member on the list has a period: from the day the list was made until ``control_days``
(a setting, 60 by default) after their expiry as it stood then (after the list's day, for a
member already past expiry; ``control_days`` after it for a person with no membership). Only
members whose period has ended are compared, so both groups are measured over the same span.

A member renewed when a roster import detected a renewal of theirs within the period, or (the
called group only: nobody calls the control) a call of the campaign logged a success within it.

The called group is every list member outside the control, reached or not ("intention to
treat": see :mod:`member_reach.domain.control_stats`), so the difference measures what being
on the list did. The interval and the words come from the domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.control_stats import Comparison, GroupCount, compare, verdict_words
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
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
class ControlReport:
    """A campaign's control comparison on ``today``.

    Attributes:
        percent, seed: the share kept uncalled and the seed its draw came from.
        days: the ``control_days`` setting: each member's period runs that long past expiry.
        comparison: the groups, the difference and its interval, the extra renewals and dues.
        words: the comparison in one sentence ("The calls added 9 renewals (95% CI 2 to 16).").
        next_period_end: the day the next member's period ends (None once all have ended).
        currency: the association's (ISO 4217) for the extra dues, "" when none is set.
    """

    campaign_id: int
    name: str
    today: dt.date
    percent: int
    seed: int | None
    days: int
    comparison: Comparison
    words: str
    next_period_end: dt.date | None
    currency: str = ""


@dataclass
class _Member:
    in_control: bool
    expiry: dt.date | None
    dues: Decimal | None
    renewed_on: list[dt.date]


def _members(session: Session, campaign: Campaign) -> dict[int, _Member]:
    rows = session.execute(
        select(
            CallTask.person_id,
            CallTask.in_control,
            Membership.term_end,
            func.coalesce(Membership.dues, MembershipType.default_dues),
        )
        .outerjoin(Membership, Membership.person_id == CallTask.person_id)
        .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        .where(CallTask.campaign_id == campaign.id)
    )
    return {
        pid: _Member(bool(control), end, None if dues is None else Decimal(dues), [])
        for pid, control, end, dues in rows
    }


def _add_renewals(session: Session, members: dict[int, _Member], start: dt.date) -> None:
    """Each member's renewals detected since ``start``; the first gives the expiry then."""
    for chunk in chunks(list(members)):
        rows = session.execute(
            select(
                DetectedRenewal.person_id, DetectedRenewal.detected_on, DetectedRenewal.old_term_end
            )
            .where(DetectedRenewal.person_id.in_(chunk), DetectedRenewal.detected_on >= start)
            .order_by(DetectedRenewal.detected_on, DetectedRenewal.id)
        )
        for pid, day, old_end in rows:
            member = members[pid]
            if not member.renewed_on and old_end is not None:
                member.expiry = old_end  # the expiry as it stood when the list was made
            member.renewed_on.append(day)


def _add_successes(session: Session, campaign: Campaign, members: dict[int, _Member]) -> None:
    rows = session.execute(
        select(CallTask.person_id, func.min(CallLog.called_at))
        .join(CallLog, CallLog.task_id == CallTask.id)
        .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(CallTask.campaign_id == campaign.id, OutcomeCode.category == "success")
        .group_by(CallTask.person_id)
    )
    for pid, first in rows:
        if pid in members and not members[pid].in_control:
            members[pid].renewed_on.append(first.date())


def _count(
    members: Iterable[_Member], start: dt.date, days: int, today: dt.date
) -> tuple[GroupCount, list[dt.date]]:
    """The group's count, and the period ends still to come."""
    size = ended = renewed = 0
    pending: list[dt.date] = []
    for member in members:
        size += 1
        period_end = max(member.expiry or start, start) + dt.timedelta(days=days)
        if period_end > today:
            pending.append(period_end)
            continue
        ended += 1
        renewed += any(start <= day <= period_end for day in member.renewed_on)
    return GroupCount(size, ended, renewed), pending


def _mean_dues(members: Iterable[_Member]) -> Decimal | None:
    dues = [m.dues for m in members if m.dues is not None]
    return (sum(dues, start=Decimal(0)) / len(dues)).quantize(Decimal("0.01")) if dues else None


def control_report(session: Session, campaign: Campaign, today: dt.date) -> ControlReport | None:
    """The campaign's control comparison on ``today``; None when it keeps no control group."""
    members = _members(session, campaign)
    if campaign.control_percent <= 0 or not any(m.in_control for m in members.values()):
        return None
    start = campaign.created_at.date()
    settings = load_settings(session)
    days = settings.control_days
    _add_renewals(session, members, start)
    _add_successes(session, campaign, members)
    called = [m for m in members.values() if not m.in_control]
    kept = [m for m in members.values() if m.in_control]
    called_count, called_pending = _count(called, start, days, today)
    control_count, control_pending = _count(kept, start, days, today)
    comparison = compare(called_count, control_count, _mean_dues(called))
    return ControlReport(
        campaign.id,
        campaign.name,
        today,
        campaign.control_percent,
        campaign.control_seed,
        days,
        comparison,
        verdict_words(comparison),
        min(called_pending + control_pending, default=None),
        settings.currency,
    )


def latest_control_report(session: Session, today: dt.date) -> ControlReport | None:
    """The dashboard's comparison: the newest campaign with a control group that can tell.

    That is the newest whose control has a member's period ended, else the newest with a
    control group at all.
    """
    campaigns = session.scalars(
        select(Campaign).where(Campaign.control_percent > 0).order_by(Campaign.id.desc())
    )
    first = None
    for campaign in campaigns:
        report = control_report(session, campaign, today)
        if report is None:
            continue
        if report.comparison.control.ended:
            return report
        first = first or report
    return first


__all__ = ["ControlReport", "control_report", "latest_control_report"]
