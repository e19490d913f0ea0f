"""The demo association's last year: renewals its roster imports saw, and last year's calls.

So that the demo's lists are ranked by what calls changed in *this* association (issue 18,
"A ranking learned from this association's own history"), the demo holds the year before the
current campaign: a renewal detected for every member whose previous term ended in it (the
monthly roster imports saw their expiry move on), and last year's renewal campaign, now closed,
in which a share of the members coming due were called. Who was called is drawn so that a call
helped first-year members most, members of 1–5 years a little and long-tenured ones hardly at
all (:data:`CALL_HELPS`), as the benchmark's association; lapsed members are the renewals that
did not happen. Deterministic for a seed and a day; written in bulk (it must keep the demo fast).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.segments import FIRST_YEAR, LONG_TENURE, TENURE_1_5
from member_reach.domain.terms import add_months
from member_reach.services.campaigns.outcome_codes import add_default_codes
from member_reach.services.campaigns.ranking_history import PERIOD_DAYS
from member_reach.store.bulk import bulk_insert, reserve_ids
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    Membership,
    MembershipType,
    OutcomeCode,
)

#: How much an answered-or-not call raised the chance to renew, by tenure segment.
CALL_HELPS: Final = {FIRST_YEAR: 0.20, TENURE_1_5: 0.08, LONG_TENURE: 0.01}
#: The share of the members coming due that last year's callers reached for.
CALLED_SHARE: Final = 0.45
#: A list was made this many days before the expiries it held ...
LIST_LEAD: Final = 20
#: ... but this share of the calls went to members already in grace (a list made after).
IN_GRACE_SHARE: Final = 0.15
_AFTER_CALL_RENEWED: Final = (("renewed", 6), ("promised", 4))
_AFTER_CALL_NOT: Final = (("declined", 4), ("no_answer", 4), ("voicemail", 2))


@dataclass(frozen=True)
class _Due:
    person_id: int
    expiry: dt.date
    renewed: bool
    segment: str


def _segment(join: dt.date, expiry: dt.date) -> str:
    years = expiry.year - join.year - ((expiry.month, expiry.day) < (join.month, join.day))
    if years < 1:
        return FIRST_YEAR
    return TENURE_1_5 if years <= 5 else LONG_TENURE


def _due_last_year(session: Session, first: dt.date, last: dt.date) -> list[_Due]:
    """Members whose term ended between ``first`` and ``last``: renewed since, or lapsed."""
    rows = session.connection().execute(
        select(Membership.person_id, Membership.join_date, Membership.term_end)
        .join(MembershipType, MembershipType.id == Membership.type_id)
        .where(MembershipType.period_kind == "rolling", Membership.join_date.is_not(None))
        .order_by(Membership.person_id)
    )
    due = []
    for person_id, join, end in rows:
        if join is None or end is None:
            continue
        previous = add_months(end, -12)
        for expiry, renewed in ((previous, True), (end, False)):
            if first <= expiry <= last and join < expiry:
                due.append(_Due(person_id, expiry, renewed, _segment(join, expiry)))
    return due


def _called(rng: random.Random, due: _Due, rate: float) -> bool:
    """Draw who was called so that the call helped as :data:`CALL_HELPS` says (Bayes' rule)."""
    helps = CALL_HELPS[due.segment]
    without = max(0.0, rate - CALLED_SHARE * helps)
    with_call = min(1.0, without + helps)
    if due.renewed:
        chance = CALLED_SHARE * with_call / rate if rate else CALLED_SHARE
    else:
        chance = CALLED_SHARE * (1 - with_call) / (1 - rate) if rate < 1 else CALLED_SHARE
    return rng.random() < min(1.0, chance)


def _rates(due: list[_Due]) -> dict[str, float]:
    """Each segment's renewal rate in the demo's roster."""
    rates = {}
    for segment in CALL_HELPS:
        mine = [d.renewed for d in due if d.segment == segment]
        rates[segment] = sum(mine) / len(mine) if mine else 0.0
    return rates


def _write_campaign(session: Session, today: dt.date, first: dt.date, last: dt.date) -> Campaign:
    campaign = Campaign(
        name=f"Renewal calls {first:%b %Y}–{last:%b %Y}",
        kind="renewal",
        status="closed",
        window_start=first,
        window_end=last,
        selection={"today": first.isoformat()},
        why_it_matters="Last year's renewal calls.",
    )
    session.add(campaign)
    session.flush()
    add_default_codes(session, campaign, "renewal")
    session.flush()
    campaign.created_at = dt.datetime.combine(first - dt.timedelta(days=LIST_LEAD), dt.time(9))
    return campaign


def write_demo_history(session: Session, today: dt.date, *, seed: int = 5) -> int:
    """Write last year's detected renewals and calls (before the current campaign is made).

    The default seed is one whose sample of about 950 members shows the pattern of
    :data:`CALL_HELPS` without a chance reversal (some seeds show long-tenured members
    renewing less after a call: true to small samples, confusing in a demo).

    Returns:
        How many members came due in that year.
    """
    rng = random.Random(seed)
    last = today - dt.timedelta(days=PERIOD_DAYS + 14)  # known when the campaign began
    first = add_months(last, -12)
    due = _due_last_year(session, first, last)
    connection = session.connection()
    bulk_insert(
        connection,
        DetectedRenewal.__table__,
        [
            {
                "person_id": d.person_id,
                "old_term_end": d.expiry,
                "new_term_end": add_months(d.expiry, 12),
                "detected_on": d.expiry + dt.timedelta(days=rng.randint(3, 35)),
            }
            for d in due
            if d.renewed
        ],
    )
    campaign = _write_campaign(session, today, first, last)
    rates = _rates(due)
    called = {d for d in due if _called(rng, d, rates[d.segment])}
    # Members in grace on the list but never reached count on the "without a call" side.
    listed = [(d, d in called) for d in due if d in called or rng.random() < IN_GRACE_SHARE / 2]
    _write_calls(session, campaign, listed, rng)
    return len(due)


def _write_calls(
    session: Session, campaign: Campaign, listed: list[tuple[_Due, bool]], rng: random.Random
) -> None:
    """The list's calls: each called member's task and call; the others' tasks, in grace."""
    rows = session.execute(
        select(OutcomeCode.code, OutcomeCode.id).where(OutcomeCode.campaign_id == campaign.id)
    )
    codes = {code: code_id for code, code_id in rows}
    connection = session.connection()
    ids = reserve_ids(connection, CallTask.__table__, len(listed))
    tasks, logs = [], []
    for number, (task_id, (d, called)) in enumerate(zip(ids, listed, strict=True), start=1):
        lead = -10 if not called or rng.random() < IN_GRACE_SHARE else LIST_LEAD
        when = dt.datetime.combine(d.expiry - dt.timedelta(days=lead), dt.time(9))
        outcomes = _AFTER_CALL_RENEWED if d.renewed else _AFTER_CALL_NOT
        code = rng.choices([c for c, _ in outcomes], [w for _, w in outcomes])[0]
        tasks.append(
            {
                "id": task_id,
                "campaign_id": campaign.id,
                "person_id": d.person_id,
                "state": "done" if called else "closed",
                "attempts": int(called),
                "ref": f"C{campaign.id}-{number:05d}",
                "reason": "Renewal due",
                "created_at": when,
                "updated_at": when,
            }
        )
        if not called:
            continue
        called_at = when + dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 7))
        logs.append({"task_id": task_id, "called_at": called_at, "outcome_code_id": codes[code]})
    bulk_insert(connection, CallTask.__table__, tasks)
    bulk_insert(connection, CallLog.__table__, logs)
