"""The database the window works on and the day it counts from, shared by every page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from member_reach.store.database import Database


class Workspace(QObject):
    """The database in use and "today"; pages follow ``database_changed`` and ``data_changed``.

    The workspace owns its database: :meth:`switch` closes the one it replaces, and whoever
    built the workspace closes the last one with :meth:`close`.
    """

    database_changed = Signal()
    data_changed = Signal()

    def __init__(self, database: Database, today: dt.date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._today = today

    @property
    def database(self) -> Database:
        """The open database."""
        return self._database

    @property
    def today(self) -> dt.date:
        """The day statuses and figures are computed for."""
        return self._today

    def switch(self, database: Database) -> None:
        """Work on ``database`` from now on and close the previous one."""
        previous = self._database
        if database is previous:
            return
        self._database = database
        self.database_changed.emit()
        previous.close()

    def notify_data_changed(self) -> None:
        """Tell the pages that something wrote to the database."""
        self.data_changed.emit()

    def close(self) -> None:
        """Close the database in use."""
        self._database.close()
