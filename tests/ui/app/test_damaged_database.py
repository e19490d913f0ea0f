"""A job finds the database file damaged: the window says so and offers the last good backup;
accepted, the backup takes the file's place (the damaged file kept aside) and the window goes on
with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from damage import damage_page_of
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from member_reach.store.backup import backup_before_change
from member_reach.store.database import open_database
from member_reach.store.integrity import quick_check
from member_reach.store.models import Person
from member_reach.ui.members.members_page import MembersPage

from ..conftest import fill_people


def test_the_window_offers_and_restores_the_last_good_backup(  # type: ignore[no-untyped-def]
    qtbot, window_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "members.sqlite3"
    database = open_database(path)
    fill_people(database)
    with database.session() as s:
        people = s.scalar(select(func.count()).select_from(Person))
        s.add_all(Person(first_name=f"Extra{n}", last_name="Member") for n in range(300))
    backup = backup_before_change(database, "import")
    database.close()
    damage_page_of(path, "person")
    asked: list[str] = []
    errors: list[str] = []

    def answer(_parent, title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    damaged = open_database(path, create=False)
    window = window_factory(damaged)
    window.show_page("members")
    page = window.pages["members"]
    assert isinstance(page, MembersPage)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0].startswith("The database is damaged: SQLite cannot read part of members")
    assert backup.name in asked[0]
    qtbot.waitUntil(lambda: window.workspace.database is not damaged, timeout=5000)
    assert quick_check(path) is None
    assert [p.name for p in tmp_path.glob("members-damaged-*.sqlite3")]  # kept aside
    with window.workspace.database.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == people + 300
    assert not any("Traceback" in e for e in errors)
