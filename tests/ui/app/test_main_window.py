from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from member_reach import __version__
from member_reach.store.database import open_database
from member_reach.store.paths import demo_dir
from member_reach.ui.app.main_window import DEFAULT_SIZE, MainWindow
from member_reach.ui.calls.calls_page import CallsPage
from member_reach.ui.campaigns.campaigns_page import CampaignsPage
from member_reach.ui.core.screen_fit import fitting_size
from member_reach.ui.dashboard.dashboard_page import DashboardPage
from member_reach.ui.exchange.exchange_page import ExchangePage
from member_reach.ui.members.members_page import MembersPage

from ..conftest import fill_people


class Boxes:
    """Records the message boxes a test triggers (the system edge, patched)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))
        monkeypatch.setattr(QMessageBox, "about", self._recorder("about"))

    def _recorder(self, kind: str):  # type: ignore[no-untyped-def]
        def record(_parent, title, text, *args):  # type: ignore[no-untyped-def]
            self.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return record


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def pick_file(monkeypatch: pytest.MonkeyPatch, kind: str, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, kind, lambda *args, **kwargs: (str(path), ""))


def menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_title:
            for action in menu_action.menu().actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu_title} > {text}")


def nav_click(qtbot, window: MainWindow, row: int) -> None:
    navigation = window.navigation
    rect = navigation.visualItemRect(navigation.item(row))
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_navigation_shows_every_page(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [
        "Dashboard", "Members", "Campaigns", "Calls", "Follow-up", "Exchange", "Plan",
    ]  # fmt: skip
    keys = ["dashboard", "members", "campaigns", "calls", "followup", "exchange", "plan"]
    for row, key in enumerate(keys):
        nav_click(qtbot, window, row)
        assert window.current_page == key
        assert window.stack.currentWidget() is window.pages[key]
        assert window.stack.currentWidget().heading.text() == titles[row]


def test_status_bar_and_title_name_the_database(window_factory, people_db) -> None:
    window = window_factory(people_db)
    bar = window.statusBar()
    assert bar.database_label.text() == f"Database: {people_db.label}"
    assert bar.count_label.text() == "7 members"
    assert window.windowTitle() == "people.sqlite3 — member_reach"


def test_dashboard_shows_real_figures(window_factory, people_db) -> None:
    window = window_factory(people_db)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    assert page.stack.currentWidget() is page.figures
    values = {key: card.value.text() for key, card in page.cards.items()}
    assert values == {
        "members": "7",
        "new": "1",
        "current": "2",
        "grace": "1",
        "lapsed": "1",
        "lifetime": "1",
        "unknown": "1",
        "contacts": "2",
    }
    assert page.subtitle.text() == "Membership on 11/23/26"


def test_an_empty_database_shows_empty_states_everywhere(window_factory, empty_db) -> None:
    window = window_factory(empty_db)
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.stack.currentWidget() is dashboard.empty
    assert dashboard.empty.title.text() == "No members yet — import a roster to begin"
    calls = window.pages["calls"]
    assert isinstance(calls, CallsPage)
    assert calls.empty.isVisibleTo(calls) and not calls.console.isVisibleTo(calls)
    assert calls.empty.title.text() == "No campaign to call for"
    exchange = window.pages["exchange"]
    assert isinstance(exchange, ExchangePage)
    assert exchange.empty.isVisibleTo(exchange) and not exchange.table.isVisibleTo(exchange)
    assert exchange.empty.title.text() == "Nothing exchanged yet"
    campaigns = window.pages["campaigns"]
    assert isinstance(campaigns, CampaignsPage)
    assert campaigns.empty.isVisibleTo(campaigns) and not campaigns.table.isVisibleTo(campaigns)
    assert campaigns.empty.title.text() == "No campaigns yet"
    assert window.statusBar().count_label.text() == "0 members"


def test_the_calls_page_waits_for_a_campaign_once_members_exist(window_factory, people_db) -> None:
    window = window_factory(people_db)
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    assert page.empty.isVisibleTo(page) and not page.next_button.isEnabled()
    assert "Campaigns page" in page.empty.text.text()


def test_geometry_splitter_and_page_are_kept_in_the_given_settings(
    qtbot, window_factory, people_db, ui_settings: QSettings
) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    # As narrow as the window goes on the page it will open on (pages are built when first
    # shown; the offscreen screen is 800 wide; the sidebar never cuts its labels), and lower
    # than the default.
    window.show_page("calls")
    width = window.minimumSizeHint().width()
    window.resize(width, 640)
    window.splitter.setSizes([210, width - 210])
    sizes = window.splitter.sizes()
    assert sizes[0] != 190  # not the default
    window.show_page("calls")
    window.close()
    assert Path(ui_settings.fileName()).exists()

    again = window_factory(open_database(people_db.url, create=False))
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (width, 640)
    assert again.splitter.sizes() == sizes
    assert again.current_page == "calls"


def test_unreadable_settings_fall_back_to_defaults(window_factory, people_db, ui_settings) -> None:
    ui_settings.setValue("window/page", "no-such-page")
    ui_settings.setValue("window/geometry", "not a geometry")
    window = window_factory(people_db)
    assert window.current_page == "dashboard"
    # The default size, as far as the screen has room (the offscreen screen is 800x600).
    assert window.width() == fitting_size(window, *DEFAULT_SIZE).width()
    assert window.width() == min(DEFAULT_SIZE[0], window.screen().availableGeometry().width() - 16)
    assert window.height() <= DEFAULT_SIZE[1]


def test_open_a_file_that_is_not_a_database_keeps_the_current_one(
    window_factory, people_db, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    window = window_factory(people_db)
    bad = tmp_path / "roster.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database at all")
    pick_file(monkeypatch, "getOpenFileName", bad)
    menu_action(window, "File", "Open database…").trigger()
    assert len(boxes.shown) == 1
    kind, title, text = boxes.shown[0]
    assert (kind, title) == ("critical", "Cannot open the database")
    assert "is not a member_reach database" in text
    assert "\n" not in text
    assert window.workspace.database is people_db
    assert window.statusBar().database_label.text() == f"Database: {people_db.label}"


def test_open_another_database_switches_every_page(
    window_factory, empty_db, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    other = open_database(tmp_path / "other.sqlite3")
    fill_people(other)
    other.close()
    window = window_factory(empty_db)
    members = window.pages["members"]
    assert isinstance(members, MembersPage)
    assert members.stack.currentWidget() is members.empty
    pick_file(monkeypatch, "getOpenFileName", tmp_path / "other.sqlite3")
    menu_action(window, "File", "Open database…").trigger()
    assert boxes.shown == []
    assert window.workspace.database.label.endswith("other.sqlite3")
    assert members.model.rowCount() == 7
    assert members.stack.currentWidget() is members.table
    assert window.statusBar().count_label.text() == "7 members"
    assert window.windowTitle() == "other.sqlite3 — member_reach"
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.stack.currentWidget() is dashboard.figures


def test_new_database_creates_and_switches(
    window_factory, people_db, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    window = window_factory(people_db)
    pick_file(monkeypatch, "getSaveFileName", tmp_path / "fresh")  # no extension typed
    menu_action(window, "File", "New database…").trigger()
    assert boxes.shown == []
    assert (tmp_path / "fresh.sqlite3").exists()
    assert window.workspace.database.label == str(tmp_path / "fresh.sqlite3")
    assert window.statusBar().count_label.text() == "0 members"


def test_new_database_never_replaces_a_file(
    window_factory, people_db, boxes: Boxes, monkeypatch
) -> None:
    window = window_factory(people_db)
    pick_file(monkeypatch, "getSaveFileName", people_db.label)
    menu_action(window, "File", "New database…").trigger()
    assert [b[1] for b in boxes.shown] == ["Cannot create the database"]
    assert "already exists" in boxes.shown[0][2]
    assert window.workspace.database is people_db


def test_cancelled_file_dialogs_change_nothing(window_factory, people_db, boxes, monkeypatch):
    window = window_factory(people_db)
    for kind in ("getOpenFileName", "getSaveFileName"):
        pick_file(monkeypatch, kind, "")
    for text in ("New database…", "Open database…", "Backup…"):
        menu_action(window, "File", text).trigger()
    assert boxes.shown == []
    assert window.workspace.database is people_db


def test_backup_runs_in_the_background_and_opens_as_a_database(
    qtbot, window_factory, people_db, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    window = window_factory(people_db, synchronous=False)
    pick_file(monkeypatch, "getSaveFileName", tmp_path / "backup")
    menu_action(window, "File", "Backup…").trigger()
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10_000)
    kind, title, text = boxes.shown[0]
    assert (kind, title) == ("information", "Backup written")
    written = tmp_path / "backup.sqlite3"
    assert str(written) in text
    copy = open_database(written, create=False)
    try:
        from member_reach.services.members.members import status_counts

        with copy.session() as session:
            assert sum(status_counts(session, window.workspace.today).values()) == 7
    finally:
        copy.close()


def test_backup_onto_the_database_itself_is_refused(
    window_factory, people_db, boxes: Boxes, monkeypatch
) -> None:
    window = window_factory(people_db)
    pick_file(monkeypatch, "getSaveFileName", people_db.label)
    menu_action(window, "File", "Backup…").trigger()
    assert [(b[0], b[1]) for b in boxes.shown] == [("critical", "Backup failed")]
    assert "choose another file" in boxes.shown[0][2]


def test_about_names_version_and_database(window_factory, people_db, boxes: Boxes) -> None:
    window = window_factory(people_db)
    menu_action(window, "Help", "About member_reach").trigger()
    kind, _title, text = boxes.shown[0]
    assert kind == "about"
    assert __version__ in text
    assert people_db.label in text


def test_quit_closes_the_window(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    quit_action = menu_action(window, "File", "Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.skipif(
    importlib.util.find_spec("member_reach.services.demo.demo") is None,
    reason="services.demo is not written yet",
)
def test_new_demo_database_fills_a_fresh_file_and_switches(
    window_factory, empty_db, boxes: Boxes
) -> None:
    window = window_factory(empty_db)
    menu_action(window, "File", "New demo database").trigger()
    assert boxes.shown == []
    label = window.workspace.database.label
    assert Path(label).parent == demo_dir()
    members = window.pages["members"]
    assert isinstance(members, MembersPage)
    assert members.model.rowCount() > 0


def test_one_icon_set_shipped_as_svg_on_every_page_and_main_action(
    window_factory, empty_db
) -> None:
    from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
    from member_reach.ui.core.icons import NAMES, icon

    for name in NAMES:  # each file is there and renders, sharp at any size
        assert not icon(name).isNull(), name
        assert not icon(name).pixmap(64, 64).isNull(), name
    window = window_factory(empty_db)
    for row in range(window.navigation.count()):
        assert not window.navigation.item(row).icon().isNull()
    for title in ("Import roster…", "Import history…", "Settings…"):
        assert not menu_action(window, "File", title).icon().isNull()
    new = menu_action(window, "Campaign", "New campaign…")
    assert new.shortcut().toString() == "Ctrl+Shift+N"
    new.trigger()
    assert window.current_page == "campaigns"
    assert window.pages["campaigns"].findChild(CampaignBuilderDialog).isVisible()


def test_an_empty_database_offers_the_import_wizard(qtbot, window_factory, empty_db) -> None:
    from PySide6.QtWidgets import QPushButton

    window = window_factory(empty_db)
    for key in ("dashboard", "members"):
        page = window.pages[key]
        empty = page.empty  # type: ignore[attr-defined]
        assert "coming version" not in empty.text.text()
        [button] = [b for b in empty.findChildren(QPushButton) if b.text() == "Import a roster…"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.wizard is not None and window.wizard.isVisible()
        assert window.wizard.currentId() == window.wizard.FILE
