"""A caller works the console with the keyboard alone: keys 1–9 choose, Tab reaches the notes,
Ctrl+Return logs and brings the next call with the keys back on the outcomes. Five calls in a
row, each checked on the member it was shown for, never touching the mouse."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QWidget
from sqlalchemy import select

from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, OutcomeCode, Person
from member_reach.ui.app import window_settings
from member_reach.ui.calls.calls_page import CallsPage

from ..conftest import fill_many, give_phones

NOW = dt.datetime(2026, 11, 24, 15, 0)  # UTC: 10:00 in New York
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def six_calls(empty_db: Database) -> Database:
    fill_many(empty_db, 6)  # six members expiring 30 June 2027
    give_phones(empty_db)  # New York numbers
    with empty_db.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2027, 6, 1), dt.date(2027, 6, 30)),
            name="June renewals",
            brief=Brief(goal_count=6),
        )
    return empty_db


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus is nowhere"
    return widget


def key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` wherever the keyboard focus is, as a person would."""
    qtbot.keyClick(focused(), key, modifier)


def test_five_calls_in_a_row_with_the_keyboard_alone(
    qtbot, window_factory, six_calls: Database, ui_settings
) -> None:  # type: ignore[no-untyped-def]
    window_settings.write(ui_settings, window_settings.USER_NAME, "Sam")
    window = window_factory(six_calls, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("calls")
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    assert all(not b.isEnabled() for b in page.form.outcomes.buttons())  # no call held yet
    page.next_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)  # Next call
    plan = [  # (key, code, notes typed)
        (Qt.Key.Key_2, "promised", "Will renew 1 Dec"),
        (Qt.Key.Key_4, "no_answer", ""),
        (Qt.Key.Key_7, "callback", "Ring after 7pm"),
        (Qt.Key.Key_8, "declined", ""),
        (Qt.Key.Key_1, "renewed", "Paid by card 7777"),
    ]
    shown: list[tuple[int, str, str]] = []
    for number, code, notes in plan:
        call = page.call
        assert call is not None
        assert isinstance(focused(), QPushButton) and focused() in page.form.outcomes.buttons()
        key(qtbot, number)
        chosen = page.form.outcomes.checkedButton()
        assert chosen is not None and chosen.property("code") == code
        if notes:
            key(qtbot, Qt.Key.Key_Tab)  # Tab from the outcomes reaches the notes…
            while not isinstance(focused(), QPlainTextEdit):
                key(qtbot, Qt.Key.Key_Tab)
            assert focused() is page.form.notes
            qtbot.keyClicks(focused(), notes)  # digits typed here are notes, not outcomes
            assert page.form.outcomes.checkedButton() is chosen
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert page.message.text().startswith("Logged"), page.message.text()
        shown.append((call.task_id, code, notes))
        assert page.form.notes.toPlainText() == ""  # the next call starts clean
    with six_calls.session() as s:
        logged = s.execute(
            select(CallLog.task_id, OutcomeCode.code, CallLog.notes, CallLog.caller)
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .order_by(CallLog.id)
        ).all()
        names = dict(
            s.execute(
                select(CallTask.id, Person.display_name).join(
                    Person, Person.id == CallTask.person_id
                )
            ).all()
        )
    assert [(t, c, n) for t, c, n, _ in logged] == shown  # each on the member it was shown for
    assert {who for *_, who in logged} == {"Sam"}
    assert len({names[t] for t, *_ in shown}) == 5  # five different members


def test_tab_order_and_a_tab_typed_in_the_notes(qtbot, window_factory, six_calls) -> None:  # type: ignore[no-untyped-def]
    window = window_factory(six_calls, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("calls")
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    page.next_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    form = page.form
    assert focused() is form.outcomes.buttons()[0]
    key(qtbot, Qt.Key.Key_2)  # an outcome chosen: Log call can be reached
    order = []
    for _ in range(7):
        key(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
    # The outcomes are one stop (an exclusive group: arrow keys move within it, keys 1–9
    # choose); the callback time is skipped while no callback is asked (it is disabled); a
    # promise ("2") takes an amount.
    assert order == [
        form.notes,
        form.callback_box,
        form.amount,
        form.log_button,
        form.skip_button,
        page.card.edits["first_name"],
        page.card.edits["last_name"],
    ]
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is page.card.edits["first_name"]
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "a")
    qtbot.keyClick(form.notes, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.notes, "b")
    assert form.notes.toPlainText() == "a\tb" and focused() is form.notes
