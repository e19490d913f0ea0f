"""File dialogs start in the folder the last file of their kind was picked in, session after
session; another kind of file keeps its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from member_reach.store.database import Database
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.core.file_dialogs import FileFolders, open_file_name, save_file_name

from ..app.test_main_window import menu_action


class Dialogs:
    """The system's file dialogs, answered with the paths given; where each started is kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[str] = []
        self.answers: list[str] = []
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._dialog)

    def _dialog(self, _parent, _caption, start, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        self.started.append(start)
        return (self.answers.pop(0) if self.answers else "", "")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def folder(tmp_path: Path, name: str) -> Path:
    made = tmp_path / name
    made.mkdir()
    return made


def test_each_kind_of_file_starts_where_its_last_file_was_picked(
    dialogs: Dialogs, ui_settings: QSettings, tmp_path: Path
) -> None:
    rosters, events = folder(tmp_path, "rosters"), folder(tmp_path, "events")
    folders = FileFolders(ui_settings)
    dialogs.answers = [str(rosters / "november.csv")]
    assert open_file_name(None, folders, "roster", "Roster", "*.csv", events) == str(
        rosters / "november.csv"
    )
    assert dialogs.started == [str(events)]  # nothing picked yet: where the caller said
    open_file_name(None, folders, "roster", "Roster", "*.csv", events)
    open_file_name(None, folders, "attendees", "Attendees", "*.csv", events)
    assert dialogs.started[1:] == [str(rosters), str(events)]  # the roster's folder is its own
    again = FileFolders(QSettings(ui_settings.fileName(), QSettings.Format.IniFormat))
    ui_settings.sync()
    save_file_name(None, again, "roster", "Save", "december.csv", "*.csv")
    assert dialogs.started[-1] == str(rosters / "december.csv")  # the next session too


def test_a_cancelled_dialog_or_a_folder_since_removed_is_not_remembered(
    dialogs: Dialogs, tmp_path: Path
) -> None:
    gone = folder(tmp_path, "gone")
    folders = FileFolders()
    open_file_name(None, folders, "backup", "Backup", "*.sqlite3", tmp_path)  # cancelled
    assert folders.folder("backup") == ""
    dialogs.answers = [str(gone / "backup.sqlite3")]
    save_file_name(None, folders, "backup", "Backup", tmp_path / "b.sqlite3", "*.sqlite3")
    assert folders.folder("backup") == str(gone)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    kept = FileFolders(settings)
    kept.remember("backup", str(gone / "backup.sqlite3"))
    gone.rmdir()
    assert kept.folder("backup") == ""  # offered again where the caller suggests


def test_the_window_s_dialogs_remember_their_folders(
    qtbot, window_factory, people_db: Database, dialogs: Dialogs, tmp_path: Path
) -> None:
    rosters = folder(tmp_path, "rosters")
    roster = rosters / "november.csv"
    roster.write_text("First Name,Last Name\nAda,Lovelace\n")
    window: MainWindow = window_factory(people_db)

    def browse(menu_text: str) -> None:
        menu_action(window, "File", menu_text).trigger()
        assert window.wizard is not None
        qtbot.mouseClick(window.wizard.file_page.browse_button, Qt.MouseButton.LeftButton)

    dialogs.answers = [str(roster)]
    browse("Import roster…")
    assert window.wizard is not None and window.wizard.file_page.path_edit.text() == str(roster)
    browse("Import attendees…")  # another kind: not in the rosters' folder
    menu_action(window, "File", "Open database…").trigger()
    browse("Import roster…")
    assert Path(dialogs.started[1]) != rosters and Path(dialogs.started[2]) != rosters
    assert Path(dialogs.started[3]) == rosters
