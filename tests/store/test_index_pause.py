"""Secondary indexes of empty SQLite tables paused for a bulk load, inside the transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from schema_rows import schema
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from member_reach.store.bulk import bulk_insert, reserve_ids
from member_reach.store.database import Database, make_engine, to_url
from member_reach.store.index_pause import indexes_paused, secondary_indexes
from member_reach.store.models import ImportBatch, Person

TABLES = ("person", "membership", "external_id")
#: Their indexes made by CREATE INDEX and not UNIQUE (the automatic UNIQUE ones are kept).
SECONDARY = [
    "ix_external_id_person_id",
    "ix_membership_term_end",
    "ix_membership_type_id",
    "ix_person_last_first",
]


def index_names(connection: Connection) -> set[str]:
    return {row[1] for row in schema(connection)}


def add_people(connection: Connection, *names: str) -> None:
    ids = reserve_ids(connection, Person.__table__, len(names))
    rows = [
        {"id": i, "first_name": n, "last_name": "Lovelace"} for i, n in zip(ids, names, strict=True)
    ]
    bulk_insert(connection, Person.__table__, rows)


def open_transaction(session: Session) -> Connection:
    """The session's connection, with a write done (the driver has a transaction open)."""
    session.add(ImportBatch(kind="roster", file_name="r.csv"))
    session.flush()
    return session.connection()


def test_empty_tables_lose_their_secondary_indexes_until_the_block_ends(db: Database) -> None:
    with db.engine.connect() as window:
        before = schema(window)
    with db.session() as s:
        connection = open_transaction(s)
        with indexes_paused(connection, TABLES) as paused:
            if db.is_sqlite:
                assert sorted(paused) == SECONDARY
                inside = index_names(connection)
                assert not inside & set(SECONDARY)
                assert {"sqlite_autoindex_membership_1", "sqlite_autoindex_external_id_1"} <= inside
                with db.engine.connect() as window:  # another connection: the committed schema
                    assert schema(window) == before
            else:  # PostgreSQL: unchanged
                assert paused == []
            add_people(connection, "Ada", "Augusta")
        assert schema(connection) == before  # built again, from the same SQL text
    with db.engine.connect() as window:
        assert schema(window) == before
        if db.is_sqlite:
            assert window.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            plan = window.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM person WHERE last_name = 'Lovelace'"
            ).all()
            assert "ix_person_last_first" in " ".join(str(row[-1]) for row in plan)


def test_a_table_holding_a_row_keeps_its_indexes(db: Database) -> None:
    with db.session() as s:
        connection = open_transaction(s)
        add_people(connection, "Ada")
        with indexes_paused(connection, ("person", "email_address")) as paused:
            assert "ix_person_last_first" in index_names(connection)
        expected = ["ix_email_address_address_key", "ix_email_address_person_id"]
        assert sorted(paused) == (expected if db.is_sqlite else [])


def test_an_error_in_the_block_rolls_the_drops_back_with_the_rows(db: Database) -> None:
    with db.engine.connect() as window:
        before = schema(window)
    with pytest.raises(RuntimeError, match="stopped"), db.session() as s:
        connection = open_transaction(s)
        with indexes_paused(connection, TABLES) as paused:
            assert len(paused) == (len(SECONDARY) if db.is_sqlite else 0)
            add_people(connection, "Ada")
            raise RuntimeError("stopped")
    with db.engine.connect() as window:
        assert schema(window) == before
        assert window.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


def test_outside_a_transaction_nothing_is_dropped(tmp_path: Path) -> None:
    """Outside a transaction SQLite would save a DROP INDEX at once: no rollback could undo it."""
    engine = make_engine(to_url(tmp_path / "plain.sqlite3"))
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (a TEXT, b TEXT)")
            connection.exec_driver_sql("CREATE INDEX ix_t_b ON t (b)")
            connection.commit()
            driver = connection.connection.dbapi_connection
            assert driver is not None and not driver.in_transaction  # type: ignore[attr-defined]
            with indexes_paused(connection, ["t"]) as paused:
                assert paused == []
                assert secondary_indexes(connection, "t") == [
                    ("ix_t_b", "CREATE INDEX ix_t_b ON t (b)")
                ]
    finally:
        engine.dispose()


def test_unique_indexes_stay_and_the_others_come_back_as_written(tmp_path: Path) -> None:
    engine = make_engine(to_url(tmp_path / "plain.sqlite3"))
    created = [
        "CREATE TABLE t (a TEXT UNIQUE, b TEXT, c TEXT)",
        "CREATE UNIQUE INDEX ux_t_b ON t (b)",
        "create  unique index ux_t_c_partial on t(c) where c is not null",
        "CREATE INDEX ix_t_c ON t (c DESC, b)  -- as typed",
        "CREATE INDEX \"ix t partial\" ON t (b) WHERE c > 'x'",
    ]
    try:
        with engine.begin() as connection:
            for sql in created:
                connection.exec_driver_sql(sql)
        with engine.connect() as connection:
            before = schema(connection)
            connection.exec_driver_sql("BEGIN")
            with indexes_paused(connection, ["t"]) as paused:
                assert sorted(paused) == ["ix t partial", "ix_t_c"]
                left = index_names(connection)
                assert {"ux_t_b", "ux_t_c_partial", "sqlite_autoindex_t_1"} <= left
                connection.exec_driver_sql("INSERT INTO t VALUES ('1', '2', 'y')")
            connection.commit()
            assert schema(connection) == before
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        engine.dispose()
