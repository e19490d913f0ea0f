"""The wizard's preview and summary show the lists behind the counts, a tab each with its count:
duplicates merged, renewals, members not in this roster, calls a renewal closes; Save list…
writes each one's rows. Driven as a director would, on a roster with one of each."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaigns import create_renewal_campaign, find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import CallTask
from member_reach.ui.imports.import_lists_view import ImportListsView
from member_reach.ui.imports.import_wizard import ImportWizard

sys.path.insert(0, str(Path(__file__).parents[2]))
from roster_files import ROWS, write_csv  # noqa: E402

TODAY = dt.date(2026, 11, 23)  # the window's clock (tests/ui/conftest.py)


@pytest.fixture
def renewal_db(tmp_path: Path) -> Iterator[Database]:
    """November's roster imported, a renewal campaign, and Jo holding the call to Ada."""
    database = open_database(tmp_path / "assoc.sqlite3")
    run_roster_import(database, write_csv(tmp_path / "november.csv", ROWS), TODAY)
    with database.session() as s:
        window = RenewalOptions(dt.date(2026, 11, 24), dt.date(2027, 12, 31))
        create_renewal_campaign(s, TODAY, window, name="Winter renewals")
        reserve(s, find_campaign(s, "Winter renewals"), "Jo", 1, dt.datetime(2026, 11, 23, 15))
    yield database
    database.close()


def december(tmp_path: Path) -> Path:
    """Ada renewed, Katherine not in the export, Barbara on two rows (two expiries)."""
    rows = [list(r) for r in ROWS if r[0] != "M-006"]
    rows[0][7] = "01/31/2028"
    liskov = ["M-009", "Barbara", "Liskov", "", "barbara@example.org", "646 555 0109"]
    rows.append([*liskov, "09/01/2020", "03/31/2027", "Individual", "yes"])
    rows.append([*liskov, "09/01/2020", "03/31/2026", "Individual", "yes"])
    return write_csv(tmp_path / "december.csv", rows)


def ada_call(db: Database) -> tuple[str, str, str]:
    with db.session() as s:
        task = s.scalars(select(CallTask).where(CallTask.reserved_by == "Jo")).one_or_none()
        if task is None:
            task = s.scalars(select(CallTask).where(CallTask.state == "renewed")).one()
        return task.state, task.reserved_by, task.ref


def press_next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def tab_titles(lists: ImportListsView) -> list[str]:
    return [lists.tabText(i) for i in range(lists.count()) if lists.isTabVisible(i)]


def open_tab(qtbot, lists: ImportListsView, key: str):  # type: ignore[no-untyped-def]
    """Click the list's tab, as a person would; return the tab."""
    tab = lists.tabs[key]  # type: ignore[index]
    bar = lists.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(lists.indexOf(tab)).center())
    assert lists.currentWidget() is tab
    return tab


def shown_rows(tab) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = tab.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    """The save dialog answers with ``path`` (the file type chosen: ``chosen``)."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def test_the_preview_and_summary_list_what_the_import_does_and_save_each_list(
    qtbot, window_factory, renewal_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, ref = ada_call(renewal_db)
    window = window_factory(renewal_db)
    window.resize(1366, 768)
    wizard = window.start_import("roster", december(tmp_path))
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.PREVIEW
    lists = wizard.preview_page.lists
    assert tab_titles(lists) == [
        "Rows to check (1)",  # the row that says nobody
        "Duplicates merged (2)",  # Alan's two rows, unchanged since November, and Barbara's
        "Renewals (1)",
        "Not in this roster (1)",
        "Calls a renewal would close (1)",
    ]
    merged = open_tab(qtbot, lists, "merged")
    alan, row = shown_rows(merged)
    assert alan[:3] == ["5, 10", "M-002", "Alan Turing"]
    assert row[:7] == ["12, 13", "M-009", "Barbara Liskov", "member id", "3/31/27", "12",
                       "the later expiry"]  # fmt: skip
    assert row[7] == "3/31/26 (row 13)"
    renewals = open_tab(qtbot, lists, "renewals")
    assert shown_rows(renewals) == [["4", "M-001", "Ada Lovelace", "1/31/27", "1/31/28"]]
    missing = open_tab(qtbot, lists, "missing")
    assert shown_rows(missing) == [["M-006", "Katherine Johnson", "6/30/27"]]
    assert "kept as they are" in missing.explanation.text()
    calls = open_tab(qtbot, lists, "calls")
    assert shown_rows(calls) == [["4", "Ada Lovelace", "Winter renewals", ref, "reserved by Jo"]]
    assert ada_call(renewal_db) == ("reserved", "Jo", ref)  # the preview closed nothing
    would = tmp_path / "would close.xlsx"
    save_as(monkeypatch, would)
    qtbot.mouseClick(calls.save_button, Qt.MouseButton.LeftButton)
    assert list(load_workbook(would).active.iter_rows(values_only=True)) == [
        ("Row", "Name", "Campaign", "Ref", "State before"),
        (4, "Ada Lovelace", "Winter renewals", ref, "reserved by Jo"),
    ]
    assert f"1 row saved to {would}" in calls.note.text()

    press_next(qtbot, wizard)  # Import
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    assert ada_call(renewal_db) == ("renewed", "", ref)
    lists = wizard.summary_page.lists
    assert tab_titles(lists) == [
        "Duplicates merged (2)",
        "Renewals (1)",
        "Not in this roster (1)",
        "Calls closed (1)",
    ]
    calls = open_tab(qtbot, lists, "calls")
    assert shown_rows(calls) == [["4", "Ada Lovelace", "Winter renewals", ref, "reserved by Jo"]]
    assert "Undo this import brings them back" in calls.explanation.text()
    renewals = open_tab(qtbot, lists, "renewals")
    save_as(monkeypatch, tmp_path / "renewals", "CSV files (*.csv)")  # no ending typed
    qtbot.mouseClick(renewals.save_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "renewals.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["Row", "Member ID", "Name", "Expiry on file", "New expiry"],
            ["4", "M-001", "Ada Lovelace", "2027-01-31", "2028-01-31"],
        ]
    missing = open_tab(qtbot, lists, "missing")
    save_as(monkeypatch, tmp_path / "missing.xlsx")
    qtbot.mouseClick(missing.save_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(tmp_path / "missing.xlsx").active.iter_rows(values_only=True))
    assert rows == [
        ("Member ID", "Name", "Expiry on file"),
        ("M-006", "Katherine Johnson", dt.datetime(2027, 6, 30)),
    ]


def test_the_same_roster_again_lists_its_duplicates_only(
    qtbot, window_factory, renewal_db: Database, tmp_path: Path
) -> None:
    window = window_factory(renewal_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "same.csv", ROWS))
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    lists = wizard.preview_page.lists
    assert tab_titles(lists)[1:] == [
        "Duplicates merged (1)",  # Alan's two rows, unchanged since November
        "Renewals (0)",
        "Not in this roster (0)",
        "Calls a renewal would close (0)",
    ]
    merged = open_tab(qtbot, lists, "merged")
    assert shown_rows(merged) == [
        ["5, 11", "M-002", "Alan Turing", "", "12/31/27", "",
         "rows unchanged since the last import: the expiry on file", ""]
    ]  # fmt: skip
    assert merged.save_button.isEnabled()
    for key in ("renewals", "missing", "calls"):
        tab = open_tab(qtbot, lists, key)
        assert shown_rows(tab) == [] and not tab.save_button.isEnabled()


def test_an_attendee_list_shows_no_roster_lists(
    qtbot, window_factory, renewal_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "expo.csv"
    path.write_text("Name,Email,Role\nAda Lovelace,ada@example.org,Speaker\n", encoding="utf-8")
    window = window_factory(renewal_db)
    wizard = window.start_import("events")
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    qtbot.keyClicks(wizard.file_page.event_edit, "Expo 2026")
    for _ in range(3):
        press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.PREVIEW
    assert tab_titles(wizard.preview_page.lists) == ["Rows to check (0)"]
