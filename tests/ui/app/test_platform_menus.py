"""macOS: Settings, About and Quit in the application menu; shortcuts that become Cmd there.

Qt puts an action in macOS's application menu by its role; its text heuristic would move any
other action that reads like one ("Settings…", "Setup", "Options") too, so the others have
none. "Ctrl" in a shortcut is Cmd on macOS; "Meta" would be the Control key there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from member_reach.store.database import Database

from .test_main_window import menu_action

ROLE = QAction.MenuRole


def _menu_actions(window) -> list[QAction]:  # type: ignore[no-untyped-def]
    found = []
    for top in window.menuBar().actions():
        found.extend(a for a in top.menu().actions() if not a.isSeparator())
    return found


def test_settings_about_and_quit_have_their_roles(window_factory, empty_db: Database) -> None:
    window = window_factory(empty_db)
    assert menu_action(window, "File", "Settings…").menuRole() == ROLE.PreferencesRole
    assert menu_action(window, "File", "Quit").menuRole() == ROLE.QuitRole
    assert menu_action(window, "Help", "About member_reach").menuRole() == ROLE.AboutRole
    others = [
        a.text()
        for a in _menu_actions(window)
        if a.menuRole() not in (ROLE.NoRole, ROLE.PreferencesRole, ROLE.QuitRole, ROLE.AboutRole)
    ]
    assert others == []  # no text heuristic moves another action into the application menu
    assert [a.menuRole() for a in _menu_actions(window)].count(ROLE.PreferencesRole) == 1


def test_settings_keeps_its_ctrl_comma_shortcut(window_factory, empty_db: Database) -> None:
    window = window_factory(empty_db)
    settings = menu_action(window, "File", "Settings…")
    assert QKeySequence("Ctrl+,") in settings.shortcuts()


def test_shortcuts_use_ctrl_never_meta(window_factory, empty_db: Database) -> None:
    window = window_factory(empty_db)
    keyed = [(a.text(), k) for a in _menu_actions(window) for k in a.shortcuts()]
    assert len(keyed) >= 10
    for text, key in keyed:
        combination = key[0]
        assert not combination.keyboardModifiers() & Qt.KeyboardModifier.MetaModifier, text
        plain_letter = combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
        assert not plain_letter or combination.key() >= Qt.Key.Key_F1, text  # F1 alone is fine
