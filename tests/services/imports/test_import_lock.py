"""One import at a time per database (issue 19, item 2), on SQLite and PostgreSQL.

Two imports of the same roster at once used to match the file before either had written, and
both added everyone. The second now waits for the first and sees its people; a killed import
leaves no lock behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from roster_files import write_csv
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from member_reach.services.common.errors import ServiceError
from member_reach.services.common.import_guard import (
    Guard,
    Holder,
    import_session,
    running_import,
)
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import run_undo
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import DetectedRenewal, ImportBatch, Person

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).parents[3]


def people_rows(count: int, paid_thru: str = "") -> list[list[str]]:
    """``count`` distinct people; every other one without a member id (matched by e-mail)."""
    return [
        [f"C-{i}" if i % 2 else "", "Person", f"Number{i}", "", f"p{i}@example.org"]
        + ["", "01/15/2015" if paid_thru else "", paid_thru, "", "yes" if paid_thru else ""]
        for i in range(count)
    ]


def count(
    database: Database, what: type[Person] | type[ImportBatch] | type[DetectedRenewal]
) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(what)) or 0


@pytest.fixture
def held(db: Database) -> Iterator[threading.Event]:
    """Another import, started by Zoë Ann, holds the lock until the event returned is set."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with import_session(db, guard=Guard(who="Zoë Ann")):
            taken.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(30)
    try:
        yield release
    finally:
        release.set()
        thread.join(30)


def _started_now() -> str:
    return dt.datetime.now().strftime("%H:%M")


def test_an_import_waits_for_the_one_running_then_runs(
    db: Database, held: threading.Event, tmp_path: Path
) -> None:
    holder = running_import(db)
    assert holder is not None and holder.by == "Zoë Ann"
    said: list[str] = []

    def waiting(message: str) -> None:
        said.append(message)
        held.set()  # Zoë's import ends (the wait over, "" is said)

    path = write_csv(tmp_path / "roster.csv", people_rows(20))
    report = run_roster_import(db, path, TODAY, guard=Guard(waiting=waiting))
    started = _started_now()
    assert said == [f"Waiting for another import to finish (started {started} by Zoë Ann)…", ""]
    assert report.counts.inserted == 20
    assert running_import(db) is None


def test_an_import_that_waited_too_long_gives_up_in_one_line_and_writes_nothing(
    db: Database, held: threading.Event, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "roster.csv", people_rows(20))
    with pytest.raises(ServiceError) as error:
        run_roster_import(db, path, TODAY, guard=Guard(max_wait=0.3))
    assert str(error.value) == (
        f"Another import is running on this database (started {_started_now()} by Zoë Ann); "
        "nothing was imported. Try again once it has finished."
    )
    assert count(db, Person) == 0 and count(db, ImportBatch) == 0


def test_every_kind_of_import_and_undo_waits_for_the_one_running(
    exported: Path, db: Database, held: threading.Event, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "attendees.csv", people_rows(5))
    event = ImportOptions(event=EventChoice("Expo 2026", None, ""))
    busy = "Another import is running on this database"
    guard = Guard(max_wait=0.2)
    with pytest.raises(ServiceError, match=busy):
        run_event_import(db, path, TODAY, event, guard=guard)
    with pytest.raises(ServiceError, match=busy):
        run_outcomes_import(db, exported, dt.datetime(2026, 11, 24, 10), guard=guard)
    with pytest.raises(ServiceError, match=busy):
        run_undo(db, 1, guard=guard)


def test_a_dry_run_neither_waits_nor_holds_anyone_up(
    db: Database, held: threading.Event, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "roster.csv", people_rows(20))
    report = run_roster_import(
        db, path, TODAY, ImportOptions(dry_run=True), guard=Guard(max_wait=0)
    )
    assert report.counts.inserted == 20 and count(db, Person) == 0


def test_the_holder_is_said_with_the_day_when_not_today() -> None:
    assert Holder(None, "").describe() == ""
    started = dt.datetime(2025, 12, 4, 9, 42, tzinfo=dt.UTC)
    local = started.astimezone()
    assert Holder(started, "Zoë").describe() == f"started {local:%d %b %H:%M} by Zoë"


# Real processes ----------------------------------------------------------------------------------


def _db_argument(target: URL) -> str:
    if target.get_backend_name() == "sqlite":
        return str(target.database)
    return target.render_as_string(hide_password=False)


def _start(target: URL, path: Path) -> subprocess.Popen[str]:
    """``member-reach --db TARGET --json import roster PATH`` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "member_reach", "--db", _db_argument(target), "--today"]
        + [TODAY.isoformat(), "--json", "import", "roster", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _seeded(target: URL, tmp_path: Path, people: int, paid_thru: str = "") -> Database:
    database = open_database(target)
    seed = write_csv(tmp_path / "seed.csv", people_rows(people, paid_thru))
    run_roster_import(database, seed, TODAY)
    return database


def test_two_roster_imports_at_once_add_no_one_twice(db_target: URL, tmp_path: Path) -> None:
    database = _seeded(db_target, tmp_path, 1_000, paid_thru="12/31/2026")
    try:  # the 1,000 on file renewed: their expiry moves forward a year
        path = write_csv(tmp_path / "roster.csv", people_rows(5_000, paid_thru="12/31/2027"))
        first = _start(db_target, path)
        time.sleep(0.3)
        second = _start(db_target, path)
        ends = [process.communicate(timeout=120) for process in (first, second)]
        inserted = renewals = 0
        for process, (stdout, stderr) in zip((first, second), ends, strict=True):
            assert process.returncode in (0, 1)
            assert "Traceback" not in stderr and len(stderr.splitlines()) <= 1
            if process.returncode == 0:
                result = json.loads(stdout.strip().splitlines()[-1])
                inserted += result["inserted"]
                renewals += result["renewals_detected"]
        assert (inserted, renewals) == (4_000, 1_000)
        assert count(database, Person) == 5_000 and count(database, DetectedRenewal) == 1_000
    finally:
        database.close()


def test_a_killed_import_leaves_no_lock_behind(db_target: URL, tmp_path: Path) -> None:
    database = _seeded(db_target, tmp_path, 100)
    try:
        first = _start(db_target, write_csv(tmp_path / "big.csv", people_rows(30_000)))
        deadline = time.monotonic() + 30
        while running_import(database) is None:  # the first holds the lock once it started
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=30)
        started = time.monotonic()
        second = _start(db_target, write_csv(tmp_path / "small.csv", people_rows(200)))
        stdout, stderr = second.communicate(timeout=60)
        assert second.returncode == 0, stderr
        assert "Waiting" not in stdout and time.monotonic() - started < 20
        assert json.loads(stdout.strip().splitlines()[-1])["inserted"] == 100
        assert count(database, Person) == 200 and running_import(database) is None
        if database.is_sqlite:  # the name the killed import left is gone with the next one
            assert not Path(f"{database.url.database}.importing").exists()
    finally:
        database.close()


def test_a_long_name_is_cut_whole_characters_on_postgresql() -> None:
    from member_reach.services.common import import_guard

    started = dt.datetime(2026, 12, 4, 9, 42, tzinfo=dt.UTC)
    name = import_guard._pg_application_name(Holder(started, "Zoë Ångström-Wilhelmina Ann"))
    assert len(name) <= 63 and name.isascii()
    assert name.startswith("member_reach import 2026-12-04T09:42:00Z Zo%C3%AB%20")
