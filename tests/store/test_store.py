"""Opening, creating, refusing and backing up databases, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm.exc import StaleDataError

from member_reach.domain.remedies import Remedy
from member_reach.store.backup import backup_database
from member_reach.store.database import Database, open_database, to_url
from member_reach.store.errors import NewerSchemaError, OlderSchemaError, StoreError
from member_reach.store.migrate import head_revision
from member_reach.store.models import (
    CallTask,
    Campaign,
    EmailAddress,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)


def add_member(db: Database, first: str, last: str, term_end: dt.date | None) -> int:
    with db.session() as s:
        kind = s.scalar(select(MembershipType).where(MembershipType.name == "Individual"))
        if kind is None:
            kind = MembershipType(name="Individual", period_kind="rolling", term_months=12)
            s.add(kind)
        person = Person(first_name=first, last_name=last)
        person.emails.append(
            EmailAddress(address=f"{first}@example.org", address_key=f"{first}@example.org".lower())
        )
        person.phones.append(PhoneNumber(original="(646) 555-0175", e164="+16465550175"))
        person.membership = Membership(type=kind, join_date=dt.date(2020, 5, 1), term_end=term_end)
        s.add(person)
        s.flush()
        return person.id


def test_fresh_database_is_at_head(db: Database) -> None:
    with db.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert revision == head_revision()
    assert db.created is (db.is_sqlite)


def test_reopening_changes_nothing(db: Database) -> None:
    person_id = add_member(db, "Ada", "Lovelace", dt.date(2027, 1, 31))
    again = open_database(db.url)
    try:
        assert again.created is False
        assert again.upgraded_from is None
        with again.session() as s:
            assert s.get(Person, person_id) is not None
    finally:
        again.close()


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Person(first_name="Ghost"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalars(select(Person)).all() == []


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(Exception, match="(?i)foreign key"), db.session() as s:
        s.add(Membership(person_id=999_999))
        s.flush()


def test_deleting_a_person_deletes_their_contact_details(db: Database) -> None:
    person_id = add_member(db, "Grace", "Hopper", None)
    with db.session() as s:
        s.delete(s.get(Person, person_id))
    with db.session() as s:
        assert s.scalars(select(EmailAddress)).all() == []
        assert s.scalars(select(Membership)).all() == []


def test_call_task_version_counter_refuses_a_stale_update(db: Database) -> None:
    person_id = add_member(db, "Alan", "Turing", dt.date(2027, 2, 1))
    with db.session() as s:
        campaign = Campaign(name="Renewals", kind="renewal")
        s.add(campaign)
        s.flush()
        task = CallTask(campaign_id=campaign.id, person_id=person_id, ref="R-1")
        s.add(task)
        s.flush()
        task_id = task.id
    first = db.sessions()
    second = db.sessions()
    try:
        mine = first.get(CallTask, task_id)
        theirs = second.get(CallTask, task_id)
        assert mine is not None and theirs is not None
        theirs.attempts = 1
        second.commit()
        mine.attempts = 5
        with pytest.raises(StaleDataError):
            first.commit()
    finally:
        first.close()
        second.close()
    with db.session() as s:
        task = s.get(CallTask, task_id)
        assert task is not None
        assert (task.attempts, task.version) == (1, 2)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.sqlite3")
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    finally:
        db.close()


def test_not_a_database_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "roster.sqlite3"
    path.write_text("Name,Email\nAda,ada@example.org\n")
    with pytest.raises(StoreError, match="not a member_reach database"):
        open_database(path)
    assert path.read_text() == "Name,Email\nAda,ada@example.org\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.sqlite3"]


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(StoreError, match="not a member_reach database"):
        open_database(path)
    with sqlite3.connect(path) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"notes"}


def test_an_older_schema_opened_without_upgrading_asks_for_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    path.write_bytes((Path(__file__).parents[1] / "schemas" / "schema_0001.sqlite3").read_bytes())
    with pytest.raises(OlderSchemaError) as refused:
        open_database(path, upgrade=False)
    assert str(refused.value) == f"{path} uses an older schema (0001); upgrade it first."
    assert refused.value.remedy is Remedy.UPGRADE_DATABASE  # the command line: db upgrade


def test_newer_schema_is_refused_unchanged(db: Database) -> None:
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
    with pytest.raises(NewerSchemaError, match="newer release of member_reach.*Install the newer"):
        open_database(db.url)
    with db.engine.connect() as c:
        assert (
            c.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            == "f00dfeed9999"
        )


def test_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_database(tmp_path / "missing.sqlite3", create=False)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder .* does not exist"):
        open_database(tmp_path / "no" / "such" / "m.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_unreachable_postgresql_is_one_clear_line() -> None:
    url = "postgresql://someone:secret@127.0.0.1:9/members"
    with pytest.raises(StoreError) as caught:
        open_database(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "PostgreSQL members on 127.0.0.1:9" in message
    assert "secret" not in message


def test_unknown_url_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match="SQLite files and PostgreSQL"):
        to_url("mysql://u@h/db")


def test_paths_and_postgres_urls_are_understood(tmp_path: Path) -> None:
    assert to_url(tmp_path / "a.sqlite3").database == str(tmp_path / "a.sqlite3")
    assert to_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert to_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"


def test_backup_is_a_complete_database(db: Database, tmp_path: Path) -> None:
    ids = [add_member(db, f"P{i}", "Member", dt.date(2027, 1, 1 + i)) for i in range(5)]
    out = tmp_path / "backup" / "copy.sqlite3"
    out.parent.mkdir()
    reported: list[tuple[int, int]] = []
    written = backup_database(db, out, progress=lambda done, total: reported.append((done, total)))
    assert written == out
    assert reported and reported[-1][0] == reported[-1][1]
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy.sqlite3"]  # no -wal, no partial
    copy = open_database(out, create=False)
    try:
        assert copy.upgraded_from is None
        with copy.session() as s:
            people = s.scalars(select(Person).order_by(Person.id)).all()
            assert [p.id for p in people] == ids
            assert [p.membership.term_end for p in people if p.membership] == [
                dt.date(2027, 1, 1 + i) for i in range(5)
            ]
            assert people[0].phones[0].e164 == "+16465550175"
    finally:
        copy.close()


def test_backup_onto_the_database_itself_is_refused(tmp_path: Path) -> None:
    db = open_database(tmp_path / "m.sqlite3")
    try:
        with pytest.raises(StoreError, match="is the database itself"):
            backup_database(db, tmp_path / "m.sqlite3")
    finally:
        db.close()


def test_backup_into_a_missing_folder_leaves_nothing(db: Database, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        backup_database(db, tmp_path / "nowhere" / "b.sqlite3")
    assert not (tmp_path / "nowhere").exists()


def test_postgresql_schema_fixture_is_isolated(pg_schema_url: URL) -> None:
    engine = create_engine(pg_schema_url)
    try:
        with engine.connect() as c:
            schema = c.execute(text("SELECT current_schema()")).scalar_one()
        assert schema.startswith("mr_test_")
    finally:
        engine.dispose()
