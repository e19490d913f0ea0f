"""A damaged SQLite file: found before it is copied over the good backups, and said in one line.

A backup of a damaged database is worthless, and, kept among the last five, it pushes a good one
out. So the automatic backup checks the file first (``PRAGMA quick_check``: every page readable,
every index consistent, without comparing rows to indexes) and refuses a damaged one with a
:class:`DamagedDatabaseError` naming the last good backup to restore. The same message serves a
damaged page met while working (SQLite's "database disk image is malformed").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from member_reach.store.errors import StoreError

#: What SQLite says when it reads a damaged page.
_DAMAGE_WORDS = ("malformed", "disk image", "not a database", "corrupt")


class DamagedDatabaseError(StoreError):
    """The database file is damaged; ``good_backup`` is the last backup found sound, if any."""

    def __init__(self, message: str, good_backup: Path | None) -> None:
        super().__init__(message)
        self.good_backup = good_backup


def read_only_uri(path: Path | str) -> str:
    """SQLite's URI to open ``path`` read-only, whatever its characters.

    A folder named "Données #1" or "100%" is no rarity: ``#``, ``?`` and ``%`` mean something
    in a URI, so the path is percent-encoded (a bare ``file:{path}`` opened, and created, the
    file named by the path up to its ``#``).
    """
    return f"{Path(path).absolute().as_uri()}?mode=ro"


def quick_check(path: Path) -> str | None:
    """None when SQLite finds ``path`` sound, else the first thing it found wrong (one line)."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchmany(2)
    except sqlite3.DatabaseError as exc:
        return str(exc).splitlines()[0] if str(exc) else "unreadable"
    finally:
        connection.close()
    found = [str(row[0]).strip() for row in rows]
    if found == ["ok"]:
        return None
    return next((line for line in found if line and not line.startswith("***")), "unreadable")


def automatic_backups(database_path: Path) -> list[Path]:
    """The automatic backups kept beside ``database_path`` (in ``backups/``), newest first."""
    folder = database_path.parent / "backups"
    return sorted(folder.glob(f"{database_path.stem}-before-*.sqlite3"), reverse=True)


def last_good_backup(database_path: Path) -> Path | None:
    """The newest automatic backup of ``database_path`` that SQLite finds sound."""
    return next((b for b in automatic_backups(database_path) if quick_check(b) is None), None)


def damaged(database_path: Path, detail: str) -> DamagedDatabaseError:
    """The error for a damaged file: what SQLite found, and how to restore the last good backup."""
    good = last_good_backup(database_path)
    if good is not None:
        how = (
            f"restore the last good backup, {good}: open it (File › Open database…) or copy it "
            f"over {database_path.name} with the app closed"
        )
    else:
        how = "restore a backup you keep elsewhere (no sound backup is beside it)"
    return DamagedDatabaseError(
        f"The database {database_path} is damaged (SQLite: {detail.rstrip('.')}); nothing was "
        f"changed. To go on, {how}.",
        good,
    )


def check_sound(database_path: Path) -> None:
    """Refuse a damaged SQLite file.

    Raises:
        DamagedDatabaseError: SQLite's quick check found it damaged.
    """
    detail = quick_check(database_path)
    if detail is not None:
        raise damaged(database_path, detail)


def driver_message(exc: BaseException) -> str:
    """The driver's own first line of an error: its message, never the statement or the rows."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or ["unknown error"])[0]


def restore_backup(backup: Path, database_path: Path, stamp: str) -> Path:
    """Put ``backup`` in the place of the damaged ``database_path``; return where that went.

    The damaged file (and its journal files) is kept aside, renamed with ``stamp``, for whoever
    looks into what happened; the backup is copied, so it stays a backup. Run with the database
    closed.

    Raises:
        StoreError: the backup is damaged too, or the files cannot be moved or written.
    """
    detail = quick_check(backup)
    if detail is not None:
        raise StoreError(f"The backup {backup} is damaged too (SQLite: {detail}); choose another.")
    aside = database_path.with_name(f"{database_path.stem}-damaged-{stamp}{database_path.suffix}")
    partial = database_path.with_name(f".{database_path.name}.restoring")
    try:
        shutil.copyfile(backup, partial)
        for suffix in ("-wal", "-shm", "-journal"):
            journal = Path(f"{database_path}{suffix}")
            if journal.exists():
                os.replace(journal, Path(f"{aside}{suffix}"))
        if database_path.exists():
            os.replace(database_path, aside)
        os.replace(partial, database_path)
    except OSError as exc:
        raise StoreError(
            f"Cannot restore {backup} over {database_path}: {exc.strerror or exc}."
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return aside


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` (a driver error, or one wrapping it) says an SQLite file is damaged."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    return isinstance(orig, sqlite3.DatabaseError) and any(w in text for w in _DAMAGE_WORDS)
