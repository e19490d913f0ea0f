"""Phones' display form and time zones, worked out once and kept, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.phone_facts import ShownPhone, phones_of
from member_reach.services.exchange.exchange_export import open_calls
from member_reach.store.database import Database
from member_reach.store.models import Person, PhoneNumber

NOW = dt.datetime(2026, 11, 23, 15, 0)


def _person_with_phones(db: Database) -> int:
    with db.session() as s:
        person = Person(first_name="Mary", last_name="Somerville", display_name="Mary Somerville")
        s.add(person)
        s.flush()
        s.add_all(
            [
                PhoneNumber(person_id=person.id, original="call the office", e164=None),
                PhoneNumber(person_id=person.id, original="020 7946 0000", e164="+442079460000"),
                PhoneNumber(
                    person_id=person.id,
                    original="646 555 0175",
                    e164="+16465550175",
                    is_primary=True,
                ),  # fmt: skip
            ]
        )
        return person.id


def _kept(db: Database, person_id: int) -> list[tuple[str | None, str | None]]:
    with db.session() as s:
        return [
            (display, zones)
            for display, zones in s.execute(
                select(PhoneNumber.display, PhoneNumber.zones)
                .where(PhoneNumber.person_id == person_id)
                .order_by(PhoneNumber.id)
            )
        ]


def test_worked_out_once_then_read(db: Database) -> None:
    person_id = _person_with_phones(db)
    assert _kept(db, person_id) == [(None, None)] * 3
    with db.session() as s:
        assert phones_of(s, [person_id], keep=False)[person_id][0].display == "+1 646-555-0175"
    assert _kept(db, person_id) == [(None, None)] * 3  # keep=False writes nothing
    with db.session() as s:
        shown = phones_of(s, [person_id])[person_id]
    assert shown == [  # the primary first, then in the order they came
        ShownPhone("+16465550175", "+1 646-555-0175", ("America/New_York",)),
        ShownPhone(None, "call the office", ()),
        ShownPhone("+442079460000", "+44 20 7946 0000", ("Europe/London",)),
    ]
    assert _kept(db, person_id) == [
        (None, None),  # no E.164: nothing to work out
        ("+44 20 7946 0000", "Europe/London"),
        ("+1 646-555-0175", "America/New_York"),
    ]
    # What is kept is what is read next time: nothing is worked out again.
    with db.session() as s:
        s.execute(
            update(PhoneNumber)
            .where(PhoneNumber.e164 == "+16465550175")
            .values(display="kept form", zones="America/Chicago America/Denver")
        )
    with db.session() as s:
        first = phones_of(s, select(Person.id).where(Person.id == person_id))[person_id][0]
    assert (first.display, first.zones) == ("kept form", ("America/Chicago", "America/Denver"))


def test_a_new_campaign_works_out_its_calls_phones(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        people = open_calls(campaign.id).with_only_columns(Person.id).order_by(None)
        missing = s.scalars(
            select(PhoneNumber.e164).where(
                PhoneNumber.person_id.in_(people),
                PhoneNumber.e164.is_not(None),
                PhoneNumber.display.is_(None),
            )
        ).all()
        kept = s.scalars(
            select(PhoneNumber.display).where(
                PhoneNumber.person_id.in_(people), PhoneNumber.display.is_not(None)
            )
        ).all()
    assert missing == [] and "+1 646-555-0101" in kept


def test_a_toll_free_number_keeps_all_its_zones(db: Database) -> None:
    """A US toll-free number may ring in 42 zones: all are kept (on PostgreSQL too)."""
    with db.session() as s:
        person = Person(display_name="Helpline")
        s.add(person)
        s.flush()
        s.add(PhoneNumber(person_id=person.id, original="1-800-555-0100", e164="+18005550100"))
        person_id = person.id
    with db.session() as s:
        [shown] = phones_of(s, [person_id])[person_id]
    [(display, zones)] = _kept(db, person_id)
    assert display == "+1 800-555-0100" and len(zones or "") > 255
    assert shown.zones == tuple((zones or "").split()) and "America/New_York" in shown.zones


def test_the_campaign_page_only_reads(campaign_db: Database) -> None:
    """Listing a campaign's calls writes nothing, even for numbers not worked out yet."""
    from member_reach.services.campaigns.campaign_detail import campaign_tasks

    with campaign_db.session() as s:
        s.execute(update(PhoneNumber).values(display=None, zones=None))
    with campaign_db.session() as s:
        tasks = campaign_tasks(s, find_campaign(s, "Winter renewals"), NOW)
        assert not s.dirty and not s.new
    with campaign_db.session() as s:
        kept = s.scalars(select(PhoneNumber.display).where(PhoneNumber.display.is_not(None))).all()
    assert kept == [] and {t.time_zone for t in tasks} >= {"America/New_York"}
