from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Qt

from member_reach.services.members.members import MemberFilter
from member_reach.store.database import Database
from member_reach.ui.core.tasks import TaskRunner
from member_reach.ui.members.members_model import MEMBER_ROW_ROLE, MembersModel


@dataclass
class Source:
    database: Database
    today: dt.date


@pytest.fixture
def runner() -> TaskRunner:
    return TaskRunner(None, synchronous=True)


def make_model(
    database: Database, today: dt.date, runner: TaskRunner, **kwargs: int
) -> MembersModel:
    model = MembersModel(Source(database, today), runner, **kwargs)
    model.reload()
    return model


def column(model: MembersModel, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def shown(model: MembersModel, key: str) -> list[str]:
    col = column(model, key)
    return [model.data(model.index(row, col)) for row in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, people_db, today, runner) -> None:
    model = make_model(people_db, today, runner)
    qtmodeltester.check(model)
    model.set_filter(MemberFilter(search="a", include_contacts=True))
    qtmodeltester.check(model)


def test_rows_show_members_in_list_order_with_readable_status(people_db, today, runner) -> None:
    model = make_model(people_db, today, runner)
    assert model.rowCount() == 7  # the two contacts are not members
    assert shown(model, "name") == [
        "Acme Widgets Ltd",
        "Tim Berners-Lee",
        "Edsger Dijkstra",
        "Grace Hopper",
        "Katherine Johnson",
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert shown(model, "status") == [
        "Current",
        "Lifetime",
        "Expiry unknown",
        "New",
        "Lapsed",
        "Current",
        "In grace",
    ]
    ada = 5
    values = [model.data(model.index(ada, c)) for c in range(model.columnCount())]
    assert values[1:] == [
        "M-1001",
        "Ada Lovelace",
        "",
        "ada@analytical.example",
        "+441632960001",
        "Individual",
        "3/31/27",
        "Current",
    ]
    assert values[0] == str(model.member_id(ada))
    row = model.data(model.index(ada, 0), MEMBER_ROW_ROLE)
    assert row.email == "ada@analytical.example"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers == [
        "Member ID",
        "External ID",
        "Name",
        "Organisation",
        "E-mail",
        "Phone",
        "Type",
        "Expiry",
        "Status",
    ]


def test_filters_narrow_the_list(people_db, today, runner) -> None:
    model = make_model(people_db, today, runner)
    counts: list[int] = []
    model.loaded.connect(counts.append)
    model.set_filter(MemberFilter(status="lapsed"))
    assert shown(model, "name") == ["Katherine Johnson"]
    model.set_filter(MemberFilter(search="NAVY.example"))
    assert shown(model, "name") == ["Grace Hopper"]
    model.set_filter(MemberFilter(search="M-1003"))
    assert shown(model, "name") == ["Alan Turing"]
    model.set_filter(MemberFilter(include_contacts=True))
    assert model.rowCount() == 9
    assert "Not a member" in shown(model, "status")
    assert counts == [1, 1, 1, 9]


def test_rows_are_fetched_only_for_the_pages_asked_for(many_members_db, today, runner) -> None:
    database = many_members_db(450)
    model = make_model(database, today, runner, page_size=50, cache_pages=3)
    assert model.rowCount() == 450
    assert model.fetched_pages == []  # ids only until a row is wanted
    name = column(model, "name")
    assert model.data(model.index(120, name)) == "Member0120 Test"
    assert model.fetched_pages == [2]
    assert model.data(model.index(149, name)) == "Member0149 Test"
    assert model.data(model.index(0, name)) == "Member0000 Test"
    assert model.fetched_pages == [2, 0]
    # Roles the view asks for on every paint cost no query.
    for role in (Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.FontRole):
        assert model.data(model.index(400, name), role) is None
    assert model.fetched_pages == [2, 0]
    # The cache is bounded: the least recently used page goes first.
    model.data(model.index(200, name))
    model.data(model.index(300, name))
    model.data(model.index(120, name))
    assert model.fetched_pages == [2, 0, 4, 6, 2]


def test_reload_with_the_same_list_refreshes_rows_in_place(people_db, today, runner) -> None:
    model = make_model(people_db, today, runner)
    name = column(model, "name")
    model.data(model.index(0, name))
    resets: list[bool] = []
    changes: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row())))
    model.reload()
    assert resets == []
    assert changes == [(0, 6)]
    assert model.data(model.index(0, name)) == "Acme Widgets Ltd"
    assert model.fetched_pages == [0, 0]  # the stale page was read again


def test_only_the_latest_filter_is_shown(qtbot, people_db, today) -> None:
    runner = TaskRunner(None)  # a real worker thread: answers arrive later
    owner = QObject()
    model = MembersModel(Source(people_db, today), runner, parent=owner)
    counts: list[int] = []
    model.loaded.connect(counts.append)
    model.set_filter(MemberFilter(search="zzz-nobody"))
    model.set_filter(MemberFilter(status="new"))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert counts == [1]
    assert shown(model, "name") == ["Grace Hopper"]
    assert runner.shutdown(5000)


def test_a_broken_database_reports_instead_of_raising(people_db, today, runner, tmp_path) -> None:
    model = make_model(people_db, today, runner)
    errors: list[str] = []
    model.load_failed.connect(errors.append)
    with people_db.session() as session:
        session.connection().exec_driver_sql("DROP TABLE email_address")
    assert model.data(model.index(0, 0)) is None
    assert model.data(model.index(1, 0)) is None  # the failed page is not re-read at once
    assert model.fetched_pages == [0]
    assert len(errors) == 1 and "Cannot read the members" in errors[0]


@pytest.mark.parametrize(
    "search", ["lov", "ADA lov", "navy.example", "m-100", "acme", "widgets ltd", "zzz", "  "]
)
def test_searching_narrows_in_memory_exactly_as_the_database_would(
    people_db, today, runner, search: str
) -> None:
    from member_reach.services.members.members import member_ids

    model = make_model(people_db, today, runner)  # opens, then reads the search index
    queries = model.queries
    model.set_filter(MemberFilter(search=search, include_contacts=True))
    assert model.queries == queries + 1  # another filter (contacts): one query for the list
    model.set_filter(MemberFilter(search=search + "x", include_contacts=True))
    model.set_filter(MemberFilter(search=search, include_contacts=True))
    assert model.queries == queries + 1  # only the search changed: no query
    with people_db.session() as s:
        expected = member_ids(s, today, MemberFilter(search=search, include_contacts=True))
    assert [model.member_id(r) for r in range(model.rowCount())] == expected


def test_a_change_of_the_data_is_searched_after_reload(people_db, today, runner) -> None:
    from member_reach.store.models import Membership, Person

    model = make_model(people_db, today, runner)
    model.set_filter(MemberFilter(search="hamilton"))
    assert model.rowCount() == 0  # Margaret Hamilton is a contact, not a member
    with people_db.session() as s:
        margaret = s.query(Person).filter(Person.last_name == "Hamilton").one()
        margaret.membership = Membership(term_end=dt.date(2027, 1, 31))
    model.reload()  # what the page does when the data change
    assert shown(model, "name") == ["Margaret Hamilton"]
    model.set_filter(MemberFilter(search="margaret hamil"))
    assert shown(model, "name") == ["Margaret Hamilton"]
