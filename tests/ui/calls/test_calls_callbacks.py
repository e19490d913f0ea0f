"""The Calls page's callback and amount, as a caller uses them: an outcome that asks for a callback
ticks it at a suggested slot in the member's time, with the caller's beside it; no callback, no
log; an amount for a promise; the member's clock ticks; "no call now" says when the next comes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QSettings, Qt, QTime
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from member_reach.services.common.clock import Clock
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.calls.calls_page import CallsPage

from .test_calls_page import NOW

NIGHT = dt.datetime(2026, 11, 25, 3, 0)  # UTC: 22:00 in New York, calling hours open at 8:00


def open_page(
    qtbot, window_factory, db: Database, settings: QSettings, now: dt.datetime
) -> CallsPage:  # type: ignore[no-untyped-def]
    window_settings.write(settings, window_settings.USER_NAME, "Sam")
    window: MainWindow = window_factory(db, now=now)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("calls")
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    return page


def key(
    qtbot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifier)


def code_key(page: CallsPage, code: str) -> Qt.Key:
    index = [b.property("code") for b in page.form.outcomes.buttons()].index(code)
    return Qt.Key(Qt.Key.Key_1.value + index)


def test_the_callback_outcome_asks_for_a_time_in_the_members_clock(  # type: ignore[no-untyped-def]
    qtbot, window_factory, calls_db, ui_settings, in_london
) -> None:
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NOW)
    page.take_next()
    form = page.form
    assert page.call is not None and page.call.zone == "America/New_York"
    assert not form.callback_box.isChecked()
    key(qtbot, code_key(page, "callback"))
    # Ticked, at the slot the console suggests: 12:00 in New York (two hours on), 17:00 in London.
    assert form.callback_box.isChecked() and form.callback_time.isEnabled()
    assert form.callback_time.dateTime() == QDateTime(QDate(2026, 11, 24), QTime(12, 0))
    # In the system's short formats, as every date of the window (US English here).
    assert form.callback_time.text() == "11/24/26 12:00\u202fPM"
    assert form.callback_where.text() == "their time · 5:00\u202fPM your time"
    form.callback_time.setDateTime(QDateTime(QDate(2026, 11, 25), QTime(9, 30)))
    assert form.callback_where.text() == "their time · 2:30\u202fPM your time"
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "after the board meeting")
    task_id = page.call.task_id
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.call is None or page.call.task_id != task_id, timeout=5000)
    with calls_db.session() as s:
        task = s.get_one(CallTask, task_id)
        assert task.next_callback == dt.datetime(2026, 11, 25, 14, 30)  # 9:30 in New York


def test_no_callback_time_no_log(qtbot, window_factory, calls_db, ui_settings) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NOW)
    page.take_next()
    assert page.call is not None
    key(qtbot, code_key(page, "callback"))
    page.form.callback_box.setChecked(False)  # the caller unticks it
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "needs the time to call back" in page.message.text(), timeout=5000)
    assert page.call is not None  # still on screen, still theirs
    with calls_db.session() as s:
        assert s.scalars(select(CallLog)).all() == []


def test_a_promise_takes_an_amount_and_a_bad_one_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window_factory, calls_db, ui_settings
) -> None:
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NOW)
    page.take_next()
    form = page.form
    key(qtbot, code_key(page, "no_answer"))
    assert not form.amount.isEnabled()  # nothing paid on an unanswered call
    key(qtbot, code_key(page, "promised"))
    assert form.amount.isEnabled()
    form.amount.setFocus()
    qtbot.keyClicks(form.amount, "one hundred")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.message.text() == "“one hundred” is not an amount: type it like 195.00."
    form.amount.clear()
    qtbot.keyClicks(form.amount, "$1,250.50")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.message.text().startswith("Logged"), timeout=5000)
    with calls_db.session() as s:
        assert s.scalars(select(CallLog.amount_promised)).one() == Decimal("1250.50")
    assert form.amount.text() == ""  # the next call starts empty


def test_the_members_clock_ticks_while_the_call_is_held(  # type: ignore[no-untyped-def]
    qtbot, window_factory, calls_db, ui_settings
) -> None:
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NOW)
    page.take_next()
    assert page.form.when_label.text().startswith("10:00\u202fAM there (America/New_York)")
    assert page._ticker.isActive()
    page._workspace.clock = Clock(fixed_today=NOW.date(), fixed_now=NOW + dt.timedelta(minutes=7))
    page._ticker.timeout.emit()  # what the timer does every few seconds
    assert page.form.when_label.text().startswith("10:07\u202fAM there (America/New_York)")


def test_no_call_now_says_when_the_next_can_be_rung(  # type: ignore[no-untyped-def]
    qtbot, window_factory, calls_db, ui_settings, in_london
) -> None:
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NIGHT)
    page.take_next()
    assert page.call is None
    text = page.form.waiting_label.text()
    assert "waiting for their local calling hours" in text
    assert text.endswith("The next one can be rung at 1:00\u202fPM your time.")  # 8:00 in New York
    assert not page._ticker.isActive()


def test_a_long_when_line_wraps_on_a_laptop(  # type: ignore[no-untyped-def]
    qtbot, window_factory, calls_db, ui_settings, in_london
) -> None:
    """Their time, a callback in theirs and ours, earlier attempts: the line wraps.

    On a 1366-wide laptop the form has about 650 pixels: one long line made it scroll
    sideways, hiding what lay right of it (the screen walk found it on the demo's calls).
    """
    with calls_db.session() as s:
        for task in s.scalars(select(CallTask)):
            task.next_callback = NOW - dt.timedelta(hours=1)
            task.attempts = 2
    page = open_page(qtbot, window_factory, calls_db, ui_settings, NOW)
    page.take_next()
    text = page.form.when_label.text()
    assert "callback asked for" in text and "yours)" in text and "earlier attempts: 2" in text
    assert page.form.when_label.fontMetrics().horizontalAdvance(text) > 640
    assert page.form.minimumSizeHint().width() <= 640
