"""The import wizard's columns page: what each column holds, why it was guessed, the date order.

Each column shows a few of its values, the field it imports as, and why that was guessed (its
name, its values) with how sure the guess is. A field proposed from weak evidence (a column with
no known name whose values look like e-mail addresses) is highlighted and taken only once the
person confirms it: Confirm ticked, or another field (or "Ignore") chosen; Next says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from member_reach.domain.column_guesses import Confidence
from member_reach.domain.columns import Field
from member_reach.domain.mapping import ColumnMapping, MappingError, check_mapping
from member_reach.services.imports.import_preview import ColumnPreview, field_choices
from member_reach.ui.widgets.tables import read_only_table, show_message

if TYPE_CHECKING:
    from member_reach.ui.imports.import_wizard import ImportWizard

__all__ = ["MappingPage"]

_DATE_ORDERS = (
    ("", "Automatic (from the dates themselves)"),
    ("mdy", "Month/day/year (12/31/2026)"),
    ("dmy", "Day/month/year (31/12/2026)"),
    ("ymd", "Year-month-day (2026-12-31)"),
)
#: How sure a guess is, in words.
_SURE = {
    Confidence.HIGH: "Sure",
    Confidence.MEDIUM: "Likely",
    Confidence.LOW: "Unsure",
}
COLUMN, VALUES, FIELD, CONFIRM, WHY = range(5)


class MappingPage(QWizardPage):
    """Step 3: what each column holds, with a few of its values and why; the date order."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr("Check what each column holds. Choose “Ignore” for a column not to import.")
        )
        layout = QVBoxLayout(self)
        self.source = QLabel()
        self.source.setWordWrap(True)
        layout.addWidget(self.source)
        self.table = read_only_table(
            [
                self.tr("Column"),
                self.tr("Values in the file"),
                self.tr("Imports as"),
                self.tr("Confirm"),
                self.tr("Why"),
            ]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VALUES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.date_box = QComboBox()
        for value, text in _DATE_ORDERS:
            self.date_box.addItem(self.tr(text), value)
        self.date_box.setToolTip(
            self.tr("How to read a date such as 03/04/2026: 3 April or March 4")
        )
        form.addRow(self.tr("&Dates:"), self.date_box)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.combos: list[QComboBox] = []
        #: The check boxes of the columns proposed from weak evidence, by row.
        self.confirms: dict[int, QCheckBox] = {}

    def initializePage(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        chosen = self._wizard.choices.mapping
        if chosen is not None:
            source = self.tr("Your choices for these columns.")
        elif preview.profile:
            source = self.tr("The saved mapping “{name}” was applied: check it.").format(
                name=preview.profile
            )
        else:
            source = self.tr("Guessed from the column names and values: check them.")
        self.source.setText(source)
        self.table.setRowCount(len(preview.columns))
        self.combos, self.confirms = [], {}
        for row, column in enumerate(preview.columns):
            heading = QTableWidgetItem(column.heading or self.tr("(no name)"))
            self.table.setItem(row, COLUMN, heading)
            samples = QTableWidgetItem("  ·  ".join(column.samples) or self.tr("(empty)"))
            samples.setToolTip("\n".join(column.samples))
            self.table.setItem(row, VALUES, samples)
            current = chosen.get(column.index) if chosen is not None else column.proposed
            self.table.setCellWidget(row, FIELD, self._combo(row, column, current))
            self.table.setItem(row, WHY, self._why(column, chosen is not None))
            if chosen is None and column.to_confirm:
                self._ask_to_confirm(row, column)
        self.table.resizeColumnToContents(COLUMN)
        self.table.setColumnWidth(FIELD, 220)
        self.table.resizeColumnToContents(CONFIRM)
        order = self._wizard.choices.date_order or preview.profile_date_order or ""
        self.date_box.setCurrentIndex(max(0, self.date_box.findData(order)))
        self._changed()

    def _combo(self, row: int, column: ColumnPreview, current: Field | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("— Ignore —"), "")
        for fld, label in field_choices(self._wizard.choices.kind):
            combo.addItem(label, fld.value)
        combo.setCurrentIndex(max(0, combo.findData(current.value if current else "")))
        combo.setAccessibleName(
            self.tr("Imports as, for column {name}").format(name=column.heading)
        )
        combo.currentIndexChanged.connect(lambda _index: self._chosen(row))
        self.combos.append(combo)
        return combo

    def _why(self, column: ColumnPreview, yours: bool) -> QTableWidgetItem:
        guess = column.guess
        if yours:
            text = self.tr("Your choice")
        elif guess is None:
            text = self.tr("Nothing in its name or values says what it holds")
        else:
            text = f"{self.tr(_SURE[guess.confidence])}: {guess.evidence}"
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        return item

    def _ask_to_confirm(self, row: int, column: ColumnPreview) -> None:
        box = QCheckBox(self.tr("Confirm"))
        box.setAccessibleName(self.tr("Confirm column {name}").format(name=column.heading))
        box.setToolTip(self.tr("Import this column as shown: its values suggest it, not its name"))
        box.toggled.connect(lambda _on: self._changed())
        self.confirms[row] = box
        self.table.setCellWidget(row, CONFIRM, box)

    def _chosen(self, row: int) -> None:
        """A field chosen by the person is their confirmation."""
        if (box := self.confirms.get(row)) is not None:
            box.setChecked(True)
        self._changed()

    def _highlight(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        colour.setAlpha(60)
        for row in range(self.table.rowCount()):
            waiting = row in self.unconfirmed()
            for column in (COLUMN, VALUES, WHY):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(QBrush(colour) if waiting else QBrush(Qt.BrushStyle.NoBrush))

    def unconfirmed(self) -> list[int]:
        """The rows of the columns proposed from weak evidence, not confirmed yet."""
        return [row for row, box in sorted(self.confirms.items()) if not box.isChecked()]

    def mapping(self) -> dict[int, Field]:
        """The fields as chosen on the page, by 0-based column."""
        preview = self._wizard.preview
        assert preview is not None
        chosen: dict[int, Field] = {}
        for column, combo in zip(preview.columns, self.combos, strict=True):
            value = combo.currentData()
            if value:
                chosen[column.index] = Field(value)
        return chosen

    def problem_text(self) -> str:
        """Why the columns cannot be imported as chosen, or ""."""
        preview = self._wizard.preview
        assert preview is not None
        chosen = self.mapping()
        seen: dict[Field, str] = {}
        for index, fld in chosen.items():
            name = preview.columns[index].heading
            if fld in seen:
                return self.tr("“{a}” and “{b}” both import as {field}: choose one.").format(
                    a=seen[fld], b=name, field=dict(field_choices("events"))[fld]
                )
            seen[fld] = name
        try:
            check_mapping(ColumnMapping(chosen), [c.heading for c in preview.columns])
        except MappingError:
            return self.tr(
                "Choose at least one column holding a name, an organisation, a member id or an "
                "e-mail address: without one, no row can be matched to a person."
            )
        return self._confirm_text()

    def _confirm_text(self) -> str:
        waiting = self.unconfirmed()
        if not waiting:
            return ""
        preview = self._wizard.preview
        assert preview is not None
        names = ", ".join(
            f"“{preview.columns[row].heading or self.tr('(no name)')}”" for row in waiting
        )
        return self.tr(
            "Confirm the %Ln column(s) highlighted ({names}): their guess rests on weak evidence "
            "(see Why). Tick Confirm to import them as shown, or choose another field or "
            "“Ignore”.",
            "",
            len(waiting),
        ).format(names=names)

    def _changed(self) -> None:
        self._highlight()
        show_message(self.problem, self.problem_text(), error=True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.problem_text()

    def validatePage(self) -> bool:
        choices = self._wizard.choices
        choices.mapping = self.mapping()
        choices.date_order = self.date_box.currentData() or None
        self._wizard.reset_import()
        return True
