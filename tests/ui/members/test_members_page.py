from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from member_reach.services.members.members import MemberFilter
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.members.members_page import MembersPage


def members_page(window: MainWindow) -> MembersPage:
    window.show_page("members")
    page = window.pages["members"]
    assert isinstance(page, MembersPage)
    return page


def table_column(page: MembersPage, title: str) -> list[str]:
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = headers.index(title)
    return [model.index(row, col).data() for row in range(model.rowCount())]


def type_search(qtbot, page: MembersPage, text: str) -> None:
    """Type into the search box as a person would, and wait for the list to follow."""
    page.search_box.clear()
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        qtbot.keyClicks(page.search_box, text)


@pytest.fixture
def page(qtbot, window_factory, people_db) -> MembersPage:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    return members_page(window)


def test_lists_every_member_with_a_count(page: MembersPage) -> None:
    assert page.stack.currentWidget() is page.table
    assert page.count_label.text() == "7 members"
    assert table_column(page, "Name")[:2] == ["Acme Widgets Ltd", "Tim Berners-Lee"]
    assert "In grace" in table_column(page, "Status")
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()  # every name fits its column, none cut short
    widest = max(metrics.horizontalAdvance(name) for name in table_column(page, "Name"))
    assert widest < header.sectionSize(2)
    assert header.isSectionHidden(0)  # member_reach's own number: shown on request
    shown = sorted(
        (header.visualIndex(s), page.model.columns[s].key)
        for s in range(header.count())
        if not header.isSectionHidden(s)
    )
    assert [key for _, key in shown][:4] == ["external_id", "name", "status", "expiry"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lovel", ["Ada Lovelace"]),  # part of a name
        ("ADA lov", ["Ada Lovelace"]),  # every word must match
        ("kernel", []),  # a contact's e-mail: contacts are not members
        ("nasa.example", ["Katherine Johnson"]),  # e-mail
        ("C-2001", ["Acme Widgets Ltd"]),  # external id
        ("acme", ["Acme Widgets Ltd"]),  # organisation
    ],
)
def test_search_as_you_type(qtbot, page: MembersPage, typed: str, expected: list[str]) -> None:
    type_search(qtbot, page, typed)
    assert table_column(page, "Name") == expected
    assert page.model.filter == MemberFilter(search=typed)


def test_search_by_member_id(qtbot, page: MembersPage) -> None:
    names = table_column(page, "Name")
    turing_id = table_column(page, "Member ID")[names.index("Alan Turing")]
    type_search(qtbot, page, turing_id)
    assert table_column(page, "Name") == ["Alan Turing"]
    assert page.count_label.text() == "1 member"


def test_typing_fast_searches_once(qtbot, page: MembersPage) -> None:
    loads: list[int] = []
    page.model.loaded.connect(loads.append)
    type_search(qtbot, page, "grace hopper")
    assert loads == [1]


def test_status_filter(qtbot, page: MembersPage) -> None:
    page.status_box.setFocus()
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        qtbot.keyClicks(page.status_box, "La")  # keyboard search picks "Lapsed"
    assert page.status_box.currentText() == "Lapsed"
    assert table_column(page, "Name") == ["Katherine Johnson"]
    assert page.count_label.text() == "1 member"


def test_everyone_includes_non_member_contacts(qtbot, page: MembersPage) -> None:
    everyone = page.status_box.count() - 1
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        page.status_box.setCurrentIndex(everyone)
    assert page.count_label.text() == "9 people"
    assert "Linus Torvalds" in table_column(page, "Name")
    assert "Not a member" in table_column(page, "Status")


def test_no_match_says_so_and_offers_to_show_everyone(qtbot, page: MembersPage) -> None:
    type_search(qtbot, page, "zebra")
    assert page.stack.currentWidget() is page.no_match
    assert page.no_match.title.text() == "Nobody matches “zebra”"
    assert page.count_label.text() == "0 members"
    button = page.no_match.findChild(QPushButton)
    with qtbot.waitSignal(page.model.loaded, timeout=3000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.search_box.text() == ""
    assert page.stack.currentWidget() is page.table
    assert page.model.rowCount() == 7


def test_an_empty_database_shows_the_next_step(qtbot, window_factory, empty_db) -> None:
    window = window_factory(empty_db)
    page = members_page(window)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "No members yet — import a roster to begin"
    assert page.count_label.text() == "0 members"


def test_find_member_shortcut_focuses_the_search(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.find_member()
    page = members_page(window)
    assert window.current_page == "members"
    qtbot.waitUntil(page.search_box.hasFocus, timeout=3000)


def test_searching_in_the_background_as_the_app_does(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db, synchronous=False)
    window.show()
    qtbot.waitExposed(window)
    page = members_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=5000)
    type_search(qtbot, page, "hopper")
    assert table_column(page, "Name") == ["Grace Hopper"]
    qtbot.waitUntil(lambda: window.statusBar().count_label.text() == "7 members", timeout=5000)
