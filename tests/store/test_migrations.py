"""Migrations: from empty to head, models and migrations agree, old samples upgrade."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import URL

from member_reach.store.database import Database, make_engine, open_database
from member_reach.store.migrate import HEAD_REVISION, alembic_config, head_revision
from member_reach.store.models import (
    Base,
    CallLog,
    CallTask,
    HandOff,
    Membership,
    OutcomeCode,
    Person,
    Setting,
)

SAMPLES = sorted((Path(__file__).parents[1] / "schemas").glob("schema_*.sqlite3"))


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_model_table_exists(db: Database) -> None:
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_to_empty_and_upgrade_again(db_target: URL) -> None:
    db = open_database(db_target)
    db.close()
    engine = make_engine(db_target)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    again = open_database(db_target)
    try:
        assert again.upgraded_from is None  # came from an empty schema, not a revision
        with again.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
    finally:
        again.close()


def test_the_start_up_check_knows_alembic_s_head() -> None:
    # Opening a database compares its alembic_version with HEAD_REVISION before loading Alembic.
    assert head_revision() == HEAD_REVISION, "a new migration: set migrate.HEAD_REVISION to it"


def test_an_up_to_date_database_opens_without_loading_alembic(tmp_path: Path) -> None:
    made = open_database(tmp_path / "a.sqlite3")
    made.close()
    script = (
        "import sys; from member_reach.store.database import open_database; "
        f"open_database({str(tmp_path / 'a.sqlite3')!r}, create=False).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_sample_exists_for_the_current_head() -> None:
    assert (
        Path(__file__).parents[1].joinpath("schemas", f"schema_{head_revision()}.sqlite3").is_file()
    ), "run tests/schemas/make_sample.py and commit the file for every released schema"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_released_schema_upgrades_with_its_rows(sample: Path, tmp_path: Path) -> None:
    copy = tmp_path / sample.name
    shutil.copyfile(sample, copy)
    db = open_database(copy, create=False)
    try:
        with db.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
        with db.session() as s:
            names = s.scalars(select(Person.last_name).order_by(Person.id)).all()
            assert names == ["Lovelace", "Turing", "Hopper"]
            assert (
                s.scalar(select(Membership.term_end).where(Membership.person_id == 1)) is not None
            )
            assert len(s.scalars(select(CallLog)).all()) == 3
            assert s.get(Setting, "grace_days") is not None
    finally:
        db.close()


def test_0006_marks_callback_codes_and_gives_hand_offs_their_campaign(tmp_path: Path) -> None:
    copy = tmp_path / "schema_0005.sqlite3"
    shutil.copyfile(Path(__file__).parents[1] / "schemas" / "schema_0005.sqlite3", copy)
    raw = sqlite3.connect(copy)
    with raw:
        raw.execute(
            "INSERT INTO outcome_code (campaign_id, code, label, category, answered,"
            " creates_handoff, sort_order) VALUES (1, 'callback', 'Call back', 'neutral', 1, 0, 9)"
        )
        raw.execute(
            "INSERT INTO hand_off (call_log_id, person_id, owner, status, notes, created_at,"
            " updated_at) VALUES (2, 2, 'Dana', 'open', 'wants a quote', '2026-11-02 10:00:00',"
            " '2026-11-02 10:00:00')"
        )
    raw.close()
    db = open_database(copy, create=False)
    try:
        with db.session() as s:
            asks = {c: a for c, a in s.execute(select(OutcomeCode.code, OutcomeCode.asks_callback))}
            assert asks == {"RENEWED": False, "callback": True}
            handoff = s.scalars(select(HandOff)).one()
            task_campaign = s.scalar(
                select(CallTask.campaign_id).join(CallLog).where(CallLog.id == 2)
            )
            assert (handoff.campaign_id, handoff.outcome, handoff.closed_at) == (
                task_campaign,
                "",
                None,
            )
            assert len(s.scalars(select(CallLog)).all()) == 3  # the rebuilt call_task kept them
    finally:
        db.close()
