"""The import wizard's preview says when a member id column is no id (a membership level), and
lists two people sharing an id among the rows to check."""

from __future__ import annotations

import csv
from pathlib import Path

from member_reach.domain.columns import Field
from member_reach.store.database import Database
from member_reach.ui.imports.mapping_page import WHY

from .test_import_wizard import drop, press_next


def test_the_preview_says_a_level_column_is_not_an_id_and_merges_nobody(
    qtbot, window_factory, people_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "plugin export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["membership_id", "First Name", "Last Name", "Email"])
        for level, first, last in (
            ("1", "Zelda", "Quist"),
            ("2", "Yannick", "Proust"),
            ("3", "Xenia", "Ortega"),
            ("2", "Wim", "Nakamura"),
        ):
            writer.writerow([level, first, last, f"{first.lower()}@example.net"])
    window = window_factory(people_db)
    assert drop(window, path)
    wizard = window.wizard
    assert wizard is not None
    press_next(qtbot, wizard)  # the sheet
    # The columns: the values (a few small numbers that repeat) keep membership_id out...
    columns = wizard.mapping_page
    why = columns.table.item(0, WHY)
    assert why is not None and "a level or a code, not a member id" in why.text()
    assert columns.combos[0].currentData() == ""
    # ...and a director who maps it as the member id anyway still loses nobody.
    combo = columns.combos[0]
    combo.setCurrentIndex(combo.findData(Field.EXTERNAL_ID.value))
    press_next(qtbot, wizard)  # the columns
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.PREVIEW and preview.isComplete())
    assert int(preview.count_labels["inserted"].text()) == 4  # nobody merged on level 2
    assert (
        "Column 'membership_id' repeats the same values for different people (3 distinct "
        "values in 4 rows), so it is not used to tell members apart" in preview.status.text()
    )
    assert preview.all_clear.isVisibleTo(preview.lists)  # no row to check: one note says it
