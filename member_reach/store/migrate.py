"""Alembic at run time: the package's own migration scripts, checked and applied on a connection.

Alembic itself (and Mako, Pygments it brings) is loaded only when a database is not at
:data:`HEAD_REVISION`: opening an up-to-date database, as every start of the app does, reads its
``alembic_version`` row and goes on (Alembic took a tenth of the time to the window's first show).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from member_reach import __version__
from member_reach.store.errors import NewerSchemaError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: The newest revision of ``migrations/versions``; a new migration moves it (a test checks
#: that it is Alembic's head).
HEAD_REVISION = "0009"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config pointing at the migrations inside the package."""
    from alembic.config import Config

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
    from alembic.script import ScriptDirectory

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
    if "alembic_version" in tables:
        stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        if [row[0] for row in stamped] == [HEAD_REVISION]:
            return SchemaState(current=HEAD_REVISION, head=HEAD_REVISION)
    from alembic.runtime.migration import MigrationContext

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
    from alembic.script.revision import ResolutionError
    from alembic.util import CommandError

    try:
        return scripts.get_revision(revision)
    except (ResolutionError, CommandError):
        return None


def upgrade_schema(connection: Connection) -> None:
    """Apply every pending migration on ``connection`` (inside its transaction)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
