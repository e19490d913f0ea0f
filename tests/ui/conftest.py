"""GUI test fixtures: no thread left running, small SQLite databases, private window settings."""

from __future__ import annotations

import datetime as dt
import traceback
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThread, QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from member_reach.services.common.clock import Clock
from member_reach.store.database import Database, open_database
from member_reach.store.models import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.core.style import apply_style
from member_reach.ui.core.translations import install_translations

# The day tests/conftest.py uses too; statuses below are worked out for it.
TODAY = dt.date(2026, 11, 23)
# How long a pool may take to return from a job whose result a test already received.
_THREAD_GRACE_MS = 2_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the one warning the offscreen platform gives for every dialog it lays out.

    pytest-qt reads only the closest ``qt_log_ignore`` marker: a test's own (say, for the
    offscreen ``raise()`` notice of a tooltip) would drop this one, so the two are combined.
    """
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            own = [p for m in item.iter_markers("qt_log_ignore") for p in m.args]
            patterns = ["This plugin does not support propagateSizeHints", *own]
            item.add_marker(pytest.mark.qt_log_ignore(*patterns), append=False)


def _caller() -> str:
    frames = [f for f in traceback.extract_stack()[:-2] if "site-packages" not in f.filename]
    return "".join(traceback.format_list(frames[-4:]))


@pytest.fixture(autouse=True)
def _dangling_qthreads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread or a QThreadPool job running (napari's check)."""
    pools: weakref.WeakKeyDictionary[QThreadPool, list[str]] = weakref.WeakKeyDictionary()
    threads: weakref.WeakKeyDictionary[QThread, str] = weakref.WeakKeyDictionary()
    pool_start = QThreadPool.start
    thread_start = QThread.start

    def start_pool_job(self: QThreadPool, runnable: object, priority: int = 0) -> None:
        pools.setdefault(self, []).append(_caller())
        pool_start(self, runnable, priority)  # type: ignore[call-overload]

    def start_thread(self: QThread, *args: object) -> None:
        threads[self] = _caller()
        thread_start(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(QThreadPool, "start", start_pool_job)
    monkeypatch.setattr(QThread, "start", start_thread)
    yield
    dangling = []
    for pool, callers in list(pools.items()):
        # A job emits its last signal just before it returns: give it a moment to return.
        if not pool.waitForDone(_THREAD_GRACE_MS):
            dangling.append(f"a QThreadPool job started at:\n{callers[-1]}")
    for thread, caller in list(threads.items()):
        try:
            running = thread.isRunning()
        except RuntimeError:  # already deleted by Qt
            continue
        if running:
            dangling.append(f"a QThread started at:\n{caller}")
    if dangling:
        pytest.fail("The test left threads running:\n" + "\n".join(dangling))


@pytest.fixture(autouse=True)
def _app_style(qapp: QApplication) -> None:
    """Tests see the app as users do: the member_reach style sheet and translations applied."""
    apply_style(qapp)
    install_translations(qapp)


@pytest.fixture
def today() -> dt.date:
    """The day the tests count statuses from (grace 30 days, new 3 months by default)."""
    return TODAY


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    """Window settings private to one test."""
    return QSettings(str(tmp_path / "settings" / "member_reach.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database with nobody in it."""
    database = open_database(tmp_path / "empty.sqlite3")
    yield database
    database.close()


def _person(
    first: str,
    last: str,
    *,
    email: str = "",
    ext: str = "",
    phone: str = "",
    organisation: str = "",
) -> Person:
    person = Person(
        first_name=first,
        last_name=last,
        organisation=organisation,
        display_name=f"{first} {last}".strip() or organisation,  # as an import writes it
    )
    if email:
        person.emails.append(
            EmailAddress(address=email, address_key=email.lower(), is_primary=True)
        )
    if ext:
        person.external_ids.append(ExternalId(source="ams", value=ext))
    if phone:
        person.phones.append(PhoneNumber(original=phone, e164=phone, is_primary=True))
    return person


def fill_people(database: Database) -> None:
    """Seven members, one in each status (two current), and two non-member contacts."""
    d = dt.date
    with database.session() as session:
        individual = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        corporate = MembershipType(name="Corporate", period_kind="rolling", term_months=12)
        lifetime = MembershipType(name="Lifetime", period_kind="lifetime", term_months=None)
        members = [
            # (person, type, join date, term end): statuses on 2026-11-23
            (_person("Ada", "Lovelace", email="ada@analytical.example", ext="M-1001",
                     phone="+441632960001"), individual, d(2015, 3, 1), d(2027, 3, 31)),
            (_person("Grace", "Hopper", email="grace.hopper@navy.example", ext="M-1002"),
             individual, d(2026, 10, 1), d(2027, 9, 30)),
            (_person("Alan", "Turing", email="alan@bletchley.example", ext="M-1003"),
             individual, d(2019, 11, 11), d(2026, 11, 10)),
            (_person("Katherine", "Johnson", email="kj@nasa.example", ext="M-1004"),
             individual, d(2010, 7, 1), d(2026, 6, 30)),
            (_person("Tim", "Berners-Lee", email="tim@webfoundation.example", ext="M-1005"),
             lifetime, d(1999, 1, 1), None),
            (_person("", "", organisation="Acme Widgets Ltd", email="office@acme.example",
                     ext="C-2001"), corporate, d(2020, 2, 1), d(2027, 1, 31)),
            (_person("Edsger", "Dijkstra", email="ewd@tue.example", ext="M-1006"),
             individual, d(2001, 5, 5), None),
        ]  # fmt: skip
        for person, kind, joined, term_end in members:
            person.membership = Membership(type=kind, join_date=joined, term_end=term_end)
            session.add(person)
        session.add(_person("Linus", "Torvalds", email="linus@kernel.example"))
        session.add(_person("Margaret", "Hamilton", email="margaret@apollo.example"))


def fill_many(database: Database, count: int) -> None:
    """``count`` current members named Member0000, Member0001, ... (in list order)."""
    with database.session() as session:
        kind = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        for number in range(count):
            person = _person(f"Member{number:04d}", "Test", email=f"m{number}@example.org")
            person.membership = Membership(
                type=kind, join_date=dt.date(2020, 1, 1), term_end=dt.date(2027, 6, 30)
            )
            session.add(person)


@pytest.fixture
def people_db(tmp_path: Path) -> Iterator[Database]:
    """A database holding :func:`fill_people`'s people."""
    database = open_database(tmp_path / "people.sqlite3")
    fill_people(database)
    yield database
    database.close()


def give_phones(database: Database) -> None:
    """Give each test person without a phone a New York number, so that they can be called."""
    with database.session() as session:
        people = session.scalars(select(Person).order_by(Person.id))
        for offset, person in enumerate(people, start=10):
            if not person.phones:  # Ada has one already
                e164 = f"+1212555{offset:04d}"
                person.phones.append(PhoneNumber(original=e164, e164=e164, is_primary=True))


@pytest.fixture
def callable_db(people_db: Database) -> Database:
    """The test people, each given a phone so that they can be called."""
    give_phones(people_db)
    return people_db


@pytest.fixture
def many_members_db(tmp_path: Path) -> Iterator[Callable[[int], Database]]:
    """Build a database of ``count`` current members (see :func:`fill_many`)."""
    opened: list[Database] = []

    def make(count: int) -> Database:
        database = open_database(tmp_path / f"many-{len(opened)}.sqlite3")
        opened.append(database)
        fill_many(database, count)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def window_factory(qtbot, ui_settings: QSettings, today: dt.date):  # type: ignore[no-untyped-def]
    """Build main windows (synchronous tasks unless asked) that tests close afterwards."""
    windows: list[MainWindow] = []

    def make(
        database: Database, *, synchronous: bool = True, now: dt.datetime | None = None
    ) -> MainWindow:
        clock = Clock(fixed_today=today, fixed_now=now)
        window = MainWindow(ui_settings, database, clock, synchronous_tasks=synchronous)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.shutdown()
        window.workspace.close()  # the database it switched to, if any (closing twice is fine)
