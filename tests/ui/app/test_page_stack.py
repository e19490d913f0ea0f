"""The sidebar's pages are built when first shown, and a page not opened keeps its stored state."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from member_reach.store.database import Database, open_database
from member_reach.ui.app import window_settings
from member_reach.ui.app.first_show import QUIT_AFTER_SHOW
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.members.members_page import MembersPage

from ..conftest import fill_people


def test_only_the_page_opened_on_is_built(qtbot, window_factory, people_db: Database) -> None:
    window: MainWindow = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_page == "dashboard"
    assert [k for k in window.pages if window.pages.is_built(k)] == ["dashboard"]
    assert window.stack.count() == len(window.pages) + 1  # a stand-in per page, and the welcome

    window.navigation.setCurrentRow(list(window.pages).index("members"))  # a click on the row
    page = window.pages["members"]
    assert window.pages.is_built("members") and window.stack.currentWidget() is page
    assert page.isVisible() and window.stack.indexOf(page) == 1
    assert window.stack.count() == len(window.pages) + 1
    window.show_page("dashboard")
    window.show_page("members")
    assert window.pages["members"] is page  # built once


def test_each_sidebar_title_is_its_pages_heading(qtbot, window_factory, people_db) -> None:
    window: MainWindow = window_factory(people_db)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert [a.text() for a in menu.actions()][: len(titles)] == titles
    assert titles == [window.pages[key].heading.text() for key in window.pages]


def test_the_members_columns_are_kept_when_the_page_is_not_opened(
    qtbot, window_factory, people_db: Database, ui_settings: QSettings
) -> None:
    first: MainWindow = window_factory(people_db)
    first.show_page("members")
    email = [c.key for c in first.members_page.model.columns].index("email")
    first.members_page.table.horizontalHeader().hideSection(email)
    first.show_page("dashboard")  # the page the next window opens on
    first.close()
    stored = window_settings.read(ui_settings, window_settings.MEMBERS_HEADER)
    assert not stored.isEmpty()

    again: MainWindow = window_factory(open_database(people_db.url, create=False))
    assert not again.pages.is_built("members")
    again.close()  # saved without the page: what was stored stays
    assert window_settings.read(ui_settings, window_settings.MEMBERS_HEADER) == stored

    third: MainWindow = window_factory(open_database(people_db.url, create=False))
    third.show_page("members")
    page = third.pages["members"]
    assert isinstance(page, MembersPage)
    assert page.table.horizontalHeader().isSectionHidden(email)


def test_the_window_opens_without_the_other_pages_or_the_demo_loaded(tmp_path: Path) -> None:
    # A real start to the window's first show, in a fresh process: the modules of the pages not
    # shown and of the demo builder are not loaded (packaging/README.md, start-up).
    database = open_database(tmp_path / "people.sqlite3")
    fill_people(database)
    database.close()
    script = (
        "import sys\n"
        "from member_reach.__main__ import main\n"
        f"code = main(['--db', {str(tmp_path / 'people.sqlite3')!r}, '--today', '2026-11-23'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('member_reach.')))\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        QUIT_AFTER_SHOW: "1",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.splitlines()[-1]
    assert "'member_reach.ui.dashboard.dashboard_page'" in loaded
    for page in ("members.members_page", "campaigns.campaigns_page", "calls.calls_page"):
        assert f"'member_reach.ui.{page}'" not in loaded
    for page in ("followup.follow_up_page", "exchange.exchange_page"):
        assert f"'member_reach.ui.{page}'" not in loaded
    assert "'member_reach.services.demo.demo'" not in loaded


class _WindowsShown(QObject):
    """Notes every window (a widget without a parent) shown while it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__} {watched.objectName()!r}")
        return False


def test_a_page_built_late_opens_no_window_and_keeps_the_focus(
    qtbot, window_factory, people_db: Database
) -> None:
    # A page's label made visible before it had a parent was a window of its own for a moment:
    # built once the main window was up, it took the focus (keys 1-9 on the Calls page died).
    window: MainWindow = window_factory(people_db)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    spy = _WindowsShown()
    app = QApplication.instance()
    app.installEventFilter(spy)
    try:
        for key in window.pages:
            window.show_page(key)
            qtbot.wait(20)
            assert QApplication.activeWindow() is window, key
    finally:
        app.removeEventFilter(spy)
    assert spy.shown == []
