"""A campaign's successes day by day, split by how they came, against the pace to its goal.

A person counts once, on the first day the campaign counted them a success, and by what came
first: a call logged with a success outcome ("by calls"), or a renewal a roster import detected
and attributed to the campaign ("by renewals"); on the same day the call counts, since the
caller got there. The series runs from the campaign's first day (the day it was created, or its
first call or renewal if earlier) to today, one total per day even before the first success, so
a goal that began this week shows its days, not an empty chart.

The pace is where the successes must stand at the end of each day to reach the goal on the
deadline keeping an even pace: ``target × days gone / days from the first day to the deadline``,
both days counted (so ``target`` on the deadline, as ``Goal.days_left`` counts the days).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DayTotal:
    """The campaign's successes to date at the end of one day, and the pace's.

    Attributes:
        date: the day.
        successes: people counted a success so far (``by_calls + by_renewals``).
        by_calls: of them, those a call logged as a success counted first.
        by_renewals: of them, those a roster's renewal counted first.
        pace: where the successes must stand to reach the goal by the deadline at an even pace
            (rounded to 2 places), None without a goal or a deadline.
    """

    date: dt.date
    successes: int
    by_calls: int
    by_renewals: int
    pace: float | None


@dataclass(frozen=True)
class FirstSuccess:
    """The day a person became a success, and whether a call (not a renewal) made them one."""

    day: dt.date
    by_call: bool


def first_successes(
    successful_calls: Iterable[tuple[int, dt.date]], renewals: Iterable[tuple[int, dt.date]]
) -> dict[int, FirstSuccess]:
    """Per person id, the first success: from ``(person, day)`` of calls and of renewals."""
    first: dict[int, FirstSuccess] = {}
    for person_id, day in successful_calls:
        known = first.get(person_id)
        if known is None or day < known.day:
            first[person_id] = FirstSuccess(day, True)
    for person_id, day in renewals:
        known = first.get(person_id)
        if known is None or day < known.day:  # the same day: the call keeps it
            first[person_id] = FirstSuccess(day, False)
    return first


def pace_on(
    day: dt.date, start: dt.date, deadline: dt.date | None, target: int | None
) -> float | None:
    """Where the successes must stand at the end of ``day`` (see the module docstring)."""
    if not target or deadline is None or deadline < start:
        return None
    days = (deadline - start).days + 1
    gone = min(max((day - start).days + 1, 0), days)
    return round(target * gone / days, 2)


def daily_totals(
    successes: dict[int, FirstSuccess],
    start: dt.date,
    today: dt.date,
    goal: tuple[int | None, dt.date | None],
) -> tuple[DayTotal, ...]:
    """Successes to date, day by day, from ``start`` to today (or the last success, if later).

    Args:
        successes: :func:`first_successes`.
        start: the campaign's first day.
        today: the last day shown.
        goal: the target and the deadline, for the pace.
    """
    target, deadline = goal
    calls = Counter(s.day for s in successes.values() if s.by_call)
    renewals = Counter(s.day for s in successes.values() if not s.by_call)
    end = max([today, *(s.day for s in successes.values())])
    series = []
    by_calls = by_renewals = 0
    day = start
    while day <= end:
        by_calls += calls.get(day, 0)
        by_renewals += renewals.get(day, 0)
        pace = pace_on(day, start, deadline, target)
        series.append(DayTotal(day, by_calls + by_renewals, by_calls, by_renewals, pace))
        day += dt.timedelta(days=1)
    return tuple(series)


def campaign_start(created: dt.date, event_days: Iterable[dt.date], today: dt.date) -> dt.date:
    """The campaign's first day: its creation or its first event, whichever came first.

    Never after ``today``: a campaign written by a clock ahead of ``today`` starts today.
    """
    return min([created, *event_days, today])
