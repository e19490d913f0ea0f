"""A first roster import into empty SQLite tables builds their secondary indexes after its inserts.

Watched through the statements the database is sent (SQLAlchemy's cursor event): the drops and
builds happen on SQLite only, only into empty tables, inside the import's transaction (a cancel
brings every index back), and the schema afterwards is the one before, byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from roster_files import HEADER, ROWS, write_csv
from schema_rows import schema as schema_rows
from sqlalchemy import event, func, select

from member_reach.domain.jobs import Cancelled
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import ImportBatch, ImportChange, ImportedRow, Membership, Person

TODAY = dt.date(2026, 11, 23)
#: What a first import fills in bulk.
FILLED = (
    "person",
    "membership",
    "email_address",
    "phone_number",
    "external_id",
    "import_change",
    "imported_row",
)


def members(count: int) -> list[list[str]]:
    """``count`` members, one row each, with a phone, an expiry and a membership type."""
    return [
        [
            f"B-{i}",
            "Member",
            f"Number{i}",
            "",
            f"m{i}@example.org",
            f"646-555-01{i % 100:02d}",
            "01/15/2015",
            f"{i % 12 + 1:02d}/28/2027",
            "Individual",
            "yes",
        ]
        for i in range(count)
    ]


def schema(db: Database) -> list[tuple[Any, ...]]:
    """The schema as another connection (the window's) sees it."""
    with db.engine.connect() as connection:
        return schema_rows(connection)


def secondary(db: Database) -> set[str]:
    """The filled tables' indexes a first import may drop: by CREATE INDEX, not UNIQUE."""
    return {
        name
        for kind, name, table, sql in schema(db)
        if kind == "index" and table in FILLED and sql and "UNIQUE" not in sql.upper()
    }


@contextlib.contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every statement sent to the database within the block, in order."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(" ".join(str(args[2]).split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def named(sent: list[str], verb: str) -> list[str]:
    return [s.removeprefix(verb).split()[0] for s in sent if s.startswith(verb)]


def count(db: Database, model: type[Any]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_first_import_builds_the_indexes_after_its_inserts(db: Database, tmp_path: Path) -> None:
    before = schema(db)
    path = write_csv(tmp_path / "first.csv", [*ROWS, *members(2_500)], HEADER)
    with statements(db) as sent:
        report: Any = run_roster_import(db, path, TODAY)
    assert report.counts.inserted > 2_500 and count(db, Membership) > 2_500
    assert schema(db) == before  # the same indexes, from the same SQL text
    dropped, built = named(sent, "DROP INDEX "), named(sent, "CREATE INDEX ")
    if not db.is_sqlite:
        assert dropped == built == []
        return
    assert set(dropped) == set(built) == secondary(db) and len(dropped) == 11
    ddl = [i for i, s in enumerate(sent) if s.startswith(("DROP INDEX", "CREATE INDEX"))]
    between = sent[ddl[0] : ddl[-1]]
    assert all(s.startswith("CREATE INDEX") for s in sent[ddl[-11] : ddl[-1] + 1])  # at the end
    assert any(s.startswith("INSERT INTO imported_row") for s in between)  # the last bulk insert
    filled = re.compile(rf"\b({'|'.join(FILLED)})\b")
    reads = [s for s in between if s.startswith("SELECT") and filled.search(s)]
    assert set(reads) == {"SELECT coalesce(max(id), 0) FROM person"}  # by the primary key


def test_a_second_import_drops_no_index(db: Database, tmp_path: Path) -> None:
    run_roster_import(db, write_csv(tmp_path / "first.csv", members(300), HEADER), TODAY)
    before = schema(db)
    changed = members(400)  # 100 new people, and a new expiry for the others
    for row in changed:
        row[7] = "06/30/2028"
    with statements(db) as sent:
        report: Any = run_roster_import(db, write_csv(tmp_path / "next.csv", changed), TODAY)
    assert (report.counts.inserted, report.counts.updated) == (100, 300)
    assert named(sent, "DROP INDEX ") == named(sent, "CREATE INDEX ") == []
    assert schema(db) == before


def test_cancel_while_writing_into_empty_tables_keeps_every_index(
    db: Database, tmp_path: Path
) -> None:
    before = schema(db)
    seen_while_writing: list[list[tuple[Any, ...]]] = []

    def cancel_once_writing(done: int, total: int) -> None:  # reading fills the first half
        if total and done > total // 2:
            seen_while_writing.append(schema(db))  # what the window sees meanwhile
            raise Cancelled

    path = write_csv(tmp_path / "big.csv", members(4_500), HEADER)
    with statements(db) as sent, pytest.raises(Cancelled):
        run_roster_import(db, path, TODAY, progress=cancel_once_writing)
    assert seen_while_writing == [before]
    dropped = named(sent, "DROP INDEX ")
    assert len(dropped) == (11 if db.is_sqlite else 0)
    assert named(sent, "CREATE INDEX ") == []  # cancelled before: the rollback brings them back
    assert schema(db) == before
    for model in (Person, Membership, ImportChange, ImportedRow, ImportBatch):
        assert count(db, model) == 0
