"""Erase this person… on the member card: a confirmation naming what goes, then the person is
gone from the list and the database, and the message names the backups still holding them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from member_reach.store.database import Database
from member_reach.store.models import Person

from .test_members_card import shown_page
from .test_members_page import table_column


def test_erase_this_person_asks_naming_what_goes_then_erases(
    qtbot, window_factory, people_db: Database, monkeypatch
) -> None:
    asked: list[str] = []
    told: list[str] = []

    def warning(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return (
            QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Yes
        )

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    page = shown_page(qtbot, window_factory, people_db)
    page.table.selectRow(table_column(page, "Name").index("Ada Lovelace"))
    card = page.card
    qtbot.waitUntil(lambda: card.card is not None and card.card.name == "Ada Lovelace")
    qtbot.mouseClick(card.erase_button, Qt.MouseButton.LeftButton)  # asked, then Cancel
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "Erase Ada Lovelace everywhere?" in asked[0] and "calls with" in asked[0]
    assert "cannot be undone" in asked[0]

    def ada_count() -> int:
        with people_db.session() as s:
            return s.scalar(select(func.count()).where(Person.last_name == "Lovelace")) or 0

    assert ada_count() == 1
    qtbot.mouseClick(card.erase_button, Qt.MouseButton.LeftButton)  # asked, then Yes
    qtbot.waitUntil(lambda: len(told) == 1, timeout=5000)
    assert ada_count() == 0 and "was erased" in told[0]
    assert card.card is None
    qtbot.waitUntil(lambda: "Ada Lovelace" not in table_column(page, "Name"))
