"""Choosing the database: files, PostgreSQL URLs with the password kept in the password store,
and Test connection against a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from sqlalchemy.engine import URL

from member_reach.services.common.connection import (
    DatabaseChoice,
    check_connection,
    choice_from,
    open_choice,
    store_password,
    stored_password,
)
from member_reach.services.common.errors import ServiceError


def test_a_typed_url_gives_up_its_password_to_the_password_store(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    choice, password = choice_from("postgresql", "postgresql://ann:s3cret@db.example:5433/members")
    assert password == "s3cret" and "s3cret" not in choice.location
    assert choice.location == "postgresql://ann@db.example:5433/members"
    assert choice.label() == "PostgreSQL members on db.example:5433"
    assert stored_password(choice) is None
    store_password(choice, password)
    assert stored_password(choice) == "s3cret"
    assert memory_keyring.passwords == {("member_reach", "ann@db.example:5433/members"): "s3cret"}
    assert choice.url("s3cret").password == "s3cret" and choice.url().password is None


def test_wrong_locations_are_refused_in_one_line() -> None:
    with pytest.raises(ServiceError, match="Give the database file"):
        DatabaseChoice("file", " ").url()
    with pytest.raises(ServiceError, match="Give a file path, not a URL"):
        DatabaseChoice("file", "postgresql://x@y/z").url()
    with pytest.raises(ServiceError, match="postgresql://user@server/members"):
        DatabaseChoice("postgresql", "/tmp/members.sqlite3").url()
    with pytest.raises(ServiceError, match="not 'mysql'"):
        DatabaseChoice("postgresql", "mysql://x@y/z").url()


def test_without_a_password_store_the_password_is_not_kept() -> None:
    keyring.set_keyring(NoKeyring())
    choice = DatabaseChoice("postgresql", "postgresql://ann@db.example/members")
    assert stored_password(choice) is None
    with pytest.raises(ServiceError, match="no password store"):
        store_password(choice, "s3cret")


def test_files_are_checked_and_created(tmp_path: Path) -> None:
    choice = DatabaseChoice("file", str(tmp_path / "club" / "members.sqlite3"))
    assert "does not exist yet: it will be created" in check_connection(choice, None)
    database = open_choice(choice, None)
    database.close()
    assert (
        check_connection(choice, None) == f"Connected to {tmp_path / 'club' / 'members.sqlite3'}."
    )
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ServiceError, match="is not a member_reach database"):
        check_connection(DatabaseChoice("file", str(junk)), None)


def test_a_postgresql_server_is_tested_and_set_up(pg_schema_url: URL) -> None:
    password = pg_schema_url.password
    location = pg_schema_url._replace(password=None).render_as_string(hide_password=False)
    choice = DatabaseChoice("postgresql", location)
    message = check_connection(choice, password)
    assert message.startswith("Connected to PostgreSQL") and "set up when you switch" in message
    database = open_choice(choice, password)
    database.close()
    assert check_connection(choice, password).endswith(".")
    assert "set up" not in check_connection(choice, password)
    with pytest.raises(ServiceError, match="Check that the server is running") as wrong:
        check_connection(choice, "not-the-password")
    assert "\n" not in str(wrong.value) and "not-the-password" not in str(wrong.value)
