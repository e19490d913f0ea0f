"""Retention: undo records, the contact details partner exports keep, and automatic backups
older than the setting (12 months by default) are purged when a roster import is saved; an
import purged can no longer be undone, and says why. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from roster_files import ROWS, write_csv
from sqlalchemy import select, update

from member_reach.domain.settings_registry import SETTINGS
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import set_setting
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.retention import PURGED
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import ExportBatch, ImportBatch, ImportChange

TODAY = dt.date(2026, 11, 23)
LONG_AGO = dt.datetime(2025, 10, 1)  # 13 months and more before TODAY


def _tables(db: Database, batch_id: int) -> set[str]:
    with db.session() as s:
        return set(
            s.scalars(select(ImportChange.table_name).where(ImportChange.batch_id == batch_id))
        )


def _age(db: Database, batch_id: int) -> None:
    with db.session() as s:
        s.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(started_at=LONG_AGO))
        s.add(
            ExportBatch(
                kind="partner",
                file_name="old.xlsx",
                created_at=LONG_AGO,
                details={"fingerprints": {"C1-00001": "x"}, "identity": {"C1-00001": "Ada"}},
            )
        )


def _renewed() -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    for row in rows:
        if row and row[0] == "M-001":
            row[7] = "01/31/2028"
    return rows


def test_undo_records_older_than_the_setting_are_purged_at_the_next_import(
    db: Database, tmp_path: Path
) -> None:
    assert SETTINGS["retention_months"].default == 12
    assert "undo" in SETTINGS["retention_months"].description
    first = run_roster_import(db, write_csv(tmp_path / "one.csv", ROWS), TODAY)
    _age(db, first.batch_id)
    assert "person" in _tables(db, first.batch_id)
    second = run_roster_import(db, write_csv(tmp_path / "two.csv", _renewed()), TODAY)
    assert _tables(db, first.batch_id) == {PURGED}
    assert "person" in _tables(db, second.batch_id)  # the new import's own are kept
    with db.session() as s:
        details = s.scalars(select(ExportBatch.details)).one()
        assert details == {"fingerprints": {"C1-00001": "x"}}  # the contact details went
    with db.session() as s:
        undo_import(s, second.batch_id)
    with db.session() as s, pytest.raises(ServiceError, match="kept 12 months"):
        undo_import(s, first.batch_id)


def test_a_longer_setting_keeps_them(db: Database, tmp_path: Path) -> None:
    first = run_roster_import(db, write_csv(tmp_path / "one.csv", ROWS), TODAY)
    _age(db, first.batch_id)
    with db.session() as s:
        set_setting(s, "retention_months", 24)
    run_roster_import(db, write_csv(tmp_path / "two.csv", ROWS[:5]), TODAY)
    assert "person" in _tables(db, first.batch_id)


def test_automatic_backups_older_than_the_setting_are_deleted(tmp_path: Path) -> None:
    database = open_database(tmp_path / "members.sqlite3")
    try:
        first = run_roster_import(database, write_csv(tmp_path / "one.csv", ROWS), TODAY)
        old = Path(first.backup)
        stamp = LONG_AGO.replace(tzinfo=dt.UTC).timestamp()
        os.utime(old, (stamp, stamp))
        second = run_roster_import(database, write_csv(tmp_path / "one.csv", ROWS), TODAY)
        assert not old.exists() and Path(second.backup).exists()
    finally:
        database.close()
