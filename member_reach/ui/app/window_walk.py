"""Walk every page and every dialog the main window offers, found from the window, not listed.

The self-check (``member_reach.self_check``) walks the installed app off screen with it; the
tests' screen walk (``tests/ui/app/screen_walk.py``) walks it on real screens and checks, through
the ``look_at_*`` hooks, that each window fits and takes screenshots.

The pages come from the sidebar, the dialogs from every action of the menu bar (submenus
included) and from every button of every page, so pages and dialogs added later are walked too.
Each window that opens, modal ones included (a timer polls while their own event loop runs), is
looked at, then closed with Cancel (``reject``) or ``close``: an action that would change the
database goes only as far as its dialog, a file chooser chooses nothing, a question is answered
No. Actions that quit are not triggered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QMenu,
    QTabWidget,
    QWidget,
)

from member_reach.store.database import Database
from member_reach.ui.app.main_window import MainWindow

#: A trigger whose windows are still open after this long has one that would not close.
GIVE_UP_MS = 24_000


@dataclass(frozen=True)
class Pace:
    """How long the walk lets things settle, in milliseconds."""

    #: how often the walk looks for windows that opened
    poll_ms: int = 60
    #: how long a window has been shown when it is looked at (previews, layouts)
    window_ms: int = 500
    #: how long a page, a row opened or a tab is given before it is looked at
    page_ms: int = 300
    tab_ms: int = 100
    #: how long the main window is given after it is first shown
    start_ms: int = 500


#: Off screen nothing is drawn for a person to see: the walk only lets queued work run.
QUICK = Pace(poll_ms=5, window_ms=10, page_ms=0, tab_ms=0, start_ms=0)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "window"


def _windows() -> list[QWidget]:
    kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in kinds and not isinstance(w, QMenu)
    ]


class WindowWalk:
    """Opens things, looks at each window that appears, closes it, and keeps the record.

    Args:
        window: the main window, shown.
        pace: how long things settle (:data:`QUICK` off screen).
    """

    def __init__(self, window: MainWindow, pace: Pace | None = None) -> None:
        self.window = window
        self.pace = pace or Pace()
        self.problems: dict[str, str] = {}  # each problem once, with where it was first seen
        self.opened: list[str] = []  # "where › window title", one per window opened
        self.skipped: list[str] = []
        self.pages: list[str] = []
        self.triggered = 0  # menu actions
        self.welcomed = False  # the window opened on the welcome page
        self.welcome_pressed: list[str] = []

    def look_at_main(self, where: str, shot: str | None = None) -> None:
        """Hook: the main window as it is now, after ``where`` (``shot``: a name for a picture)."""

    def look_at_window(self, label: str, widget: QWidget, shot: str | None = None) -> None:
        """Hook: ``widget``, a window that opened (``label`` says from where), before it closes."""

    def note(self, where: str, problems: list[str]) -> None:
        """Keep each of ``problems`` with the first place it was seen."""
        for problem in problems:
            self.problems.setdefault(problem, f"{where}: {problem}")

    def settle(self, ms: int) -> None:
        """Let queued work, timers and layouts run for ``ms``."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def walk(self, fresh: Callable[[], Database] | None = None, *, menus: bool = True) -> None:
        """Walk the welcome page (with ``fresh``: see :meth:`walk_welcome`), pages and menus.

        ``menus`` false leaves the menus' dialogs out: a walk that only adds the empty
        database's pages to a full walk of the same window (the screen-fit test) need not open
        them all again.
        """
        self.settle(self.pace.start_ms)
        self.look_at_main("main window")
        if fresh is not None:
            self.walk_welcome(fresh)
        self.walk_pages()
        if menus:
            self.walk_menus()

    def open_and_check(self, where: str, trigger: Callable[[], object]) -> None:
        """Run ``trigger``; look at and close every window it opens (modal ones included)."""
        before = set(_windows())
        first_seen: dict[QWidget, int] = {}
        poll_ms = self.pace.poll_ms
        state = {"ticks": 0, "quiet": 0, "done": False}
        loop = QEventLoop()

        def poll() -> None:
            state["ticks"] += 1
            new = [w for w in _windows() if w not in before]
            for widget in new:
                first_seen.setdefault(widget, state["ticks"])
                if (state["ticks"] - first_seen[widget]) * poll_ms >= self.pace.window_ms:
                    self._look_and_close(where, widget)
            state["quiet"] = 0 if new else state["quiet"] + 1
            given_up = state["ticks"] * poll_ms > GIVE_UP_MS
            if state["quiet"] >= 3 or given_up:
                if new or given_up:
                    self.note(where, ["a window would not close"])
                state["done"] = True
                loop.quit()
            else:
                QTimer.singleShot(poll_ms, poll)

        QTimer.singleShot(poll_ms, poll)
        trigger()
        if not state["done"]:
            loop.exec()

    def _look_and_close(self, where: str, widget: QWidget) -> None:
        title = widget.windowTitle() or type(widget).__name__
        label = f"{where} › {title}"
        self.opened.append(label)
        self.look_at_window(label, widget, f"dialog-{len(self.opened):02d}-{_slug(title)}")
        for tabs in widget.findChildren(QTabWidget):  # each tab's buttons too
            for index in range(tabs.count()):
                if tabs.isVisible() and tabs.isTabEnabled(index) and index != tabs.currentIndex():
                    tabs.setCurrentIndex(index)
                    self.settle(self.pace.tab_ms)
                    self.look_at_window(f"{label} › {tabs.tabText(index)}", widget)
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()
        if widget.isVisible():  # refused to close (it asks first): hide it to go on
            widget.hide()

    def walk_pages(self) -> None:
        """Show each page of the sidebar and look at it; then click every button of each.

        All pages are looked at before any button is pressed (a Pause pressed on the
        Campaigns page would leave the Calls page with nothing to call).
        """
        navigation = self.window.navigation
        for clicking in (False, True):
            for row in range(navigation.count()):
                key = navigation.item(row).data(Qt.ItemDataRole.UserRole)
                navigation.setCurrentRow(row)
                self.settle(self.pace.page_ms)
                if self.window.stack.currentWidget() is not self.window.pages[key]:
                    self.note(f"page {key}", ["the page did not open"])
                if clicking:
                    self.click_buttons(row, key)
                    continue
                self.pages.append(key)
                select_first_rows(self.window.pages[key])
                self.settle(self.pace.page_ms)
                self.look_at_main(f"page {key}", f"page-{row + 1}-{key}")

    def click_buttons(self, row: int, key: str) -> None:
        """Click each button of the page once, then open each list's first row and go on.

        Buttons a click (or the opening of a row) reveals are clicked too; when one hides
        others not clicked yet (a Back button), what revealed them is done again.
        """
        page = self.window.pages[key]
        pressed = Pressed()
        for view in item_views(page):
            pressed.press_all(self, row, key)
            if shiboken6.isValid(view) and view.isVisible():
                open_it = partial(open_first, view)
                self.open_and_check(f"page {key} › open first row", open_it)
                pressed.revealer = open_it
                self.settle(self.pace.page_ms)
                self.look_at_main(f"page {key} › first row opened", f"page-{row + 1}-{key}-opened")
        pressed.press_all(self, row, key)

    def walk_welcome(self, fresh: Callable[[], Database]) -> None:
        """Look at the welcome page an empty database opens on, and press each of its buttons.

        A button that fills the database (the demo) leaves the page, as it should: the walk then
        opens another empty database (``fresh``) to press the rest.
        """
        welcome = self.window.welcome
        self.welcomed = self.window.current_page == "welcome"
        self.look_at_main("welcome page", "welcome")
        pressed: set[QAbstractButton] = set()
        for _step in range(50):
            if self.window.current_page != "welcome":
                self.window.workspace.switch(fresh())
                self.settle(self.pace.page_ms)
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
            self.look_at_main(where)

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
            self.look_at_main(f"menu {text}")

    def dialogs(self) -> list[str]:
        """The titles of the windows opened, each once, in the order first opened."""
        return list(dict.fromkeys(label.rsplit(" › ", 1)[-1] for label in self.opened))


def menu_actions(actions: list[QAction]) -> list[QAction]:
    """Every action under ``actions``, submenus opened, separators left out."""
    found: list[QAction] = []
    for action in actions:
        menu = action.menu()
        if isinstance(menu, QMenu):
            found += menu_actions(menu.actions())
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

    def press_all(self, walk: WindowWalk, row: int, key: str) -> None:
        """Press every button shown and not pressed yet, revealing hidden ones again."""
        page = walk.window.pages[key]
        for _step in range(300):
            walk.window.navigation.setCurrentRow(row)
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
                walk.open_and_check(f"page {key} › again", again)
                continue
            button = todo[0]
            self.clicked.add(button)
            self.revealer = button.click
            where = f"page {key} › button {button.text().replace('&', '') or button.objectName()}"
            walk.open_and_check(where, button.click)
            walk.look_at_main(where)

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
