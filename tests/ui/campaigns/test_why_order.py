"""Why this order, from the new-campaign form: the fixed weights and how much history is still
needed while it is small; with a history, each factor's counts, and the list's reasons naming
the same figures."""

from __future__ import annotations

import datetime as dt

from history_db import add_due, write_history
from PySide6.QtCore import QDate, Qt

from member_reach.services.campaigns.learned_ranking import explain_ranking
from member_reach.store.database import Database
from member_reach.ui.campaigns.campaign_builder_dialog import CampaignBuilderDialog
from member_reach.ui.campaigns.campaigns_page import CampaignsPage
from member_reach.ui.campaigns.why_order_dialog import WhyOrderDialog

TODAY = dt.date(2026, 11, 23)


def open_builder(qtbot, window_factory, db: Database) -> CampaignBuilderDialog:  # type: ignore[no-untyped-def]
    window = window_factory(db)
    window.show_page("campaigns")
    page = window.pages["campaigns"]
    assert isinstance(page, CampaignsPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CampaignBuilderDialog)
    assert dialog is not None
    dialog.start_edit.setDate(QDate(2026, 12, 1))
    dialog.end_edit.setDate(QDate(2026, 12, 31))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=3000)
    return dialog


def open_why(qtbot, builder: CampaignBuilderDialog) -> WhyOrderDialog:  # type: ignore[no-untyped-def]
    assert builder.why_button.isVisible()
    qtbot.mouseClick(builder.why_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: builder.why_dialog is not None, timeout=3000)
    assert builder.why_dialog is not None and builder.why_dialog.isVisible()
    return builder.why_dialog


def cells(dialog: WhyOrderDialog, row: int) -> list[str]:
    table = dialog.table
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_small_history_says_the_fixed_weights_are_in_use(
    qtbot, window_factory, callable_db: Database
) -> None:
    builder = open_builder(qtbot, window_factory, callable_db)
    assert (
        "Ranked by fixed weights until your own history holds 400 calls whose result is known "
        "(now 0)."
    ) in builder.summary.text()
    why = open_why(qtbot, builder)
    assert why.headline.text().startswith(
        "Ranked by fixed weights: 0 calls whose result is known and 0 members due without a call"
    )
    assert "400 calls and 400 members without a call are needed" in why.headline.text()
    assert "Import your roster each month" in why.note.text()  # no roster seen yet
    assert why.table.rowCount() == 0 and not why.table.isVisible()  # nothing to count yet
    builder.kind_box.setCurrentIndex(builder.kind_box.findData("event"))
    assert not builder.why_button.isVisible()  # event lists keep their own order


def test_with_history_it_lists_the_factors_and_the_reasons_cite_them(
    qtbot, window_factory, empty_db: Database
) -> None:
    with empty_db.session() as s:
        yearly = write_history(s)
        add_due(s, yearly, "Nina New", dt.date(2025, 12, 20), dt.date(2026, 12, 19))
        add_due(s, yearly, "Vera Veteran", dt.date(2009, 12, 5), dt.date(2026, 12, 4))
        expected = explain_ranking(s, TODAY)
    builder = open_builder(qtbot, window_factory, empty_db)
    assert "Ranked by what calls changed" in builder.summary.text()
    assert builder.ranked.item(0, 0).text() == "Nina New Past"  # the call helps her most
    first = expected.model.segments["first_year"]
    called = round(100 * first.called_renewed / first.called)
    without = round(100 * first.uncalled_renewed / first.uncalled)
    reason = builder.ranked.item(0, 3).text()
    assert reason == (
        f"Renews by 19 Dec · first-year members here renewed {called}% after a call, "
        f"{without}% without"
    )
    why = open_why(qtbot, builder)
    assert why.headline.text().startswith("Ranked by what calls changed in your association")
    overall = expected.model.overall
    assert (
        f"Learned from {overall.called:,} calls whose result is known and {overall.uncalled:,} "
        "members due without a call."
    ) in why.headline.text()
    assert why.table.isVisible()
    row = cells(why, 0)
    assert row[0] == "First-year members"
    assert row[1] == f"{first.members:,}"
    assert row[3] == f"{first.called_renewed:,} ({called}%)"
    assert row[5] == f"{first.uncalled_renewed:,} ({without}%)"
    difference = first.called_renewed / first.called - first.uncalled_renewed / first.uncalled
    assert row[6] == f"{100 * difference:+.0f} points"
    assert float(row[7]) > 10  # the model's extra renewals per 100 calls to first-year members
    assert "Counted: memberships that came due from" in why.note.text()
