"""One import at a time per database: the guard every import takes before it reads anything.

Two imports of the same roster at once would each match the file against the people on file
before the other had written, and each add the same people. So an import (a roster, an attendee
list, a partner's worked file) first takes the database's import lock, for the rest of its
transaction, and only then reads the people on file. A second import waits until the first has
committed (or rolled back), then reads what the first wrote: no one is added twice, and the
renewals the first recorded are not detected again.

The lock is the database's own, so it vanishes with the process that holds it (a ``kill -9``, a
computer switched off), never a row or a file left behind that would refuse every later import:

* **PostgreSQL**: a transaction-level advisory lock (``pg_try_advisory_xact_lock``) keyed by the
  schema, released by the commit, the rollback or the end of the connection. Who holds it, and
  since when, travels in the holder's ``application_name`` (set for its transaction only).
* **SQLite**: the write lock, taken at once (``BEGIN IMMEDIATE``) instead of at the first write.
  Who holds it is written to a small file beside the database (``NAME.sqlite3.importing``); that
  file only names the holder, it guards nothing: a file a killed import left is overwritten by
  the next import and ignored while nobody holds the lock.

While it waits, the import reports progress ``(0, 0)`` (so the person can cancel) and tells
``waiting`` once who it waits for (and "" when the wait is over). After :data:`MAX_WAIT_S` it
gives up with one line naming when the other import started and by whom; nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.services.common.account import login_name
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import SQLITE_BUSY_TIMEOUT_MS, Database

#: The first key of the PostgreSQL advisory lock ("mr" "im"); the second is the schema's hash.
PG_LOCK_KEY: Final = 0x6D72_696D
#: How long one attempt waits for the lock before the import reports progress again.
TRY_EVERY_S: Final = 0.25
#: How long an import waits for another one before it gives up.
MAX_WAIT_S: Final = 15 * 60.0
#: What a PostgreSQL application name holds at most (NAMEDATALEN - 1 bytes).
_PG_NAME_BYTES: Final = 63
_PG_PREFIX: Final = "member_reach import "
_SQLITE_BUSY: Final = 5

#: ``waiting(message)``: told once, when the import starts waiting for another one.
Waiting = Callable[[str], None]


@dataclass(frozen=True)
class Holder:
    """The import holding the lock: when it started (UTC) and who started it, where known."""

    started: dt.datetime | None = None
    by: str = ""

    def describe(self) -> str:
        """'started 10:42 by Ann' (local time; the day too when it is not today), or ''."""
        parts = []
        if self.started is not None:
            local = self.started.astimezone()
            when = local.strftime("%H:%M")
            if local.date() != dt.datetime.now().astimezone().date():
                when = local.strftime("%d %b %H:%M")
            parts.append(f"started {when}")
        if self.by:
            parts.append(f"by {self.by}")
        return " ".join(parts)


def waiting_message(holder: Holder) -> str:
    """'Waiting for another import to finish (started 10:42 by Ann)…'."""
    said = holder.describe()
    return f"Waiting for another import to finish{f' ({said})' if said else ''}…"


def busy_message(holder: Holder) -> str:
    """The one line an import that gave up waiting ends with."""
    said = holder.describe()
    return (
        f"Another import is running on this database{f' ({said})' if said else ''}; nothing was "
        "imported. Try again once it has finished."
    )


@dataclass(frozen=True)
class Guard:
    """How an import takes the lock: who is importing, and how a wait is told and bounded."""

    #: the person importing (the GUI's user name); the login name when empty
    who: str = ""
    #: told once, in a line to show, that the import waits for another one; told "" once the
    #: wait is over
    waiting: Waiting | None = None
    #: seconds to wait before giving up
    max_wait: float = MAX_WAIT_S


@contextlib.contextmanager
def import_session(
    database: Database,
    progress: Progress | None = None,
    guard: Guard | None = None,
    *,
    lock: bool = True,
) -> Iterator[Session]:
    """One import's unit of work, holding the database's import lock from its first statement.

    The session commits on success and rolls back on any error (as :meth:`Database.session`);
    the lock goes with the transaction.

    Args:
        database: the database.
        progress: called with (0, 0) while waiting; may raise Cancelled.
        guard: who imports, and how a wait is told and bounded.
        lock: False for a dry run that writes nothing: it neither waits nor holds anyone up.

    Raises:
        ServiceError: another import still held the lock after the longest wait (nothing
            was written).
        Cancelled: ``progress`` raised it while waiting.
    """
    guard = guard or Guard()
    me = Holder(dt.datetime.now(dt.UTC).replace(microsecond=0), guard.who or login_name())
    marker = _marker_path(database)
    marked = False
    try:
        with database.session() as session:
            if not lock:
                yield session
                return
            _take_lock(database, session, me, _Waiter(progress, guard.waiting, guard.max_wait))
            if marker is not None:
                marked = _write_marker(marker, me)
            yield session
    finally:
        if marked and marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink()


def running_import(database: Database) -> Holder | None:
    """The import holding the database's import lock now, or None.

    On SQLite any change being saved holds the write lock: it counts as an import (whose holder
    is named only when an import wrote its name).
    """
    with database.session() as session:
        if not database.is_sqlite:
            return _pg_lock_holder(session)
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if not _is_busy(exc.orig):
                raise
            marker = _marker_path(database)
            return _read_marker(marker) if marker is not None else Holder()
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        session.rollback()
        return None


class _Waiter:
    """Between two attempts: progress reported, the wait said once, the time limit kept."""

    def __init__(self, progress: Progress | None, waiting: Waiting | None, limit: float) -> None:
        self._progress = progress
        self._waiting = waiting
        self._deadline = time.monotonic() + limit
        self._told = False

    def wait(self, holder: Callable[[], Holder]) -> None:
        """Called after a failed attempt: raise when waited too long, else go on waiting."""
        if self._progress is not None:
            self._progress(0, 0)
        if time.monotonic() >= self._deadline:
            raise ServiceError(busy_message(holder()))
        if not self._told and self._waiting is not None:
            self._waiting(waiting_message(holder()))
        self._told = True

    def over(self) -> None:
        """The lock is taken: a wait that was said is said to be over."""
        if self._told and self._waiting is not None:
            self._waiting("")


def _take_lock(database: Database, session: Session, me: Holder, waiter: _Waiter) -> None:
    if database.is_sqlite:
        _take_sqlite_lock(database, session, waiter)
    else:
        _take_pg_lock(session, me, waiter)
    waiter.over()


# PostgreSQL ------------------------------------------------------------------------------------


def _take_pg_lock(session: Session, me: Holder, waiter: _Waiter) -> None:
    try_lock = text("SELECT pg_try_advisory_xact_lock(:key, hashtext(current_schema()))")
    while not session.execute(try_lock, {"key": PG_LOCK_KEY}).scalar_one():
        waiter.wait(lambda: _pg_holder(session))
        time.sleep(TRY_EVERY_S)
    name = _pg_application_name(me)
    session.execute(text("SELECT set_config('application_name', :name, true)"), {"name": name})


def _pg_application_name(me: Holder) -> str:
    """'member_reach import 2026-12-04T10:42:00Z Ann' in ASCII, within PostgreSQL's limit."""
    started = me.started.strftime("%Y-%m-%dT%H:%M:%SZ") if me.started else "-"
    head, by = f"{_PG_PREFIX}{started} ", me.by
    while len(head) + len(quote(by, safe="")) > _PG_NAME_BYTES:  # a long name loses its end
        by = by[:-1]
    return head + quote(by, safe="")


def _pg_holder(session: Session) -> Holder:
    """Who holds the lock, from the holder's application name (as much as it says)."""
    return _pg_lock_holder(session) or Holder()


def _pg_lock_holder(session: Session) -> Holder | None:
    """Who holds this schema's import lock (None: nobody), read from its application name."""
    session.execute(text("SELECT pg_stat_clear_snapshot()"))  # the activity read afresh
    row = session.execute(
        text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :key "
            "AND l.objid = hashtext(current_schema())::oid AND l.objsubid = 2 "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"key": PG_LOCK_KEY},
    ).first()
    if row is None:
        return None
    name = str(row[0] or "")
    if not name.startswith(_PG_PREFIX):
        return Holder()
    started, _, by = name[len(_PG_PREFIX) :].partition(" ")
    return Holder(_parse_time(started.removesuffix("Z")), unquote(by))


def _parse_time(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


# SQLite ----------------------------------------------------------------------------------------


def _take_sqlite_lock(database: Database, session: Session, waiter: _Waiter) -> None:
    """``BEGIN IMMEDIATE`` on the session's connection, before it has read anything.

    pysqlite begins a transaction itself only before a write; a transaction begun here is the
    one the session commits or rolls back.
    """
    connection = session.connection()
    marker = _marker_path(database)
    holder = lambda: _read_marker(marker) if marker is not None else Holder()  # noqa: E731
    connection.exec_driver_sql(f"PRAGMA busy_timeout={int(TRY_EVERY_S * 1000)}")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if not _is_busy(exc.orig):
                    raise
            waiter.wait(holder)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def _is_busy(error: BaseException | None) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return bool(code & 0xFF == _SQLITE_BUSY)
    return "locked" in str(error)


def _marker_path(database: Database) -> Path | None:
    if not database.is_sqlite or not database.url.database:
        return None
    return Path(f"{database.url.database}.importing")


def _write_marker(path: Path, me: Holder) -> bool:
    """Name the holder beside the database; a folder that refuses it only loses the name."""
    started = me.started.isoformat() if me.started else None
    try:
        path.write_text(json.dumps({"started": started, "by": me.by}), encoding="utf-8")
    except OSError:
        return False
    return True


def _read_marker(path: Path) -> Holder:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(data["started"]) if data.get("started") else None
        return Holder(started, str(data.get("by") or ""))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Holder()
