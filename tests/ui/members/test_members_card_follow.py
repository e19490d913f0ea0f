"""The member card follows the list: its filter, the words for an expiry, Cancel on leaving."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from member_reach.store.database import Database
from member_reach.store.models import Person
from member_reach.ui.members.members_page import MembersPage

from .test_members_card import shown_page
from .test_members_page import table_column, type_search


def show(qtbot, page: MembersPage, name: str) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(table_column(page, "Name").index(name))
    card = page.card
    qtbot.waitUntil(lambda: card.card is not None and card.card.name == name)


def current_name(page: MembersPage) -> str:
    row = page.table.currentIndex().row()
    return table_column(page, "Name")[row] if row >= 0 else ""


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the unsaved-changes prompt with ``button``; the buttons offered are recorded."""
    offered: list[str] = []

    def question(_parent, title, _text, buttons, *_rest):  # type: ignore[no-untyped-def]
        offered.append(title)
        for choice in ("Save", "Discard", "Cancel"):
            if buttons & getattr(QMessageBox.StandardButton, choice):
                offered.append(choice)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return offered


def test_the_card_never_shows_someone_the_search_hides(
    qtbot, window_factory, people_db: Database
) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Ada Lovelace")
    type_search(qtbot, page, "turing")  # Ada is hidden: the one left takes the card
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.name == "Alan Turing")
    assert page.card.title.text() == "Alan Turing" and current_name(page) == "Alan Turing"
    type_search(qtbot, page, "nobody by this name")
    assert page.card.card is None and page.card.title.text() == "No member selected"
    assert not page.card.editor.isVisible()


def test_a_member_still_listed_keeps_the_card_and_their_row(
    qtbot, window_factory, people_db: Database
) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Grace Hopper")
    type_search(qtbot, page, "h")  # Grace, Katherine Johnson, Edsger, ...: Grace stays
    assert page.card.card is not None and page.card.card.name == "Grace Hopper"
    assert current_name(page) == "Grace Hopper"


def test_a_past_expiry_reads_expired_on(qtbot, window_factory, people_db: Database) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Alan Turing")  # expired 10 November 2026, today is the 23rd
    assert "expired on 11/10/26" in page.card.summary.text()
    assert "expires" not in page.card.summary.text()
    show(qtbot, page, "Ada Lovelace")
    assert "expires 3/31/27" in page.card.summary.text()
    assert "expired" not in page.card.summary.text()


def test_cancel_keeps_the_member_and_what_was_typed(
    qtbot, window_factory, people_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Ada Lovelace")
    card = page.card
    qtbot.keyClicks(card.edits["job_title"], "Countess")
    offered = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    page.table.selectRow(table_column(page, "Name").index("Grace Hopper"))
    assert offered == ["Save the changes?", "Save", "Discard", "Cancel"]
    assert card.card is not None and card.card.name == "Ada Lovelace"
    assert card.edits["job_title"].text() == "Countess" and card.save_button.isEnabled()
    assert current_name(page) == "Ada Lovelace"  # the move is undone
    with people_db.session() as s:
        assert s.scalars(select(Person.job_title).where(Person.last_name == "Lovelace")).one() == ""


def test_discard_moves_on_and_forgets_what_was_typed(
    qtbot, window_factory, people_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Ada Lovelace")
    qtbot.keyClicks(page.card.edits["job_title"], "Countess")
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    show(qtbot, page, "Grace Hopper")
    assert page.card.edits["job_title"].text() == "" and not page.card.save_button.isEnabled()
    with people_db.session() as s:
        assert s.scalars(select(Person.job_title).where(Person.last_name == "Lovelace")).one() == ""


def test_another_database_drops_the_card_without_offering_to_save_into_it(
    qtbot, window_factory, people_db: Database, empty_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = shown_page(qtbot, window_factory, people_db)
    show(qtbot, page, "Ada Lovelace")
    qtbot.keyClicks(page.card.edits["job_title"], "Countess")
    offered = answer(monkeypatch, QMessageBox.StandardButton.Save)
    window = page.window()
    window.workspace.switch(empty_db)  # type: ignore[attr-defined]
    assert offered == [] and page.card.card is None
    assert page.card.title.text() == "No member selected"
