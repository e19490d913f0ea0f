"""The workbook a call partner works in Excel, LibreOffice or Google Sheets.

Sheets: **Calls** (one row per call: identity columns the partner must not change, then the
columns the caller fills: Outcome from a drop-down of the campaign's codes, Amount (dues paid
with a success, or pledged with a positive outcome), Notes, Callback date, Caller), **New
contacts** (not protected: people the calls lead to, with the same fill-in columns but Amount:
a contact added has no call to record it on), **Brief** (goal, deadline, why it matters,
talking points, FAQ, hand-off owner, where new contacts go), **Codes** (code, meaning,
category), and a hidden sheet naming the export.

The Calls sheet is protected without a password: identity cells are locked, the fill-in cells
are not, and sorting and filtering stay allowed. Phones and ids are text cells, so Excel never
strips a leading zero or shows ``6.47E+09``, in columns formatted as text, so what a partner
types there stays text too. Text that a spreadsheet would run as a formula is
neutralised. The workbook is written in openpyxl's write-only mode, and the fill-in columns are
styled as whole columns rather than cell by cell: 10,000 rows in about the time of writing the
bare cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from member_reach.sheets.issues_writer import neutralise
from member_reach.sheets.partner_layout import (
    AMOUNT,
    BRIEF_SHEET,
    CALLS_SHEET,
    CODES_SHEET,
    EXPORT_PROPERTY,
    FILL_IN,
    META_SHEET,
    NEW_CONTACT_COLUMNS,
    NEW_CONTACTS_SHEET,
)
from member_reach.sheets.saving import check_target, save_workbook

_AMOUNT_FORMAT: Final = "#,##0.00"
_HEADER_FILL: Final = PatternFill("solid", fgColor="DDE7F0")
_FILL_IN_FILL: Final = PatternFill("solid", fgColor="FFF6D5")
_MAX_WIDTH: Final = 60
_LAST_SHEET_ROW: Final = 1_048_576  # Excel's and LibreOffice's last row


@dataclass(frozen=True)
class PartnerExport:
    """Everything the partner workbook shows.

    Attributes:
        export_id: the export's number (recorded in the database).
        campaign_id, campaign: which campaign.
        columns: the identity columns' headings ("Ref" first).
        rows: one tuple of identity values per call, in the order of ``columns``.
        codes: (code, meaning, category) of each outcome.
        brief: (heading, text) lines of the brief.
        text_columns: headings of columns written as text whatever they hold (phones, ids).
    """

    export_id: int
    campaign_id: int
    campaign: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    codes: Sequence[tuple[str, str, str]]
    brief: Sequence[tuple[str, str]]
    text_columns: frozenset[str] = field(default_factory=frozenset)


def _widths(export: PartnerExport) -> list[int]:
    headings = [*export.columns, *FILL_IN]
    widths = [len(h) + 2 for h in headings]
    for row in export.rows[:500]:  # a sample is enough to size the columns
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(str(value or "")) + 2)
    widths[len(export.columns)] = max(widths[len(export.columns)], 14)  # Outcome
    widths[len(export.columns) + FILL_IN.index(AMOUNT)] = 12
    widths[len(export.columns) + FILL_IN.index("Notes")] = 40
    return [min(_MAX_WIDTH, w) for w in widths]


def _heading(sheet: Any, titles: Iterable[str]) -> list[Any]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=str(neutralise(title)))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cells.append(cell)
    return cells


def _calls_sheet(book: Workbook, export: PartnerExport) -> None:
    """Write the Calls sheet: headings, identity and fill-in cells, drop-down, protection."""
    sheet = book.create_sheet(CALLS_SHEET)
    for index, width in enumerate(_widths(export), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # The fill-in columns are unlocked and tinted as whole columns (ECMA-376 col@style: the
    # style of the column's cells not yet written), so their empty cells are not written at
    # all. Excel and LibreOffice both give such a cell its column's style.
    for index in range(len(export.columns) + 1, len(export.columns) + len(FILL_IN) + 1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.protection = Protection(locked=False)
        column.fill = _FILL_IN_FILL
        column.alignment = Alignment(wrap_text=False, vertical="top")
    text_at = [i for i, h in enumerate(export.columns) if h in export.text_columns]
    for index in text_at:
        # Text as the column's format: what the partner types there (a new contact's phone) is
        # kept as typed. The written cells are text cells whatever their format.
        sheet.column_dimensions[get_column_letter(index + 1)].number_format = "@"
    amount_col = get_column_letter(len(export.columns) + FILL_IN.index(AMOUNT) + 1)
    sheet.column_dimensions[amount_col].number_format = _AMOUNT_FORMAT  # 1,234.50 as typed
    # (Column styles must be set before the first row: write-only sheets write them then.)
    sheet.freeze_panes = "B2"
    headings = [*export.columns, *FILL_IN]
    sheet.append(_heading(sheet, headings))
    for row in export.rows:
        cells: list[Any] = [neutralise(value) for value in row]
        for index in text_at:
            value = cells[index]
            if value is not None and value.__class__ is not str:
                cells[index] = str(value)  # an id or a phone is never a number
        sheet.append(cells)
    last_row = max(2, len(export.rows) + 1)
    last_col = get_column_letter(len(headings))
    sheet.auto_filter.ref = f"A1:{last_col}{last_row}"
    # The whole column under the heading, as it is unlocked.
    outcome_col = get_column_letter(len(export.columns) + 1)
    sheet.data_validations.append(_outcome_choices(len(export.codes), outcome_col))
    sheet.data_validations.append(_amount_prompt(amount_col))
    callback_col = get_column_letter(len(export.columns) + FILL_IN.index("Callback date") + 1)
    sheet.data_validations.append(_callback_prompt(callback_col))
    # Protected without a password: the fill-in columns stay editable, sorting and filtering
    # stay allowed, identity cells are locked.
    sheet.protection = SheetProtection(
        sheet=True, sort=False, autoFilter=False, formatColumns=False, formatRows=False
    )


def _outcome_choices(codes: int, column: str) -> DataValidation:
    """The Outcome drop-down of a whole column, from the Codes sheet."""
    choices = DataValidation(
        type="list",
        formula1=f"={CODES_SHEET}!$A$2:$A${codes + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not an outcome code",
        error="Choose one of the codes listed on the Codes sheet.",
    )
    choices.add(f"{column}2:{column}{_LAST_SHEET_ROW}")
    return choices


def _callback_prompt(column: str) -> DataValidation:
    """Whose clock the Callback date is read on, shown when a cell of it is chosen."""
    prompt = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Callback date",
        prompt=(
            "When to call back, as the member's clock reads it (their Time zone column), "
            "e.g. 2026-12-03 14:30. A date alone means 9:00 there."
        ),
    )
    prompt.add(f"{column}2:{column}{_LAST_SHEET_ROW}")
    return prompt


def _amount_prompt(column: str) -> DataValidation:
    """What the Amount column is for, shown when a cell of it is chosen (any value is taken)."""
    prompt = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Amount",
        prompt=(
            "Dues paid on the call (a success outcome) or pledged (a positive one), "
            "e.g. 195 or 1,234.50. Leave it empty for any other outcome."
        ),
    )
    prompt.add(f"{column}2:{column}{_LAST_SHEET_ROW}")
    return prompt


def _new_contacts_sheet(book: Workbook, export: PartnerExport) -> None:
    """Write the New contacts sheet: headings only, not protected, the same drop-down."""
    sheet = book.create_sheet(NEW_CONTACTS_SHEET)
    for index, width in enumerate((28, 28, 20, 30, 16, 40, 16, 14), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    phone = get_column_letter(NEW_CONTACT_COLUMNS.index("Phone") + 1)
    sheet.column_dimensions[phone].number_format = "@"  # a number stays as typed
    sheet.freeze_panes = "A2"
    sheet.append(_heading(sheet, NEW_CONTACT_COLUMNS))
    outcome = get_column_letter(NEW_CONTACT_COLUMNS.index("Outcome") + 1)
    sheet.data_validations.append(_outcome_choices(len(export.codes), outcome))


def _table_sheet(
    book: Workbook, title: str, headings: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    sheet = book.create_sheet(title)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 80
    sheet.column_dimensions["C"].width = 14
    sheet.append(_heading(sheet, headings))
    for row in rows:
        sheet.append([neutralise(value) for value in row])


def write_partner_workbook(path: Path, export: PartnerExport, password: str | None = None) -> None:
    """Write the partner workbook to ``path`` (whole or not at all), encrypted with ``password``.

    With a password, the workbook is encrypted before it takes its name: the plain workbook is
    never on disk under it (see :func:`~member_reach.sheets.saving.save_workbook`).

    Raises:
        SheetError: the password is empty, or the file cannot be written.
    """
    check_target(path, password=password)  # before the work of filling it
    book = Workbook(write_only=True)
    _calls_sheet(book, export)
    _new_contacts_sheet(book, export)
    _table_sheet(book, BRIEF_SHEET, ("Brief", ""), export.brief)
    _table_sheet(book, CODES_SHEET, ("Code", "Meaning", "Category"), export.codes)
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["export", export.export_id])
    meta.append(["campaign_id", export.campaign_id])
    meta.append(["campaign", str(neutralise(export.campaign))])
    # openpyxl 3.1 reads and writes custom properties; its stubs do not know them yet.
    book.custom_doc_props.append(  # type: ignore[attr-defined]
        StringProperty(name=EXPORT_PROPERTY, value=f"{export.export_id}:{export.campaign_id}")
    )
    save_workbook(book, path, password)
