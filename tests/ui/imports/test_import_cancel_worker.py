"""Cancel pressed in the import wizard while the reading worker process reads a 20,000-row
file: the worker ends with the import, nothing is written, nothing is printed on stderr."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from roster_files import many_rows, write_csv

from member_reach.services.imports import reading_worker
from member_reach.store.database import Database

from .test_import_cancel import _visible_dialog
from .test_import_wizard import people, press_next


def test_cancel_while_the_worker_reads_ends_it_and_prints_nothing(
    qtbot,
    window_factory,
    people_db: Database,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    # The worker starts with the first chunk of 100 rows, and 40,000 rows leave it reading long
    # enough for a loaded machine to show the progress (its signals come late) while it reads.
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 100)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)
    window = window_factory(people_db, synchronous=False)  # the real worker thread
    before = people(people_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "big.csv", many_rows(40_000)))
    qtbot.waitUntil(lambda: wizard.sheet_page.isComplete(), timeout=20_000)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=120_000)
    assert not multiprocessing.active_children()  # the dry run's worker ended with it
    press_next(qtbot, wizard)  # Import
    pressed: list[int] = []

    def watch(done: int, total: int) -> None:
        """Cancel once the worker process is reading (rows left to read)."""
        dialog = _visible_dialog()
        reading = done < total // 2 and multiprocessing.active_children()
        if reading and dialog is not None and not pressed:
            pressed.append(done)
            box = dialog.findChild(QDialogButtonBox)
            qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), Qt.LeftButton)

    assert wizard.busy is not None
    wizard.busy.progressed.connect(watch)
    qtbot.waitUntil(lambda: wizard.busy is None, timeout=120_000)
    assert pressed, "the worker was never seen reading"
    assert "cancelled" in wizard.preview_page.status.text().lower()
    assert not multiprocessing.active_children()
    assert people(people_db) == before
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Error" not in captured.err
