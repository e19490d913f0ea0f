"""The database the window works on, the clock it reads, and what jobs changed in it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from member_reach.services.common.changes import Change
from member_reach.services.common.clock import Clock
from member_reach.store.database import Database
from member_reach.ui.core.file_dialogs import FileFolders


class Workspace(QObject):
    """The database in use and the clock; pages follow ``database_changed`` and ``changed``.

    The workspace owns its database: :meth:`switch` closes the one it replaces, and whoever
    built the workspace closes the last one with :meth:`close`. ``generation`` counts the
    switches, so a result read from a database since replaced can be recognised and dropped.
    """

    database_changed = Signal()
    #: a job changed data: carries the :class:`Change` flags it declared
    changed = Signal(object)

    def __init__(
        self,
        database: Database,
        clock: Clock,
        parent: QObject | None = None,
        *,
        folders: FileFolders | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.clock = clock
        #: the folder last used for each kind of file (kept in memory unless given settings)
        self.folders = folders if folders is not None else FileFolders()
        self.generation = 0

    @property
    def database(self) -> Database:
        """The open database."""
        return self._database

    @property
    def today(self) -> dt.date:
        """The day statuses and figures are computed for (the clock's)."""
        return self.clock.today()

    def switch(self, database: Database) -> None:
        """Work on ``database`` from now on and close the previous one."""
        previous = self._database
        if database is previous:
            return
        self._database = database
        self.generation += 1
        self.database_changed.emit()
        previous.close()

    def notify(self, changes: Change) -> None:
        """Tell the pages that a job changed ``changes`` (none: nothing is said)."""
        if changes:
            self.changed.emit(changes)

    def close(self) -> None:
        """Close the database in use."""
        self._database.close()
