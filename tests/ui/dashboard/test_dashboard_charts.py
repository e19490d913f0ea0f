"""The dashboard's charts, read from a real database: a campaign's successes a point a day from
its first day, split into calls and roster renewals, today ringed, against the pace line; and
retention as twelve months of members lapsed and the retention rate, its table fitting the
width."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from roster_files import ROWS, write_csv
from sqlalchemy import update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import Campaign, Membership, Person
from member_reach.ui.dashboard.dashboard_page import DashboardPage
from member_reach.ui.dashboard.dashboard_progress import CampaignCard
from member_reach.ui.widgets.chart import Chart
from member_reach.ui.widgets.chart_parts import Tone

D = dt.date


def begun(database: Database, name: str, day: dt.date, brief: Brief) -> None:
    """A renewal campaign of members due from 24 November on, made on ``day`` (whatever the
    machine's clock says)."""
    with database.session() as s:
        made, _ = create_renewal_campaign(
            s, day, RenewalOptions(D(2026, 11, 24), D(2027, 12, 31)), name=name, brief=brief
        )
        stamp = dt.datetime.combine(day, dt.time(9))
        s.execute(update(Campaign).where(Campaign.id == made.campaign_id).values(created_at=stamp))


@pytest.fixture
def worked_db(tmp_path: Path) -> Iterator[Database]:
    """A campaign begun on 17 November (goal 6 by 6 December): Ada renews on the phone on the
    18th, Alan on the 20th; on the 21st a roster shows Katherine renewed without a call, and
    Ada too (already a success by her call)."""
    database = open_database(tmp_path / "worked.sqlite3")
    run_roster_import(database, write_csv(tmp_path / "roster.csv", ROWS), D(2026, 11, 17))
    begun(
        database, "Winter renewals", D(2026, 11, 17), Brief(goal_count=6, deadline=D(2026, 12, 6))
    )
    for member, code, day in (
        ("M-001", "renewed", 18),
        ("M-002", "voicemail", 19),
        ("M-002", "renewed", 20),
    ):
        with database.session() as s:
            campaign = find_campaign(s, "Winter renewals")
            task = find_task(s, campaign, member)
            when = dt.datetime(2026, 11, day, 15)
            log_call(s, campaign, task, find_code(s, campaign, code), when, caller="Sam")
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"  # Ada
    rows[5][7] = "06/30/2028"  # Katherine
    run_roster_import(database, write_csv(tmp_path / "next.csv", rows), D(2026, 11, 21))
    yield database
    database.close()


def dashboard(window_factory, database: Database) -> DashboardPage:  # type: ignore[no-untyped-def]
    window = window_factory(database)
    window.resize(1366, 768)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    return page


def only_card(window_factory, database: Database) -> CampaignCard:  # type: ignore[no-untyped-def]
    page = dashboard(window_factory, database)
    [card] = [c for c in page.progress.cards if c.isVisibleTo(page.progress)]
    return card


def colour_at(image: QImage, point: QPoint) -> QColor:
    return QColor(image.pixel(point))


def near(one: QColor, other: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance for a, b in zip(one.getRgb()[:3], other.getRgb()[:3], strict=True)
    )


def test_a_point_a_day_from_the_start_split_by_calls_and_renewals(  # type: ignore[no-untyped-def]
    window_factory, worked_db: Database
) -> None:
    card = only_card(window_factory, worked_db)
    chart = card.chart
    # From the campaign's first day (no success yet) to the deadline; today is the 7th day.
    assert chart.days[0] == D(2026, 11, 17) and chart.days[-1] == D(2026, 12, 6)
    assert len(chart.labels) == 20 and chart.labels[6] == "23 Nov"
    assert chart.marked == 6 and chart.marked_label == "Today"
    calls, renewals, total, pace = chart.series
    assert (calls.bars, renewals.bars, renewals.stacked, total.bars) == (True, True, True, False)
    assert calls.values[:7] == (0, 1, 1, 2, 2, 2, 2)
    assert renewals.values[:7] == (0, 0, 0, 0, 1, 1, 1)  # Katherine; Ada was a call's first
    assert total.values[:7] == (0, 1, 1, 2, 3, 3, 3) and total.points
    assert set(calls.values[7:]) == {None}  # no figure after today
    # The pace: 6 over the 20 days, 0.3 a day, reaching 6 on the deadline.
    assert pace.dashed and pace.values[0] == 0.3 and pace.values[6] == 2.1
    assert pace.values[-1] == 6
    assert card.calls.text().startswith(
        "Calls: 3 · conversations: 2 · conversations per success: 1 · "  # 2 calls' successes
    )
    assert card.calls.text().endswith("Successes: 2 by calls, 1 by roster renewals")
    assert chart.accessibleDescription().startswith(
        "Successes day by day since 17 Nov: 3 so far, 2 by calls and 1 by roster renewals."
    )
    assert "pace to 6 by 6 Dec: 2.1 by today" in chart.accessibleDescription()
    assert chart.category_text(4) == (
        "21 Nov\nBy calls: 2\nBy roster renewals: 1\nSuccesses: 3\nPace to the goal: 2"
    )


def test_each_day_shows_a_point_and_today_a_ring(  # type: ignore[no-untyped-def]
    window_factory, worked_db: Database
) -> None:
    card = only_card(window_factory, worked_db)
    chart = card.chart
    image = chart.grab().toImage()
    line = chart.colour_of(chart.series[2])
    for day in range(7):
        assert near(colour_at(image, chart.point_at(2, day).toPoint()), line), day
    ring = chart.point_at(2, 6).toPoint() + QPoint(0, -round(chart._radius(chart.frame()) + 3))
    text = chart.palette().color(QPalette.ColorRole.Text)
    assert any(near(colour_at(image, ring + QPoint(0, dy)), text, 60) for dy in (-1, 0, 1))


def test_a_campaign_begun_today_shows_its_day(window_factory, callable_db: Database) -> None:  # type: ignore[no-untyped-def]
    begun(callable_db, "Fresh", D(2026, 11, 23), Brief(goal_count=10, deadline=D(2026, 12, 2)))
    card = only_card(window_factory, callable_db)
    calls, renewals, total, pace = card.chart.series
    assert card.chart.marked == 0 and total.values[0] == 0  # today's point, at none
    assert len(pace.values) == 10 and pace.values[0] == 1 and pace.values[-1] == 10
    # 10 in the 10 days to 2 December.
    assert card.pace.text() == "10 to go: one a day to make it by 12/2/26."


def test_readable_in_a_dark_palette(window_factory, worked_db: Database) -> None:  # type: ignore[no-untyped-def]
    card = only_card(window_factory, worked_db)
    chart = card.chart
    dark = QPalette(chart.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#202020"),
        (QPalette.ColorRole.Base, "#1b1b1b"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Highlight, "#1d3d6b"),  # a dark highlight, as some themes have
    ):
        dark.setColor(role, QColor(colour))
    chart.setPalette(dark)
    background = dark.color(QPalette.ColorRole.Base).lightness()
    for tone in Tone:
        assert abs(chart.tone(tone).lightness() - background) > 90, tone
    image = chart.grab().toImage()
    line = chart.colour_of(chart.series[2])
    assert near(colour_at(image, chart.point_at(2, 6).toPoint()), line)


def _members(database: Database) -> None:
    """Four members: one lapses in April (expiry 10 March, 30 days' grace), one in August."""
    with database.session() as s:
        for index, end in enumerate((D(2027, 1, 1), D(2026, 3, 10), D(2026, 7, 15), D(2028, 1, 1))):
            person = Person(first_name=f"P{index}", last_name="Test")
            s.add(person)
            s.flush()
            s.add(Membership(person_id=person.id, join_date=D(2020, 1, 1), term_end=end))


def test_retention_chart_twelve_months_and_its_churn(  # type: ignore[no-untyped-def]
    window_factory, tmp_path: Path
) -> None:
    database = open_database(tmp_path / "retention.sqlite3")
    try:
        _members(database)
        section = dashboard(window_factory, database).progress.retention
        chart = section.chart
        assert chart.labels[0] == "Nov 25" and chart.labels[-1] == "Oct 26"
        lapsed, rate = chart.series
        assert lapsed.bars and not rate.bars and rate.right
        expected = [0.0] * 12
        expected[5] = expected[9] = 1.0  # April, August
        assert list(lapsed.values) == expected
        assert rate.values[4] == 1.0 and rate.values[5] == 0.75 and rate.values[9] == 0.6667
        table = section.table
        assert table.rowCount() == 12 and table.columnCount() == 5
        assert table.verticalHeaderItem(0).text() == "Oct 2026"  # the latest month first
        assert table.horizontalHeaderItem(2).text() == "Lapsed"
        assert [table.item(r, 2).text() for r in (2, 6)] == ["1", "1"]  # August, April
    finally:
        database.close()


def test_the_retention_table_fits_the_width(window_factory, people_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = dashboard(window_factory, people_db)
    table = page.progress.retention.table
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert table.columnWidth(column) >= needed, column  # nothing cut
    right = table.mapTo(page.window(), QPoint(table.width(), 0)).x()
    assert right <= page.window().width()
    used = header.length() + table.verticalHeader().width() + 2 * table.frameWidth()
    assert used <= table.width() + 1  # no scrolling sideways
    assert isinstance(page.progress.retention.chart, Chart)
