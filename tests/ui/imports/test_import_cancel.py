"""Cancel pressed while an import reads the file, and while it writes: "cancelled", never an
error, and nothing changed. Driven through the real progress dialog on the real worker thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from roster_files import many_rows, write_csv
from sqlalchemy import func, select

from member_reach.store.database import Database
from member_reach.store.models import ImportBatch
from member_reach.ui.core.progress_dialog import ProgressDialog
from member_reach.ui.widgets.tables import ERROR_STYLE

from .test_import_wizard import people, press_next


def _visible_dialog() -> ProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog)]
    return next((w for w in shown if w.isVisible()), None)


@pytest.mark.parametrize(
    ("phase", "dry_run"),
    [("reading", True), ("reading", False), ("writing", False)],
    ids=["reading-checking", "reading-importing", "writing-importing"],
)
def test_cancel_while_reading_or_writing_says_cancelled_and_changes_nothing(
    qtbot, window_factory, people_db: Database, tmp_path: Path, phase: str, dry_run: bool
) -> None:  # type: ignore[no-untyped-def]
    window = window_factory(people_db, synchronous=False)  # the real worker thread
    before = people(people_db)
    wizard = window.start_import("roster", write_csv(tmp_path / "big.csv", many_rows(40_000)))
    qtbot.waitUntil(lambda: wizard.sheet_page.isComplete(), timeout=20_000)
    press_next(qtbot, wizard)
    seen: list[tuple[int, int]] = []
    pressed: list[tuple[int, int]] = []

    def watch(done: int, total: int) -> None:
        """Press Cancel on the dialog once the job reports progress in the wanted phase."""
        seen.append((done, total))
        # Reading fills the first half of the bar, matching and writing the second.
        in_phase = done < total // 2 if phase == "reading" else done > total // 2
        dialog = _visible_dialog()
        if in_phase and dialog is not None and not pressed:
            pressed.append((done, total))
            box = dialog.findChild(QDialogButtonBox)
            qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), Qt.LeftButton)

    if dry_run:
        press_next(qtbot, wizard)  # to the preview: the dry run starts
    else:
        press_next(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.preview_page.isComplete(), timeout=120_000)
        press_next(qtbot, wizard)  # Import
    assert wizard.busy is not None
    wizard.busy.progressed.connect(watch)
    qtbot.waitUntil(lambda: wizard.busy is None, timeout=120_000)
    status = wizard.preview_page.status
    assert pressed, f"Cancel was never pressed while {phase} (progress seen: {seen[-3:]})"
    assert "cancelled" in status.text().lower() and "nothing was changed" in status.text()
    assert status.styleSheet() != ERROR_STYLE  # told, not shown as an error
    assert wizard.currentId() == wizard.PREVIEW and people(people_db) == before
    with people_db.session() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
