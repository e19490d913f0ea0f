"""The import wizard and the import history, driven as a director would: drop a file, walk the
steps, change the header row and a column, cancel an import, undo one, save the rows to check."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import Attendance, EmailAddress, ImportBatch, Person
from member_reach.ui.app.main_window import MainWindow
from member_reach.ui.core.progress_dialog import ProgressDialog
from member_reach.ui.imports.import_history_dialog import COLUMNS
from member_reach.ui.imports.import_wizard import ImportWizard

from ..app.test_main_window import menu_action

sys.path.insert(0, str(Path(__file__).parents[2]))
from roster_files import HEADER, ROWS, many_rows, write_csv  # noqa: E402


def people(database: Database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


def drop(window: MainWindow, path: Path) -> bool:
    """Drag ``path`` over the window and drop it; return whether the window took it."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(
        QPointF(50, 50), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, dropped)
    return dropped.isAccepted()


def combo_of(wizard: ImportWizard, heading: str):  # type: ignore[no-untyped-def]
    preview = wizard.preview
    assert preview is not None
    index = [c.heading for c in preview.columns].index(heading)
    return wizard.mapping_page.combos[index]


def press_next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_a_dropped_roster_walks_the_wizard_to_an_import(
    qtbot, window_factory, people_db: Database, tmp_path: Path
) -> None:
    window = window_factory(people_db)
    before = people(people_db)
    path = write_csv(tmp_path / "roster.csv", ROWS)
    assert drop(window, path)
    wizard = window.wizard
    assert wizard is not None and wizard.currentId() == wizard.SHEET
    page = wizard.sheet_page
    assert page.header_spin.value() == 3  # below the title and a blank row
    assert page.grid.item(2, 0).text() == "Member ID" and page.grid.item(2, 0).font().bold()
    assert not page.sheet_box.isVisible()  # a CSV file has no sheets to choose
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.MAPPING
    email = combo_of(wizard, "Email")
    assert email.currentText() == "E-mail"
    email.setCurrentIndex(email.findData(""))  # the director chooses not to import e-mails
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.PREVIEW
    preview = wizard.preview_page
    counts = {k: int(label.text()) for k, label in preview.count_labels.items()}
    assert counts == {
        "inserted": 7,
        "updated": 0,
        "unchanged": 0,
        "renewals": 0,
        "rejected": 1,
        "flagged": 1,
    }
    reasons = [preview.issues.item(r, 2).text() for r in range(preview.issues.rowCount())]
    assert any("13/13/2013" in r for r in reasons) and len(reasons) == 2
    assert people(people_db) == before  # the preview wrote nothing
    assert wizard.button(wizard.WizardButton.NextButton).text().replace("&", "") == "Import"
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    assert people(people_db) == before + 7
    with people_db.session() as s:
        emails = s.scalars(select(EmailAddress.address)).all()
    assert "ada@example.org" not in emails  # the column was ignored, as chosen
    summary = wizard.summary_page
    assert summary.count_labels["inserted"].text() == "7"
    assert "before the import" in summary.backup.text()
    assert summary.save_button.isEnabled() and summary.undo_button.isEnabled()


def test_another_header_row_and_sheet_can_be_chosen(
    qtbot, window_factory, empty_db: Database
) -> None:
    window = window_factory(empty_db)
    sheets = Path(__file__).parents[2] / "data" / "sheets"
    wizard = window.start_import("roster", sheets / "several_sheets.xlsx")
    page = wizard.sheet_page
    assert page.sheet_box.isVisible()
    assert [page.sheet_box.itemText(i) for i in range(page.sheet_box.count())] == [
        "Members",
        "Lapsed",
        "Notes",
        "Empty",
    ]
    assert page.status.text().startswith("4 sheets hold data: choose the one to import.")
    page.sheet_box.setCurrentText("Lapsed")
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.sheet == "Lapsed")
    assert page.grid.item(1, 0).text() == "Bob"
    # The director clicks row 2 (Bob's) as if it held the column names.
    rect = page.grid.visualItemRect(page.grid.item(1, 0))
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.header_spin.value() == 2
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.header_row == 2)
    assert page.grid.item(1, 0).font().bold() and not page.grid.item(0, 0).font().bold()
    press_next(qtbot, wizard)
    mapping = wizard.mapping_page
    assert [mapping.table.item(r, 0).text() for r in range(mapping.table.rowCount())][:2] == [
        "Bob",
        "Ray",
    ]
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert "at least one column holding a name" in mapping.problem.text()
    combo_of(wizard, "bob@example.org").setCurrentIndex(
        combo_of(wizard, "bob@example.org").findData("email")
    )
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    combo_of(wizard, "Bob").setCurrentIndex(combo_of(wizard, "Bob").findData("email"))
    assert "both import as E-mail" in mapping.problem.text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_a_file_that_is_no_spreadsheet_says_so_on_the_page(
    qtbot, window_factory, empty_db: Database, tmp_path: Path
) -> None:
    window = window_factory(empty_db)
    fake = tmp_path / "members.csv"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    wizard = window.start_import("roster", fake)
    message = wizard.sheet_page.status.text()
    assert message.startswith("members.csv") and "\n" not in message and "Traceback" not in message
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert not drop(window, tmp_path / "notes.pdf")  # not a spreadsheet: the window refuses it


def test_a_protected_workbook_asks_for_its_password_in_words(
    qtbot, window_factory, empty_db: Database
) -> None:
    """The service's message as it is: what to give, no command-line option."""
    window = window_factory(empty_db)
    encrypted = Path(__file__).parents[2] / "data" / "sheets" / "encrypted.xlsx"
    wizard = window.start_import("roster", encrypted)
    message = wizard.sheet_page.status.text()
    assert message == "encrypted.xlsx: is protected by a password; give its password"
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_an_import_can_be_cancelled_and_nothing_changes(
    qtbot, window_factory, people_db: Database, tmp_path: Path
) -> None:
    window = window_factory(people_db, synchronous=False)
    before = people(people_db)
    path = write_csv(tmp_path / "big.csv", many_rows(40_000))
    wizard = window.start_import("roster", path)
    qtbot.waitUntil(lambda: wizard.sheet_page.isComplete(), timeout=20_000)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=60_000)
    press_next(qtbot, wizard)  # Import

    def progress_dialog() -> ProgressDialog | None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog)]
        return next((w for w in shown if w.isVisible()), None)

    qtbot.waitUntil(lambda: progress_dialog() is not None, timeout=20_000)
    dialog = progress_dialog()
    assert dialog is not None
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in wizard.preview_page.status.text(), timeout=60_000)
    assert wizard.currentId() == wizard.PREVIEW and people(people_db) == before
    with people_db.session() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_undo_and_save_from_the_summary(
    qtbot, window_factory, people_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_factory(people_db)
    before = people(people_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "roster.csv", ROWS))
    for _ in range(3):
        press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    saved = tmp_path / "to check.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(wizard.summary_page.save_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert len(rows) == 3 and all(h in rows[0] for h in HEADER)
    assert str(saved) in wizard.summary_page.note.text()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, title, _text, *a: asked.append(title) or QMessageBox.StandardButton.Yes,
    )
    qtbot.mouseClick(wizard.summary_page.undo_button, Qt.MouseButton.LeftButton)
    assert asked == ["Undo this import?"]
    assert people(people_db) == before
    assert "7 people removed" in wizard.summary_page.note.text()
    assert not wizard.summary_page.undo_button.isEnabled()


def test_the_history_undoes_the_latest_import(
    qtbot, window_factory, people_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_roster_import(people_db, write_csv(tmp_path / "one.csv", ROWS), dt.date.today())
    second = run_roster_import(
        people_db, write_csv(tmp_path / "two.csv", ROWS[:2]), dt.date.today()
    )
    window = window_factory(people_db)
    menu_action(window, "File", "Import history…").trigger()
    dialog = window.findChild(type(window.show_import_history()))
    assert dialog is not None
    table = dialog.table
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["two.csv", "one.csv"]
    table.selectRow(1)
    assert not dialog.undo_button.isEnabled()  # a later import came after it
    table.selectRow(0)
    assert dialog.undo_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    state = COLUMNS.index("State")
    assert table.item(0, state).text().startswith("Undone")
    assert table.item(1, state).text() == "Can be undone"
    with people_db.session() as s:
        assert s.get(ImportBatch, second.batch_id).undone_at is not None
        assert s.get(ImportBatch, first.batch_id).undone_at is None


def test_an_attendee_list_from_the_file_menu(
    qtbot, window_factory, people_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "expo.csv"
    path.write_text(
        "First Name,Last Name,Email,Participant Role\n"
        "Ada,Lovelace,ada@analytical.example,Speaker\n"
        "Ann,Lee,ann@example.org,Attendee\n"
    )
    window = window_factory(people_db)
    menu_action(window, "File", "Import attendees…").trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.currentId() == wizard.FILE
    page = wizard.file_page
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.browse_button, Qt.MouseButton.LeftButton)
    assert page.path_edit.text() == str(path)
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # the event is missing
    qtbot.keyClicks(page.event_edit, "Expo 2026")
    page.date_check.setChecked(True)
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    for _ in range(3):
        press_next(qtbot, wizard)
    assert wizard.preview_page.count_labels["attendances"].text() == "2"
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    with people_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Attendance)) == 2


def test_a_workbook_of_several_sheets_imports_the_sheet_shown(
    qtbot, window_factory, empty_db: Database
) -> None:
    window = window_factory(empty_db)
    sheets = Path(__file__).parents[2] / "data" / "sheets"
    wizard = window.start_import("roster", sheets / "several_sheets.xlsx")
    assert wizard.sheet_page.sheet_box.currentText() == "Members"  # offered, left as it is
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.PREVIEW and wizard.dry_run is not None
    assert wizard.preview_page.count_labels["inserted"].text() == "1"  # Ann, of Members


def test_back_and_cancel_wait_for_the_import_and_closing_stops_it(
    qtbot, window_factory, people_db: Database, tmp_path: Path
) -> None:
    window = window_factory(people_db, synchronous=False)
    before = people(people_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "big.csv", many_rows(30_000)))
    qtbot.waitUntil(lambda: wizard.sheet_page.isComplete(), timeout=20_000)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=60_000)
    press_next(qtbot, wizard)  # Import
    assert wizard.busy is not None
    assert not wizard.button(wizard.WizardButton.BackButton).isEnabled()
    assert not wizard.button(wizard.WizardButton.CancelButton).isEnabled()
    wizard.reject()  # the window's close button: the import is asked to stop
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.busy is None, timeout=60_000)
    assert "cancelled" in wizard.preview_page.status.text() and people(people_db) == before
    assert wizard.button(wizard.WizardButton.CancelButton).isEnabled()


def test_another_database_ends_the_wizard_of_the_first(
    qtbot, window_factory, people_db: Database, tmp_path: Path
) -> None:
    from member_reach.store.database import open_database

    window = window_factory(people_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "roster.csv", ROWS))
    for _ in range(3):
        press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    other = open_database(tmp_path / "other.sqlite3")
    window.workspace.switch(other)  # File › Open database…, Settings
    assert not wizard.isVisible()  # ended: its Undo can no longer reach another database
    assert wizard.database is not window.workspace.database
