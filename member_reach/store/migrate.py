"""Alembic at run time: the package's own migration scripts, checked and applied on a connection."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Connection

from member_reach import __version__
from member_reach.store.errors import NewerSchemaError, StoreError


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the migrations inside the package."""
    config = Config()
    location = str(resources.files("member_reach.store") / "migrations")
    # Alembic keeps options in a ConfigParser, which reads "%" as interpolation: an app
    # installed under a folder named "100%" would not start without doubling it.
    config.set_main_option("script_location", location.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """Return the newest schema revision this release knows."""
    head = _scripts().get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against this release."""

    current: str | None
    head: str

    @property
    def needs_upgrade(self) -> bool:
        """Whether migrations must run."""
        return self.current != self.head

    @property
    def upgraded_from(self) -> str | None:
        """The revision upgraded from, or None when nothing was to do."""
        return self.current if self.needs_upgrade else None


def check_schema(connection: Connection, tables: set[str], name: str) -> SchemaState:
    """Read a database's schema revision; refuse foreign and newer databases.

    Raises:
        NewerSchemaError: the database was made by a newer release.
        StoreError: the database holds tables but is not a member_reach database.
    """
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None and tables - {"alembic_version"}:
        raise StoreError(
            f"{name} already holds other data and is not a member_reach database. "
            "Choose an empty database or a member_reach file."
        )
    if current is not None and _get_revision_or_none(_scripts(), current) is None:
        raise NewerSchemaError(
            f"{name} was made by a newer release of member_reach (schema {current}); "
            f"this is version {__version__}. Install the newer release to open it."
        )
    return SchemaState(current=current, head=head_revision())


def _get_revision_or_none(scripts: ScriptDirectory, revision: str) -> object | None:
    try:
        return scripts.get_revision(revision)
    except (ResolutionError, CommandError):
        return None


def upgrade_schema(connection: Connection) -> None:
    """Apply every pending migration on ``connection`` (inside its transaction)."""
    command.upgrade(alembic_config(connection), "head")
