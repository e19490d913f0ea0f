"""Bulk inserts store exactly what SQLAlchemy Core stores, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Date, insert, select, update
from sqlalchemy.dialects import sqlite

from member_reach.store.bulk import _iso_date, bulk_insert, bulk_update, reserve_ids
from member_reach.store.database import Database
from member_reach.store.models import ImportBatch, ImportChange, Membership, Person


@given(st.dates())
def test_sqlite_dates_are_written_as_sqlalchemy_writes_them(day: dt.date) -> None:
    dialect = sqlite.dialect()
    assert _iso_date(day) == Date().dialect_impl(dialect).bind_processor(dialect)(day)


def test_bulk_rows_read_back_like_core_rows(db: Database) -> None:
    with db.session() as s:
        connection = s.connection()
        core, bulk = reserve_ids(connection, Person.__table__, 2)
        assert bulk == core + 1
        people = [
            {"id": pid, "first_name": name, "last_name": "Lovelace", "do_not_call": flag}
            for pid, name, flag in ((core, "Ada", True), (bulk, "Ada", True))
        ]
        connection.execute(insert(Person.__table__), people[:1])
        bulk_insert(connection, Person.__table__, people[1:])
        membership = {
            "join_date": dt.date(2015, 1, 31),
            "term_end": dt.date(2027, 1, 31),
            "dues": Decimal("195.50"),
            "roster_status": "Active",
        }
        connection.execute(insert(Membership.__table__), [{"person_id": core, **membership}])
        bulk_insert(connection, Membership.__table__, [{"person_id": bulk, **membership}])
        batch = ImportBatch(kind="roster", file_name="r.csv")
        s.add(batch)
        s.flush()
        change = {
            "batch_id": batch.id,
            "table_name": "person",
            "action": "update",
            "before": {"person": {"city": "London"}},
            "after": {"emails": ["a@b.org"]},
        }
        connection.execute(insert(ImportChange.__table__), [{**change, "record_id": core}])
        common = {k: change[k] for k in ("batch_id", "table_name", "before")}  # given once
        bulk_insert(
            connection,
            ImportChange.__table__,
            [{"record_id": bulk, "action": "update", "after": change["after"]}],
            same=common,
        )
    with db.session() as s:
        a, b = s.scalars(select(Person).order_by(Person.id)).all()
        assert (a.first_name, a.middle_name, a.do_not_call, a.country) == (
            b.first_name,
            b.middle_name,
            b.do_not_call,
            b.country,
        )
        assert b.created_at is not None and b.middle_name == ""  # Python-side defaults filled
        ma, mb = (
            s.scalars(select(Membership).where(Membership.person_id == p.id)).one() for p in (a, b)
        )
        assert (ma.join_date, ma.term_end, ma.dues, ma.term_start) == (
            mb.join_date,
            mb.term_end,
            mb.dues,
            mb.term_start,
        )
        assert mb.dues == Decimal("195.50") and mb.term_end == dt.date(2027, 1, 31)
        ca, cb = s.scalars(select(ImportChange).order_by(ImportChange.id)).all()
        assert (ca.before, ca.after, ca.batch_id, ca.table_name, ca.action) == (
            cb.before,
            cb.after,
            cb.batch_id,
            cb.table_name,
            cb.action,
        )
    with db.session() as s:
        assert reserve_ids(s.connection(), Person.__table__, 1)[0] > b.id


def test_bulk_updates_are_checked_and_read_back_like_core_updates(db: Database) -> None:
    """One row updated through Core, two in bulk; the third's city changed since it was read,
    so it is not matched. Values, fixed values and SQL expressions read back as Core's do."""
    when = dt.datetime(2026, 11, 30, 14, 5, 6)
    table = Person.__table__
    with db.session() as s:
        connection = s.connection()
        ids = reserve_ids(connection, table, 4)
        bulk_insert(
            connection,
            table,
            [{"id": i, "first_name": n, "city": "Leeds"} for i, n in zip(ids, "ABCD", strict=True)],
        )
        connection.execute(
            update(table)
            .where(table.c.id == ids[0], table.c.city == "Leeds")
            .values(
                notes="called", do_not_call=True, updated_at=when, display_name=table.c.first_name
            )
        )
        written = bulk_update(
            connection,
            table,
            [
                {"notes": "called", "do_not_call": True, "id": ids[1], "city": "Leeds"},
                {"notes": "called", "do_not_call": True, "id": ids[2], "city": "York"},
                {"notes": "", "do_not_call": False, "id": ids[3], "city": "Leeds"},
            ],
            where=("id", "city"),
            fixed={"updated_at": when},
            sql={"display_name": "first_name"},
        )
        assert written == 2
    with db.session() as s:
        rows = s.execute(
            select(
                Person.notes, Person.do_not_call, Person.updated_at, Person.display_name
            ).order_by(Person.id)
        ).all()
    assert rows[0] == ("called", True, when, "A") and rows[1] == ("called", True, when, "B")
    assert rows[2][0] == "" and rows[2][3] == ""  # not matched: left as it was
    assert rows[3] == ("", False, when, "D")


def test_a_column_given_twice_is_refused(db: Database) -> None:
    with db.session() as s:
        connection = s.connection()
        [pid] = reserve_ids(connection, Person.__table__, 1)
        row = {"id": pid, "first_name": "Row"}
        with pytest.raises(ValueError, match="first_name"):
            bulk_insert(connection, Person.__table__, [row], same={"first_name": "Same"})
        bulk_insert(connection, Person.__table__, [row])
        for extra in ({"fixed": {"first_name": "Fixed"}}, {"sql": {"first_name": "last_name"}}):
            with pytest.raises(ValueError, match="first_name"):
                bulk_update(connection, Person.__table__, [row], where=("id",), **extra)  # type: ignore[arg-type]
        assert s.get(Person, pid).first_name == "Row"  # type: ignore[union-attr]
