"""The Follow-up page, worked as staff would: a lead logged as interested on the Calls page waits
here, Enter opens the member's card, the lead is closed with how it ended in a small dialog and
leaves the list and the card; overdue rows are red; callbacks due are listed; Mine and
Everyone's follow the caller's name; a lead is given to someone else."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.changes import Change
from member_reach.store.database import Database
from member_reach.store.models import HandOff
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.calls.calls_page import CallsPage
from member_reach.ui.followup.follow_up_page import FollowUpPage
from member_reach.ui.followup.handoff_dialogs import CloseHandOffDialog, ReassignDialog
from member_reach.ui.widgets.alert_colours import DARK_ALERT, LIGHT_ALERT, alert_colour

NOW = dt.datetime(2026, 11, 24, 15, 0)  # UTC: 10:00 in New York
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def calls_db(callable_db: Database) -> Database:
    """The test people with phones, and a renewal campaign of four calls (Alan Turing, Acme
    Widgets, Ada Lovelace, Grace Hopper) whose warm leads go to Maya."""
    with callable_db.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 9, 30)),
            name="Winter renewals",
            brief=Brief(handoff_owner="Maya"),
        )
    return callable_db


def log(
    db: Database, member: str, code: str, when: dt.datetime, caller: str, **extra: object
) -> None:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, member)
        log_call(s, campaign, task, find_code(s, campaign, code), when, caller=caller, **extra)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot, window_factory, calls_db: Database, ui_settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window_settings.write(ui_settings, window_settings.USER_NAME, "Sam")
    made: MainWindow = window_factory(calls_db, now=NOW)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    return made


def follow_up_page(window: MainWindow) -> FollowUpPage:
    window.show_page("followup")
    page = window.pages["followup"]
    assert isinstance(page, FollowUpPage)
    return page


def cells(page: FollowUpPage, table_name: str) -> list[list[str]]:
    table = getattr(page, table_name)
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus is nowhere"
    return widget


def test_a_lead_logged_on_the_calls_page_is_followed_up_and_closed(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    page = follow_up_page(window)
    assert page.handoffs_stack.currentWidget() is page.handoffs_empty
    assert page.handoffs_empty.title.text() == "No warm lead to follow up"
    window.show_page("calls")
    calls = window.pages["calls"]
    assert isinstance(calls, CallsPage)
    qtbot.mouseClick(calls.next_button, Qt.MouseButton.LeftButton)
    assert calls.call is not None and calls.form.name_label.text() == "Alan Turing"
    calls.form.outcomes.buttons()[0].setFocus()
    qtbot.keyClick(calls.form.outcomes.buttons()[0], Qt.Key.Key_3)  # Interested
    qtbot.keyClicks(calls.form.notes, "Wants the chapter rate")
    qtbot.keyClick(calls.form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert calls.message.text().startswith("Logged")

    page = follow_up_page(window)  # read again on showing: a call was logged meanwhile
    assert page.handoffs_stack.currentWidget() is page.handoffs
    assert cells(page, "handoffs") == [
        ["Alan Turing", "Winter renewals", "Maya", "11/27/26", "Wants the chapter rate"]
    ]
    page.handoffs.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter opens the member's card
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.name == "Alan Turing")
    history = page.card.history.text()
    assert "Warm leads to follow up" in history
    assert "Winter renewals · Maya · due 11/27/26<br><i>Wants the chapter rate</i>" in history

    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Close hand-off…
    qtbot.waitUntil(lambda: page.dialog is not None)  # a mnemonic clicks after a moment
    dialog = page.dialog
    assert isinstance(dialog, CloseHandOffDialog) and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # not before saying how it ended
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Renewed
    qtbot.waitUntil(lambda: dialog.outcome() == "renewed")
    assert dialog.ok_button.isEnabled()
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Paid online")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)  # Tab leaves the note
    assert focused() is not dialog.notes
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # the default button: Close hand-off
    qtbot.waitUntil(lambda: page.handoffs_stack.currentWidget() is page.handoffs_empty)
    assert page.message.text() == "Closed the hand-off of Alan Turing: renewed."
    qtbot.waitUntil(lambda: "Maya · due" not in page.card.history.text())  # left the card
    assert page.card.card is not None and page.card.card.open_handoffs == ()
    with window.workspace.database.session() as s:
        closed = s.scalars(select(HandOff)).one()
        assert (closed.status, closed.outcome, closed.closed_by, closed.close_notes) == (
            "done", "renewed", "Sam", "Paid online"
        )  # fmt: skip
        assert closed.closed_at == NOW


def test_overdue_leads_in_red_callbacks_due_and_mine(
    qtbot, window: MainWindow, calls_db: Database
) -> None:  # type: ignore[no-untyped-def]
    log(
        calls_db,
        "M-1003",
        "interested",
        dt.datetime(2026, 11, 16, 15),
        "Sam",
        notes="Call his boss",
    )  # fmt: skip  (due 19 Nov: overdue)
    log(calls_db, "C-2001", "interested", NOW, "Bob")  # due 27 Nov
    log(calls_db, "M-1001", "callback", dt.datetime(2026, 11, 20, 15), "Sam",
        callback_at=dt.datetime(2026, 11, 22, 12))  # fmt: skip
    log(calls_db, "M-1002", "callback", NOW, "Bob", callback_at=dt.datetime(2026, 11, 23, 12))
    window.workspace.notify(Change.CALLS)  # logged elsewhere (another computer, the CLI)
    page = follow_up_page(window)
    qtbot.waitUntil(lambda: page.handoffs.rowCount() == 2)
    assert [row[0] for row in cells(page, "handoffs")] == ["Alan Turing", "Acme Widgets Ltd"]
    overdue = page.handoffs.item(0, 3)
    assert overdue.text() == "11/19/26 · overdue"
    red = alert_colour(page.handoffs.palette())
    assert overdue.foreground().color() == red and overdue.font().bold()
    assert page.handoffs.item(1, 3).foreground().color() != red
    assert [(r[0], r[3]) for r in cells(page, "callbacks")] == [
        ("Ada Lovelace", "Sam"),
        ("Grace Hopper", "Bob"),
    ]
    assert page.callbacks.item(0, 2).text().endswith("· overdue")
    assert page.everyone_button.isChecked() and page.everyone_button.text() == "Ever&yone's (4)"
    assert page.mine_button.text() == "Mi&ne (1)"  # Sam owns no lead; one callback is his
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Mine
    qtbot.waitUntil(lambda: page.mine_only)
    assert page.handoffs_stack.currentWidget() is page.handoffs_empty
    assert page.handoffs_empty.title.text() == "No warm lead to follow up for you (Sam)"
    assert cells(page, "callbacks")[0][0] == "Ada Lovelace" and page.callbacks.rowCount() == 1
    qtbot.keyClick(focused(), Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Everyone's
    qtbot.waitUntil(lambda: not page.mine_only)
    assert page.handoffs.rowCount() == 2 and page.callbacks.rowCount() == 2


def test_rows_are_reached_with_tab_and_arrows_and_a_lead_is_reassigned(
    qtbot, window: MainWindow, calls_db: Database
) -> None:  # type: ignore[no-untyped-def]
    log(calls_db, "M-1003", "interested", NOW, "Sam")
    log(calls_db, "C-2001", "interested", NOW, "Sam")
    log(calls_db, "M-1001", "callback", NOW, "Sam", callback_at=dt.datetime(2026, 11, 23, 12))
    window.workspace.notify(Change.CALLS)
    page = follow_up_page(window)
    qtbot.waitUntil(lambda: page.callbacks.rowCount() == 1)
    page.mine_button.setFocus()
    while focused() is not page.handoffs:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.card.card is not None and page.card.card.name == "Acme Widgets Ltd"
    )
    while focused() is not page.callbacks:  # on past the buttons to the callbacks
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.name == "Ada Lovelace")

    page.handoffs.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Reassign…
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, ReassignDialog) and dialog.isVisible()
    assert dialog.line.name == "Acme Widgets Ltd"  # the row chosen with the arrow
    assert not dialog.ok_button.isEnabled()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focused() is dialog.owner  # the name is typed at once
    qtbot.keyClicks(focused(), "Bob  Smith")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cells(page, "handoffs")[1][2] == "Bob Smith")
    assert page.message.text() == "The hand-off of Acme Widgets Ltd goes to Bob Smith."
    assert cells(page, "handoffs")[0][2] == "Maya"


def test_the_overdue_red_suits_a_dark_palette(qapp) -> None:  # type: ignore[no-untyped-def]
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    assert alert_colour(light) == QColor(LIGHT_ALERT)
    assert alert_colour(dark) == QColor(DARK_ALERT)


def test_the_lists_are_read_only_when_shown(qtbot, window: MainWindow, calls_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["followup"]
    assert isinstance(page, FollowUpPage) and not page.isVisible()
    before = page.reads
    log(calls_db, "M-1003", "interested", NOW, "Sam")
    window.workspace.notify(Change.CALLS)
    assert page.reads == before  # hidden: stale, not read
    follow_up_page(window)
    qtbot.waitUntil(lambda: page.handoffs.rowCount() == 1)
    assert page.reads == before + 1  # read once, on showing


def test_a_lead_closed_meanwhile_elsewhere_is_not_closed_twice(
    qtbot, window: MainWindow, calls_db: Database
) -> None:  # type: ignore[no-untyped-def]
    from member_reach.services.calls.follow_up import close_handoff

    log(calls_db, "M-1003", "interested", NOW, "Sam")
    window.workspace.notify(Change.CALLS)
    page = follow_up_page(window)
    qtbot.waitUntil(lambda: page.handoffs.rowCount() == 1)
    with calls_db.session() as s:  # Maya closes it on her computer
        close_handoff(s, s.scalars(select(HandOff.id)).one(), "joined", NOW, by="Maya")
    dialog = page.close_handoff()
    assert dialog is not None
    dialog.outcomes.buttons()[3].setChecked(True)  # Passed on
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.handoffs.rowCount() == 0)  # the list as it is now
    assert page.message.text() == (
        "The hand-off of Alan Turing was already closed (joined) by Maya on 2026-11-24; "
        "nothing was changed."
    )
    with calls_db.session() as s:
        assert s.scalars(select(HandOff.outcome)).one() == "joined"
