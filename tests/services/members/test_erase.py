"""Erasing a person removes them everywhere (calls and notes, hand-offs, edits, undo records,
imported-row fingerprints, what exports kept); undo still works for the others and says who is
not restored; the backups that still hold them are named. Everything held on a person exports
to a workbook. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from roster_files import ROWS, write_csv
from sqlalchemy import func, select

from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.members.erase import (
    backups_holding,
    erase_person,
    run_erase,
    what_erasing_removes,
)
from member_reach.services.members.member_card import edit_contact
from member_reach.services.members.subject_export import export_subject
from member_reach.store.database import Database
from member_reach.store.models import (
    CallLog,
    CallTask,
    ExportBatch,
    ExternalId,
    HandOff,
    ImportChange,
    ImportedRow,
    Person,
    PersonEdit,
)
from tests.services.exchange.test_exchange_import import apply, fill, refs

NOW = dt.datetime(2026, 11, 24, 15, 0)
TODAY = NOW.date()


def _person_id(db: Database, member: str) -> int:
    with db.session() as s:
        return s.scalars(select(ExternalId.person_id).where(ExternalId.value == member)).one()


def _worked(db: Database, exported: Path, tmp_path: Path) -> object:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "worked.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "voicemail"},
            ids["Grace Hopper"]: {"Outcome": "Interested", "Notes": "Grace's private note"},
        },
    )
    return apply(db, worked)


def _anything_left(db: Database, person_id: int, note: str) -> list[str]:
    with db.session() as s:
        left = [
            model.__name__
            for model in (Person, CallTask, HandOff, PersonEdit, ImportedRow, ExternalId)
            if s.scalar(
                select(func.count()).where(
                    (model.id if model is Person else model.person_id) == person_id
                )
            )
        ]
        if s.scalar(select(func.count()).where(CallLog.notes == note)):
            left.append("CallLog")
        for before, after in s.execute(select(ImportChange.before, ImportChange.after)):
            if note in json.dumps([before, after]) or "Hopper" in json.dumps([before, after]):
                left.append("ImportChange")
        for details in s.scalars(select(ExportBatch.details)):
            if "Hopper" in json.dumps(details):
                left.append("ExportBatch")
    return left


def test_erase_removes_a_person_everywhere_and_undo_still_works_for_the_others(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    grace = _person_id(campaign_db, "M-003")
    worked = _worked(campaign_db, exported, tmp_path)
    with campaign_db.session() as s:
        edit_contact(s, grace, {"job_title": "Rear Admiral"}, "Ann", NOW)
    with campaign_db.session() as s:
        told = what_erasing_removes(s, grace)
    assert (told.calls, told.call_notes, told.hand_offs, told.edits) == (1, 1, 1, 1)
    assert told.undo_records >= 2 and told.imported_rows == 1 and told.exports == 1
    erased = run_erase(campaign_db, grace)
    assert erased.calls == 1 and erased.undo_records == told.undo_records
    assert _anything_left(campaign_db, grace, "Grace's private note") == []
    ada = refs(exported)["Ada Lovelace"]
    with campaign_db.session() as s:  # the outcomes import is undone for Ada, said for Grace
        undone = undo_import(s, worked.batch_id)  # type: ignore[attr-defined]
        assert undone.people_erased == 1
        assert s.scalars(select(CallTask.state).where(CallTask.ref == ada)).one() == "open"
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    with campaign_db.session() as s, pytest.raises(ServiceError, match="no person number"):
        erase_person(s, grace)


def test_undo_of_a_roster_import_after_an_erase(db: Database, tmp_path: Path) -> None:
    run_roster_import(db, write_csv(tmp_path / "one.csv", ROWS), TODAY)
    moved = [list(r) for r in ROWS]
    for row in moved:
        if row and row[0] in ("M-001", "M-002"):
            row[7] = "01/31/2028"  # both renewed
    second = run_roster_import(db, write_csv(tmp_path / "two.csv", moved), TODAY)
    run_erase(db, _person_id(db, "M-001"))
    with db.session() as s:
        undone = undo_import(s, second.batch_id)
    assert undone.people_erased == 1 and undone.people_restored == 1
    with db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Person).where(Person.last_name == "Lovelace"))
            == 0
        )


def test_the_backups_that_still_hold_a_person_are_named(tmp_path: Path) -> None:
    from member_reach.store.database import open_database

    database = open_database(tmp_path / "members.sqlite3")
    try:
        run_roster_import(database, write_csv(tmp_path / "one.csv", ROWS), TODAY)
        run_roster_import(database, write_csv(tmp_path / "one.csv", ROWS[:3]), TODAY)
        before = dt.datetime(2000, 1, 1)
        assert len(backups_holding(database, before)) == 2
        erased = run_erase(database, _person_id(database, "M-001"))
        # The first backup was taken before the first import: it never held Ada.
        assert [b.name for b in erased.backups] == [backups_holding(database, before)[0].name]
    finally:
        database.close()


def test_everything_held_on_a_person_exports_to_a_workbook(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    grace = _person_id(campaign_db, "M-003")
    _worked(campaign_db, exported, tmp_path)
    out = tmp_path / "grace.xlsx"
    with campaign_db.session() as s:
        written = export_subject(s, grace, out)
    assert written.counts["Calls"] == 1 and written.counts["Hand-offs"] == 1
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names[:3] == ["Person", "Membership", "E-mails"]
    everything = json.dumps(
        [book.get_sheet_by_name(n).to_python() for n in book.sheet_names], default=str
    )
    assert (
        "Grace's private note" in everything and "GRACE@example.org".lower() in everything.lower()
    )
    assert "Lovelace" not in everything  # nobody else's data
