"""The wizard's columns page shows why each column was guessed and how sure the guess is; a column
proposed from its values alone waits for the director to confirm it, and then imports."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from member_reach.store.database import Database
from member_reach.store.models import EmailAddress, Person
from member_reach.ui.imports.mapping_page import CONFIRM, WHY

FIRST = ["Ada", "Alan", "Grace", "Hedy", "Katherine", "Barbara"]
LAST = ["Lovelace", "Turing", "Hopper", "Lamarr", "Johnson", "Liskov"]


def contacts(path: Path) -> Path:
    """First and last names, a column without a name holding e-mails, an IP column."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "", "ip_address"])
        for i, (first, last) in enumerate(zip(FIRST, LAST, strict=True)):
            writer.writerow([first, last, f"{first.lower()}@example.org", f"192.0.2.{i + 1}"])
    return path


def press_next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_a_low_confidence_column_is_confirmed_and_the_import_proceeds(
    qtbot, window_factory, empty_db: Database, tmp_path: Path
) -> None:
    window = window_factory(empty_db)
    wizard = window.start_import("roster", contacts(tmp_path / "contacts.csv"))
    qtbot.waitUntil(lambda: wizard.preview is not None)
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.MAPPING
    page = wizard.mapping_page
    why = [page.table.item(r, WHY).text() for r in range(page.table.rowCount())]
    assert why[0] == "Sure: name matches 'first name'"
    assert why[2] == "Unsure: 100% e-mail addresses; name not recognised"
    assert why[3] == "Sure: name contains 'address'; 100% IP addresses, not an address"
    assert page.combos[2].currentText() == "E-mail"  # proposed, shown, not taken yet
    assert page.combos[3].currentText() == "— Ignore —"
    assert list(page.confirms) == [2] and page.table.cellWidget(2, CONFIRM) is page.confirms[2]
    assert page.table.item(2, WHY).background().style() != Qt.BrushStyle.NoBrush  # highlighted
    next_button = wizard.button(wizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert page.problem.text().startswith("Confirm the 1 column highlighted (“(no name)”)")
    page.confirms[2].click()  # the director ticks Confirm
    assert next_button.isEnabled() and page.problem.text() == ""
    assert page.table.item(2, WHY).background().style() == Qt.BrushStyle.NoBrush
    press_next(qtbot, wizard)
    assert wizard.currentId() == wizard.PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_page.count_labels["inserted"].text() == "6")
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY)
    with empty_db.session() as s:
        assert len(s.scalars(select(Person)).all()) == 6
        addresses = set(s.scalars(select(EmailAddress.address)))
    assert "ada@example.org" in addresses and len(addresses) == 6


def test_choosing_another_field_confirms_the_column_too(
    qtbot, window_factory, empty_db: Database, tmp_path: Path
) -> None:
    window = window_factory(empty_db)
    wizard = window.start_import("roster", contacts(tmp_path / "contacts.csv"))
    qtbot.waitUntil(lambda: wizard.preview is not None)
    press_next(qtbot, wizard)
    page = wizard.mapping_page
    page.combos[2].setCurrentIndex(page.combos[2].findData(""))  # "Ignore" instead
    assert page.confirms[2].isChecked()
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    assert 2 not in page.mapping()
