"""File menu actions on databases: new, open, new demo, backup; restoring a good backup.

Each asks for a file with the system's file dialog, does the work in the background task
helper (creating, migrating, copying or generating can take a while), then switches the window
to the database or reports where the backup went. A failure leaves the current database in use
and says, in one line, what to do. When a job finds the database file damaged, the window offers
to put the last good backup in its place (the damaged file is kept aside).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from member_reach import APP_NAME
from member_reach.store.backup import backup_database
from member_reach.store.database import Database, open_database
from member_reach.store.integrity import restore_backup
from member_reach.store.paths import data_dir, demo_dir
from member_reach.ui.core.file_dialogs import open_file_name, save_file_name
from member_reach.ui.core.jobs import Jobs
from member_reach.ui.core.tasks import TaskControl, TaskRunner
from member_reach.ui.core.workspace import Workspace

DB_SUFFIX = ".sqlite3"


def _translate(text: str) -> str:
    return QCoreApplication.translate("DatabaseActions", text)


def with_suffix(path: Path) -> Path:
    """Give a file name without an extension the database extension."""
    return path if path.suffix else path.with_name(path.name + DB_SUFFIX)


def demo_database_path(folder: Path, now: dt.datetime) -> Path:
    """Return a new file name in ``folder`` for a demo database, named by the time."""
    stem = f"demo-{now:%Y-%m-%d-%H%M%S}"
    path = folder / f"{stem}{DB_SUFFIX}"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{counter}{DB_SUFFIX}"
        counter += 1
    return path


def demo_job(path: Path, today: dt.date) -> Callable[[TaskControl], Database]:
    """Return a job writing a demo association to the new file ``path``.

    The service refuses an existing file and removes its own file when cancelled or failed.
    """

    def job(control: TaskControl) -> Database:
        # The demo's builders (a third of the app's modules) load when a demo is made, not at
        # every start (packaging/README.md, start-up).
        from member_reach.services.demo.demo import create_demo_database

        return create_demo_database(path, today, progress=control.progress, mid_month=True)

    return job


def _file_filter() -> str:
    return _translate("member_reach databases (*.sqlite3 *.sqlite *.db);;All files (*)")


class DatabaseActions(QObject):
    """The handlers behind File > New, Open, New demo and Backup.

    Args:
        window: the widget dialogs and messages belong to.
        workspace: the database in use, switched on success.
        runner: runs the work in the background.
    """

    def __init__(self, window: QWidget, workspace: Workspace, runner: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._runner = runner
        self._jobs = Jobs(workspace, runner, self)
        self._offering = False  # one offer at a time, however many jobs fail
        #: where New demo database writes (the self-check keeps it in its own temporary folder)
        self.demo_folder: Callable[[], Path] = demo_dir
        runner.damaged.connect(self.offer_restore)

    def _start_folder(self) -> str:
        database = self._workspace.database
        if database.is_sqlite and database.url.database:
            return str(Path(database.url.database).parent)
        return str(data_dir())

    def new_database(self) -> None:
        """Ask for a new file, create and migrate a database there, and switch to it."""
        name, _ = save_file_name(
            self._window,
            self._workspace.folders,
            "database",
            self.tr("New database"),
            Path(self._start_folder()) / f"{APP_NAME}{DB_SUFFIX}",
            _file_filter(),
        )
        if not name:
            return
        path = with_suffix(Path(name))
        if path.exists():
            self._error(
                self.tr("Cannot create the database"),
                self.tr(
                    "{path} already exists, and a new database never replaces a file. "
                    "Choose a new name, or use File > Open database… to work on it."
                ).format(path=path),
            )
            return
        self._run_switch(
            lambda _control: open_database(path, create=True),
            title=self.tr("New database"),
            label=self.tr("Creating {name}…").format(name=path.name),
            failure=self.tr("Cannot create the database"),
        )

    def open_database(self) -> None:
        """Ask for a database file, open it (upgrading it if need be), and switch to it."""
        name = open_file_name(
            self._window,
            self._workspace.folders,
            "database",
            self.tr("Open database"),
            _file_filter(),
            self._start_folder(),
        )
        if not name:
            return
        path = Path(name)
        self._run_switch(
            lambda _control: open_database(path, create=False),
            title=self.tr("Open database"),
            label=self.tr("Opening {name}…").format(name=path.name),
            failure=self.tr("Cannot open the database"),
        )

    def new_demo_database(self) -> None:
        """Write a fresh demo association to a new file in the demo folder and switch to it."""
        folder = self.demo_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._error(
                self.tr("Cannot create the demo"),
                self.tr("Cannot create the folder {folder}: {error}.").format(
                    folder=folder, error=exc.strerror or exc
                ),
            )
            return
        path = demo_database_path(folder, self._workspace.clock.local_now())
        self._run_switch(
            demo_job(path, self._workspace.today),
            title=self.tr("Demo association"),
            label=self.tr("Writing a demo association to {name}…").format(name=path.name),
            failure=self.tr("Cannot create the demo"),
        )

    def backup(self) -> None:
        """Ask where, then write a backup of the database in use there."""
        today = self._workspace.today.isoformat()
        suggested = (
            Path(platformdirs.user_documents_dir()) / f"{APP_NAME}-backup-{today}{DB_SUFFIX}"
        )
        name, _ = save_file_name(
            self._window,
            self._workspace.folders,
            "backup",
            self.tr("Back up the database"),
            suggested,
            _file_filter(),
        )
        if not name:
            return
        path = with_suffix(Path(name))
        self._jobs.query(
            lambda job: backup_database(job.database, path, progress=job.progress),
            self._backup_written,
            key="backup",
            title=self.tr("Backup"),
            label=self.tr("Writing the backup to {name}…").format(name=path.name),
            failed=lambda message: self._error(self.tr("Backup failed"), message),
        )

    def _backup_written(self, path: Path) -> None:
        QMessageBox.information(
            self._window,
            self.tr("Backup written"),
            self.tr(
                "The backup was written to {path}.\n\nKeep it somewhere safe. To restore it, "
                "open it with File > Open database…"
            ).format(path=path),
        )

    def offer_restore(self, good: Path | None) -> None:
        """The database file is damaged: offer to restore ``good``, the last sound backup."""
        database = self._workspace.database
        if self._offering or good is None or not database.is_sqlite or not database.url.database:
            return
        path = Path(database.url.database)
        self._offering = True
        try:
            answer = QMessageBox.question(
                self._window,
                self.tr("The database is damaged"),
                self.tr(
                    "SQLite cannot read part of {name}, so nothing more can be saved in it.\n\n"
                    "Restore the last good backup, {backup}? The calls, imports and edits made "
                    "since that backup will have to be done again. The damaged file is kept "
                    "aside beside it."
                ).format(name=path.name, backup=good.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
        finally:
            self._offering = False
        if answer != QMessageBox.StandardButton.Yes:
            return
        stamp = self._workspace.clock.local_now().strftime("%Y%m%d-%H%M%S")
        database.close()  # no connection may keep the damaged file open while it is moved

        def restore(_control: TaskControl) -> Database:
            restore_backup(good, path, stamp)
            return open_database(path, create=False)

        self._run_switch(
            restore,
            title=self.tr("Restore the backup"),
            label=self.tr("Restoring {name}…").format(name=good.name),
            failure=self.tr("Cannot restore the backup"),
        )

    def _run_switch(
        self, job: Callable[[TaskControl], Database], *, title: str, label: str, failure: str
    ) -> None:
        self._runner.run(
            job,
            title=title,
            label=label,
            on_success=self._workspace.switch,
            on_failure=lambda message: self._error(failure, message),
        )

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self._window, title, message)
