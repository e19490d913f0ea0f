"""The demo association's events: three editions of the annual conference, and who came.

Two past editions and the coming one, whose registrations grow as it nears. Regulars come to
most editions; organisations exhibit and sponsor; event-only contacts came to the editions
planned for them.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from member_reach.services.demo import demo_data as data
from member_reach.services.demo.demo_members import Planned, Row, days


def _conference_start(year: int) -> dt.date:
    """The annual conference opens on the second Tuesday of May."""
    day = dt.date(year, 5, 8)
    return day + days((1 - day.weekday()) % 7)


def plan_events(today: dt.date) -> list[Row]:
    """Two past editions and the coming one (it starts after ``today``)."""
    coming = today.year if today < _conference_start(today.year) else today.year + 1
    events = []
    for year in (coming - 2, coming - 1, coming):
        start, series = _conference_start(year), data.EVENT_SERIES
        location = data.EVENT_LOCATIONS[year % len(data.EVENT_LOCATIONS)]
        events.append(
            dict(
                name=f"{series} {year}",
                series=series,
                starts_on=start,
                ends_on=start + days(2),
                location=location,
            )
        )
    return events


def _visit(edition: int, role: str, registered: dt.date, came: bool) -> Row:
    return dict(
        event_id=edition,
        role=role,
        registered_on=registered,
        attended=came,
        source=data.EVENT_SOURCE,
    )


def _past_visits(rng: random.Random, p: Planned, edition: int, start: dt.date) -> list[Row]:
    """How one person took part in a past edition, if they did."""
    registered = start - days(int(rng.triangular(1, 150, 20)))
    if p.person["is_organisation"]:
        dues = p.membership["dues"] if p.membership else Decimal(0)
        visits: list[Row] = []
        if rng.random() < (0.3 if p.membership else 0.6):
            visits.append(_visit(edition, "exhibitor", registered, True))
        if rng.random() < (0.3 if dues >= 1500 else 0.03 if dues else 0.1):
            visits.append(_visit(edition, "sponsor", registered, True))
        return visits
    if p.membership is None:
        came = edition in p.editions
    else:
        came = rng.random() < (0.55 if p.regular else 0.05)
    if not came:
        return []
    if p.regular and rng.random() < 0.04:
        return [_visit(edition, "speaker", registered, True)]
    return [_visit(edition, "attendee", registered, rng.random() > 0.06)]  # a few no-shows


def _registration(
    rng: random.Random, p: Planned, today: dt.date, opened: dt.date, start: dt.date
) -> list[Row]:
    """Whether one person registered yet for the coming edition: more do as it nears."""
    span = max((today - opened).days, 0)
    share = min(1.0, max(0.25, span / max((start - opened).days, 1)))
    if p.membership is None and not p.person["is_organisation"]:
        chance = 0.25 if p.editions else 0.02
    else:
        lapsed = p.membership is not None and p.membership["roster_status"] == "Lapsed"
        chance = (0.55 if p.regular else 0.04) * (0.3 if lapsed else 1.0)
    if rng.random() >= chance * share:
        return []
    role = "attendee"
    if p.person["is_organisation"]:
        role = rng.choices(("exhibitor", "sponsor"), (75, 25))[0]
    return [_visit(2, role, today - days(rng.randint(0, span)), False)]


def plan_visits(
    rng: random.Random, planned: list[Planned], events: list[Row], today: dt.date
) -> None:
    """Add each person's visits: to the past editions, and a registration for the coming one.

    ``events`` are the editions as :func:`plan_events` gives them.
    """
    opened = events[1]["ends_on"] + days(1)  # registration opens as the last edition closes
    for p in planned:
        p.visits += _past_visits(rng, p, 0, events[0]["starts_on"])
        p.visits += _past_visits(rng, p, 1, events[1]["starts_on"])
        p.visits += _registration(rng, p, today, opened, events[2]["starts_on"])


__all__ = ["plan_events", "plan_visits"]
