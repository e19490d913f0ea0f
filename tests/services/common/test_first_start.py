"""A database is new while it holds nobody and no campaign, on SQLite and PostgreSQL."""

from __future__ import annotations

from member_reach.services.common.first_start import holds_nothing
from member_reach.store.database import Database
from member_reach.store.models import Campaign, Person


def test_a_new_database_holds_nothing(db: Database) -> None:
    with db.session() as s:
        assert holds_nothing(s)


def test_one_person_is_something(db: Database) -> None:
    with db.session() as s:
        s.add(Person(first_name="Ada", last_name="Lovelace", display_name="Ada Lovelace"))
    with db.session() as s:
        assert not holds_nothing(s)


def test_a_campaign_without_people_is_something(db: Database) -> None:
    with db.session() as s:
        s.add(Campaign(name="Spring prospects", kind="prospect"))
    with db.session() as s:
        assert not holds_nothing(s)
