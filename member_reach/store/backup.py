"""Backups: a consistent copy of the database as one SQLite file, from SQLite or PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path
from typing import Final

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError

from member_reach.domain.file_access import in_use
from member_reach.domain.jobs import Progress
from member_reach.domain.partial_files import partial_name, stale_partials
from member_reach.store.database import Database, open_database, to_url
from member_reach.store.errors import StoreError
from member_reach.store.integrity import check_sound, read_only_uri
from member_reach.store.models import Base
from member_reach.store.processes import pid_alive

_CHUNK = 2_000


def backup_database(
    database: Database, out: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write a backup of ``database`` to the SQLite file ``out`` and return its path.

    The copy is written beside ``out`` under a temporary name and renamed into place when
    complete, so a failed or interrupted backup never leaves a half-written file. An SQLite
    database is copied with SQLite's online backup (consistent while others write); a PostgreSQL
    database is copied table by table into a fresh member_reach SQLite file, which opens in the
    app like any other.

    Raises:
        StoreError: ``out`` is the database itself, or cannot be written.
    """
    target = Path(out).expanduser().absolute()
    own_file = (
        Path(database.url.database).absolute()
        if database.is_sqlite and database.url.database
        else None
    )
    if target == own_file:
        raise StoreError(f"{target} is the database itself; choose another file for the backup.")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name for the backup.")
    if not target.parent.is_dir():
        raise StoreError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    remove_stale_partials(target.parent)
    partial = target.with_name(partial_name(target.name, os.getpid()))
    try:
        partial.open("xb").close()  # the folder takes a file: one line if not (read-only, full)
        partial.unlink()
        if database.is_sqlite:
            _copy_sqlite(database, partial, progress)
        else:
            _copy_tables(database, partial, progress)
        os.replace(partial, target)
    except OSError as exc:
        raise StoreError(f"Cannot write the backup {target}: {_why(exc)}.") from None
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot write the backup {target}: {exc}.") from None
    except DBAPIError as exc:  # never the statement's rows: only the driver's first line
        reason = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
        raise StoreError(f"Cannot write the backup {target}: {reason}.") from None
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            _remove(Path(f"{partial}{suffix}"))
    return target


def _why(exc: OSError) -> str:
    if in_use(exc):
        return "it is open in another program (close it there and try again)"
    if exc.errno == errno.EROFS or isinstance(exc, PermissionError):
        return "the folder is read-only or you may not write there (choose another folder)"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _copy_sqlite(database: Database, partial: Path, progress: Progress | None) -> None:
    source_path = database.url.database or ""
    source = sqlite3.connect(read_only_uri(source_path), uri=True)
    dest = sqlite3.connect(partial)
    try:

        def report(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(dest, pages=256, progress=report)
        # A backup file stands alone: no -wal file beside it.
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        source.close()


def _copy_tables(database: Database, partial: Path, progress: Progress | None) -> None:
    copy = open_database(to_url(partial))
    try:
        tables = list(Base.metadata.sorted_tables)
        with database.engine.connect() as src, copy.engine.begin() as dst:
            for done, table in enumerate(tables):
                rows = src.execute(select(table)).mappings()
                while chunk := rows.fetchmany(_CHUNK):
                    dst.execute(insert(table), [dict(r) for r in chunk])
                if progress is not None:
                    progress(done + 1, len(tables))
        with copy.engine.begin() as dst:
            dst.exec_driver_sql("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    for suffix in ("-wal", "-shm"):
        _remove(Path(f"{partial}{suffix}"))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder refuses even a missing file's removal
        path.unlink()


def remove_stale_partials(folder: Path) -> list[str]:
    """Remove the temporary backup files killed processes left in ``folder``; return their names.

    The same rule as the sheets' (:func:`member_reach.sheets.saving.remove_stale_partials`): only
    hidden ``.name.partial-PID`` files whose process is gone, or that are old.
    """
    now = dt.datetime.now().timestamp()
    entries: list[tuple[str, dt.timedelta]] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith(".") and ".partial-" in entry.name:
                    with contextlib.suppress(OSError):
                        age = now - entry.stat(follow_symlinks=False).st_mtime
                        entries.append((entry.name, dt.timedelta(seconds=age)))
    except OSError:
        return []
    stale = stale_partials(entries, os.getpid(), pid_alive)
    for name in stale:
        _remove(folder / name)
    return stale


#: How many automatic backups of one database are kept.
KEEP_AUTOMATIC: Final = 5


def backup_before_change(database: Database, reason: str) -> Path:
    """Back up an SQLite database before a large change (see :func:`prune_automatic_backups`).

    The file is checked first: a damaged one is refused, never copied. The copy goes to a
    ``backups`` folder beside the database file, named after the database, the reason and the
    time (``members-before-import-20261127-154501-123456.sqlite3``).

    Args:
        database: an SQLite database.
        reason: one word for the file name ("import").

    Raises:
        DamagedDatabaseError: the database file is damaged (the message names the last good
            backup to restore).
        StoreError: the backup cannot be written.
    """
    source = Path(database.url.database or "").absolute()
    folder = source.parent / "backups"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot back up the database before the {reason}: {folder}: {exc.strerror or exc}."
        ) from None
    check_sound(source)  # a copy of a damaged file would push a good backup out
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_database(database, folder / f"{source.stem}-before-{reason}-{stamp}.sqlite3")


def prune_automatic_backups(database: Database, reason: str) -> None:
    """Keep the last five automatic backups of ``reason``: called once the change succeeded.

    A change that failed leaves every backup in place, so a run of failures never pushes the
    good ones out.
    """
    source = Path(database.url.database or "").absolute()
    kept = sorted((source.parent / "backups").glob(f"{source.stem}-before-{reason}-*.sqlite3"))
    for old in kept[:-KEEP_AUTOMATIC]:
        _remove(old)
