"""An open campaign's page, live: calls logged elsewhere show at once with their last outcome,
attempts, callback and with whom; the table sorts and filters; Assign calls… offers the known
names; the Callers tab shows the campaign report's per-caller figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.changes import Change
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.services.reports.reports import campaign_report
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Person
from member_reach.ui.app import window_settings
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.campaigns.campaign_calls_model import CallsModel
from member_reach.ui.campaigns.campaign_view import CampaignView
from member_reach.ui.core.jobs import Jobs

from .test_campaigns_page import campaigns_page
from .test_campaigns_revenue import campaign

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 24, 15, 0)  # 10:00 in New York
NAME = "Dues drive"
COLUMNS = {
    "Ref": 0,
    "Name": 1,
    "State": 3,
    "Last outcome": 4,
    "Attempts": 5,
    "Callback": 6,
    "With whom": 7,
}


@pytest.fixture
def drive(callable_db: Database) -> Database:
    """A renewal campaign of three calls (Alan, in grace, first; Ada; Acme), goal 2."""
    campaign(callable_db, NAME, None)
    return callable_db


def opened(qtbot, window: MainWindow) -> CampaignView:  # type: ignore[no-untyped-def]
    page = campaigns_page(window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail.calls.model.rowCount() == 3, timeout=3000)
    return page.detail


def to_partner(database: Database, folder: Path) -> None:
    """The best call goes to the partner Acme Calls in a workbook."""
    with database.session() as s:
        export_to_partner(s, find_campaign(s, NAME), folder / "p.xlsx", NOW, "Acme Calls", count=1)


def cell(view: CampaignView, name: str, column: str) -> str:
    """What the table shows in ``column`` on the row of ``name`` (as sorted and filtered)."""
    proxy = view.calls.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, COLUMNS["Name"]).data() == name:
            return str(proxy.index(row, COLUMNS[column]).data())
    raise AssertionError(f"{name} is not shown")


def names(view: CampaignView) -> list[str]:
    proxy = view.calls.proxy
    return [proxy.index(r, COLUMNS["Name"]).data() for r in range(proxy.rowCount())]


def log_elsewhere(
    window: MainWindow,
    last_name: str,
    code: str,
    caller: str,
    callback: dt.datetime | None = None,
    amount: str | None = None,
) -> None:
    """Log a call as the Calls page does: an op on the window's runner, telling the pages."""

    def work(job):  # type: ignore[no-untyped-def]
        s = job.session
        campaign = find_campaign(s, NAME)
        task = s.scalars(
            select(CallTask)
            .join(Person, Person.id == CallTask.person_id)
            .where(CallTask.campaign_id == campaign.id)
            .where((Person.last_name == last_name) | (Person.organisation == last_name))
        ).one()
        code_ = find_code(s, campaign, code)
        money = Decimal(amount) if amount else None
        return log_call(
            s,
            campaign,
            task,
            code_,
            NOW,
            caller=caller,
            callback_at=callback,
            amount_promised=money,
        )

    refused: list[str] = []
    Jobs(window.workspace, window.runner, window).op(
        work, changes=Change.CALLS, failed=refused.append
    )
    assert refused == []


def test_a_call_logged_elsewhere_shows_at_once_keeping_choice_and_sort(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database
) -> None:
    window = window_factory(drive, now=NOW)
    view = opened(qtbot, window)
    assert names(view) == ["Alan Turing", "Ada Lovelace", "Acme Widgets Ltd"]  # best first
    assert cell(view, "Alan Turing", "Last outcome") == "" and view.calls.shown_label.text() == ""
    view.calls.table.sortByColumn(COLUMNS["Name"], Qt.SortOrder.AscendingOrder)
    view.calls.table.selectRow(names(view).index("Alan Turing"))
    log_elsewhere(window, "Turing", "no_answer", "Sam")
    log_elsewhere(window, "Turing", "callback", "Jo", dt.datetime(2026, 11, 26, 19, 0))
    qtbot.waitUntil(lambda: cell(view, "Alan Turing", "Attempts") == "2", timeout=3000)
    assert cell(view, "Alan Turing", "Last outcome") == "Asked to be called back"  # its label
    # 19:00 UTC is 14:00 in New York, where Alan's number is (the heading says their time);
    # the tooltip gives this computer's time beside it.
    assert cell(view, "Alan Turing", "Callback") == "11/26/26 2:00\u202fPM"
    assert view.calls.model.headerData(COLUMNS["Callback"], Qt.Orientation.Horizontal) == (
        "Callback (their time)"
    )
    assert cell(view, "Alan Turing", "With whom") == "Jo"  # the last who rang
    assert names(view) == ["Acme Widgets Ltd", "Ada Lovelace", "Alan Turing"]  # still by name
    assert view.calls.chosen() == [view.calls.rows[0].task.ref]  # Alan's call is still chosen
    log_elsewhere(window, "Acme Widgets Ltd", "renewed", "Sam")
    qtbot.waitUntil(lambda: cell(view, "Acme Widgets Ltd", "State") == "Done", timeout=3000)
    assert cell(view, "Acme Widgets Ltd", "Last outcome") == "Renewed on the call"
    assert "1 of 2 successes" in view.progress.text()  # the goal follows too


def test_the_calls_sort_by_a_click_and_filter_by_text_and_state(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database, tmp_path: Path
) -> None:
    to_partner(drive, tmp_path)
    window = window_factory(drive, now=NOW)
    window.show()
    qtbot.waitExposed(window)
    view = opened(qtbot, window)
    assert cell(view, "Alan Turing", "With whom") == "Acme Calls (partner)"
    assert cell(view, "Alan Turing", "State") == "With partner"
    log_elsewhere(window, "Lovelace", "no_answer", "Sam")
    log_elsewhere(window, "Lovelace", "no_answer", "Sam")
    log_elsewhere(window, "Acme Widgets Ltd", "no_answer", "Sam")
    qtbot.waitUntil(lambda: cell(view, "Ada Lovelace", "Attempts") == "2", timeout=3000)
    header = view.calls.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(COLUMNS["Attempts"]) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert names(view) == ["Alan Turing", "Acme Widgets Ltd", "Ada Lovelace"]  # 0, 1, 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert names(view) == ["Ada Lovelace", "Acme Widgets Ltd", "Alan Turing"]  # 2, 1, 0
    qtbot.keyClicks(view.calls.filter_edit, "no answ")  # the last outcome's label
    assert names(view) == ["Ada Lovelace", "Acme Widgets Ltd"]
    assert view.calls.shown_label.text() == "2 of 3 shown"
    view.calls.filter_edit.clear()
    qtbot.keyClicks(view.calls.filter_edit, "acme calls")  # with whom, any case
    assert names(view) == ["Alan Turing"]
    view.calls.filter_edit.clear()
    view.calls.state_box.setCurrentIndex(view.calls.state_box.findText("With partner"))
    assert names(view) == ["Alan Turing"]
    view.calls.state_box.setCurrentIndex(view.calls.state_box.findText("To call"))
    assert sorted(names(view)) == ["Acme Widgets Ltd", "Ada Lovelace"]
    view.calls.state_box.setCurrentIndex(0)  # every call
    assert len(names(view)) == 3 and view.calls.shown_label.text() == ""


def test_assign_calls_offers_the_known_callers_and_partners(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database, ui_settings: QSettings, tmp_path: Path
) -> None:
    window_settings.write(ui_settings, window_settings.USER_NAME, "Dana")
    to_partner(drive, tmp_path)
    window = window_factory(drive, now=NOW)
    view = opened(qtbot, window)
    log_elsewhere(window, "Acme Widgets Ltd", "no_answer", "Sam")
    qtbot.waitUntil(lambda: cell(view, "Acme Widgets Ltd", "Attempts") == "1", timeout=3000)
    qtbot.mouseClick(view.assign_button, Qt.MouseButton.LeftButton)
    dialog = view.assigner
    assert dialog is not None and dialog.isVisible()
    box = dialog.who_box
    offered = [box.itemText(i) for i in range(box.count()) if box.itemText(i)]  # no separator
    assert offered == ["Dana", "Sam", "Acme Calls"]  # me, the callers, then the partners
    assert box.isEditable() and box.currentText() == ""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nobody chosen yet
    box.setCurrentIndex(offered.index("Sam"))
    dialog.count_spin.setValue(1)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Calls assigned to Sam: 1." in view.detail_note.text(), timeout=3000)
    assigned = {row.task.name: row.task.assignee for row in view.calls.rows}
    assert assigned == {"Alan Turing": "Acme Calls", "Ada Lovelace": "Sam", "Acme Widgets Ltd": ""}
    assert cell(view, "Ada Lovelace", "With whom") == "Sam"
    qtbot.mouseClick(view.assign_button, Qt.MouseButton.LeftButton)  # the last free one
    again = view.assigner
    assert again is not None and again is not dialog
    qtbot.keyClicks(again.who_box.lineEdit(), "  New   Caller ")  # a new name, tidied
    assert again.who() == "New Caller"
    qtbot.mouseClick(
        again.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: cell(view, "Acme Widgets Ltd", "With whom") == "New Caller")


def test_the_callers_tab_shows_the_report_figures(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database, tmp_path: Path
) -> None:
    window = window_factory(drive, now=NOW)
    view = opened(qtbot, window)
    assert view.callers.empty.isVisibleTo(view.callers) or not view.callers.isVisible()
    log_elsewhere(window, "Turing", "no_answer", "Sam")
    log_elsewhere(window, "Turing", "renewed", "Sam", amount="120")
    log_elsewhere(window, "Acme Widgets Ltd", "promised", "Jo", amount="80.5")
    qtbot.waitUntil(lambda: view.callers.model.rowCount() == 2, timeout=3000)
    view.tabs.setCurrentWidget(view.callers)
    assert view.callers.table.isVisibleTo(view) and not view.callers.empty.isVisibleTo(view)
    with drive.session() as s:
        report = campaign_report(s, find_campaign(s, NAME), TODAY)
    model = view.callers.model
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    expected = [
        [f.caller, str(f.calls), str(f.conversations), str(f.successes)] for f in report.callers
    ]
    assert [row[:4] for row in shown] == expected
    assert shown[0] == ["Sam", "2", "1", "1", "1.0", "120.00"]  # calls, conversations, ...
    assert shown[1] == ["Jo", "1", "1", "0", "–", "80.50"]


def test_the_calls_model_is_a_proper_model(qtmodeltester, drive: Database) -> None:  # type: ignore[no-untyped-def]
    from member_reach.services.campaigns.campaign_calls import campaign_calls

    with drive.session() as s:
        rows = campaign_calls(s, find_campaign(s, NAME), NOW)
    model = CallsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.set_rows(rows) is False  # the same calls: updated in place
    assert model.set_rows(rows[:2]) is True and model.rowCount() == 2  # fewer: reset


def test_other_calls_keep_the_chosen_ones_chosen(qtbot, drive: Database) -> None:  # type: ignore[no-untyped-def]
    from member_reach.services.campaigns.campaign_calls import campaign_calls
    from member_reach.ui.campaigns.campaign_calls_view import CallsView

    with drive.session() as s:
        rows = campaign_calls(s, find_campaign(s, NAME), NOW)
    view = CallsView()
    qtbot.addWidget(view)
    view.show_rows(rows[:2], fresh=True)
    view.table.sortByColumn(COLUMNS["Name"], Qt.SortOrder.DescendingOrder)
    view.table.selectRow(1)  # Ada, after Alan
    assert view.chosen() == [rows[1].task.ref]
    view.show_rows(rows)  # a call more (a top-up): the list is read anew
    assert [r.task.name for r in view.shown()] == [
        "Alan Turing",
        "Ada Lovelace",
        "Acme Widgets Ltd",
    ]
    assert view.chosen() == [rows[1].task.ref]  # still Ada, still sorted by name
    view.show_rows(rows, fresh=True)  # another campaign: from the top, best first
    assert view.chosen() == [] and view.shown() == rows


def test_a_name_changed_elsewhere_shows_on_the_open_campaign(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database
) -> None:
    window = window_factory(drive, now=NOW)
    view = opened(qtbot, window)
    with drive.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        ada.display_name = "Ada King"  # her card was edited on the Members page
    window.workspace.notify(Change.MEMBERS)
    qtbot.waitUntil(lambda: "Ada King" in names(view), timeout=3000)


def test_the_progress_line_counts_in_words_one_and_many(  # type: ignore[no-untyped-def]
    qtbot, window_factory, drive: Database
) -> None:
    from member_reach.services.campaigns.campaigns import CampaignSummary
    from member_reach.ui.campaigns.campaign_view import CampaignLine

    view = opened(qtbot, window_factory(drive))
    window = (dt.date(2026, 11, 24), dt.date(2027, 3, 31))
    summary = CampaignSummary(1, "Renewals", "renewal", "active", *window, None, 1, 1_204)
    view.show_progress(CampaignLine(summary, 1))
    assert view.progress.text() == "1 success, no goal set · 1 call to make · 1,204 finished"
    more = CampaignSummary(1, "Renewals", "renewal", "active", *window, 2_000, 1_500, 0)
    view.show_progress(CampaignLine(more, 1_200))
    assert view.progress.text() == "1,200 of 2,000 successes · 1,500 calls to make · 0 finished"
