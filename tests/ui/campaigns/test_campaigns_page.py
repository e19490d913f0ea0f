"""The Campaigns page, driven as a director would: build a campaign from the form and read its
preview, see it in the list with its goal, open it, assign calls, release reserved ones and
export the partner and results workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QProgressBar
from sqlalchemy import func, select

from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.sheets.crypto import decrypt
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign, Person
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
from member_reach.ui.campaigns.campaigns_page import CampaignsPage


def campaigns_page(window: MainWindow) -> CampaignsPage:
    window.show_page("campaigns")
    page = window.pages["campaigns"]
    assert isinstance(page, CampaignsPage)
    return page


def build_renewals(qtbot, page: CampaignsPage) -> CampaignBuilderDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CampaignBuilderDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind_box.currentData() == "renewal"
    dialog.start_edit.setDate(QDate(2026, 12, 1))
    dialog.end_edit.setDate(QDate(2027, 3, 31))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=3000)  # after a pause
    return dialog


def test_a_campaign_is_built_from_its_preview(qtbot, window_factory, callable_db: Database) -> None:
    with callable_db.session() as s:
        s.scalars(select(Person).where(Person.last_name == "Lovelace")).one().do_not_call = True
    page = campaigns_page(window_factory(callable_db))
    assert page.empty.isVisibleTo(page)
    dialog = build_renewals(qtbot, page)
    names = [dialog.ranked.item(r, 0).text() for r in range(dialog.ranked.rowCount())]
    # Due in the window: Acme (31 Jan); in grace: Alan (10 Nov); Ada asked not to be called.
    assert names == ["Alan Turing", "Acme Widgets Ltd"]
    assert "2 people to call" in dialog.summary.text()
    assert all(dialog.ranked.item(r, 3).text() for r in range(len(names)))  # a reason each
    with callable_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0  # nothing written yet
    reasons = [dialog.excluded.item(r).text() for r in range(dialog.excluded.count())]
    assert "Asked not to be called: 1" in reasons
    dialog.excluded.setCurrentRow(reasons.index("Asked not to be called: 1"))
    assert dialog.excluded_people.item(0).text() == "Ada Lovelace"
    dialog.capacity_spin.setValue(1)  # the team can make one call: the preview follows
    qtbot.waitUntil(lambda: "1 more did not fit" in dialog.summary.text(), timeout=3000)
    dialog.brief_fields.goal_spin.setValue(1)
    qtbot.keyClicks(dialog.brief_fields.why_edit, "Renewals fund the journal")
    qtbot.keyClicks(dialog.name_edit, "Winter renewals")
    codes = dialog.codes_editor.table
    busy = [codes.item(r, 0).text() for r in range(codes.rowCount())].index("busy")
    codes.selectRow(busy)
    dialog.codes_editor.remove_selected()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    assert page.table.item(0, 0).text() == "Winter renewals"
    bar = page.table.cellWidget(0, 4)
    assert isinstance(bar, QProgressBar) and bar.text() == "0 of 1"
    with callable_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        assert campaign.why_it_matters == "Renewals fund the journal"
        assert "busy" not in {c.code for c in campaign.outcome_codes}
        assert s.scalar(select(func.count()).where(CallTask.campaign_id == campaign.id)) == 1


def test_a_campaign_page_assigns_releases_and_exports(
    qtbot,
    window_factory,
    callable_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = campaigns_page(window_factory(callable_db))
    dialog = build_renewals(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == 1 and page.detail.calls.model.rowCount() == 3
    assert "3 calls to make" in page.detail.progress.text()
    qtbot.mouseClick(page.detail.assign_button, Qt.MouseButton.LeftButton)
    assigner = page.detail.assigner
    assert assigner is not None and assigner.isVisible()
    assigner.who_box.setEditText("Call Partner Ltd")  # a new name
    assigner.count_spin.setValue(2)
    qtbot.mouseClick(
        assigner.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert "Calls assigned to Call Partner Ltd: 2." in page.detail.detail_note.text()
    assigned = [row.with_whom for row in page.detail.calls.rows]
    assert assigned.count("Call Partner Ltd") == 2
    with callable_db.session() as s:
        reserve(s, find_campaign(s, "1"), "Sam", 1, dt.datetime(2026, 11, 23, 15))
    page.reload()
    assert page.detail.release_button.isEnabled()
    qtbot.mouseClick(page.detail.release_button, Qt.MouseButton.LeftButton)
    assert "Reserved calls released: 1." in page.detail.detail_note.text()
    assert not page.detail.release_button.isEnabled()
    partner = tmp_path / "for the partner.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(partner), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # the window's dialog
    exchange = page.window().pages["exchange"]
    dialog = exchange.export_dialog
    assert dialog is not None and dialog.campaign_id() == page.campaign_id
    qtbot.keyClicks(dialog.partner_edit, "Call Partner Ltd")  # its own calls, and the free one
    password = dialog.generate()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exported is not None and dialog.exported.rows == 3
    assert load_workbook(decrypt(partner, password))["Calls"].max_row == 4  # heading, 3 calls
    page.window().show_page("campaigns")
    results = tmp_path / "results"  # no extension typed: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(results), ""))
    qtbot.mouseClick(page.detail.results_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "results.xlsx").is_file()
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0


def test_another_database_shows_its_own_campaigns(
    qtbot, window_factory, callable_db: Database, tmp_path: Path
) -> None:
    from member_reach.store.database import open_database

    page = campaigns_page(window_factory(callable_db))
    dialog = build_renewals(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    page.open_campaign(0)
    window = page.window()
    assert isinstance(window, MainWindow)
    window.workspace.switch(open_database(tmp_path / "other.sqlite3"))
    assert page.stack.currentIndex() == 0 and page.lines == []
    assert page.empty.isVisibleTo(page)


def test_the_codes_editor_sets_which_outcomes_ask_for_a_callback(
    qtbot, window_factory, callable_db: Database
) -> None:
    page = campaigns_page(window_factory(callable_db))
    dialog = build_renewals(qtbot, page)
    codes = dialog.codes_editor.table
    column = [codes.horizontalHeaderItem(c).text() for c in range(codes.columnCount())].index(
        "Call back"
    )
    rows = {codes.item(r, 0).text(): r for r in range(codes.rowCount())}
    assert codes.item(rows["callback"], column).checkState() == Qt.CheckState.Checked
    assert codes.item(rows["voicemail"], column).checkState() == Qt.CheckState.Unchecked
    # The director decides a voicemail asks for a callback too, and the callback code does not.
    codes.item(rows["voicemail"], column).setCheckState(Qt.CheckState.Checked)
    codes.item(rows["callback"], column).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(dialog.name_edit, "Winter renewals")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    with callable_db.session() as s:
        asks = {
            c.code for c in find_campaign(s, "Winter renewals").outcome_codes if c.asks_callback
        }
    assert asks == {"voicemail"}
