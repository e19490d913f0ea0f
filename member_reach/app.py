"""The GUI entry: opens the database, builds the main window and runs the event loop.

``run_gui`` composes small pieces that tests exercise on their own: :func:`make_settings`,
:func:`open_start_database`, :func:`open_saved_database`, :func:`demo_target` and
:func:`build_main_window`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from member_reach import APP_NAME, APP_TITLE, __version__
from member_reach.assets import asset
from member_reach.services.common.clock import Clock
from member_reach.services.common.connection import open_choice, stored_password
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.logs import current_log
from member_reach.store.database import Database, open_database, to_url
from member_reach.store.errors import StoreError
from member_reach.store.paths import config_dir, default_database_path, demo_dir
from member_reach.ui.app import first_show, window_settings
from member_reach.ui.app.crash_dialog import CrashReporter
from member_reach.ui.app.database_actions import demo_database_path, demo_job
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.app.settings_dialog import saved_choice
from member_reach.ui.core.style import apply_style
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.core.translations import install_translations

SETTINGS_FILE = "member_reach.ini"


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def make_application() -> QApplication:
    """Return the running QApplication, creating it (names, version, style) if need be."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_translations(app)
    apply_style(app)
    return app


def app_icon() -> QIcon:
    """The app's icon (title bars, task bar, dock), drawn from its SVG at any size."""
    return QIcon(str(asset("app/member_reach.svg")))


def make_settings(folder: Path | None = None) -> QSettings:
    """Return the window settings: an INI file in the user's config folder (or ``folder``)."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)
    window_settings.upgrade(settings)
    return settings


def open_start_database(db_target: str | None) -> Database:
    """Open the database the app starts on.

    Args:
        db_target: a file path or URL given by the user, or None for the default file in the
            user's data folder, created and migrated on first start.

    Raises:
        StoreError: the database cannot be used; the message says what to do.
    """
    if db_target is None:
        path = default_database_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder {path.parent}: {exc.strerror or exc}."
            ) from None
        return open_database(path)
    # A mistyped name must not quietly start an empty database: only the default is created.
    return open_database(db_target, create=False)


def open_saved_database(settings: QSettings) -> tuple[Database, str]:
    """Open the database chosen in Settings (the default file unless another was chosen).

    Returns:
        The database, and a warning when the chosen one could not be opened and the default
        file was opened instead ("" otherwise).

    Raises:
        StoreError: not even the default file can be used.
    """
    choice = saved_choice(settings)
    if choice.kind == "default":
        return open_start_database(None), ""
    try:
        return open_choice(choice, stored_password(choice)), ""
    except ServiceError as exc:
        warning = _tr(
            "{problem} member_reach opened the standard database instead; choose again in "
            "File › Settings."
        ).format(problem=str(exc).rstrip(".") + ".")
        return open_start_database(None), warning


def demo_target(db_target: str | None, now: dt.datetime) -> Path:
    """Return the new file ``--demo`` writes to: ``db_target``, else one in the demo folder.

    Raises:
        StoreError: ``db_target`` is not an SQLite file path, or the file already exists.
    """
    if db_target is None:
        folder = demo_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {folder}: {exc.strerror or exc}.") from None
        return demo_database_path(folder, now)
    url = to_url(db_target)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise StoreError(
            "The demo is written to a new SQLite file; give a file path, not a database URL."
        )
    path = Path(url.database)
    if path.exists():
        raise StoreError(
            f"{path} already exists; the demo is only written to a new file. "
            "Give another name, or leave out --db."
        )
    return path


def build_main_window(
    settings: QSettings, database: Database, clock: Clock, *, synchronous_tasks: bool = False
) -> MainWindow:
    """Return the main window on ``database`` (which it owns from now on)."""
    return MainWindow(settings, database, clock, synchronous_tasks=synchronous_tasks)


def report_startup_error(message: str) -> int:
    """Tell the user why the app cannot start, on stderr and in a message box; return 1."""
    print(f"member-reach: {message}", file=sys.stderr)
    QMessageBox.critical(None, _tr("{title} cannot start").format(title=APP_TITLE), message)
    return 1


def run_gui(db_target: str | None, *, today: dt.date | None, demo: bool) -> int:
    """Open the app and return its exit status.

    Args:
        db_target: the database to open (a file path or URL), or None for the default file.
        today: the day statuses are computed for; None for the clock's date.
        demo: write a fresh demo association to a new file (``db_target`` if given) and open it.
    """
    app = make_application()
    # An error nobody foresaw shows a dialog instead of closing the window.
    reporter = CrashReporter(current_log(), app)
    reporter.install()
    try:
        return _open_and_run(app, db_target, today=today, demo=demo)
    finally:
        reporter.uninstall()


def _open_and_run(
    app: QApplication, db_target: str | None, *, today: dt.date | None, demo: bool
) -> int:
    clock = Clock(fixed_today=today)  # the one clock every page and job reads
    try:
        settings = make_settings()
        if demo:
            return _run_demo(app, settings, demo_target(db_target, clock.local_now()), clock)
        warning = ""
        if db_target is None:
            database, warning = open_saved_database(settings)
        else:
            database = open_start_database(db_target)
    except StoreError as exc:
        return report_startup_error(str(exc))
    except OSError as exc:
        return report_startup_error(f"Cannot write the settings: {exc.strerror or exc}.")
    window = build_main_window(settings, database, clock)
    if warning:
        QTimer.singleShot(0, lambda: QMessageBox.warning(window, APP_TITLE, warning))
    return _run_window(app, window)


def _run_window(app: QApplication, window: MainWindow) -> int:
    if first_show.wanted():
        first_show.FirstShowTimer(window)
    window.show()
    try:
        return app.exec()
    finally:
        window.workspace.close()


def _run_demo(app: QApplication, settings: QSettings, path: Path, clock: Clock) -> int:
    """Generate the demo in the background with progress, then open the window on it."""
    runner = TaskRunner(None)
    windows: list[MainWindow] = []
    # The progress dialog may be the only window for a while: closing it must not quit.
    app.setQuitOnLastWindowClosed(False)

    def ready(database: Database) -> None:
        window = build_main_window(settings, database, clock)
        windows.append(window)
        if first_show.wanted():
            first_show.FirstShowTimer(window)
        window.show()
        app.setQuitOnLastWindowClosed(True)

    def failed(message: str) -> None:
        app.exit(report_startup_error(message))

    runner.run(
        demo_job(path, clock.today()),
        title=_tr("Demo association"),
        label=_tr("Writing a demo association to {path}…").format(path=path),
        on_success=ready,
        on_failure=failed,
        on_cancel=lambda: app.exit(0),
    )
    try:
        return app.exec()
    finally:
        runner.shutdown()
        for window in windows:
            window.workspace.close()
