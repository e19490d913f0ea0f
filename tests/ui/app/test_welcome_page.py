"""A new, empty database opens on the welcome page; a director drops the roster on it, opens
the demo or connects to the office's server, with the mouse or the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from member_reach.services.campaigns.campaigns import create_prospect_campaign
from member_reach.store.database import open_database
from member_reach.store.paths import demo_dir
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.app.settings_dialog import SettingsDialog
from member_reach.ui.app.user_guide import UserGuideDialog
from member_reach.ui.dashboard.dashboard_page import DashboardPage

from .test_main_window import Boxes, nav_click

SHEETS = Path(__file__).parents[2] / "data" / "sheets"
#: A roster LibreOffice wrote: what a director's membership system exports.
ROSTER = SHEETS / "roster.ods"


def drop_on(target: QWidget, *paths: Path) -> bool:
    """Drag ``paths`` over ``target`` and drop them; return whether it took the drop."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    copy = Qt.DropAction.CopyAction
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), copy, data, button, none)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(20, 20), copy, data, button, none)
    QApplication.sendEvent(target, dropped)
    return dropped.isAccepted()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def shown(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_an_empty_database_opens_on_the_welcome_page(qtbot, window_factory, empty_db) -> None:
    window = shown(qtbot, window_factory(empty_db))
    assert window.current_page == "welcome"
    assert window.stack.currentWidget() is window.welcome and window.welcome.isVisible()
    assert window.navigation.currentRow() == -1  # no sidebar row: a click on any one leaves
    welcome = window.welcome
    assert "import the roster" in welcome.intro.text() and "goals" in welcome.intro.text()
    target = welcome.drop_target
    assert target.title.text() == "Drop your roster here"
    assert target.hint.text() == "xlsx, xls, ods or csv from your membership system"


def test_a_database_with_people_opens_on_its_pages(qtbot, window_factory, people_db) -> None:
    window = shown(qtbot, window_factory(people_db))
    assert window.current_page == "dashboard"
    assert not window.welcome.isVisible()


def test_a_database_with_only_a_campaign_is_not_new(qtbot, window_factory, empty_db, today) -> None:
    with empty_db.session() as session:
        create_prospect_campaign(session, today, name="Prospects")
    window = shown(qtbot, window_factory(empty_db))
    assert window.current_page == "dashboard"


def test_the_sidebar_pages_stay_reachable(qtbot, window_factory, empty_db) -> None:
    window = shown(qtbot, window_factory(empty_db))
    nav_click(qtbot, window, 0)
    assert window.current_page == "dashboard"
    assert isinstance(window.stack.currentWidget(), DashboardPage)
    nav_click(qtbot, window, 1)
    assert window.current_page == "members"
    window.show_settings()  # Settings first, as a director may want
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


@pytest.mark.parametrize("names", [["minutes.pdf"], ["roster.xlsx", "lapsed.xlsx"]])
def test_anything_else_dropped_says_what_it_takes_and_opens_nothing(
    qtbot, window_factory, empty_db, tmp_path: Path, names: list[str]
) -> None:
    window = shown(qtbot, window_factory(empty_db))
    paths = [tmp_path / name for name in names]
    for path in paths:
        path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n" if path.suffix == ".pdf" else b"")
    target = window.welcome.drop_target
    drop_on(target, *paths)
    assert window.wizard is None
    message = target.message.text()
    assert target.message.isVisible() and "\n" not in message
    assert "xlsx, xls, ods or csv" in message
    assert message.startswith("minutes.pdf is not a roster" if len(names) == 1 else "Drop one")
    assert window.current_page == "welcome"


def test_choose_a_file_uses_the_file_dialog(
    qtbot, window_factory, empty_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def pick(_parent, caption, _folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(ROSTER), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    window = shown(qtbot, window_factory(empty_db))
    qtbot.mouseClick(window.welcome.drop_target.choose_button, Qt.MouseButton.LeftButton)
    assert "*.ods" in asked[0] and "*.xlsx" in asked[0]
    assert window.wizard is not None and window.wizard.choices.path == ROSTER
    assert window.workspace.folders.folder("roster") == str(SHEETS)  # remembered next time


def test_a_dropped_roster_is_imported_and_the_window_shows_the_dashboard(
    qtbot, window_factory, empty_db
) -> None:
    window = shown(qtbot, window_factory(empty_db))
    assert drop_on(window.welcome.drop_target, ROSTER)
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.choices.path == ROSTER and wizard.choices.kind == "roster"
    assert wizard.currentId() == wizard.SHEET  # the file is chosen: on to its sheet
    assert not window.welcome.drop_target.message.isVisible()
    next_button = wizard.button(wizard.WizardButton.NextButton)
    for step in (wizard.MAPPING, wizard.PREVIEW):
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        assert wizard.currentId() == step
    assert window.current_page == "welcome"  # the preview wrote nothing
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    qtbot.waitUntil(lambda: window.current_page == "dashboard")
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.stack.currentWidget() is dashboard.figures
    assert int(dashboard.cards["members"].value.text()) > 0


def test_the_demo_choice_opens_a_fresh_demo(qtbot, window_factory, empty_db, boxes) -> None:
    window = shown(qtbot, window_factory(empty_db))
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert boxes.shown == []
    assert Path(window.workspace.database.label).parent == demo_dir()
    assert window.current_page == "dashboard"
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    assert int(dashboard.cards["members"].value.text().replace(",", "")) > 0


def test_another_empty_database_is_welcomed_too(
    qtbot, window_factory, people_db, tmp_path: Path
) -> None:
    window = shown(qtbot, window_factory(people_db))
    window.show_page("campaigns")
    window.workspace.switch(open_database(tmp_path / "new.sqlite3"))
    assert window.current_page == "welcome"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the guide, offscreen
def test_the_keyboard_alone_takes_each_choice(
    qtbot, window_factory, empty_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown(qtbot, window_factory(empty_db))
    welcome = window.welcome
    choices = [
        welcome.drop_target.choose_button,
        welcome.demo_button,
        welcome.server_button,
        welcome.guide_button,
    ]
    assert welcome.drop_target.accessibleName() == "Drop your roster here"
    for button in choices:
        assert "&" in button.text()  # a mnemonic: Alt and the letter
        assert button.accessibleName()
    assert len({b.text().lower().split("&")[1][0] for b in choices}) == len(choices)
    assert QApplication.focusWidget() is choices[0]  # where the window opens
    for before, after in zip(choices, choices[1:], strict=False):
        assert QApplication.focusWidget() is before
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is after
    welcome.server_button.setFocus()
    qtbot.keyClick(welcome.server_button, Qt.Key.Key_Return)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1 and dialog.kind() == "postgresql"
    assert dialog.url_edit.isEnabled() and dialog.focusWidget() is dialog.url_edit
    dialog.reject()
    welcome.guide_button.setFocus()
    qtbot.keyClick(welcome.guide_button, Qt.Key.Key_Return)
    assert isinstance(window.user_guide, UserGuideDialog) and window.user_guide.isVisible()
    window.user_guide.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(ROSTER), ""))
    choices[0].setFocus()
    qtbot.keyClick(choices[0], Qt.Key.Key_Enter)
    assert window.wizard is not None and window.wizard.choices.path == ROSTER
