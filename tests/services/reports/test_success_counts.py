"""The campaign list's success counts, one query for every campaign, on SQLite and PostgreSQL:
each person once, whether a call or a roster's renewal made them a success."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster_files import ROWS, write_csv

from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.reports.reports import campaign_report
from member_reach.services.reports.success_counts import success_counts
from member_reach.store.database import Database

from .test_reports import call

D = dt.date


def test_each_success_counted_once_per_campaign(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        assert success_counts(s) == {}  # no call yet: no campaign listed
    call(campaign_db, "M-001", "no answer", dt.datetime(2026, 11, 24, 10), "Ann")
    call(campaign_db, "M-001", "renewed", dt.datetime(2026, 11, 25, 10), "Ann")
    call(campaign_db, "M-002", "promised", dt.datetime(2026, 11, 25, 11), "Bob")  # positive
    call(campaign_db, "M-003", "renewed", dt.datetime(2026, 11, 26, 9), "Bob")
    # The next roster: Katherine renews on her own, and Alan (called, renewed) shows it too.
    rows = [list(r) for r in ROWS]
    rows[5][7] = "06/30/2028"
    alan = next(i for i, r in enumerate(rows) if r[0] == "M-003")
    rows[alan][7] = "12/31/2028"
    run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), D(2026, 11, 27))
    with campaign_db.session() as s:
        create_renewal_campaign(
            s,
            D(2026, 11, 27),
            RenewalOptions(D(2029, 1, 1), D(2029, 12, 31)),
            name="Far off",
            brief=Brief(),
        )
        far_off = find_campaign(s, "Far off").id
        winter = find_campaign(s, "Winter renewals").id
        counts = success_counts(s)
        reported = campaign_report(s, find_campaign(s, "Winter renewals"), D(2026, 11, 27))
    # Ada (a success call), Alan (a success call and the roster: once), Katherine (roster).
    assert counts == {winter: 3} and reported.successes == 3  # what the report counts
    assert far_off not in counts
