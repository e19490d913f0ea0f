"""The backup before an import, taken while the file is being read.

A roster import backs up an SQLite database before its first write. Taken then, the copy adds its
whole time to the import's (a third of a second for 100,000 members); taken in a thread from the
start of the import it costs nothing more, because python-calamine parses the sheet and SQLite
checks and copies the file without holding the GIL: on two cores they run side by side.

The copy is the database as the import found it: the import holds the write lock (``BEGIN
IMMEDIATE``) from its first statement and writes nothing before it asks for the backup, so
nothing can change the file between the copy and the import's first write. A file refused
before that, a dry run or a cancelled import keeps no backup: the copy is removed, so it never
takes the slot of a good one (see :func:`prune_automatic_backups`).
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from member_reach.store.backup import backup_before_change
from member_reach.store.database import Database


class BackupAhead:
    """A backup started at once, kept only if the import asks for it (:meth:`take`).

    Use as a context manager; on leaving it the thread is waited for, and a copy nobody took is
    removed.
    """

    def __init__(self, database: Database, reason: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup")
        self._copy: Future[Path] = self._pool.submit(backup_before_change, database, reason)
        self._taken = False

    def take(self) -> Path:
        """The backup, kept: called before the import's first write.

        Raises:
            DamagedDatabaseError: the database file is damaged (nothing was copied).
            StoreError: the backup cannot be written.
        """
        path = self._copy.result()
        self._taken = True
        return path

    def __enter__(self) -> BackupAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True)
        if not self._taken and self._copy.exception() is None:
            with contextlib.suppress(OSError):
                self._copy.result().unlink()
