"""A worked file still open in Excel, and an export over a workbook open in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from locked_files import IN_USE, lock

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.sheets.errors import SheetError
from member_reach.store.database import Database

NOW = dt.datetime(2026, 11, 24, 10)


def test_a_worked_file_open_in_excel_says_to_close_it(
    campaign_db: Database, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock(monkeypatch, exported)
    with pytest.raises(ServiceError) as caught:
        run_outcomes_import(campaign_db, exported, NOW)
    assert str(caught.value) == f"{exported.name}: {IN_USE}"


def test_an_export_over_a_workbook_open_in_excel_leaves_it_and_says_so(
    campaign_db: Database, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = exported.read_bytes()
    lock(monkeypatch, exported)
    with campaign_db.session() as s, pytest.raises((SheetError, ServiceError)) as caught:
        export_partner(s, find_campaign(s, "Winter renewals"), exported, NOW)
    assert str(caught.value) == f"{exported.name}: cannot be written: it {IN_USE}"
    monkeypatch.undo()
    assert exported.read_bytes() == before
    assert [p.name for p in exported.parent.iterdir() if ".partial-" in p.name] == []
