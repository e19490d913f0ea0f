"""A damaged SQLite file: found by the quick check, refused before a backup, said in one line,
restored from the last good backup; errors never print a statement's values."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from damage import damage_page_of
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from member_reach.store.backup import backup_before_change, prune_automatic_backups
from member_reach.store.database import Database, open_database
from member_reach.store.integrity import (
    DamagedDatabaseError,
    last_good_backup,
    quick_check,
    restore_backup,
)
from member_reach.store.models import Person


def filled(path: Path) -> Database:
    database = open_database(path)
    with database.session() as s:
        s.add_all(Person(first_name=f"P{n}", last_name="Member") for n in range(400))
    return database


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_file_passes_and_a_damaged_one_says_what_is_wrong(tmp_path: Path) -> None:
    database = filled(tmp_path / "m.sqlite3")
    database.close()
    assert quick_check(tmp_path / "m.sqlite3") is None
    damage_page_of(tmp_path / "m.sqlite3", "person")
    found = quick_check(tmp_path / "m.sqlite3")
    assert found is not None and "\n" not in found and "P1" not in found


def test_a_damaged_file_is_never_copied_over_the_good_backups(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    database = filled(path)
    good = []
    for _ in range(5):
        good.append(backup_before_change(database, "import"))
        prune_automatic_backups(database, "import")
    before = {p: sha(p) for p in good}
    database.close()
    damage_page_of(path, "ix_email_address_address_key")  # a page nothing but a check reads
    database = open_database(path, create=False)
    try:
        for _ in range(5):
            with pytest.raises(DamagedDatabaseError) as refused:
                backup_before_change(database, "import")
            message = str(refused.value)
            assert "\n" not in message and "damaged" in message
            assert f"restore the last good backup, {good[-1]}" in message
            assert refused.value.good_backup == good[-1]
    finally:
        database.close()
    assert {p: sha(p) for p in sorted((tmp_path / "backups").iterdir())} == before


def test_a_damaged_page_met_while_working_is_one_line_naming_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    database = filled(path)
    backup = backup_before_change(database, "import")
    database.close()
    damage_page_of(path, "person")
    database = open_database(path, create=False)
    try:
        with pytest.raises(DamagedDatabaseError) as refused, database.session() as s:
            s.scalars(select(Person)).all()
    finally:
        database.close()
    assert refused.value.good_backup == backup
    assert str(refused.value).count("\n") == 0 and "P1" not in str(refused.value)


def test_restoring_puts_the_backup_in_place_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    database = filled(path)
    backup = backup_before_change(database, "import")
    database.close()
    damage_page_of(path, "person")
    damaged_sha = sha(path)
    assert last_good_backup(path) == backup
    aside = restore_backup(backup, path, "20261204-140000")
    assert aside.name == "m-damaged-20261204-140000.sqlite3" and sha(aside) == damaged_sha
    assert backup.exists() and quick_check(path) is None
    restored = open_database(path, create=False)
    try:
        with restored.session() as s:
            assert len(s.scalars(select(Person)).all()) == 400
    finally:
        restored.close()


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    database = filled(path)
    backup = backup_before_change(database, "import")
    database.close()
    damage_page_of(backup, "person")
    assert last_good_backup(path) is None
    from member_reach.store.errors import StoreError

    with pytest.raises(StoreError, match="damaged too"):
        restore_backup(backup, path, "x")
    assert quick_check(path) is None  # the database was not touched


def test_an_error_never_prints_the_values_of_its_statement(db: Database) -> None:
    with db.session() as s:
        s.add(Person(id=1, first_name="Ada", last_name="Lovelace"))
    with pytest.raises(IntegrityError) as failed, db.session() as s:
        s.add(Person(id=1, first_name="Secretfirst", last_name="Secretlast"))
    assert "Secretfirst" not in str(failed.value) and "Secretlast" not in str(failed.value)
