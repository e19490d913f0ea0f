"""Event outreach and prospect lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from member_reach.domain.remedies import Remedy
from member_reach.services.campaigns.campaigns import (
    create_event_campaign,
    create_prospect_campaign,
)
from member_reach.services.campaigns.outreach_campaigns import plan_event_outreach, plan_prospects
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database
from member_reach.store.models import (
    Attendance,
    Event,
    Membership,
    Person,
    PhoneNumber,
)

D = dt.date
TODAY = D(2026, 11, 23)


def person(
    s: object, name: str, *, member: tuple[dt.date, dt.date] | None = None, dnc: bool = False
) -> int:
    p = Person(first_name=name, last_name="X", display_name=name, do_not_call=dnc)
    p.phones.append(PhoneNumber(original="646 555 0100", e164="+16465550100"))
    s.add(p)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    if member is not None:
        s.add(Membership(person_id=p.id, join_date=member[0], term_end=member[1]))  # type: ignore[attr-defined]
    return p.id


@pytest.fixture
def expo(db: Database) -> Database:
    with db.session() as s:
        past = Event(name="Expo 2025", series="Expo", starts_on=D(2025, 5, 1))
        older = Event(name="Expo 2024", series="Expo", starts_on=D(2024, 5, 1))
        coming = Event(name="Expo 2027", series="Expo", starts_on=D(2027, 5, 1))
        lone = Event(name="Gala 2026", series="", starts_on=D(2026, 12, 1))
        s.add_all([past, older, coming, lone])
        s.flush()
        current = (D(2015, 1, 1), D(2027, 6, 30))

        def came(pid: int, event: Event, role: str = "attendee", attended: bool = True) -> None:
            s.add(Attendance(event_id=event.id, person_id=pid, role=role, attended=attended))

        came(person(s, "Sponsor", member=current), past, "sponsor", attended=False)
        came(person(s, "Exhibitor"), past, "exhibitor")
        attendee = person(s, "Attendee", member=current)
        came(attendee, past)
        came(attendee, older)
        came(person(s, "Noshow", member=current), past, attended=False)
        registered = person(s, "Registered", member=current)
        came(registered, past)
        came(registered, coming, attended=False)
        came(person(s, "Dnc", dnc=True), past)
        came(person(s, "Newcomer"), coming, attended=False)  # only registered for what comes
        person(s, "Lapsed", member=(D(2012, 3, 1), D(2025, 6, 30)))
        person(s, "Longgone", member=(D(2001, 3, 1), D(2019, 6, 30)))
        person(s, "Grace", member=(D(2020, 3, 1), D(2026, 11, 10)))
        person(s, "Current", member=current)
    return db


def first_names(selected: list) -> list[str]:  # type: ignore[type-arg]
    return [s.name for s in selected]


def test_event_outreach_calls_past_attendees_not_registered(expo: Database) -> None:
    with expo.session() as s:
        plan = plan_event_outreach(s, TODAY, "expo 2027")
    assert plan.past_events == ["Expo 2025", "Expo 2024"]
    assert first_names(plan.selected) == ["Sponsor", "Exhibitor", "Attendee"]
    counts = plan.excluded_counts()
    assert (counts["already_registered"], counts["do_not_call"]) == (1, 1)
    reasons = {x.name: x.reason for x in plan.selected}
    # Nobody here has an e-mail address on file: the phone is the only way to reach them.
    assert reasons["Sponsor"] == "Sponsor at Expo 2025 · current member · no e-mail on file"
    assert reasons["Exhibitor"] == "Exhibitor at Expo 2025 · no e-mail on file · not a member"
    assert reasons["Attendee"] == "Came to 2 events · current member · no e-mail on file"


def test_event_outreach_errors(expo: Database) -> None:
    with expo.session() as s:
        with pytest.raises(ServiceError, match="no event 'Expo 2030'.*Expo 2025"):
            plan_event_outreach(s, TODAY, "Expo 2030")
        with pytest.raises(
            ServiceError, match="belongs to no series, .*: name the series whose past editions"
        ) as no_series:
            plan_event_outreach(s, TODAY, "Gala 2026")
        assert no_series.value.remedy is Remedy.NAME_PAST_SERIES  # the CLI: --past-series
        by_series = plan_event_outreach(s, TODAY, "Gala 2026", past_series="Expo", capacity=1)
    assert first_names(by_series.selected) == ["Sponsor"] and len(by_series.over_capacity) == 3
    with expo.session() as s:
        chosen = plan_event_outreach(s, TODAY, "Expo 2027", past_events=["Expo 2024"])
    assert chosen.past_events == ["Expo 2024"] and first_names(chosen.selected) == ["Attendee"]


def test_prospects_are_non_members_from_events_and_lapsed_members(expo: Database) -> None:
    with expo.session() as s:
        plan = plan_prospects(s, TODAY)
    assert sorted(first_names(plan.selected)) == ["Exhibitor", "Lapsed"]
    lapsed = next(x for x in plan.selected if x.name == "Lapsed")
    assert lapsed.reason == "No e-mail on file · lapsed Jun 2025 after 13 years"
    assert lapsed.why_selected == "lapsed"
    assert plan.excluded_counts()["do_not_call"] == 1
    with expo.session() as s:
        longer = plan_prospects(s, TODAY, lapsed_years=10)
    assert "Longgone" in first_names(longer.selected)


def test_outreach_campaigns_are_written(expo: Database) -> None:
    with expo.session() as s:
        created, _ = create_event_campaign(s, TODAY, "Expo 2027", capacity=2)
        assert (created.name, created.tasks, created.over_capacity) == (
            "Outreach for Expo 2027",
            2,
            1,
        )
        assert created.excluded["already_registered"] == 1
        prospects, _ = create_prospect_campaign(s, TODAY, name="Win-back winter")
    # The exhibitor is on the event list now: not called for two campaigns at once.
    assert prospects.tasks == 1 and prospects.excluded["on_another_campaign"] == 1


# -- found by review ------------------------------------------------------------------------


def test_a_coming_event_needs_a_date_and_must_be_to_come(expo: Database) -> None:
    with expo.session() as s:
        s.add(Event(name="Expo 2028", series="Expo"))
    with expo.session() as s:
        with pytest.raises(ServiceError, match="has no date"):
            plan_event_outreach(s, TODAY, "Expo 2028")
        assert plan_event_outreach(s, TODAY, "Expo 2028", past_events=["Expo 2025"]).selected
        with pytest.raises(ServiceError, match="took place on 2025-05-01"):
            plan_event_outreach(s, TODAY, "Expo 2025")


def test_a_lifetime_member_is_a_member(expo: Database) -> None:
    from member_reach.store.models import MembershipType

    with expo.session() as s:
        life = MembershipType(name="Life", period_kind="lifetime", term_months=None)
        s.add(life)
        s.flush()
        pid = person(s, "Lifer")
        s.add(Membership(person_id=pid, type_id=life.id, join_date=D(2001, 1, 1)))
        s.add(
            Attendance(
                event_id=s.scalars(select(Event.id).where(Event.name == "Expo 2025")).one(),
                person_id=pid,
                role="attendee",
                attended=True,
            )
        )
    with expo.session() as s:
        plan = plan_event_outreach(s, TODAY, "Expo 2027")
    lifer = next(x for x in plan.selected if x.name == "Lifer")
    assert "current member" in lifer.reason.lower() and "not a member" not in lifer.reason
