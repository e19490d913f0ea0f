"""The Plan page on the small association of tests/plan_association.py: the chart and the table
of the months, the rates used, the hit rate by segment, the export for the call partner, and the
staff's capacity set in File › Settings…, as a director would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_association import TODAY, build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from member_reach.services.common.settings import load_settings
from member_reach.store.database import Database, open_database
from member_reach.ui.plan.plan_page import PlanPage

from ..app.test_settings_dialog import open_settings, press_save


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def small_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "small.sqlite3")
    build(database)
    yield database
    database.close()


def plan_page(window_factory, database: Database) -> PlanPage:  # type: ignore[no-untyped-def]
    window = window_factory(database)
    window.show()
    window.show_page("plan")
    page = window.pages["plan"]
    assert isinstance(page, PlanPage)
    assert page.plan is not None  # read when first shown (tasks run at once in tests)
    return page


def test_the_plan_page_shows_the_months_and_where_a_partner_is_needed(
    window_factory, small_db: Database
) -> None:  # type: ignore[no-untyped-def]
    page = plan_page(window_factory, small_db)
    assert page.chart.isVisible() and page.months.isVisible()
    assert page.chart.labels[:3] == ["Jan 27", "Feb 27", "Mar 27"] and len(page.chart.labels) == 12
    staff, partner, capacity = page.chart.series
    assert (staff.values[:3], partner.values[:3]) == ((4.0, 4.0, 3.0), (1.0, 6.0, 0.0))
    assert capacity.values[:3] == (4.0, 4.0, 4.0)
    assert "Feb 2027" in page.chart.accessibleDescription()
    table = page.months
    assert table.rowCount() == 12 and table.verticalHeaderItem(1).text() == "Feb 2027"
    assert [table.item(1, c).text() for c in range(6)] == ["2", "2", "10", "10.0", "4", "6"]
    assert table.item(2, 5).text() == "–"  # March: the staff suffice
    assert table.item(1, 0).toolTip() == "Individual: 1\nStudent: 1"
    assert table.item(1, 1).toolTip() == "Expo 2027"
    assert page.summary.text() == (
        "Bring in a call partner in 2 months: Jan 2027 (1 call), Feb 2027 (6 calls)."
    )
    # Which rates: the association's own calls per conversation, the default hit rate.
    assert "2.4 calls per conversation (from your calls of the past year)" in page.rates.text()
    assert "4 conversations per success (the usual default)" in page.rates.text()
    assert "Staff: 1 caller, 1 hour a week each, 1 call an hour" in page.rates.text()
    assert (
        "Expo 2027" in page.events.text() and "2 people to call in Feb 2027" in page.events.text()
    )


def test_the_hit_rate_by_segment(window_factory, small_db: Database) -> None:  # type: ignore[no-untyped-def]
    table = plan_page(window_factory, small_db).segments
    assert table.rowCount() == 7
    rows = [[table.item(r, c).text() for c in range(4)] for r in (0, 1, 2)]
    assert rows == [
        ["First-year members", "3", "3", "100%"],
        ["Members of 1–5 years", "0", "0", "–"],
        ["Members of more than 5 years", "7", "1", "14%"],
    ]


def test_export_for_the_call_partner(
    qtbot, window_factory, small_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = plan_page(window_factory, small_db)
    chosen = tmp_path / "for the partner"  # no extension typed: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    assert page.export_button.isEnabled()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "for the partner.xlsx"
    assert page.message.text() == f"Plan written to {written}."
    rows = list(load_workbook(written)["Plan"].iter_rows(min_row=2, max_col=7, values_only=True))
    assert rows[:3] == [
        ("January 2027", 2, 0, 2, 5, 4, 1),
        ("February 2027", 2, 2, 4, 10, 4, 6),
        ("March 2027", 1, 0, 1, 3, 4, 0),
    ]
    assert len(rows) == 12


def test_the_staff_capacity_is_set_in_the_settings_and_the_plan_follows(
    qtbot, window_factory, small_db: Database
) -> None:  # type: ignore[no-untyped-def]
    page = plan_page(window_factory, small_db)
    window = page.window()
    dialog = open_settings(window)
    spins = dialog.spins
    assert (
        spins["plan_callers"].value(),
        spins["caller_hours_per_week"].value(),
        spins["calls_per_hour"].value(),
    ) == (1, 1, 1)
    spins["plan_callers"].clear()
    qtbot.keyClicks(spins["plan_callers"], "3")
    with qtbot.waitSignal(window.workspace.changed):
        press_save(qtbot, dialog)
    with small_db.session() as s:
        assert load_settings(s).plan_callers == 3
    # Three callers: 13 calls in January (3 x 31/7 hours), 12 in February: enough.
    assert [page.months.item(r, 4).text() for r in (0, 1)] == ["13", "12"]
    assert page.summary.text() == "Your staff can make every call of the coming months."
