"""Hostile worked files (issue 19, items 4 and 9): a callback in 1999, or a caller too long for
its field, is one rejected row with its reason, never applied; the other rows are. On SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.store.database import Database
from member_reach.store.models import CallLog
from services.exchange.test_exchange_import import fill, refs

NOW = dt.datetime(2026, 11, 24, 15, 0)


def test_a_1999_callback_and_an_over_long_caller_are_rejected_rows(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "callback", "Callback date": "1999-11-30 14:30"},
            ids["Alan Turing"]: {"Outcome": "no_answer", "Caller": "k" * 200},
            ids["Grace Hopper"]: {"Outcome": "callback", "Callback date": "2026-11-30 14:30"},
        },
    )
    report = run_outcomes_import(campaign_db, worked, NOW)
    by_ref = {r.ref: r for r in report.results}
    ada, alan = by_ref[ids["Ada Lovelace"]], by_ref[ids["Alan Turing"]]
    assert ada.result == "rejected"
    assert "column 'Callback date': 1999-11-30 14:30 is more than a year ago" in ada.reason
    assert alan.result == "rejected"
    assert "column 'Caller': 200 characters, more than the 120" in alan.reason
    assert "kkk" not in alan.reason
    assert by_ref[ids["Grace Hopper"]].result == "applied"
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 1
