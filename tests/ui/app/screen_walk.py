"""Walk every page and every dialog the main window offers, on a real screen; report misfits.

Run by ``test_screen_fit`` in a subprocess under Xvfb (the platform and the scale factor are
fixed for the life of a QApplication)::

    cd tests && python -m ui.app.screen_walk OUT.json [--shots DIR] [--dark] [--empty]

Nothing is listed by name: the pages come from the sidebar, the dialogs from every action of
the menu bar (submenus included) and from every button of every page, so pages and dialogs
added later are walked too. Each window that opens is checked (``walk_checks``), then closed
with Cancel (reject), so actions that would change the database go only as far as their dialog.
Actions that quit are not triggered. The database is the demo association with an open renewal
campaign and a call held by the walker, so pages show content; with ``--empty``, a new, empty
database, whose welcome page is checked and its buttons pressed first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QMenu,
    QTabWidget,
    QWidget,
)

from member_reach.app import make_application
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.clock import Clock
from member_reach.services.demo.demo import create_demo_database
from member_reach.store.database import Database, open_database
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow

from .dark_palette import use_dark_palette
from .walk_checks import navigation_problems, window_problems

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 15, 0)
CALLER = "Walk Caller"
POLL_MS = 60
SETTLE_MS = 500  # a window is checked once it has been shown this long (previews, layouts)


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "window"


def _windows() -> list[QWidget]:
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in kinds and not isinstance(w, QMenu)
    ]


class Walker:
    """Opens things, checks each window that appears, closes it, and keeps the record."""

    def __init__(self, window: MainWindow, shots: Path | None) -> None:
        self.window = window
        self.shots = shots
        self.problems: dict[str, str] = {}  # each problem once, with where it was first seen
        self.opened: list[str] = []
        self.skipped: list[str] = []
        self.pages: list[str] = []
        self.triggered = 0  # menu actions
        self.welcomed = False  # the window opened on the welcome page
        self.welcome_pressed: list[str] = []

    def shoot(self, name: str) -> None:
        """Save the whole screen as ``name``.png (when asked for screenshots)."""
        if self.shots is None:
            return
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(self.shots / f"{name}.png"))

    def settle(self, ms: int = 150) -> None:
        """Let queued work, timers and layouts run for ``ms``."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def check_main(self, where: str) -> None:
        """Check the main window and its sidebar labels."""
        self.note(where, window_problems(self.window))
        self.note(where, navigation_problems(self.window.navigation))

    def note(self, where: str, problems: list[str]) -> None:
        """Keep each of ``problems`` with the first place it was seen."""
        for problem in problems:
            self.problems.setdefault(problem, f"{where}: {problem}")

    def open_and_check(self, where: str, trigger: Callable[[], object]) -> None:
        """Run ``trigger``; check and close every window it opens (modal ones included)."""
        before = set(_windows())
        first_seen: dict[QWidget, int] = {}
        state = {"ticks": 0, "quiet": 0, "done": False}
        loop = QEventLoop()

        def poll() -> None:
            state["ticks"] += 1
            new = [w for w in _windows() if w not in before]
            for widget in new:
                first_seen.setdefault(widget, state["ticks"])
                if (state["ticks"] - first_seen[widget]) * POLL_MS >= SETTLE_MS:
                    self._check_and_close(where, widget)
            state["quiet"] = 0 if new else state["quiet"] + 1
            if state["quiet"] >= 3 or state["ticks"] > 400:
                if new or state["ticks"] > 400:
                    self.note(where, ["a window would not close"])
                state["done"] = True
                loop.quit()
            else:
                QTimer.singleShot(POLL_MS, poll)

        QTimer.singleShot(POLL_MS, poll)
        trigger()
        if not state["done"]:
            loop.exec()

    def _check_and_close(self, where: str, widget: QWidget) -> None:
        title = widget.windowTitle() or type(widget).__name__
        label = f"{where} › {title}"
        self.opened.append(label)
        self.note(label, window_problems(widget))
        self.shoot(f"dialog-{len(self.opened):02d}-{_slug(title)}")
        for tabs in widget.findChildren(QTabWidget):  # each tab's buttons too
            for index in range(tabs.count()):
                if tabs.isVisible() and tabs.isTabEnabled(index) and index != tabs.currentIndex():
                    tabs.setCurrentIndex(index)
                    self.settle(100)
                    self.note(f"{label} › {tabs.tabText(index)}", window_problems(widget))
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()
        if widget.isVisible():  # refused to close (it asks first): hide it to go on
            widget.hide()

    def walk_pages(self) -> None:
        """Show each page of the sidebar and check it; then click every button of each.

        All pages are looked at before any button is pressed (a Pause pressed on the
        Campaigns page would leave the Calls page with nothing to call).
        """
        navigation = self.window.navigation
        for clicking in (False, True):
            for row in range(navigation.count()):
                key = navigation.item(row).data(Qt.ItemDataRole.UserRole)
                navigation.setCurrentRow(row)
                self.settle(300)
                if clicking:
                    self.click_buttons(row, key)
                    continue
                self.pages.append(key)
                select_first_rows(self.window.stack.currentWidget())
                self.settle(300)
                self.check_main(f"page {key}")
                self.shoot(f"page-{row + 1}-{key}")

    def click_buttons(self, row: int, key: str) -> None:
        """Click each button of the page once, then open each list's first row and go on.

        Buttons a click (or the opening of a row) reveals are clicked too; when one hides
        others not clicked yet (a Back button), what revealed them is done again.
        """
        page = self.window.stack.widget(row)
        pressed = Pressed()
        for view in item_views(page):
            pressed.press_all(self, row, key)
            if shiboken6.isValid(view) and view.isVisible():
                self.open_and_check(f"page {key} › open first row", lambda v=view: open_first(v))
                pressed.revealer = lambda v=view: open_first(v)
                self.settle(300)
                self.check_main(f"page {key} › first row opened")
                self.shoot(f"page-{row + 1}-{key}-opened")
        pressed.press_all(self, row, key)

    def walk_welcome(self, fresh: Callable[[], Database]) -> None:
        """Check the welcome page an empty database opens on, and press each of its buttons.

        A button that fills the database (the demo) leaves the page, as it should: the walk then
        opens another empty database (``fresh``) to press the rest.
        """
        welcome = self.window.welcome
        self.welcomed = self.window.current_page == "welcome"
        self.check_main("welcome page")
        self.shoot("welcome")
        pressed: set[QAbstractButton] = set()
        for _step in range(50):
            if self.window.current_page != "welcome":
                self.window.workspace.switch(fresh())
                self.settle(300)
                if self.window.current_page != "welcome":
                    self.note("welcome page", ["another empty database was not welcomed"])
                    return
            todo = [b for b in page_buttons(welcome) if b not in pressed]
            if not todo:
                return
            button = todo[0]
            pressed.add(button)
            text = button.text().replace("&", "")
            self.welcome_pressed.append(text)
            where = f"welcome › button {text}"
            self.open_and_check(where, button.click)
            self.check_main(where)

    def walk_menus(self) -> None:
        """Trigger every action of the menu bar (not those that quit)."""
        for action in menu_actions(self.window.menuBar().actions()):
            text = action.text().replace("&", "")
            if action.menuRole() == QAction.MenuRole.QuitRole:
                self.skipped.append(f"menu {text}: quits")
                continue
            if not action.isEnabled():
                self.skipped.append(f"menu {text}: disabled")
                continue
            self.triggered += 1
            self.open_and_check(f"menu {text}", action.trigger)
            self.check_main(f"menu {text}")


def menu_actions(actions: list[QAction]) -> list[QAction]:
    """Every action under ``actions``, submenus opened, separators left out."""
    found: list[QAction] = []
    for action in actions:
        if action.menu() is not None:
            found += menu_actions(action.menu().actions())
        elif not action.isSeparator():
            found.append(action)
    return found


def page_buttons(page: QWidget) -> list[QAbstractButton]:
    """The buttons a person can press on ``page`` now."""
    return [
        b
        for b in page.findChildren(QAbstractButton)
        if shiboken6.isValid(b) and b.isVisible() and b.isEnabled() and b.window() is page.window()
    ]


class Pressed:
    """The buttons of one page pressed so far, and what revealed each."""

    def __init__(self) -> None:
        self.revealed_by: dict[QAbstractButton, Callable[[], object] | None] = {}
        self.clicked: set[QAbstractButton] = set()
        self.reveals: dict[object, int] = {}
        self.revealer: Callable[[], object] | None = None

    def press_all(self, walker: Walker, row: int, key: str) -> None:
        """Press every button shown and not pressed yet, revealing hidden ones again."""
        page = walker.window.stack.widget(row)
        for _step in range(300):
            walker.window.navigation.setCurrentRow(row)
            select_first_rows(page)
            shown = page_buttons(page)
            for button in shown:
                self.revealed_by.setdefault(button, self.revealer)
            todo = [b for b in shown if b not in self.clicked]
            if not todo:
                again = self._revealer()
                if again is None:
                    return
                self.reveals[again] = self.reveals.get(again, 0) + 1
                walker.open_and_check(f"page {key} › again", again)
                continue
            button = todo[0]
            self.clicked.add(button)
            self.revealer = button.click
            where = f"page {key} › button {button.text().replace('&', '') or button.objectName()}"
            walker.open_and_check(where, button.click)
            walker.check_main(where)

    def _revealer(self) -> Callable[[], object] | None:
        """What to do again to show a button not pressed yet (each at most three times)."""
        for button, revealer in self.revealed_by.items():
            if button in self.clicked or not shiboken6.isValid(button) or revealer is None:
                continue
            owner = getattr(revealer, "__self__", None)
            if isinstance(owner, QAbstractButton) and not (
                shiboken6.isValid(owner) and owner.isVisible() and owner.isEnabled()
            ):
                continue
            if self.reveals.get(revealer, 0) < 3:
                return revealer
        return None


def item_views(page: QWidget) -> list[QAbstractItemView]:
    """The lists and tables shown on ``page``."""
    return [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]


def open_first(view: QAbstractItemView) -> None:
    """Open the first row of ``view`` as a double-click does."""
    model = view.model()
    if model is not None and model.rowCount() > 0:
        view.doubleClicked.emit(model.index(0, 0))


def select_first_rows(page: QWidget) -> None:
    """Select the first row of each list on ``page`` where nothing is chosen yet."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible() or model.rowCount() == 0:
            continue
        if not view.selectionModel().hasSelection():
            view.setCurrentIndex(model.index(0, 0))


def run(out: Path, shots: Path | None, dark: bool, empty: bool = False) -> dict[str, object]:
    """Build the window on the walk's database, walk it, and return the record.

    With ``empty``, the database is new and empty: the walk checks the welcome page the window
    opens on and presses its buttons, then walks the pages and menus as usual.
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
    walker.settle(500)
    walker.check_main("main window")
    if empty:
        walker.walk_welcome(fresh)
    walker.walk_pages()
    walker.walk_menus()
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
