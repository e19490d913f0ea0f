"""The year's call plan in figures: the calls a month needs, the hours they take, the gap.

Each coming month has people to call (renewals due, event outreach). At the association's
rates, a conversation takes ``calls_per_conversation`` calls (the unanswered ones included), and
a success takes ``conversations_per_success`` conversations. A month needs a conversation with
each person::

    calls needed      = ceil(people × calls per conversation)
    hours needed      = calls needed ÷ calls per hour
    staff hours       = callers × hours a week × days in the month ÷ 7
    staff calls       = floor(staff hours × calls per hour)
    calls to hand over = calls needed − staff calls, when more than zero (bring in a partner)
    successes expected = people ÷ conversations per success (a conversation with each)

The first month counts from today (its remaining days), the others whole.

The rates come from the calls logged in the past year once there are enough of them
(:data:`MIN_CALLS` calls for calls per conversation, :data:`MIN_SUCCESSES` successes for
conversations per success); until then the stated defaults are used, and the plan says which.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from typing import Final

#: A third of calls reach someone: an answered call in three is usual for member calls.
DEFAULT_CALLS_PER_CONVERSATION: Final = 3.0
#: One conversation in four ends in a renewal or a registration.
DEFAULT_CONVERSATIONS_PER_SUCCESS: Final = 4.0
#: Calls logged in the past year before calls per conversation is the association's own.
MIN_CALLS: Final = 20
#: Successes logged in the past year before conversations per success is the association's own.
MIN_SUCCESSES: Final = 5


@dataclass(frozen=True)
class History:
    """The calls logged in the past year: calls, conversations (answered), successes."""

    calls: int = 0
    conversations: int = 0
    successes: int = 0


@dataclass(frozen=True)
class Rates:
    """The rates the plan uses, and whether each is the association's own or the default.

    Attributes:
        calls_per_conversation: calls made for one conversation.
        conversations_per_success: conversations held for one success.
        observed_calls: calls per conversation comes from the history (else the default).
        observed_successes: conversations per success comes from the history (else the default).
        history: what the observed rates were worked out from.
    """

    calls_per_conversation: float
    conversations_per_success: float
    observed_calls: bool
    observed_successes: bool
    history: History


def rates_from(history: History) -> Rates:
    """The plan's rates: the association's own where the history suffices, else the defaults."""
    own_calls = history.calls >= MIN_CALLS and history.conversations > 0
    # Successes without as many conversations (an outcome code counted a success though nobody
    # answered) give no usable rate: the default, never a division by nothing.
    own_successes = MIN_SUCCESSES <= history.successes <= history.conversations
    return Rates(
        calls_per_conversation=round(history.calls / history.conversations, 2)
        if own_calls
        else DEFAULT_CALLS_PER_CONVERSATION,
        conversations_per_success=round(history.conversations / history.successes, 2)
        if own_successes
        else DEFAULT_CONVERSATIONS_PER_SUCCESS,
        observed_calls=own_calls,
        observed_successes=own_successes,
        history=history,
    )


@dataclass(frozen=True)
class Capacity:
    """The staff's calling time: callers, each calling ``hours_per_week``, ``calls_per_hour``."""

    callers: int
    hours_per_week: int
    calls_per_hour: int


@dataclass(frozen=True)
class MonthFigures:
    """One month of the plan, in figures.

    Attributes:
        month: its first day.
        first_day, last_day: the days it counts (the first month from today).
        people: people to call (renewals and outreach).
        calls_needed, hours_needed: for a conversation with each.
        staff_hours, staff_calls: what the staff can make in those days.
        hand_over: calls beyond the staff's (0: the staff suffice).
        successes_expected: at the rates, from a conversation with each.
    """

    month: dt.date
    first_day: dt.date
    last_day: dt.date
    people: int
    calls_needed: int
    hours_needed: float
    staff_hours: float
    staff_calls: int
    hand_over: int
    successes_expected: float

    @property
    def partner_needed(self) -> bool:
        """Whether the gap says to bring in a call partner this month."""
        return self.hand_over > 0


def month_starts(today: dt.date, count: int) -> list[dt.date]:
    """The first days of ``count`` months from ``today``'s month."""
    starts = []
    year, month = today.year, today.month
    for _ in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return starts


def month_end(start: dt.date) -> dt.date:
    """The last day of ``start``'s month."""
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def month_figures(
    month: dt.date, today: dt.date, people: int, rates: Rates, capacity: Capacity
) -> MonthFigures:
    """The figures of ``month`` for ``people`` to call (see the module's formulas)."""
    first, last = max(month, today), month_end(month)
    days = (last - first).days + 1
    # Rounded first: 2.5 × 3 is 7.500000001 in binary, not 8 calls.
    calls = math.ceil(round(people * rates.calls_per_conversation, 6))
    per_hour = capacity.calls_per_hour
    staff_hours = capacity.callers * capacity.hours_per_week * days / 7
    staff_calls = math.floor(round(staff_hours * per_hour, 6))
    return MonthFigures(
        month=month,
        first_day=first,
        last_day=last,
        people=people,
        calls_needed=calls,
        hours_needed=round(calls / per_hour, 1) if per_hour else 0.0,
        staff_hours=round(staff_hours, 1),
        staff_calls=staff_calls,
        hand_over=max(0, calls - staff_calls),
        successes_expected=round(people / rates.conversations_per_success, 1),
    )


@dataclass(frozen=True)
class SegmentRate:
    """The past year's conversations with one segment, and how many were successes."""

    segment: str
    conversations: int
    successes: int

    @property
    def rate(self) -> float | None:
        """Successes per conversation (None without a conversation)."""
        return round(self.successes / self.conversations, 4) if self.conversations else None
