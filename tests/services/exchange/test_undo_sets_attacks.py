"""Undo sets attacked: two worked files on the same calls, undo twice, an erasure between two
imports, and the personal-data export of a person whose calls sit in several sets. On SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.members.erase import run_erase
from member_reach.services.members.subject_export import export_subject, subject_tables
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, ImportChange, Person
from tests.services.exchange.test_partner_assignment import fill

NOW = dt.datetime(2026, 11, 24, 15, 0)
LATER = dt.datetime(2026, 12, 1, 15, 0)
PARTNER = "Acme Calls"


def _round(
    db: Database, tmp_path: Path, name: str, now: dt.datetime, outcome: str
) -> tuple[int, dict[str, tuple[object, ...]]]:
    """The open calls given to the partner, worked and brought back.

    Returns the import's batch, and the calls as they were just before it.
    """
    with db.session() as s:
        export = export_to_partner(
            s, find_campaign(s, "Winter renewals"), tmp_path / f"{name}.xlsx", now, PARTNER
        )
    outcomes = {"Ada Lovelace": outcome, "Alan Turing": outcome}
    worked = fill(tmp_path / f"{name}.xlsx", tmp_path / f"{name} worked.xlsx", outcomes)
    before = _state(db)
    report = run_outcomes_import(db, worked, now)
    assert report.count("applied") == 2 and export.export_id
    return report.batch_id, before  # type: ignore[attr-defined,return-value]


def _state(db: Database) -> dict[str, tuple[object, ...]]:
    """Each call's state, attempts, assignee, export and number of logged attempts."""
    with db.session() as s:
        rows = s.execute(
            select(
                Person.display_name,
                CallTask.id,
                CallTask.state,
                CallTask.attempts,
                CallTask.assignee,
                CallTask.with_export_id,
            ).join(Person, Person.id == CallTask.person_id)
        ).all()
        logs = {
            task: len(s.scalars(select(CallLog.id).where(CallLog.task_id == task)).all())
            for _, task, *_ in rows
        }
        return {name: (*rest, logs[task]) for name, task, *rest in rows}


def test_two_worked_files_on_the_same_calls_are_undone_latest_first(
    campaign_db: Database, tmp_path: Path
) -> None:
    first, before = _round(campaign_db, tmp_path, "first", NOW, "voicemail")
    second, before_second = _round(campaign_db, tmp_path, "second", LATER, "busy")
    # The second one logged on the same calls: it is undone first.
    with campaign_db.session() as s, pytest.raises(ServiceError, match=f"import {second} first"):
        undo_import(s, first)
    assert _state(campaign_db)["Ada Lovelace"][-1] == 2  # refused: nothing changed
    with campaign_db.session() as s:
        undo_import(s, second)
    assert _state(campaign_db) == before_second
    with campaign_db.session() as s:
        undo_import(s, first)
    assert _state(campaign_db) == before
    with campaign_db.session() as s, pytest.raises(ServiceError, match="already undone"):
        undo_import(s, first)  # undo twice


def test_an_erasure_between_two_worked_files_then_both_undone(
    campaign_db: Database, tmp_path: Path
) -> None:
    first, before = _round(campaign_db, tmp_path, "first", NOW, "voicemail")
    second, _ = _round(campaign_db, tmp_path, "second", LATER, "busy")
    with campaign_db.session() as s:
        alan = s.scalars(select(Person.id).where(Person.last_name == "Turing")).one()
    erased = run_erase(campaign_db, alan)
    # His call in the two call sets and two partner sets of both imports, and his roster record.
    assert erased.undo_records == 5
    with campaign_db.session() as s:
        for batch in (first, second):
            kinds = {
                c.table_name
                for c in s.scalars(select(ImportChange).where(ImportChange.batch_id == batch))
            }
            assert "erased" in kinds
        assert undo_import(s, second).people_erased == 1
    with campaign_db.session() as s:
        assert undo_import(s, first).people_erased == 1
    expected = {k: v for k, v in before.items() if k != "Alan Turing"}
    assert _state(campaign_db) == expected


def test_the_personal_data_export_shows_each_set_record_of_the_person(
    campaign_db: Database, tmp_path: Path
) -> None:
    first, _ = _round(campaign_db, tmp_path, "first", NOW, "voicemail")
    second, _ = _round(campaign_db, tmp_path, "second", LATER, "busy")
    with campaign_db.session() as s:
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        ada_task = s.scalars(select(CallTask.id).where(CallTask.person_id == ada)).one()
        kept = {t.title: t for t in subject_tables(s, ada)}["Kept for undo"]
        written = export_subject(s, ada, tmp_path / "ada.xlsx")
    heads = kept.headings
    of_calls = sorted(
        (row[heads.index("batch_id")], row[heads.index("table_name")])
        for row in kept.rows
        if row[heads.index("table_name")] != "person"
    )
    assert of_calls == [
        (first, "call_task"),
        (first, "partner_call"),
        (second, "call_task"),
        (second, "partner_call"),
    ]
    table, record = heads.index("table_name"), heads.index("record_id")
    assert {row[record] for row in kept.rows if row[table] != "person"} == {ada_task}
    assert all(row[heads.index("file")] for row in kept.rows)  # each with its import's file
    assert written.counts["Kept for undo"] == len(kept.rows)
