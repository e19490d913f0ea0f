"""Membership terms: when a term ends, and when renewals fall due.

A term's end is the last day it covers; the member renews on the day after (the anniversary).

* **Rolling** terms run from joining or the last renewal for ``term_months`` (usually 12): a term
  starting 15 March 2026 ends 14 March 2027. Months are added with ``relativedelta``, so a
  term from 29 February ends on 27 February of a common year (its anniversary is 28 February)
  and on 28 February of a leap year.
* **Fixed** terms all start on one calendar day (``renewal_month``/``renewal_day``) and end the
  day before it. A member joining after the rollover day (``rollover_month``/``rollover_day``)
  gets the rest of this period and the whole next one: with 1 January renewals and a 1 October
  rollover, joining 15 October 2026 runs to 31 December 2027.
* **Lifetime** memberships never end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from member_reach.domain.status import PeriodKind

_ONE_DAY = dt.timedelta(days=1)


class TermError(ValueError):
    """A membership type whose terms cannot be worked out; ``str()`` says what to fix."""


@dataclass(frozen=True)
class TermRule:
    """How a membership type's terms run (see the module docstring).

    Attributes:
        kind: rolling, fixed or lifetime.
        term_months: a rolling term's length.
        renewal_month, renewal_day: the day every fixed term starts.
        rollover_month, rollover_day: from this day on, a fixed-term joiner's first term also
            covers the next period.
    """

    kind: PeriodKind = PeriodKind.ROLLING
    term_months: int | None = 12
    renewal_month: int | None = None
    renewal_day: int | None = None
    rollover_month: int | None = None
    rollover_day: int | None = None

    def check(self) -> None:
        """Refuse a rule that cannot give term ends.

        Raises:
            TermError: a rolling rule without a positive length, a fixed rule without a valid
                renewal day, or a rollover day that does not exist.
        """
        if self.kind == PeriodKind.ROLLING and not (self.term_months and self.term_months > 0):
            raise TermError("a rolling membership type needs a term length in months (e.g. 12)")
        if self.kind == PeriodKind.FIXED:
            _calendar_day(self.renewal_month, self.renewal_day, "renewal")
            if (self.rollover_month is None) != (self.rollover_day is None):
                raise TermError("give both the month and the day of the rollover, or neither")
            if self.rollover_month is not None:
                _calendar_day(self.rollover_month, self.rollover_day, "rollover")


def _calendar_day(month: int | None, day: int | None, what: str) -> tuple[int, int]:
    if month is None or day is None or not 1 <= month <= 12:
        raise TermError(f"a fixed membership type needs a {what} month and day (e.g. 1 January)")
    try:
        dt.date(2001, month, day)  # a common year: 29 February is not every year's day
    except ValueError:
        raise TermError(
            f"{day} is not a day of month {month} in every year; choose another {what} day"
        ) from None
    return month, day


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the 31st becomes the month's last day, 29 Feb the 28th."""
    result: dt.date = day + relativedelta(months=months)
    return result


def rolling_term_end(start: dt.date, months: int) -> dt.date:
    """The last day of a rolling term starting on ``start``."""
    return add_months(start, months) - _ONE_DAY


def _period_start(day: dt.date, month: int, dom: int) -> dt.date:
    """The latest fixed-period start (``month``/``dom``) on or before ``day``."""
    this_year = dt.date(day.year, month, dom)
    return this_year if this_year <= day else dt.date(day.year - 1, month, dom)


def fixed_term_end(join: dt.date, rule: TermRule) -> dt.date:
    """The last day of a fixed-term member's first term, joining on ``join``."""
    month, dom = _calendar_day(rule.renewal_month, rule.renewal_day, "renewal")
    start = _period_start(join, month, dom)
    end = dt.date(start.year + 1, month, dom) - _ONE_DAY
    if rule.rollover_month is not None and rule.rollover_day is not None:
        rollover = dt.date(start.year, rule.rollover_month, rule.rollover_day)
        if rollover < start:  # the rollover day falls in the period's second calendar year
            rollover = dt.date(start.year + 1, rule.rollover_month, rule.rollover_day)
        if join >= rollover:
            end = dt.date(start.year + 2, month, dom) - _ONE_DAY
    return end


def term_end(start: dt.date, rule: TermRule) -> dt.date | None:
    """The last day of a term starting (or a membership joined) on ``start``; None for life.

    For a fixed rule a later term (a renewal) starts on the renewal day, so its end is one year
    on; a first term follows the rollover rule.

    Raises:
        TermError: the rule is incomplete (see :meth:`TermRule.check`).
    """
    rule.check()
    if rule.kind == PeriodKind.LIFETIME:
        return None
    if rule.kind == PeriodKind.FIXED:
        return fixed_term_end(start, rule)
    assert rule.term_months is not None
    return rolling_term_end(start, rule.term_months)


def renewal_day(expiry: dt.date) -> dt.date:
    """The day a membership ending on ``expiry`` renews (its anniversary)."""
    return expiry + _ONE_DAY


def anniversaries(anchor: dt.date, start: dt.date, end: dt.date, months: int = 12) -> list[dt.date]:
    """Every anniversary of ``anchor`` (every ``months`` after it) from ``start`` to ``end``.

    Each anniversary is counted from the anchor itself, not from the previous one, so a
    29 February anchor falls on 28 February in common years and on 29 February again in leap
    years. The anchor itself is not an anniversary.

    Args:
        anchor: the join date (join-based rules) or a renewal day (expiry-based rules).
        start: the window's first day.
        end: the window's last day.
        months: the spacing (12 for yearly terms).
    """
    if end < start or months <= 0:
        return []
    # The first step that can reach the window, from the month difference.
    gap = (start.year - anchor.year) * 12 + start.month - anchor.month
    step = max(1, gap // months)
    while step > 1 and add_months(anchor, (step - 1) * months) >= start:
        step -= 1
    found = []
    while (day := add_months(anchor, step * months)) <= end:
        if day >= start:
            found.append(day)
        step += 1
    return found


def expiry_in_window(expiry: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """Whether a membership's expiry (its last covered day) falls in the window."""
    return expiry is not None and start <= expiry <= end
