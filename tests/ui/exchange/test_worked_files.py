"""The Exchange page lists the worked files brought back beside the exports: when, the file,
what it applied, its conflicts and rejected rows, and the export it answered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.exchange.worked_files import worked_files
from member_reach.store.database import Database
from member_reach.ui.exchange.exchange_page import ExchangePage
from member_reach.ui.exchange.worked_files_table import worked_files_headings

from .conftest import NOW
from .test_exchange_page import import_file, worked


def row_of(page: ExchangePage, row: int) -> dict[str, str]:
    headings = worked_files_headings()
    table = page.worked
    return {h: table.item(row, c).text() for c, h in enumerate(headings)}  # type: ignore[union-attr]


def test_a_worked_file_applied_is_listed_with_its_counts_and_its_export(
    qtbot, window_factory, people_db: Database, exported: Path, tmp_path: Path, monkeypatch
) -> None:
    window = window_factory(people_db)
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    assert page.worked.rowCount() == 0 and page.table.rowCount() == 1
    path = worked(exported, tmp_path / "back.xlsx", ["voicemail", "renewd", "renewed"])
    dialog = import_file(qtbot, window, path, monkeypatch)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worked.rowCount() == 1)  # the page follows the import
    shown = row_of(page, 0)
    assert shown["File"] == "back.xlsx"
    assert (shown["Outcomes applied"], shown["Conflicts"], shown["Rows rejected"]) == (
        "2",
        "1",
        "0",
    )
    assert shown["New contacts"] == "0" and shown["State"] == ""
    assert shown["Answers the export"].startswith("Winter: winter.xlsx (")
    assert "-" not in shown["When"]  # the short date, not ISO
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(page, 0)["State"].startswith("Undone"))
    window.resize(1366, 768)  # the smallest screen the window is made for
    window.show()
    window.show_page("exchange")
    qtbot.waitExposed(window)
    header = page.worked.horizontalHeader()
    for section, heading in enumerate(worked_files_headings()):  # no heading cut short
        assert header.fontMetrics().horizontalAdvance(heading) < header.sectionSize(section)


def test_worked_files_name_their_export_newest_first(
    people_db: Database, exported: Path, tmp_path: Path
) -> None:
    first = worked(exported, tmp_path / "monday.xlsx", ["voicemail"])
    second = worked(exported, tmp_path / "tuesday.xlsx", ["voicemail", "voicemail"])
    for path in (first, second):
        run_outcomes_import(people_db, path, NOW)
    with people_db.session() as s:
        entries = worked_files(s)
    assert [(e.file_name, e.applied, e.conflicts, e.export_file) for e in entries] == [
        ("tuesday.xlsx", 1, 0, "winter.xlsx"),  # Monday's outcome is applied already
        ("monday.xlsx", 1, 0, "winter.xlsx"),
    ]
    assert entries[0].campaign == "Winter" and entries[0].exported_at == NOW
