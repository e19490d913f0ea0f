"""A database in a OneDrive folder: the status bar says sync tools can damage it, in words."""

from __future__ import annotations

from pathlib import Path

from member_reach.store.database import Database, open_database

from .test_main_window import Boxes, menu_action, pick_file


def test_a_database_in_onedrive_is_warned_of_until_another_is_opened(
    window_factory,
    empty_db: Database,
    monkeypatch,
    tmp_path: Path,
) -> None:
    synced = tmp_path / "OneDrive - Contoso" / "Members" / "assoc.sqlite3"
    synced.parent.mkdir(parents=True)
    database = open_database(synced)
    boxes = Boxes(monkeypatch)
    window = window_factory(database)
    window.show()
    warning = window.statusBar().sync_label
    assert warning.isVisible()
    assert warning.text() == (
        "⚠ In a folder synced by OneDrive, which can damage a database while it is open: keep it "
        "in a local folder and use File › Backup… to put copies there."
    )

    pick_file(monkeypatch, "getOpenFileName", empty_db.url.database or "")
    menu_action(window, "File", "Open database…").trigger()
    assert boxes.shown == []
    assert not warning.isVisible() and warning.text() == ""


def test_a_new_database_made_in_dropbox_is_warned_of(
    window_factory,
    empty_db: Database,
    monkeypatch,
    tmp_path: Path,
) -> None:
    boxes = Boxes(monkeypatch)
    window = window_factory(empty_db)
    window.show()
    assert not window.statusBar().sync_label.isVisible()
    (tmp_path / "Dropbox").mkdir()
    pick_file(monkeypatch, "getSaveFileName", tmp_path / "Dropbox" / "fresh.sqlite3")
    menu_action(window, "File", "New database…").trigger()
    assert boxes.shown == []
    assert window.statusBar().sync_label.isVisible()
    assert "synced by Dropbox" in window.statusBar().sync_label.text()
