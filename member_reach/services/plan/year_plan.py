"""The year's call plan: each coming month's calls against the staff's time.

For each month from today's: the renewals due (by membership type) and the coming events'
outreach (:mod:`.plan_people`), the calls they need at the association's rates and the hours
those take, against the staff's calling time (settings: callers, hours a week each, calls an
hour), and the calls to hand to a call partner where the staff fall short
(:mod:`member_reach.domain.call_plan`). Beside it, the past year's hit rate per conversation by
segment (:mod:`.call_history`), so the director sees which conversations pay.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy.orm import Session

from member_reach.domain.call_plan import (
    Capacity,
    MonthFigures,
    Rates,
    SegmentRate,
    month_figures,
    month_starts,
    rates_from,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.services.plan.call_history import call_history, segment_rates
from member_reach.services.plan.plan_people import EventOutreach, event_outreach, renewals_due

#: The months a plan spans unless asked otherwise, and the most it may.
DEFAULT_MONTHS: Final = 12
MAX_MONTHS: Final = 36


@dataclass(frozen=True)
class PlanMonth:
    """One month of the plan.

    Attributes:
        renewals: the renewals due; ``by_type`` the same by membership type ("" for none).
        outreach: the people the events' outreach calls; ``events`` their names.
        figures: the calls, hours, staff time and the calls to hand over.
    """

    renewals: int
    by_type: dict[str, int]
    outreach: int
    events: tuple[str, ...]
    figures: MonthFigures

    @property
    def month(self) -> dt.date:
        """The month's first day."""
        return self.figures.month


@dataclass(frozen=True)
class YearPlan:
    """The plan: its months, the rates and staff time used, the events, the segments."""

    today: dt.date
    months: list[PlanMonth]
    rates: Rates
    capacity: Capacity
    events: list[EventOutreach] = field(default_factory=list)
    segments: list[SegmentRate] = field(default_factory=list)

    @property
    def partner_months(self) -> list[PlanMonth]:
        """The months where the gap says to bring in a call partner."""
        return [m for m in self.months if m.figures.partner_needed]


def plan_year(session: Session, today: dt.date, months: int = DEFAULT_MONTHS) -> YearPlan:
    """The call plan of ``months`` months from ``today``'s; nothing is written.

    Raises:
        ServiceError: the number of months makes no sense.
    """
    if not 1 <= months <= MAX_MONTHS:
        raise ServiceError(f"A plan spans 1 to {MAX_MONTHS} months, not {months}.")
    starts = month_starts(today, months)
    settings = load_settings(session)
    capacity = Capacity(
        settings.plan_callers, settings.caller_hours_per_week, settings.calls_per_hour
    )
    rates = rates_from(call_history(session, today))
    due = renewals_due(session, today, starts)
    events = event_outreach(session, today, starts)
    plan_months = []
    for start in starts:
        by_type: Counter[str] = due[start]
        coming = [e for e in events if e.month == start]
        renewals = sum(by_type.values())
        outreach = sum(e.people for e in coming)
        plan_months.append(
            PlanMonth(
                renewals=renewals,
                by_type=dict(sorted(by_type.items())),
                outreach=outreach,
                events=tuple(e.name for e in coming),
                figures=month_figures(start, today, renewals + outreach, rates, capacity),
            )
        )
    return YearPlan(today, plan_months, rates, capacity, events, segment_rates(session, today))
