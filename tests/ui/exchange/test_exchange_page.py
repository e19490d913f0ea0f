"""The Exchange page, driven as a director would: the exports listed, a partner's worked file
previewed row by row, applied, applied again (nothing twice), undone; a protected file asks for
its password."""

from __future__ import annotations

from pathlib import Path

from locked_files import IN_USE, lock
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import func, select

from member_reach.sheets.crypto import encrypt_file
from member_reach.store.database import Database
from member_reach.store.models import CallLog
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.exchange.exchange_page import ExchangePage, OutcomesDialog

from ..app.test_main_window import menu_action


def worked(exported: Path, out: Path, outcomes: list[str]) -> Path:
    book = load_workbook(exported)
    sheet = book["Calls"]
    column = [c.value for c in sheet[1]].index("Outcome")
    for row, outcome in zip(sheet.iter_rows(min_row=2), outcomes, strict=False):
        row[column].value = outcome
    book.save(out)
    return out


def logs(database: Database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(CallLog)) or 0


def import_file(qtbot, window: MainWindow, path: Path, monkeypatch) -> OutcomesDialog:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "File", "Import partner's worked file…").trigger()
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage) and window.current_page == "exchange"
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    assert page.dialog is not None
    return page.dialog


def test_a_worked_file_is_previewed_applied_once_and_undone(
    qtbot, window_factory, people_db: Database, exported: Path, tmp_path: Path, monkeypatch
) -> None:
    window = window_factory(people_db)
    page = window.pages["exchange"]
    assert isinstance(page, ExchangePage)
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text() == "Partner workbook"
    path = worked(exported, tmp_path / "back.xlsx", ["voicemail", "renewd", "renewed"])
    dialog = import_file(qtbot, window, path, monkeypatch)
    assert (
        "to apply: 2 outcomes" in dialog.summary.text() and "1 conflict," in dialog.summary.text()
    )
    results = [dialog.rows.item(r, 2).text() for r in range(dialog.rows.rowCount())]
    assert results.count("Conflict") == 1
    conflict = results.index("Conflict")
    assert "renewed" in dialog.rows.item(conflict, 3).text()  # the closest code is suggested
    assert logs(people_db) == 0  # the preview wrote nothing
    assert dialog.apply_button.text().replace("&", "") == "Apply 2 outcomes"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert logs(people_db) == 2 and "Applied from back.xlsx" in dialog.summary.text()
    assert dialog.undo_button.isVisible() and not dialog.apply_button.isVisible()
    again = import_file(qtbot, window, path, monkeypatch)  # the same file: nothing twice
    assert again is not dialog and not again.apply_button.isEnabled()
    assert again.apply_button.text() == "Nothing to apply"
    again.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert logs(people_db) == 0 and "taken back" in dialog.summary.text()
    assert not dialog.undo_button.isEnabled()


def test_new_contacts_are_counted_apart_from_outcomes(
    qtbot, window_factory, people_db: Database, exported: Path, tmp_path: Path, monkeypatch
) -> None:
    window = window_factory(people_db)
    path = worked(exported, tmp_path / "back.xlsx", ["voicemail"])
    book = load_workbook(path)
    book["New contacts"].append(["Pierre Curie", "Sorbonne", "+33 1 55 55 01 01"])
    book.save(path)
    dialog = import_file(qtbot, window, path, monkeypatch)
    assert dialog.apply_button.text().replace("&", "") == "Apply 1 outcome, add 1 new contact"
    added = [r for r in range(dialog.rows.rowCount()) if dialog.rows.item(r, 2).text() == "Added"]
    assert [dialog.rows.item(r, 0).text() for r in added] == ["New contacts 2"]
    assert "1 outcome, 1 new contact" in dialog.summary.text()


def test_a_protected_worked_file_asks_for_its_password(
    qtbot, window_factory, people_db: Database, exported: Path, tmp_path: Path, monkeypatch
) -> None:
    window = window_factory(people_db)
    protected = worked(exported, tmp_path / "protected.xlsx", ["voicemail"])
    encrypt_file(protected, "s3cret")  # as the partner sent it back
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: (asked.append("password") or "s3cret", True)
    )
    dialog = import_file(qtbot, window, protected, monkeypatch)
    assert asked == ["password"] and "to apply: 1 outcome," in dialog.summary.text()


def test_a_worked_file_open_in_excel_says_to_close_it(
    qtbot, window_factory, people_db: Database, exported: Path, monkeypatch
) -> None:
    window = window_factory(people_db)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    lock(monkeypatch, exported)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    menu_action(window, "File", "Import partner's worked file…").trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [f"{exported.name}: {IN_USE}"]
    assert logs(people_db) == 0
