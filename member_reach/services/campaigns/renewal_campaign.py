"""The renewal call list: who renews in a window, who is in grace, minus who must not be called.

Selected: members whose expiry falls in the window, plus members in grace (expired less than
the grace days ago); optionally, win-back of lapsed members whose join anniversary falls in the
window and who lapsed at most N years ago. Lifetime members never expire and are never selected.

Excluded, each counted by reason and listable: do-not-call; no usable phone (none with a
certain number); deceased or archived; contacted within the cool-down days; an open task on
another active campaign (nobody is called for two campaigns at once). Members who renewed
already (a detected renewal moved their expiry beyond the window) are counted too.

The rest is ranked by what calls changed in this association's history
(:mod:`.learned_ranking`), or by the fixed weights of :mod:`member_reach.domain.scoring` while the
history is too small, and cut to the capacity; people beyond it
are reported as over capacity, never silently lost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.scoring import Candidate
from member_reach.domain.status import PeriodKind
from member_reach.domain.terms import add_months, anniversaries
from member_reach.domain.uplift_model import UpliftModel
from member_reach.services.campaigns.call_lists import (
    EXCLUSIONS,
    CandidateRow,
    Selected,
    candidate_rows,
    emails_and_ids,
    events_attended,
    exclusion,
)
from member_reach.services.campaigns.learned_ranking import event_days, learned_model, rank_member
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.store.models import DetectedRenewal, Membership, MembershipType

#: Counted beside the exclusions: members the window would have held, renewed already.
ALREADY_RENEWED: Final = "already_renewed"


@dataclass(frozen=True)
class RenewalOptions:
    """What the director asked for.

    Attributes:
        start, end: the window: members whose expiry falls in it (both days included).
        grace_days: how long after expiry a member is in grace (default: the setting).
        capacity: keep this many of the highest priority (None: everybody).
        win_back_years: also call lapsed members whose join anniversary falls in the window
            and who lapsed at most this many years ago (None: no win-back).
        cooldown_days: nobody contacted this recently is called (default: the setting).
    """

    start: dt.date
    end: dt.date
    grace_days: int | None = None
    capacity: int | None = None
    win_back_years: int | None = None
    cooldown_days: int | None = None


@dataclass
class RenewalPlan:
    """A renewal list before it is written: the ranked people, and who was left out and why."""

    options: RenewalOptions
    today: dt.date
    grace_days: int
    selected: list[Selected] = field(default_factory=list)
    over_capacity: list[Selected] = field(default_factory=list)
    excluded: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    model: UpliftModel | None = None  # what ranked the list (not ready: the fixed weights)

    def excluded_counts(self) -> dict[str, int]:
        """A count per exclusion reason (every reason listed, zero included)."""
        reasons = (*EXCLUSIONS, ALREADY_RENEWED)
        return {reason: len(self.excluded.get(reason, [])) for reason in reasons}


def _check(options: RenewalOptions) -> None:
    if options.end < options.start:
        raise ServiceError(
            f"The window ends ({options.end}) before it starts ({options.start}): swap the dates."
        )
    if options.capacity is not None and options.capacity < 0:
        raise ServiceError("The capacity cannot be negative.")
    for name, value in (
        ("grace days", options.grace_days),
        ("win-back years", options.win_back_years),
    ):
        if value is not None and value < 0:
            raise ServiceError(f"The {name} cannot be negative.")


def lapsed_within(row: CandidateRow, today: dt.date, grace: int, years: int) -> bool:
    """Whether a member lapsed past their grace, at most ``years`` before the grace ran out."""
    if row.expiry is None:
        return False
    lapsed_before = today - dt.timedelta(days=row.grace(grace))
    oldest: dt.date = lapsed_before - relativedelta(years=years)
    return oldest <= row.expiry < lapsed_before


def _win_back(
    session: Session, options: RenewalOptions, today: dt.date, grace: int
) -> list[CandidateRow]:
    years = options.win_back_years or 0
    widest = today - dt.timedelta(days=widest_grace(session, grace)) - relativedelta(years=years)
    rows = candidate_rows(
        session,
        and_(
            Membership.term_end < today,
            Membership.term_end >= widest,
            Membership.join_date.is_not(None),
        ),
    )
    chosen = []
    for row in rows:
        assert row.join_date is not None
        in_reach = lapsed_within(row, today, grace, years)
        if in_reach and anniversaries(row.join_date, options.start, options.end):
            row.why = "win-back"
            chosen.append(row)
    return chosen


def widest_grace(session: Session, grace: int) -> int:
    """The longest grace any membership type gives (for a first, wide SQL selection)."""
    longest = session.scalar(select(func.max(MembershipType.grace_days)))
    return max(grace, longest or 0)


def _already_renewed(session: Session, options: RenewalOptions) -> list[int]:
    statement = (
        select(DetectedRenewal.person_id)
        .join(Membership, Membership.person_id == DetectedRenewal.person_id)
        .where(
            DetectedRenewal.old_term_end.between(options.start, options.end),
            Membership.term_end > options.end,
        )
        .distinct()
    )
    return list(session.connection().execute(statement).scalars())


def renewal_days(row: CandidateRow, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days a member without an expiry on file renews in the window.

    Every term length from joining (rolling types), or the type's renewal day (fixed types).
    """
    if row.kind == PeriodKind.FIXED and row.renewal_month and row.renewal_day:
        days = []
        for year in range(start.year, end.year + 1):
            try:
                day = dt.date(year, row.renewal_month, row.renewal_day)
            except ValueError:
                continue
            if start <= day <= end:
                days.append(day)
        return days
    assert row.join_date is not None
    return anniversaries(row.join_date, start, end, row.term_months or 12)


def _join_anniversaries(session: Session, options: RenewalOptions) -> list[CandidateRow]:
    """Members with no expiry on file whose renewal falls in the window.

    Their renewal is due on the join anniversary (rolling types: every ``term_months`` from
    joining) or on the type's renewal day (fixed types); they count as expiring the day before.
    """
    rows = candidate_rows(
        session, and_(Membership.term_end.is_(None), Membership.join_date.is_not(None))
    )
    due = []
    for row in rows:
        found = renewal_days(row, options.start, options.end)
        if found:
            row.expiry = found[0] - dt.timedelta(days=1)
            row.why = "anniversary"
            due.append(row)
    return due


def _due_or_in_grace(
    row: CandidateRow, today: dt.date, grace: int, fixed_grace: bool, options: RenewalOptions
) -> bool:
    """Keep a member still within grace (a window reaching into the past holds lapsed ones)."""
    assert row.expiry is not None
    days = grace if fixed_grace else row.grace(grace)
    if row.expiry < today - dt.timedelta(days=days):
        return False  # lapsed: only a win-back calls them
    if row.expiry < today and not options.start <= row.expiry <= options.end:
        row.why = "grace"
    return True


def plan_renewals(session: Session, today: dt.date, options: RenewalOptions) -> RenewalPlan:
    """Select, exclude, rank and cut a renewal list; nothing is written.

    Raises:
        ServiceError: the window or the numbers make no sense.
    """
    _check(options)
    settings = load_settings(session)
    grace = settings.grace_days if options.grace_days is None else options.grace_days
    cooldown = (
        settings.contact_cooldown_days if options.cooldown_days is None else options.cooldown_days
    )
    plan = RenewalPlan(options, today, grace)
    fixed_grace = options.grace_days is not None  # --grace-days overrides the types' own
    widest = grace if fixed_grace else widest_grace(session, grace)
    rows = candidate_rows(
        session,
        or_(
            Membership.term_end.between(options.start, options.end),
            and_(
                Membership.term_end >= today - dt.timedelta(days=widest),
                Membership.term_end < today,
            ),
        ),
    )
    rows = [r for r in rows if _due_or_in_grace(r, today, grace, fixed_grace, options)]
    rows += _join_anniversaries(session, options)
    if options.win_back_years is not None:
        seen = {r.person_id for r in rows}
        back = _win_back(session, options, today, grace)
        rows += [r for r in back if r.person_id not in seen]
    plan.excluded[ALREADY_RENEWED] = _already_renewed(session, options)
    kept = []
    for row in rows:
        reason = exclusion(row, today, cooldown)
        if reason:
            plan.excluded[reason].append(row.person_id)
        else:
            kept.append(row)
    plan.model = learned_model(session, today)
    ranked = _rank(session, kept, today, options, plan.model)
    cut = len(ranked) if options.capacity is None else options.capacity
    plan.selected, plan.over_capacity = ranked[:cut], ranked[cut:]
    return plan


def _rank(
    session: Session,
    rows: list[CandidateRow],
    today: dt.date,
    options: RenewalOptions,
    model: UpliftModel,
) -> list[Selected]:
    ids = [r.person_id for r in rows]
    events = events_attended(session, ids)
    days = event_days(session, ids) if model.ready else {}
    emails, external = emails_and_ids(session, ids)
    selected = []
    for row in rows:
        months = row.term_months or 12
        first_term = (
            row.join_date is not None
            and row.expiry is not None
            and row.join_date > add_months(row.expiry, -months)
        )
        candidate = Candidate(
            expiry=row.expiry,
            join_date=row.join_date,
            dues=row.dues,
            events=tuple(events.get(row.person_id, ())),
            has_email=row.has_email,
            positive_outcomes=row.positive,
            first_term=first_term,
            win_back=row.why == "win-back",
        )
        window = (options.start, options.end)
        ranked = rank_member(model, candidate, days.get(row.person_id, ()), today, window)
        reason = ranked.reason
        selected.append(
            Selected(
                row.person_id,
                row.name,
                external.get(row.person_id, ""),
                emails.get(row.person_id, ""),
                row.expiry,
                ranked.priority,
                reason,
                row.why,
            )
        )
    selected.sort(key=lambda s: (-s.priority, s.expiry or dt.date.max, s.person_id))
    return selected
