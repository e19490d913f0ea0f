"""The demo's coming conference and the event campaign that fills it.

A two-day Leadership Summit opens a few weeks after ``today``; registration opened six weeks
before ``today`` and some of the Annual Conference's regulars have registered already. A week
before ``today`` the director built an event-outreach campaign for it through the same
:func:`create_campaign` the New campaign dialog uses (past Annual Conference attendees who have
not registered yet, sponsors and exhibitors first), and the events coordinator has called a
few a day since. With the renewal campaign that makes two active campaigns on the dashboard.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_builder import CampaignRequest, create_campaign
from member_reach.services.campaigns.campaigns import Brief
from member_reach.services.demo import demo_data as data
from member_reach.services.demo.demo_campaign import DemoCampaign, Staff, backdate, work_the_days
from member_reach.store.models import Attendance, Campaign, Event

SERIES = "Leadership Summit"
#: Days from ``today`` to the summit's first day (moved on to a Thursday).
WEEKS_AWAY = 3
#: Days before ``today`` the campaign began.
DAYS_IN = 7
#: Share of the Annual Conference's past guests who registered for the summit already.
REGISTERED = 0.12
COORDINATOR = Staff(
    callers=("Jordan Blake",),
    calls_a_day=4,
    outcomes=(
        ("registered", 22),
        ("sponsor", 3),
        ("promised", 14),
        ("interested", 5),
        ("no_answer", 28),
        ("voicemail", 12),
        ("callback", 6),
        ("declined", 10),
    ),
    notes={
        "registered": "Registered on the call; two-day pass.",
        "sponsor": "Will take a table at the exhibition.",
        "promised": "Will register once the diary is clear.",
        "callback": "Checking dates with their manager.",
        "declined": "Cannot travel this winter.",
        "interested": "Asks about speaking on the panel.",
    },
)


def summit_day(today: dt.date) -> dt.date:
    """The summit's first day: the first Thursday :data:`WEEKS_AWAY` weeks after ``today``."""
    day = today + dt.timedelta(weeks=WEEKS_AWAY)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def _add_summit(session: Session, today: dt.date, rng: random.Random) -> Event:
    """Write the summit and the registrations it has on ``today``."""
    start = summit_day(today)
    summit = Event(
        name=f"{SERIES} {start.year}",
        series=SERIES,
        starts_on=start,
        ends_on=start + dt.timedelta(days=1),
        location=data.EVENT_LOCATIONS[start.year % len(data.EVENT_LOCATIONS)],
    )
    session.add(summit)
    session.flush()
    guests = session.scalars(
        select(Attendance.person_id)
        .join(Event, Event.id == Attendance.event_id)
        .where(Event.series == data.EVENT_SERIES, Event.starts_on <= today)
        .distinct()
        .order_by(Attendance.person_id)
    ).all()
    opened = today - dt.timedelta(weeks=6)
    rows = [
        dict(
            event_id=summit.id,
            person_id=person,
            role="attendee",
            registered_on=opened + dt.timedelta(days=rng.randint(0, (today - opened).days)),
            attended=False,
            source=data.EVENT_SOURCE,
        )
        for person in guests
        if rng.random() < REGISTERED
    ]
    session.execute(insert(Attendance), rows)
    return summit


def _brief(summit: Event) -> Brief:
    return Brief(
        goal_count=40,
        deadline=summit.starts_on - dt.timedelta(days=1) if summit.starts_on else None,
        why_it_matters=(
            "A full summit pays for itself and brings next year's committee chairs together."
        ),
        talking_points=(
            "Remind them of last year's conference and who they met there.\n"
            "The early rate ends a week before the summit.\n"
            "Sponsors and exhibitors: tables by the main hall are still free."
        ),
        faq="Is there a virtual ticket? Yes, for the keynotes only.",
        handoff_owner="Maria Lopez",
    )


def start_summit_campaign(session: Session, today: dt.date, *, seed: int = 2026) -> DemoCampaign:
    """Write the summit, its registrations, its outreach campaign and the calls logged since."""
    rng = random.Random(seed + 2)
    summit = _add_summit(session, today, rng)
    begun = today - dt.timedelta(days=DAYS_IN)
    request = CampaignRequest(
        kind="event",
        event=summit.name,
        past_series=data.EVENT_SERIES,
        capacity=150,
        brief=_brief(summit),
    )
    created = create_campaign(session, begun, request)
    campaign = session.get_one(Campaign, created.campaign_id)
    backdate(session, campaign, dt.datetime.combine(begun, dt.time(10, 0)))
    logged = work_the_days(session, campaign, COORDINATOR, (begun, today), rng, {})
    session.flush()
    return DemoCampaign(campaign.id, campaign.name, created.tasks, logged)


__all__ = ["SERIES", "start_summit_campaign", "summit_day"]
