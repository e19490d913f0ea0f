"""A worked file's plain calls, and the calls it brings back from a partner, are kept for undo in
one set record per import, not one record per call; undo, its checks, erasure and the
personal-data export read each call out of the set as its own record. On SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.undo_sets import drop_entries, entries
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.exchange.partner_assignment import export_to_partner
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.members.erase import run_erase, what_erasing_removes
from member_reach.services.members.subject_export import subject_tables
from member_reach.store.database import Database
from member_reach.store.models import CallTask, ImportChange, Person
from tests.services.exchange.test_partner_assignment import calls, fill

NOW = dt.datetime(2026, 11, 24, 15, 0)
PARTNER = "Acme Calls"


def _given_and_worked(db: Database, tmp_path: Path, *, handoff: bool = False) -> tuple[int, object]:
    with db.session() as s:
        export = export_to_partner(
            s, find_campaign(s, "Winter renewals"), tmp_path / "acme.xlsx", NOW, PARTNER
        )
    worked = fill(
        tmp_path / "acme.xlsx",
        tmp_path / "worked.xlsx",
        {
            "Ada Lovelace": "voicemail",
            "Alan Turing": "interested" if handoff else "voicemail",  # a hand-off: not plain
            "Grace Hopper": "renewed",
        },
    )
    return export.export_id, run_outcomes_import(db, worked, NOW)


def _records(db: Database, batch_id: int) -> list[tuple[str, int]]:
    with db.session() as s:
        return [
            (c.table_name, c.record_id)
            for c in s.scalars(select(ImportChange).where(ImportChange.batch_id == batch_id))
        ]


def _task(db: Database, last_name: str) -> int:
    with db.session() as s:
        return s.scalars(
            select(CallTask.id)
            .join(Person, Person.id == CallTask.person_id)
            .where(Person.last_name == last_name)
        ).one()


def test_one_record_per_import_and_undo_puts_every_call_back(
    campaign_db: Database, tmp_path: Path
) -> None:
    export_id, report = _given_and_worked(campaign_db, tmp_path)
    assert report.count("applied") == 3 and report.released == 3  # type: ignore[attr-defined]
    # Three calls logged and brought back: two records, each holding the three calls.
    assert sorted(_records(campaign_db, report.batch_id)) == [  # type: ignore[attr-defined]
        ("set:call_task", 3),
        ("set:partner_call", 3),
    ]
    with campaign_db.session() as s:
        held = [
            e
            for c in s.scalars(select(ImportChange).where(ImportChange.table_name.like("set:%")))
            for e in entries(c)
        ]
    assert {(e.table_name, e.record_id) for e in held} == {
        (table, _task(campaign_db, name))
        for table in ("call_task", "partner_call")
        for name in ("Lovelace", "Turing", "Hopper")
    }
    ada = next(e for e in held if e.table_name == "call_task")
    assert ada.before["state"] == "open" and ada.before["assignee"] == PARTNER
    assert ada.after["call_log"] > 0
    assert calls(campaign_db)["Grace Hopper"] == ("done", "", None)
    with campaign_db.session() as s:
        undo_import(s, report.batch_id)  # type: ignore[attr-defined]
    after = calls(campaign_db)
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        assert after[name] == ("open", PARTNER, export_id)


def test_erasing_a_person_takes_their_calls_out_of_the_sets(
    campaign_db: Database, tmp_path: Path
) -> None:
    export_id, report = _given_and_worked(campaign_db, tmp_path)
    batch_id = report.batch_id  # type: ignore[attr-defined]
    grace_task = _task(campaign_db, "Hopper")
    with campaign_db.session() as s:
        grace = s.scalars(select(Person.id).where(Person.last_name == "Hopper")).one()
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        # The roster import's record of her, and her call in both sets.
        assert what_erasing_removes(s, grace).undo_records == 3
        kept = {t.title: t for t in subject_tables(s, ada)}["Kept for undo"]
    # Ada's export shows her call's two records, and nothing of the others in the same sets.
    table, record = kept.headings.index("table_name"), kept.headings.index("record_id")
    of_calls = [row for row in kept.rows if row[table] != "person"]
    assert sorted(row[table] for row in of_calls) == ["call_task", "partner_call"]
    assert {row[record] for row in of_calls} == {_task(campaign_db, "Lovelace")}
    erased = run_erase(campaign_db, grace)
    assert erased.undo_records == 3
    records = sorted(_records(campaign_db, batch_id))
    assert records == [("erased", 0), ("set:call_task", 2), ("set:partner_call", 2)]
    with campaign_db.session() as s:
        kept_now = select(ImportChange.before).where(ImportChange.batch_id == batch_id)
        for before in s.scalars(kept_now):
            assert grace_task not in [row[0] for row in (before or {}).get("rows", [])]
            assert "Hopper" not in json.dumps(before)
        undone = undo_import(s, batch_id)
    assert undone.people_erased == 1
    after = calls(campaign_db)
    assert after["Ada Lovelace"] == ("open", PARTNER, export_id)
    assert "Grace Hopper" not in after


def test_a_set_left_empty_is_deleted_and_its_states_pruned(
    campaign_db: Database, tmp_path: Path
) -> None:
    _, report = _given_and_worked(campaign_db, tmp_path)
    batch_id = report.batch_id  # type: ignore[attr-defined]
    ada, alan = _task(campaign_db, "Lovelace"), _task(campaign_db, "Turing")
    with campaign_db.session() as s:
        assert drop_entries(s, "call_task", [ada, alan]) == [batch_id]
        (left,) = s.scalars(
            select(ImportChange).where(ImportChange.table_name == "set:call_task")
        ).all()
        assert [e.record_id for e in entries(left)] == [_task(campaign_db, "Hopper")]
        assert len(left.before["states"]) == 1  # type: ignore[index]
        assert drop_entries(s, "call_task", [_task(campaign_db, "Hopper")]) == [batch_id]
        assert drop_entries(s, "call_task", [ada]) == []  # nothing holds it any more
    assert sorted(_records(campaign_db, batch_id)) == [("set:partner_call", 3)]


def test_a_hand_off_back_from_the_partner_is_in_the_partners_set_and_undone(
    campaign_db: Database, tmp_path: Path
) -> None:
    export_id, report = _given_and_worked(campaign_db, tmp_path, handoff=True)
    assert report.count("applied") == 3 and report.released == 3  # type: ignore[attr-defined]
    alan = _task(campaign_db, "Turing")
    # The hand-off has a record of its own; the partner's set holds every call brought back.
    assert sorted(_records(campaign_db, report.batch_id)) == [  # type: ignore[attr-defined]
        ("call_task", alan),
        ("set:call_task", 2),
        ("set:partner_call", 3),
    ]
    assert calls(campaign_db)["Alan Turing"] == ("done", "", None)  # handed off to staff
    with campaign_db.session() as s:
        undo_import(s, report.batch_id)  # type: ignore[attr-defined]
    after = calls(campaign_db)
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"):
        assert after[name] == ("open", PARTNER, export_id)
