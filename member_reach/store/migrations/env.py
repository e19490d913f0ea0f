"""Alembic environment: runs on the connection member_reach hands over (see store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from member_reach.store.models import Base


def run_migrations(connection: Connection) -> None:
    """Run the pending migrations on ``connection``."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("member_reach migrations run only through member_reach.store.migrate")
run_migrations(connection)
