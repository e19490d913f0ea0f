"""The Calls page shows callers the revenue they work toward beside the count, read again with
every logged call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.store.database import Database
from member_reach.store.models import CallTask
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.calls.calls_page import CallsPage

NOW = dt.datetime(2026, 11, 24, 15, 0)  # UTC: 10:00 in New York
TODAY = dt.date(2026, 11, 23)


def winter_campaign(database: Database) -> None:
    """A renewal campaign of the test people: 2 renewals and 6,000.00 in dues by 31 December."""
    with database.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
            name="Winter renewals",
            brief=Brief(goal_count=2, goal_revenue=Decimal("6000"), deadline=dt.date(2026, 12, 31)),
        )


def test_the_revenue_callers_work_toward(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database, ui_settings: QSettings
) -> None:
    winter_campaign(callable_db)
    window_settings.write(ui_settings, window_settings.USER_NAME, "Sam")
    window: MainWindow = window_factory(callable_db, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("calls")
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    assert page.goal.bar.text() == "0 of 2" and page.goal.revenue.isVisible()
    assert page.goal.revenue.bar.text() == "0.00 of 6,000.00 in dues (0%)"
    # 6,000.00 in the 39 days from 23 November to 31 December.
    assert page.goal.revenue.pace.text() == "6,000.00 to go: 153.85 a day to make it by 12/31/26."
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    with callable_db.session() as s:  # a colleague logs a renewal paid on the call meanwhile
        campaign = find_campaign(s, "Winter renewals")
        other = s.scalars(
            select(CallTask.ref).where(CallTask.state == "open").order_by(CallTask.priority)
        ).first()
        assert other is not None
        task = find_task(s, campaign, other)
        renewed = find_code(s, campaign, "renewed")
        log_call(s, campaign, task, renewed, NOW, caller="Jo", amount_promised=Decimal("4200"))
    page.choose_outcome(1)  # Sam's call: renewed too
    page.log()
    assert page.goal.bar.text() == "2 of 2"
    assert page.goal.revenue.bar.text() == "4,200.00 of 6,000.00 in dues (70%)"
    assert page.goal.revenue.pace.text() == "1,800.00 to go: 46.15 a day to make it by 12/31/26."


def test_amounts_read_in_the_currency_set_in_settings(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from member_reach.ui.app.settings_dialog import SettingsDialog

    winter_campaign(callable_db)
    window: MainWindow = window_factory(callable_db, now=NOW)
    window.show_page("calls")
    page = window.pages["calls"]
    assert isinstance(page, CallsPage)
    assert page.goal.revenue.bar.text() == "0.00 of 6,000.00 in dues (0%)"  # none set yet
    dialog = window.show_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.keyClicks(dialog.currency_edit, "eu")  # not a currency code: said, nothing saved
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "three-letter code" in dialog.error.text()
    qtbot.keyClicks(dialog.currency_edit, "r")
    with qtbot.waitSignal(window.workspace.changed):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.goal.revenue.bar.text() == "€0.00 of €6,000.00 in dues (0%)")
    assert page.goal.revenue.pace.text() == "€6,000.00 to go: €153.85 a day to make it by 12/31/26."
