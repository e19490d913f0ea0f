"""The member card and changes made on it by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.members.member_card import edit_contact, member_card
from member_reach.store.database import Database
from member_reach.store.models import Attendance, Event, Person, PersonEdit, PhoneNumber

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 15, 0)  # UTC: 10:00 in New York


def ada(db: Database) -> int:
    with db.session() as s:
        return s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()


def test_the_card_has_what_a_caller_needs(campaign_db: Database) -> None:
    person_id = ada(campaign_db)
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, "M-001")
        log_call(s, campaign, task, find_code(s, campaign, "callback"), NOW, caller="Jo",
                 notes="call after the board meeting",
                 callback_at=NOW + dt.timedelta(days=2))  # fmt: skip
        expo = Event(name="Expo 2025", starts_on=dt.date(2025, 3, 1))
        s.add(Attendance(event=expo, person_id=person_id, role="speaker", attended=True))
    with campaign_db.session() as s:
        card = member_card(s, person_id, TODAY, NOW)
    assert (card.name, card.organisation, card.external_ids) == (
        "Ada Lovelace",
        "Analytical Engines",
        ("M-001",),
    )
    assert card.emails == ("ada@example.org",)
    [phone] = card.phones
    assert phone.number == "+1 646-555-0101"
    assert (phone.local_time, phone.zone) == ("10:00", "America/New_York")
    assert phone.callable_now  # 10:00 is within the default 08:00-21:00
    assert (card.status, card.expiry, card.member_since) == (
        "current",
        dt.date(2027, 1, 31),
        dt.date(2015, 1, 15),
    )
    assert card.tenure == "11 years, 10 months" and card.membership_type == "Individual"
    assert card.events == (("Expo 2025", dt.date(2025, 3, 1), "speaker", True),)
    [call] = card.calls
    assert (call.caller, call.campaign, call.notes) == (
        "Jo",
        "Winter renewals",
        "call after the board meeting",
    )
    assert call.outcome == "Asked to be called back"
    [open_task] = card.open_tasks
    assert open_task.campaign == "Winter renewals" and open_task.state == "open"
    with campaign_db.session() as s, pytest.raises(ServiceError, match="no member number 999999"):
        member_card(s, 999_999, TODAY, NOW)


def test_changes_are_recorded_with_who_and_when_and_nothing_is_lost(
    campaign_db: Database,
) -> None:
    person_id = ada(campaign_db)
    with campaign_db.session() as s:
        changed = edit_contact(
            s,
            person_id,
            {
                "phone": "(212) 555-0199",
                "email": "Ada@Engines.example",
                "do_not_call": True,
                "job_title": "  Countess  ",
                "last_name": "Lovelace",  # unchanged: not recorded
            },
            "Maya",
            NOW,
        )
    assert changed == ["job_title", "email", "phone", "do_not_call"]
    with campaign_db.session() as s:
        card = member_card(s, person_id, TODAY, NOW)
        numbers = s.scalars(
            select(PhoneNumber.e164).where(PhoneNumber.person_id == person_id)
        ).all()
    assert card.emails == ("Ada@engines.example", "ada@example.org")  # the old one kept
    assert card.phones[0].number == "+1 212-555-0199" and card.phones[0].primary
    assert sorted(numbers) == ["+12125550199", "+16465550101"]
    assert card.do_not_call and card.job_title == "Countess"
    assert card.open_tasks == ()  # not to be called: the renewal call is closed
    edits = {e.field: (e.before, e.after, e.edited_by, e.edited_at) for e in card.edits}
    assert edits["do_not_call"] == ("no", "yes", "Maya", NOW)
    assert edits["phone"][:2] == ("+1 646-555-0101", "+1 212-555-0199")
    assert edits["email"][:2] == ("ada@example.org", "Ada@engines.example")
    with campaign_db.session() as s:  # the same again changes nothing
        assert edit_contact(s, person_id, {"phone": "+1 212 555 0199"}, "Maya", NOW) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "555"}, "'555' is not a phone number member_reach can dial"),
        ({"email": "ada@"}, "not a valid e-mail address"),
        ({"expiry": "2030-01-01"}, "cannot be changed here: expiry"),
        ({"first_name": "", "last_name": " ", "organisation": ""}, "needs a first name"),
    ],
)
def test_a_bad_change_is_refused_and_nothing_is_written(
    campaign_db: Database, changes: dict[str, object], message: str
) -> None:
    person_id = ada(campaign_db)
    with pytest.raises(ServiceError, match=message), campaign_db.session() as s:
        edit_contact(s, person_id, {"job_title": "Countess", **changes}, "Maya", NOW)
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(PersonEdit)) == 0
        assert s.get(Person, person_id).job_title == ""
