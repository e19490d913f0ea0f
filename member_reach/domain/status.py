"""Membership status, derived from dates and never typed in.

The same rule is evaluated in two places: :func:`derive_status` for one membership in Python, and
a SQL ``CASE`` built by the services layer from :func:`status_cutoffs` for whole tables. Both read
the cut-off dates computed here, so they cannot drift apart (a property test checks they agree).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from dateutil.relativedelta import relativedelta


class Status(StrEnum):
    """A membership's status on a given day."""

    NEW = "new"
    CURRENT = "current"
    GRACE = "grace"
    LAPSED = "lapsed"
    LIFETIME = "lifetime"
    UNKNOWN = "unknown"  # a non-lifetime membership whose expiry is not on file


class PeriodKind(StrEnum):
    """How a membership type's terms run."""

    ROLLING = "rolling"  # from joining or the last renewal, e.g. one year
    FIXED = "fixed"  # everyone renews on one calendar day
    LIFETIME = "lifetime"  # never expires


@dataclass(frozen=True)
class StatusRules:
    """The association's status rules."""

    grace_days: int = 30
    new_months: int = 3


@dataclass(frozen=True)
class StatusCutoffs:
    """Dates that split memberships into statuses on one day.

    Attributes:
        today: the day statuses are computed for.
        lapsed_before: a term ending before this day is past its grace period.
        new_after: a member who joined after this day is new.
    """

    today: dt.date
    lapsed_before: dt.date
    new_after: dt.date


def status_cutoffs(
    today: dt.date, rules: StatusRules, grace_days: int | None = None
) -> StatusCutoffs:
    """Return the cut-off dates for ``today``.

    Args:
        today: the day to compute statuses for.
        rules: the association's rules.
        grace_days: a membership type's own grace period, overriding ``rules.grace_days``.
    """
    grace = rules.grace_days if grace_days is None else grace_days
    return StatusCutoffs(
        today=today,
        lapsed_before=today - dt.timedelta(days=grace),
        new_after=today - relativedelta(months=rules.new_months),
    )


def derive_status(
    period_kind: PeriodKind | str | None,
    join_date: dt.date | None,
    term_end: dt.date | None,
    cutoffs: StatusCutoffs,
) -> Status:
    """Return the status of one membership.

    ``term_end`` is the last day the membership covers. A term that ended less than the grace
    period ago is in grace; one that ended earlier is lapsed. A current member who joined within
    the "new" window is new.
    """
    if period_kind == PeriodKind.LIFETIME:
        return Status.LIFETIME
    if term_end is None:
        return Status.UNKNOWN
    if term_end < cutoffs.lapsed_before:
        return Status.LAPSED
    if term_end < cutoffs.today:
        return Status.GRACE
    if join_date is not None and join_date > cutoffs.new_after:
        return Status.NEW
    return Status.CURRENT


# What the status words of AMS exports mean, as derived statuses they agree with.
_ROSTER_WORDS: Final = (
    (re.compile(r"life|honou?r|emerit", re.I), {Status.LIFETIME}),
    (re.compile(r"grace|pending|renewal due|past due|overdue", re.I), {Status.GRACE}),
    (
        re.compile(r"laps|expir|inactive|terminat|cancel|resign|former|dropped|suspend", re.I),
        {Status.LAPSED, Status.GRACE},
    ),
    (
        re.compile(r"\bnew\b|active|current|paid|good standing|member", re.I),
        {Status.NEW, Status.CURRENT, Status.LIFETIME},
    ),
)


def roster_status_disagrees(roster_status: str, derived: Status | str) -> bool:
    """Whether a roster's own status word contradicts the derived status.

    "Active" beside a derived "lapsed" disagrees; a word that is not understood never does.
    """
    text = roster_status.strip()
    if not text or not derived:
        return False
    for pattern, agreeing in _ROSTER_WORDS:
        if pattern.search(text):
            return Status(derived) not in agreeing
    return False
