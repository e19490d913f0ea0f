"""Shared fixtures: isolated user folders, and a fresh database on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import settings
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from member_reach.services.campaigns.campaigns import Brief, create_renewal_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.logs import stop_logging
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database, open_database, to_url

# Speed is measured by tests/benchmarks, not by timing unit tests: Hypothesis' per-example
# deadline only measures how busy the machine is (a loaded CI runner failed a 200 ms deadline).
settings.register_profile("member_reach", deadline=None)
settings.load_profile("member_reach")

# Qt must never look for a screen in tests (STYLE.md 10).
os.environ["QT_QPA_PLATFORM"] = "offscreen"

PG_ENV = "MEMBER_REACH_TEST_PG"
TODAY = dt.date(2026, 11, 23)
#: The window of the campaign in ``campaign_db``: the test roster's members due in a year.
CAMPAIGN_WINDOW = RenewalOptions(dt.date(2026, 11, 24), dt.date(2027, 12, 31))


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every test gets its own data and config folders: the user's real files are never touched.

    The log file a command started in the test's data folder is closed after it.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MEMBER_REACH_DB", raising=False)
    monkeypatch.delenv("MEMBER_REACH_TODAY", raising=False)
    yield
    stop_logging()


class MemoryKeyring(KeyringBackend):
    """A password store in memory: tests never read or write the user's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty password store of its own (the system edge, replaced)."""
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


def pg_base_url() -> URL | None:
    """The PostgreSQL server tests may use, or None."""
    value = os.environ.get(PG_ENV, "").strip()
    return to_url(value) if value else None


@pytest.fixture
def pg_schema_url() -> Iterator[URL]:
    """A URL whose connections work in a fresh PostgreSQL schema, dropped afterwards."""
    base = pg_base_url()
    if base is None:
        if os.environ.get("MEMBER_REACH_REQUIRE_PG"):
            pytest.fail(f"MEMBER_REACH_REQUIRE_PG is set but {PG_ENV} is not")
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    schema = f"mr_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    """A database location not yet created: an SQLite file, or an empty PostgreSQL schema."""
    if request.param == "sqlite":
        return to_url(tmp_path / "members.sqlite3")
    return request.getfixturevalue("pg_schema_url")  # type: ignore[no-any-return]


@pytest.fixture
def db(db_target: URL) -> Iterator[Database]:
    """A fresh, migrated database on each backend."""
    database = open_database(db_target)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def campaign_db(db: Database, tmp_path: Path) -> Database:
    """The test roster imported, and a renewal campaign for the coming year."""
    from roster_files import ROWS, write_csv

    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    with db.session() as s:
        create_renewal_campaign(
            s,
            TODAY,
            CAMPAIGN_WINDOW,
            name="Winter renewals",
            brief=Brief(handoff_owner="Maya (staff)"),
        )
    return db


@pytest.fixture
def exported(campaign_db: Database, tmp_path: Path) -> Path:
    """The campaign exported for a partner (every open call): the workbook's path."""
    from member_reach.services.campaigns.campaigns import find_campaign
    from member_reach.services.exchange.exchange_export import export_partner

    path = tmp_path / "winter.xlsx"
    with campaign_db.session() as s:
        export_partner(
            s,
            find_campaign(s, "Winter renewals"),
            path,
            dt.datetime(2026, 11, 23, 15),
            assignee=None,
        )
    return path


@pytest.fixture
def in_london() -> Iterator[None]:
    """This computer keeps London's time (UTC in November): New York is 5 hours behind."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
