"""The pages of the import wizard that choose what to read: file, sheet and header, columns.

The columns page is in :mod:`.mapping_page`; the preview and summary pages, which show what the
import does, are in :mod:`.import_summary`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from member_reach.domain.columns import column_letter
from member_reach.services.imports.import_preview import FilePreview
from member_reach.sheets.header import SEARCH_ROWS
from member_reach.ui.core.file_dialogs import FileKind
from member_reach.ui.imports.import_files import IMPORTABLE, choose_import_file
from member_reach.ui.widgets.tables import OptionalDate, show_message

if TYPE_CHECKING:
    from member_reach.ui.imports.import_wizard import ImportWizard

__all__ = ["IMPORTABLE", "FilePage", "SheetPage"]

_RELOAD_DELAY_MS = 400


class FilePage(QWizardPage):
    """Step 1: the file (and, for an attendee list, the event it belongs to)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        events = wizard.choices.kind == "events"
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr("The attendee list as your event system exported it: xlsx, xls, ods or csv.")
            if events
            else self.tr("The roster as your membership system exported it: xlsx, xls, ods or csv.")
        )
        form = QFormLayout(self)
        self.path_edit = QLineEdit(str(wizard.choices.path or ""))
        self.path_edit.setPlaceholderText(self.tr("Choose a file, or drop one on the window"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the file to import"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Only for a password-protected workbook"))
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.event_edit = QLineEdit()
        self.event_edit.setPlaceholderText(self.tr("For example: Annual Conference 2026"))
        self.event_date = OptionalDate(self.tr("Known:"), wizard.workspace.today)
        self.event_date.setToolTip(self.tr("The event's first day, for a new event"))
        self.date_check = self.event_date.check
        self.series_edit = QLineEdit()
        self.series_edit.setPlaceholderText(self.tr("For example: Annual Conference"))
        if events:
            form.addRow(self.tr("&Event:"), self.event_edit)
            date_label = QLabel(self.tr("Event &date:"))
            date_label.setBuddy(self.event_date)
            form.addRow(date_label, self.event_date)
            form.addRow(self.tr("&Series:"), self.series_edit)
        for edit in (self.path_edit, self.event_edit):
            edit.textChanged.connect(self.completeChanged)

    def browse(self) -> None:
        """Choose the file with the system's dialog."""
        current = self.path_edit.text().strip()
        start = str(Path(current).parent) if current else ""
        kind: FileKind = "roster" if self._wizard.choices.kind == "roster" else "attendees"
        name = choose_import_file(self, self._wizard.workspace.folders, kind, start)
        if name:
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        text = self.path_edit.text().strip()
        if not text or not Path(text).is_file():
            return False
        return self._wizard.choices.kind == "roster" or bool(self.event_edit.text().strip())

    def validatePage(self) -> bool:
        choices = self._wizard.choices
        path = Path(self.path_edit.text().strip())
        password = self.password_edit.text() or None
        if path != choices.path or password != choices.password:
            choices.sheet, choices.header_row, choices.mapping = None, None, None
            self._wizard.preview = None
        choices.path, choices.password = path, password
        choices.event = " ".join(self.event_edit.text().split())
        choices.series = " ".join(self.series_edit.text().split())
        choices.event_date = self.event_date.value()
        self._wizard.reset_import()
        return True


class SheetPage(QWizardPage):
    """Step 2: the sheet, and the row holding the column names (highlighted; click another)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._loading = False
        self._first_row = 1
        self.setTitle(self.tr("Sheet and header row"))
        self.setSubTitle(
            self.tr(
                "The highlighted row holds the column names. If it is not the right one, click "
                "the right row or type its number."
            )
        )
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.sheet_label = QLabel(self.tr("&Sheet:"))
        self.sheet_box = QComboBox()
        self.sheet_label.setBuddy(self.sheet_box)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, SEARCH_ROWS + 10)
        self.header_spin.setToolTip(self.tr("The row number of the column names, as in the file"))
        header_label = QLabel(self.tr("&Header row:"))
        header_label.setBuddy(self.header_spin)
        for widget in (self.sheet_label, self.sheet_box, header_label, self.header_spin):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.grid, 1)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(_RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._header_chosen)
        self.sheet_box.currentTextChanged.connect(self._sheet_chosen)
        self.header_spin.valueChanged.connect(lambda _value: self._reload_timer.start())
        self.grid.cellClicked.connect(self._row_clicked)

    def initializePage(self) -> None:
        if self._wizard.preview is None:
            self.load()
        else:
            self.show_preview(self._wizard.preview)

    def load(self) -> None:
        """Read the file's first rows as chosen so far (only the latest reading counts)."""
        self._loading = True
        self.completeChanged.emit()
        show_message(self.status, self.tr("Reading the file…"))
        self._wizard.load_preview(self._loaded, self._failed)  # a later reading supersedes

    def _loaded(self, preview: FilePreview) -> None:
        self._loading = False
        self._wizard.preview = preview
        self._first_row = preview.top_first_row
        if preview.sheets:  # the sheet shown is the one imported, even if left as offered
            self._wizard.choices.sheet = preview.sheet
        self.show_preview(preview)
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self._loading = False
        self._wizard.preview = None
        show_message(self.status, message, error=True)
        self.completeChanged.emit()

    def show_preview(self, preview: FilePreview) -> None:
        """Show the sheet choice, the first rows and the header row."""
        self.sheet_box.blockSignals(True)
        self.header_spin.blockSignals(True)
        shown = [self.sheet_box.itemText(i) for i in range(self.sheet_box.count())]
        if shown != list(preview.sheets):
            self.sheet_box.clear()
            self.sheet_box.addItems(list(preview.sheets))
        self.sheet_box.setCurrentText(preview.sheet)
        several = len(preview.sheets) > 1
        self.sheet_box.setVisible(several)
        self.sheet_label.setVisible(several)
        self.header_spin.setValue(preview.header_row)
        self.sheet_box.blockSignals(False)
        self.header_spin.blockSignals(False)
        where = (
            self.tr("sheet “{sheet}” of {file}").format(sheet=preview.sheet, file=preview.file.name)
            if preview.sheet
            else preview.file.name
        )
        text = self.tr(
            "Row {row} of {where} holds the column names; about %Ln row(s) follow.",
            "",
            preview.rows_estimate,
        ).format(row=preview.header_row, where=where)
        show_message(self.status, f"{self.tr(preview.note)} {text}" if preview.note else text)
        self._fill_grid(preview)

    def _fill_grid(self, preview: FilePreview) -> None:
        width = max((len(r) for r in preview.top), default=0)
        self.grid.clear()
        self.grid.setRowCount(len(preview.top))
        self.grid.setColumnCount(width)
        self.grid.setHorizontalHeaderLabels([column_letter(i) for i in range(width)])
        self.grid.setVerticalHeaderLabels(
            [str(preview.top_first_row + i) for i in range(len(preview.top))]
        )
        header_index = preview.header_row - preview.top_first_row
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        highlight.setAlpha(70)
        bold = QFont(self.font())
        bold.setBold(True)
        for r, row in enumerate(preview.top):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if r == header_index:
                    item.setBackground(QBrush(highlight))
                    item.setFont(bold)
                self.grid.setItem(r, c, item)
        self.grid.resizeColumnsToContents()
        for c in range(width):
            self.grid.setColumnWidth(c, min(self.grid.columnWidth(c), 220))
        if 0 <= header_index < len(preview.top):
            self.grid.scrollToItem(self.grid.item(header_index, 0) or QTableWidgetItem())

    def _row_clicked(self, row: int, _column: int) -> None:
        self.header_spin.setValue(self._first_row + row)  # the grid shown, even after a failure

    def _sheet_chosen(self, sheet: str) -> None:
        choices = self._wizard.choices
        if not sheet or sheet == choices.sheet:
            return
        choices.sheet, choices.header_row, choices.mapping = sheet, None, None
        self._wizard.reset_import()
        # Not from inside the combo box's own signal: the reload refills the combo box.
        QTimer.singleShot(0, self, self.load)

    def _header_chosen(self) -> None:
        choices, preview = self._wizard.choices, self._wizard.preview
        row = self.header_spin.value()
        if preview is not None and row == preview.header_row:
            return
        choices.header_row, choices.mapping = row, None
        self._wizard.reset_import()
        self.load()

    def isComplete(self) -> bool:
        return not self._loading and self._wizard.preview is not None
