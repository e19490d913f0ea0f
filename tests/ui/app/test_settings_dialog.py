"""File › Settings…: the association's rules, and choosing another file or a PostgreSQL server
(password in the password store, never in the settings file), as a director would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.engine import URL

from member_reach.app import open_saved_database
from member_reach.services.common.settings import load_settings
from member_reach.store.database import Database
from member_reach.ui.app.settings_dialog import SettingsDialog, save_choice, saved_choice

from .test_main_window import menu_action


def open_settings(window) -> SettingsDialog:  # type: ignore[no-untyped-def]
    menu_action(window, "File", "Settings…").trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def press_save(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_the_association_rules_are_saved_in_the_database(
    qtbot, window_factory, people_db: Database
) -> None:
    window = window_factory(people_db)
    dialog = open_settings(window)
    assert dialog.spins["grace_days"].value() == 30  # the default, as stored
    dialog.spins["calling_hours_start"].setValue(21)  # later than "until": refused
    press_save(qtbot, dialog)
    assert dialog.isVisible() and "Call until" in dialog.error.text()
    dialog.spins["calling_hours_start"].setValue(9)
    dialog.spins["grace_days"].clear()
    qtbot.keyClicks(dialog.spins["grace_days"], "60")
    dialog.date_box.setCurrentIndex(dialog.date_box.findData("dmy"))
    qtbot.keyClicks(dialog.name_edit, "Springfield Dental Association")
    with qtbot.waitSignal(window.workspace.changed):
        press_save(qtbot, dialog)
    assert not dialog.isVisible()
    with people_db.session() as s:
        stored = load_settings(s)
    assert (stored.grace_days, stored.calling_hours_start, stored.date_order) == (
        60,
        9,
        "dmy",
    )
    assert stored.association_name == "Springfield Dental Association"
    assert window.workspace.database is people_db  # the database did not change


def test_another_file_is_tested_then_used_and_remembered(
    qtbot, window_factory, people_db: Database, ui_settings: QSettings, tmp_path: Path
) -> None:
    window = window_factory(people_db)
    dialog = open_settings(window)
    assert dialog.default_radio.isChecked() and not dialog.file_edit.isEnabled()
    dialog.file_radio.setChecked(True)
    target = tmp_path / "branch" / "members.sqlite3"
    qtbot.keyClicks(dialog.file_edit, str(target))
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "does not exist yet: it will be created" in dialog.test_result.text()
    with qtbot.waitSignal(window.workspace.database_changed):
        press_save(qtbot, dialog)
    assert window.workspace.database.label == str(target) and target.exists()
    assert saved_choice(ui_settings).location == str(target)
    assert str(target) in window.windowTitle() or target.name in window.windowTitle()


def test_a_postgresql_server_with_its_password_in_the_password_store(
    qtbot,
    window_factory,
    people_db: Database,
    ui_settings: QSettings,
    pg_schema_url: URL,
    memory_keyring,
) -> None:
    window = window_factory(people_db)
    dialog = open_settings(window)
    dialog.pg_radio.setChecked(True)
    typed = pg_schema_url.render_as_string(hide_password=False)  # with its password
    qtbot.keyClicks(dialog.url_edit, typed)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text().startswith("Connected to PostgreSQL")
    with qtbot.waitSignal(window.workspace.database_changed, timeout=20_000):
        press_save(qtbot, dialog)
    assert window.workspace.database.url.get_backend_name() == "postgresql"
    password = str(pg_schema_url.password)
    assert list(memory_keyring.passwords.values()) == [password]
    ui_settings.sync()
    written = Path(ui_settings.fileName()).read_text()
    assert "postgresql" in written and password not in written  # never in plain settings
    reopened, warning = open_saved_database(ui_settings)  # the next start
    try:
        assert warning == "" and reopened.url.get_backend_name() == "postgresql"
    finally:
        reopened.close()


def test_a_wrong_password_is_said_in_one_line_and_nothing_switches(
    qtbot, window_factory, people_db: Database, pg_schema_url: URL
) -> None:
    window = window_factory(people_db)
    dialog = open_settings(window)
    dialog.pg_radio.setChecked(True)
    qtbot.keyClicks(dialog.url_edit, pg_schema_url._replace(password=None).render_as_string())
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    message = dialog.test_result.text()
    assert "Check that the server is running" in message and "\n" not in message
    press_save(qtbot, dialog)
    assert dialog.isVisible() and "Check that the server is running" in dialog.error.text()
    assert window.workspace.database is people_db


def test_a_saved_choice_that_no_longer_opens_falls_back_to_the_standard_file(
    ui_settings: QSettings, tmp_path: Path
) -> None:
    from member_reach.services.common.connection import DatabaseChoice

    junk = tmp_path / "gone.sqlite3"
    junk.write_bytes(b"not a database" * 200)
    save_choice(ui_settings, DatabaseChoice("file", str(junk)))
    database, warning = open_saved_database(ui_settings)
    try:
        assert "is not a member_reach database" in warning and "File › Settings" in warning
        assert database.label != str(junk)
    finally:
        database.close()


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)


def test_ctrl_comma_opens_settings_on_every_platform(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    settings = menu_action(window, "File", "Settings…")
    comma = QKeySequence("Ctrl+,")
    assert comma in settings.shortcuts()
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    assert all(key in settings.shortcuts() for key in standard)  # the platform's own too
    assert len(settings.shortcuts()) == len({k.toString() for k in settings.shortcuts()})
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_changes_are_recorded_under_the_full_name_unless_one_is_set(ui_settings) -> None:
    from member_reach.services.common.account import full_name
    from member_reach.ui.app import window_settings

    assert window_settings.user_name(ui_settings) == full_name()
    window_settings.write(ui_settings, window_settings.USER_NAME, "Sam Caller")
    assert window_settings.user_name(ui_settings) == "Sam Caller"
