"""The dashboard counts the warm leads overdue and the callbacks due today, reads them again
when calls are logged, and its button (or a click on a figure) opens the Follow-up page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.changes import Change
from member_reach.store.database import Database
from member_reach.ui.app import window_settings
from member_reach.ui.dashboard.dashboard_page import DashboardPage
from member_reach.ui.widgets.alert_colours import alert_colour

NOW = dt.datetime(2026, 11, 23, 15, 0)
TODAY = dt.date(2026, 11, 23)


def log(db: Database, member: str, code: str, when: dt.datetime, **extra: object) -> None:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, member)
        log_call(s, campaign, task, find_code(s, campaign, code), when, **extra)  # type: ignore[arg-type]


def test_follow_up_figures_and_the_way_to_the_page(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database, ui_settings: QSettings
) -> None:
    window_settings.write(ui_settings, window_settings.USER_NAME, "Sam")
    with callable_db.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name="Winter renewals",
            brief=Brief(handoff_owner="Maya"),
        )
    window = window_factory(callable_db, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("dashboard")
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    section = page.follow_up
    qtbot.waitUntil(lambda: section.counts is not None)
    assert (section.leads.value.text(), section.callbacks.value.text()) == ("0", "0")
    log(callable_db, "M-1003", "interested", dt.datetime(2026, 11, 10, 15))  # due 13 Nov
    log(callable_db, "C-2001", "interested", NOW)
    log(callable_db, "M-1001", "callback", dt.datetime(2026, 11, 20, 15),
        callback_at=dt.datetime(2026, 11, 23, 12))  # fmt: skip
    window.workspace.notify(Change.CALLS)
    qtbot.waitUntil(lambda: section.leads.value.text() == "1")
    assert section.leads.help.text() == "of 2 open, past their due day"
    red = alert_colour(section.palette()).name()
    assert red in section.leads.value.styleSheet()
    assert section.callbacks.value.text() == "1"
    assert section.callbacks.help.text() == "1 of them overdue"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Go to Follow-up
    qtbot.waitUntil(lambda: window.current_page == "followup")
    window.show_page("dashboard")
    qtbot.mouseClick(section.callbacks, Qt.MouseButton.LeftButton)
    assert window.current_page == "followup"
