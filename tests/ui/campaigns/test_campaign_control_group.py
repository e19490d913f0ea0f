"""A control group as the director meets it: the builder's "Keep uncalled to measure" share, off
unless chosen, and the campaign's page showing the members kept uncalled apart, and the
comparison that waits for their periods to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from member_reach.services.campaigns.campaign_builder import CampaignRequest, create_campaign
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.demo.demo import create_demo_database
from member_reach.store.models import CallTask
from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
from member_reach.ui.campaigns.campaigns_page import CampaignsPage


def test_the_builder_keeps_a_share_uncalled_and_the_page_shows_it_apart(  # type: ignore[no-untyped-def]
    qtbot, window_factory, today: dt.date, tmp_path: Path
) -> None:
    database = create_demo_database(tmp_path / "demo.sqlite3", today)
    try:
        window = window_factory(database)
        window.show_page("campaigns")
        page = window.pages["campaigns"]
        assert isinstance(page, CampaignsPage)
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        dialog = page.findChild(CampaignBuilderDialog)
        assert dialog is not None
        spin = dialog.control_spin
        assert spin.value() == 0 and spin.text() == "Off: call everyone"  # off by default
        assert "10% is usual" in spin.toolTip()
        dialog.start_edit.setDate(QDate(2026, 12, 1))
        dialog.end_edit.setDate(QDate(2026, 12, 31))
        dialog.capacity_spin.setValue(0)  # everybody due
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        assert "kept uncalled" not in dialog.summary.text()
        spin.setValue(10)
        qtbot.waitUntil(lambda: "kept uncalled" in dialog.summary.text(), timeout=5000)
        preview = dialog.preview
        assert preview is not None and preview.control == round(len(preview.selected) / 10)
        assert f"{preview.control} kept uncalled to measure" in dialog.summary.text()
        qtbot.keyClicks(dialog.name_edit, "December measured")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
        with database.session() as s:
            campaign = find_campaign(s, "December measured")
            assert campaign.control_percent == 10 and campaign.control_seed is not None
            kept = s.scalars(
                select(CallTask.ref).where(CallTask.campaign_id == campaign.id, CallTask.in_control)
            ).all()
        assert len(kept) == preview.control
        called = len(preview.selected) - len(kept)

        page.table.setCurrentCell(0, 0)
        qtbot.keyClick(page, Qt.Key.Key_Return)
        detail = page.detail
        qtbot.waitUntil(lambda: detail.control_note.isVisibleTo(page), timeout=5000)
        assert detail.control_note.text() == (
            f"Control group: {len(kept)} members, not called — compared in the report "
            "(Did the calls work?)."
        )
        assert f"{called} calls to make" in detail.progress.text()  # the control is no call
        states = {row.task.ref: row.task.state for row in detail.calls.rows}
        assert {states[ref] for ref in kept} == {"control"}
        qtbot.waitUntil(lambda: detail.tabs.isTabVisible(2), timeout=5000)
        detail.tabs.setCurrentIndex(2)
        assert detail.control.verdict.text().startswith(
            f"Too early to tell: 0 of {len(kept)} control members' periods have ended."
        )
        assert "The next ends on" in detail.control.verdict.text()
        assert detail.control.chart.empty_text == "No member's period has ended yet."
    finally:
        database.close()


def test_a_top_up_shows_who_its_draw_keeps_uncalled(  # type: ignore[no-untyped-def]
    qtbot, window_factory, today: dt.date, tmp_path: Path
) -> None:
    database = create_demo_database(tmp_path / "demo.sqlite3", today)
    try:
        request = CampaignRequest(
            "renewal",
            name="December",
            start=dt.date(2026, 12, 1),
            end=dt.date(2026, 12, 31),
            capacity=100,
            control_percent=10,
            control_seed=5,
        )
        with database.session() as s:
            create_campaign(s, today, request)
        window = window_factory(database)
        window.show_page("campaigns")
        page = window.pages["campaigns"]
        assert isinstance(page, CampaignsPage)
        qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
        page.table.setCurrentCell(0, 0)
        qtbot.keyClick(page, Qt.Key.Key_Return)
        controls = page.detail.state_buttons
        qtbot.mouseClick(controls.top_up_button, Qt.MouseButton.LeftButton)
        top = controls.top_up_dialog
        assert top is not None
        top.count.setValue(50)
        qtbot.waitUntil(lambda: top.people.rowCount() == 50, timeout=5000)
        assert top.summary.text().endswith(
            "Of them, 5 kept uncalled in the control group, as the campaign keeps its share."
        )
        reasons = [top.people.item(r, 2).text() for r in range(50)]
        assert sum(r.startswith("Kept uncalled (control group) · ") for r in reasons) == 5
        qtbot.mouseClick(top.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not top.isVisible(), timeout=5000)
        with database.session() as s:
            kept = s.scalars(select(CallTask).where(CallTask.in_control)).all()
        assert len(kept) == 15  # 10 of the first 100, 5 of the 50 added
    finally:
        database.close()
