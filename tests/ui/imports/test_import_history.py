"""Import history says what each import did in the words of the dialog that ran it, in columns
wide enough for their headings."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QGridLayout, QLabel

from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.ui.imports.import_history_dialog import COLUMNS, ImportHistoryDialog

from ..app.test_main_window import menu_action
from .test_import_wizard import press_next

sys.path.insert(0, str(Path(__file__).parents[2]))
from roster_files import ROWS, write_csv  # noqa: E402


def summary_words(grid: QGridLayout, numbers: dict[str, QLabel]) -> dict[str, str]:
    """What the wizard's summary says beside each count: "new people", "rows rejected"…"""
    words = {}
    for key, number in numbers.items():
        row, column, _, _ = grid.getItemPosition(grid.indexOf(number))
        item = grid.itemAtPosition(row, column + 1)
        assert item is not None
        label = item.widget()
        assert isinstance(label, QLabel)
        words[key] = label.text()
    return words


def history(qtbot, window) -> ImportHistoryDialog:  # type: ignore[no-untyped-def]
    menu_action(window, "File", "Import history…").trigger()
    dialog = window.findChild(ImportHistoryDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def cell(dialog: ImportHistoryDialog, row: int, heading: str) -> str:
    item = dialog.table.item(row, COLUMNS.index(heading))
    return item.text() if item is not None else ""


def test_the_history_says_what_the_summary_said(
    qtbot, window_factory, empty_db: Database, tmp_path: Path
) -> None:
    window = window_factory(empty_db)
    window.show()
    wizard = window.start_import("roster", write_csv(tmp_path / "roster.csv", ROWS))
    for _ in range(3):
        press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    summary = wizard.summary_page
    words = summary_words(summary.counts, summary.count_labels)
    counted = {k: int(n.text()) for k, n in summary.count_labels.items()}
    dialog = history(qtbot, window)
    did = cell(dialog, 0, "What it did")
    for key, count in counted.items():  # new people: 7 · rows rejected: 1 · rows flagged: 1
        assert (f"{words[key]}: {count}" in did) == bool(count), (key, did)
    assert did == "new people: 7 · rows rejected: 1 · rows flagged: 1"
    assert cell(dialog, 0, "What") == "Roster" and cell(dialog, 0, "Rows read") == "9"
    assert cell(dialog, 0, "State") == "Can be undone"
    assert cell(dialog, 0, "When").count("/") == 2  # the short date, then the time


def test_next_month_counts_renewals_and_outcomes_say_their_conflicts(
    qtbot, window_factory, campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"  # Ada renewed
    run_roster_import(campaign_db, write_csv(tmp_path / "december.csv", rows), dt.date(2026, 12, 1))
    book = load_workbook(exported)
    calls = book["Calls"]
    outcome = [c.value for c in calls[1]].index("Outcome")
    for row in calls.iter_rows(min_row=2):
        row[outcome].value = "voicemail"  # Ada's renewed since: a conflict; the rest apply
    book.save(exported)
    report = run_outcomes_import(campaign_db, exported, dt.datetime(2026, 12, 2, 10))
    applied, conflicts = report.count("applied"), report.count("conflict")
    assert applied and conflicts
    window = window_factory(campaign_db)
    window.show()
    dialog = history(qtbot, window)
    texts = [cell(dialog, r, "What it did") for r in range(dialog.table.rowCount())]
    kinds = [cell(dialog, r, "What") for r in range(dialog.table.rowCount())]
    assert kinds == ["Partner outcomes", "Roster", "Roster"]
    assert "renewals detected: 1" in texts[1]
    assert texts[0].startswith(f"outcomes applied: {applied} · ")
    assert f"conflicts: {conflicts}" in texts[0] and "rows rejected" not in texts[0]


def test_every_heading_fits_its_column(qtbot, window_factory, empty_db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run_roster_import(
        empty_db, write_csv(tmp_path / "a-roster-with-a-long-name.csv", ROWS), dt.date(2026, 11, 23)
    )
    window = window_factory(empty_db)
    window.show()
    dialog = history(qtbot, window)
    header = dialog.table.horizontalHeader()
    metrics = header.fontMetrics()
    for section, heading in enumerate(COLUMNS):
        assert metrics.horizontalAdvance(heading) < header.sectionSize(section), heading
        item = dialog.table.item(0, section)
        assert item is not None
        if section < len(COLUMNS) - 1:  # the last takes what is left, and its tooltip has it
            assert dialog.table.fontMetrics().horizontalAdvance(item.text()) < header.sectionSize(
                section
            )
