"""The rows that describe a database's schema, to compare it before and after a change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

_SQLITE = "SELECT type, name, tbl_name, sql FROM sqlite_master"
_PG_INDEXES = (
    "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes "
    "WHERE schemaname = current_schema()"
)


def schema(connection: Connection) -> list[tuple[Any, ...]]:
    """SQLite: every row of sqlite_master but its pages; PostgreSQL: every index's definition.

    Each row is (type, name, table, SQL text), sorted.
    """
    sql = _SQLITE if connection.dialect.name == "sqlite" else _PG_INDEXES
    return sorted(tuple(row) for row in connection.exec_driver_sql(sql))
