"""Opening a database: URLs and paths, engines, SQLite pragmas, sessions, start-up migration."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from member_reach.domain.sync_folders import database_sync_tool
from member_reach.store.errors import OlderSchemaError, StoreError
from member_reach.store.integrity import damaged, driver_message, is_damage
from member_reach.store.limits import check_lengths
from member_reach.store.migrate import SchemaState, check_schema, upgrade_schema

SQLITE_BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def to_url(target: str | os.PathLike[str]) -> URL:
    """Turn a ``--db`` value (a file path or a database URL) into a SQLAlchemy URL.

    ``postgresql://`` and ``postgres://`` URLs use psycopg 3; anything without ``://`` is a path
    to an SQLite file.
    """
    text = os.fspath(target).strip()
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().absolute()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise StoreError(f"'{text}' is not a database URL or file path.") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"member_reach works with SQLite files and PostgreSQL, not '{url.get_backend_name()}'."
        )
    return url


def describe(url: URL) -> str:
    """Return a short name for a database, safe to show (no password)."""
    if url.get_backend_name() == "sqlite":
        return url.database or "(in memory)"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL {url.database or ''} on {host}{port}"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: URL) -> Engine:
    """Create an engine for ``url`` with this project's connection settings."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    # hide_parameters: an error never prints the values of a statement (members' data).
    return create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": 10}, hide_parameters=True
    )


@dataclass
class Database:
    """An open, migrated database: the engine and a factory of short-lived sessions."""

    url: URL
    engine: Engine
    created: bool = False
    upgraded_from: str | None = None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # A text longer than its column is refused alike on SQLite and PostgreSQL.
        event.listen(self.sessions, "before_flush", check_lengths)

    @property
    def is_sqlite(self) -> bool:
        """Whether this is an SQLite file."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def label(self) -> str:
        """A short name for the database, safe to show."""
        return describe(self.url)

    @property
    def synced_by(self) -> str | None:
        """The sync tool (OneDrive, Dropbox…) whose folder holds this SQLite file, or None."""
        if not self.is_sqlite or not self.url.database:
            return None
        path = Path(self.url.database).absolute()
        try:
            resolved: Path | None = path.resolve()
        except OSError:
            resolved = None
        return database_sync_tool(path, resolved)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except (DBAPIError, sqlite3.DatabaseError) as exc:
                with contextlib.suppress(DBAPIError, sqlite3.Error):
                    session.rollback()
                if self.is_sqlite and self.url.database and is_damage(exc):
                    # One line naming the good backup, instead of a traceback (with rows).
                    raise damaged(Path(self.url.database), driver_message(exc)) from None
                raise
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def _check_sqlite_target(path: Path, create: bool) -> bool:
    """Check an SQLite path before connecting; return whether the file must be created."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror}.") from None
        if head and head != _SQLITE_MAGIC:
            raise StoreError(
                f"{path} is not a member_reach database (it is not an SQLite file). "
                "Choose the .sqlite3 file member_reach created."
            )
        if not _folder_is_writable(path.parent):
            # SQLite writes its journal beside the file, even to read.
            raise StoreError(
                f"Cannot open {path}: its folder {path.parent} is read-only. "
                "Copy the database to a folder you can write to."
            )
        return False
    if not create:
        raise StoreError(f"{path} does not exist. Check the path, or create a new database.")
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"Cannot create {path}: the folder {folder} does not exist.")
    if not _folder_is_writable(folder):
        raise StoreError(
            f"Cannot create {path}: the folder {folder} is read-only. Choose another folder."
        )
    return True


def _folder_is_writable(folder: Path) -> bool:
    # os.access answers for the real uid and ignores read-only mounts; trying is the only proof.
    probe = folder / f".member_reach-write-test-{os.getpid()}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    probe.unlink()
    return True


def _explain(exc: DBAPIError | SQLAlchemyError, url: URL) -> str:
    """Turn a driver error into one line a person can act on."""
    orig = getattr(exc, "orig", None) or exc
    first_line = (str(orig).strip().splitlines() or ["unknown error"])[0]
    if url.get_backend_name() == "postgresql":
        return (
            f"Cannot use {describe(url)}: {first_line}. "
            "Check that the server is running and the URL, user and password are right."
        )
    if isinstance(orig, sqlite3.DatabaseError) and "not a database" in first_line:
        return f"{url.database} is not a member_reach database (the file is damaged or not SQLite)."
    return f"Cannot use {describe(url)}: {first_line}."


def open_database(
    target: str | os.PathLike[str] | URL, *, create: bool = True, upgrade: bool = True
) -> Database:
    """Open (and if need be create and migrate) the database named by a path or URL.

    Args:
        target: an SQLite file path, or a database URL.
        create: create a missing SQLite file; otherwise a missing file is an error.
        upgrade: apply pending migrations; otherwise an old schema is an error.

    Raises:
        StoreError: with a one-line message when the database cannot be used as asked; nothing
            is created or changed then (:class:`OlderSchemaError`: its schema is old and
            ``upgrade`` is False).
    """
    url = target if isinstance(target, URL) else to_url(target)
    new_file = False
    if url.get_backend_name() == "sqlite" and url.database:
        new_file = _check_sqlite_target(Path(url.database), create)
    engine = make_engine(url)
    try:
        state = _inspect_and_upgrade(engine, url, upgrade)
    except BaseException:
        engine.dispose()
        if new_file:
            remove_sqlite_files(Path(url.database or ""))
        raise
    return Database(url, engine, created=new_file, upgraded_from=state.upgraded_from)


def _inspect_and_upgrade(engine: Engine, url: URL, upgrade: bool) -> SchemaState:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            state = check_schema(connection, tables, describe(url))
        if state.needs_upgrade:
            if not upgrade:
                raise OlderSchemaError(
                    f"{describe(url)} uses an older schema ({state.current}); upgrade it first."
                )
            _upgrade(engine)
    except (DBAPIError, SQLAlchemyError) as exc:
        raise StoreError(_explain(exc, url)) from None
    return state


def _upgrade(engine: Engine) -> None:
    """Run the migrations in one transaction.

    On SQLite, foreign keys are off meanwhile: a migration that rebuilds a table (Alembic's batch
    mode copies it, drops the old one and renames the copy) would otherwise delete the rows that
    refer to it through ``ON DELETE CASCADE``. The keys are checked before the commit.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                upgrade_schema(connection)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("The upgrade left rows that refer to missing ones; not saved.")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def remove_sqlite_files(path: Path) -> None:
    """Delete an SQLite file and its journal files, where they exist."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
