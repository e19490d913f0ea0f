"""Walk every page and every dialog the main window offers, on a real screen; report misfits.

Run by ``test_screen_fit`` in a subprocess under Xvfb (the platform and the scale factor are
fixed for the life of a QApplication)::

    cd tests && python -m ui.app.screen_walk OUT.json [--shots DIR] [--dark] [--empty]

The walk itself (every page, menu action and page button, each window that opens closed with
Cancel) is the app's own (``member_reach.ui.app.window_walk``, which the self-check uses too);
here each window it meets is checked (``walk_checks``) and, if asked, photographed. The database
is the demo association with an open renewal campaign and a call held by the walker, so pages
show content; with ``--empty``, a new, empty database, whose welcome page is checked and its
buttons pressed first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from member_reach.app import make_application
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.clock import Clock
from member_reach.services.demo.demo import create_demo_database
from member_reach.store.database import Database, open_database
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.app.window_walk import WindowWalk, menu_actions

from .dark_palette import use_dark_palette
from .walk_checks import navigation_problems, window_problems

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 15, 0)
CALLER = "Walk Caller"


def prepare_database(folder: Path) -> Database:
    """The demo association, a renewal campaign over the next two months, a call held."""
    database = create_demo_database(folder / "walk.sqlite3", TODAY)
    with database.session() as session:
        created, _plan = create_renewal_campaign(
            session,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 1, 31), capacity=120),
            name="Winter renewals",
            brief=Brief(goal_count=40, why_it_matters="Dues fund the spring conference."),
        )
    with database.session() as session:
        from member_reach.store.models import Campaign

        campaign = session.get_one(Campaign, created.campaign_id)
        reserve(session, campaign, CALLER, 1, NOW)
    return database


class Walker(WindowWalk):
    """The window walk, checking that each window fits the screen, with screenshots if asked."""

    def __init__(self, window: MainWindow, shots: Path | None) -> None:
        super().__init__(window)
        self.shots = shots

    def shoot(self, name: str | None) -> None:
        """Save the whole screen as ``name``.png (when asked for screenshots)."""
        if self.shots is None or name is None:
            return
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(self.shots / f"{name}.png"))

    def look_at_main(self, where: str, shot: str | None = None) -> None:
        """Check the main window and its sidebar labels."""
        self.note(where, window_problems(self.window))
        self.note(where, navigation_problems(self.window.navigation))
        self.shoot(shot)

    def look_at_window(self, label: str, widget: QWidget, shot: str | None = None) -> None:
        """Check that ``widget`` fits the screen."""
        self.note(label, window_problems(widget))
        self.shoot(shot)


def run(out: Path, shots: Path | None, dark: bool, empty: bool = False) -> dict[str, object]:
    """Build the window on the walk's database, walk it, and return the record.

    With ``empty``, the database is new and empty: the walk checks the welcome page the window
    opens on and presses its buttons, then walks the (empty) pages; the menus' dialogs are left
    to the full walk.
    """
    warnings: list[str] = []

    def keep_warnings(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg:
            warnings.append(f"Qt said: {message}")

    qInstallMessageHandler(keep_warnings)
    app = make_application()
    if dark:
        use_dark_palette(app)
    folder = Path(tempfile.mkdtemp(prefix="screen-walk-"))

    def fresh() -> Database:
        """A new, empty database (a folder of its own)."""
        return open_database(Path(tempfile.mkdtemp(dir=folder)) / "new.sqlite3")

    database = fresh() if empty else prepare_database(folder)
    settings = QSettings(str(folder / "member_reach.ini"), QSettings.Format.IniFormat)
    window_settings.write(settings, window_settings.USER_NAME, CALLER)
    window = MainWindow(settings, database, Clock(fixed_today=TODAY), synchronous_tasks=True)
    window.show()
    walker = Walker(window, shots)
    # the menus' dialogs are the same on an empty database: the full walk opens them
    walker.walk(fresh if empty else None, menus=not empty)
    screen = QGuiApplication.primaryScreen()
    record: dict[str, object] = {
        "screen": [screen.availableGeometry().width(), screen.availableGeometry().height()],
        "ratio": screen.devicePixelRatio(),
        "navigation": window.navigation.count(),
        "actions": len(menu_actions(window.menuBar().actions())),
        "triggered": walker.triggered,
        "pages": walker.pages,
        "opened": walker.opened,
        "skipped": walker.skipped,
        "welcomed": walker.welcomed,
        "welcome_pressed": walker.welcome_pressed,
        "problems": [*walker.problems.values(), *dict.fromkeys(warnings)],
    }
    window.close()
    window.workspace.close()
    return record


def main(argv: list[str] | None = None) -> int:
    """Walk, write the record to OUT as JSON; exit 0 (the test judges the record)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--empty", action="store_true", help="a new, empty database")
    args = parser.parse_args(argv)
    if args.shots is not None:
        args.shots.mkdir(parents=True, exist_ok=True)
    record = run(args.out, args.shots, args.dark, args.empty)
    args.out.write_text(json.dumps(record, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
