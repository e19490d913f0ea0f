"""A director pauses, resumes, closes and reopens a campaign from its page: the list shows the
state, a paused or closed campaign leaves the Calls page and cannot be assigned or exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.store.database import Database
from member_reach.ui.calls.calls_page import CallsPage

from .test_campaigns_page import build_renewals, campaigns_page


def test_pause_resume_close_reopen(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_factory(callable_db)
    window.show()
    qtbot.waitExposed(window)
    page = campaigns_page(window)
    dialog = build_renewals(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    window.show_page("calls")
    calls = window.pages["calls"]
    assert isinstance(calls, CallsPage)
    qtbot.waitUntil(lambda: calls.campaign_box.count() == 1, timeout=3000)  # active: listed
    window.show_page("campaigns")
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    buttons = page.detail.state_buttons
    assert buttons.pause_button.text() == "&Pause" and page.export_button.isEnabled()

    def status() -> str:
        with callable_db.session() as s:
            return find_campaign(s, "1").status

    qtbot.mouseClick(buttons.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status() == "paused", timeout=3000)
    assert buttons.pause_button.text() == "Resu&me"
    assert not page.export_button.isEnabled() and not page.detail.assign_button.isEnabled()
    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "Paused", timeout=3000)
    window.show_page("calls")
    qtbot.waitUntil(lambda: calls.campaign_box.count() == 0, timeout=3000)  # no calls given
    window.show_page("campaigns")
    qtbot.mouseClick(buttons.pause_button, Qt.MouseButton.LeftButton)  # Resume
    qtbot.waitUntil(lambda: status() == "active", timeout=3000)
    assert page.export_button.isEnabled()
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(buttons.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status() == "closed", timeout=3000)
    assert asked and "You can reopen it later" in asked[0]
    assert buttons.close_button.text() == "Reope&n campaign"
    assert not buttons.pause_button.isEnabled()  # a closed campaign is reopened, not resumed
    qtbot.mouseClick(buttons.close_button, Qt.MouseButton.LeftButton)  # Reopen
    qtbot.waitUntil(lambda: status() == "active", timeout=3000)
    assert buttons.pause_button.isEnabled() and page.export_button.isEnabled()


def test_edit_brief_changes_the_goal_and_keeps_who_and_when(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database, ui_settings
) -> None:
    from member_reach.services.campaigns.campaign_edit import campaign_edits
    from member_reach.ui.app import window_settings

    window_settings.write(ui_settings, window_settings.USER_NAME, "Dana")
    window = window_factory(callable_db)
    page = campaigns_page(window)
    dialog = build_renewals(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert "no goal set" in page.detail.progress.text()
    controls = page.detail.state_buttons
    qtbot.mouseClick(controls.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controls.editor is not None and controls.editor.isVisible())
    editor = controls.editor
    assert editor is not None and editor.fields.goal_spin.value() == 0
    editor.fields.goal_spin.setValue(12)
    editor.fields.revenue_edit.setText("six thousand")
    editor.save()
    assert "is not an amount" in editor.message.text() and editor.isVisible()  # nothing saved
    editor.fields.revenue_edit.setText("$6,000")
    qtbot.keyClicks(editor.fields.why_edit, "Dues fund the journal")
    editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: "0 of 12 successes" in page.detail.progress.text(), timeout=3000)
    with callable_db.session() as s:
        campaign = find_campaign(s, "1")
        assert (campaign.goal_count, str(campaign.goal_revenue)) == (12, "6000.00")
        assert campaign.why_it_matters == "Dues fund the journal"
        kept = {(who, c.field, c.after) for _, who, c in campaign_edits(s, campaign)}
    assert kept == {
        ("Dana", "goal_count", "12"),
        ("Dana", "goal_revenue", "6000.00"),
        ("Dana", "why_it_matters", "Dues fund the journal"),
    }


def test_edit_codes_retires_a_used_code_and_the_console_follows(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database, ui_settings
) -> None:
    import datetime as dt

    from PySide6.QtWidgets import QTableWidgetItem

    from member_reach.services.calls.calls import find_code, log_call
    from member_reach.store.models import CallTask, OutcomeCode
    from member_reach.ui.app import window_settings

    window_settings.write(ui_settings, window_settings.USER_NAME, "Dana")
    window = window_factory(callable_db, now=dt.datetime(2026, 11, 24, 15))  # 10:00 in New York
    window.show()
    qtbot.waitExposed(window)
    page = campaigns_page(window)
    dialog = build_renewals(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    with callable_db.session() as s:  # a call was logged as "busy"
        campaign = find_campaign(s, "1")
        task = s.query(CallTask).filter_by(campaign_id=campaign.id).first()
        log_call(s, campaign, task, find_code(s, campaign, "busy"), dt.datetime(2026, 11, 23, 15))
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    controls = page.detail.state_buttons
    qtbot.mouseClick(controls.codes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controls.codes_editor is not None and controls.codes_editor.isVisible())
    editor = controls.codes_editor
    assert editor is not None
    table = editor.editor.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    table.setItem(rows["voicemail"], 1, QTableWidgetItem("Left a message"))
    table.selectRow(rows["busy"])
    editor.editor.remove_selected()
    editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=3000)
    with callable_db.session() as s:
        codes = {c.code: c for c in s.query(OutcomeCode).all()}
    assert codes["busy"].retired and codes["voicemail"].label == "Left a message"
    window.show_page("calls")
    calls = window.pages["calls"]
    qtbot.waitUntil(lambda: calls.campaign_box.count() == 1, timeout=3000)  # type: ignore[attr-defined]
    calls.take_next()  # type: ignore[attr-defined]
    assert calls.call is not None  # type: ignore[attr-defined]
    offered = [b.property("code") for b in calls.form.outcomes.buttons()]  # type: ignore[attr-defined]
    assert "busy" not in offered and "voicemail" in offered


def test_top_up_previews_who_and_why_then_adds_them(  # type: ignore[no-untyped-def]
    qtbot, window_factory, callable_db: Database
) -> None:
    from member_reach.store.models import CallTask

    window = window_factory(callable_db)
    page = campaigns_page(window)
    dialog = build_renewals(qtbot, page)
    dialog.capacity_spin.setValue(1)  # one call now; the rest over capacity
    qtbot.waitUntil(lambda: "2 more did not fit" in dialog.summary.text(), timeout=3000)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=3000)
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert page.detail.calls.model.rowCount() == 1
    controls = page.detail.state_buttons
    qtbot.mouseClick(controls.top_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: controls.top_up_dialog is not None and controls.top_up_dialog.isVisible()
    )
    top = controls.top_up_dialog
    assert top is not None
    qtbot.waitUntil(lambda: top.preview is not None or bool(top.message.text()), timeout=3000)
    top.count.setValue(1)  # one more: the best of the two left
    qtbot.waitUntil(lambda: top.people.rowCount() == 1, timeout=3000)
    assert top.people.item(0, 2).text()  # why this person
    assert top.summary.text() == "1 would be added; 1 more could follow."
    qtbot.mouseClick(top.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not top.isVisible(), timeout=3000)
    with callable_db.session() as s:
        assert s.query(CallTask).count() == 2
    qtbot.waitUntil(lambda: page.detail.calls.model.rowCount() == 2, timeout=3000)
