"""The demo's first start as a director sees it (issue 16): two goals filling up on the
dashboard, whether the calls worked (a past campaign's control group, issue 18), the campaigns
listed, and the Exchange page telling the partner's part."""

from __future__ import annotations

from pathlib import Path

from member_reach.services.demo.demo import create_demo_database
from member_reach.services.demo.demo_partner import PARTNER, SENT, WORKED
from member_reach.ui.campaigns.campaigns_page import CampaignsPage
from member_reach.ui.dashboard.dashboard_page import DashboardPage
from member_reach.ui.exchange.exchange_page import ExchangePage


def test_the_demo_opens_mid_month(qtbot, window_factory, today, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = create_demo_database(tmp_path / "demo.sqlite3", today, mid_month=True)
    try:
        window = window_factory(database)
        window.show()
        dashboard = window.pages["dashboard"]
        assert isinstance(dashboard, DashboardPage)
        progress = dashboard.progress
        qtbot.waitUntil(lambda: progress.progress is not None, timeout=10000)
        assert progress.progress is not None and len(progress.progress.campaigns) == 2
        assert all(card.isVisibleTo(dashboard) for card in progress.cards[:2])
        assert not progress.no_campaign.isVisibleTo(dashboard)
        control = progress.control  # the past campaign kept 10% uncalled: did the calls work?
        assert control.isVisibleTo(dashboard)
        assert control.verdict.text().startswith("The calls added ")
        assert "95% CI" in control.verdict.text() and "in dues" in control.verdict.text()
        assert "Control (10% kept uncalled)" in control.figures.text()
        assert control.chart.series[0].values[0] > control.chart.series[1].values[1]  # type: ignore[operator]

        window.show_page("campaigns")
        campaigns = window.pages["campaigns"]
        assert isinstance(campaigns, CampaignsPage)
        qtbot.waitUntil(lambda: campaigns.table.rowCount() == 3, timeout=5000)  # one past

        window.show_page("exchange")
        exchange = window.pages["exchange"]
        assert isinstance(exchange, ExchangePage)
        qtbot.waitUntil(lambda: exchange.table.rowCount() == 1, timeout=5000)
        table = exchange.table
        cells = {
            table.horizontalHeaderItem(c).text(): table.item(0, c).text()
            for c in range(table.columnCount())
        }
        assert cells["For"] == PARTNER and cells["Rows"] == str(SENT)
        assert cells["Still out"] == str(SENT - WORKED)
        assert "no worked file" in table.horizontalHeaderItem(len(cells) - 1).toolTip()
        assert exchange.worked.rowCount() == 1 and exchange.worked.isVisibleTo(exchange)
    finally:
        database.close()
