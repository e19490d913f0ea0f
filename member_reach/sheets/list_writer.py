"""Writing a list for people to check: a heading row, then one row per item, xlsx or CSV.

The import's lists (duplicates merged, renewals, members not in the roster, calls closed) are
written this way. Every text cell that a spreadsheet would run as a formula is neutralised
(:func:`~member_reach.sheets.issues_writer.neutralise`); the file is written whole or not at all
(:func:`~member_reach.sheets.saving.saved_whole`). A CSV file is UTF-8 with a BOM, as Excel
expects, its dates ISO text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from member_reach.sheets.errors import SheetError
from member_reach.sheets.issues_writer import neutralise
from member_reach.sheets.model import CellValue

#: The file kinds a list is written as, by name ending.
LIST_SUFFIXES: Final = (".xlsx", ".csv")
_SHEET_TITLE_LENGTH: Final = 31  # Excel's limit


def write_list(
    path: Path, title: str, headings: Sequence[str], rows: Iterable[Sequence[CellValue]]
) -> int:
    """Write ``rows`` under ``headings`` to ``path`` (.xlsx or .csv); return how many rows.

    Args:
        path: the file (replaced if it exists); its ending chooses the format.
        title: the sheet's name in a workbook.
        headings: the column headings.
        rows: one sequence of cells per row.

    Raises:
        SheetError: the name ends in neither .xlsx nor .csv, or the file cannot be written.
    """
    # openpyxl (with saving) is loaded by the first list written, not with the pages.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from member_reach.sheets.saving import check_target, save_workbook

    suffix = path.suffix.lower()
    if suffix not in LIST_SUFFIXES:
        raise SheetError(path, "cannot be written: give a file name ending in .xlsx or .csv")
    check_target(path, suffix)
    if suffix == ".csv":
        return _write_csv(path, headings, rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:_SHEET_TITLE_LENGTH])
    bold = Font(bold=True)
    heading_cells = []
    for text in headings:
        cell = WriteOnlyCell(sheet, value=str(neutralise(text)))
        cell.font = bold
        heading_cells.append(cell)
    sheet.append(heading_cells)
    sheet.freeze_panes = "A2"
    count = 0
    for row in rows:
        sheet.append([neutralise(c) for c in row])
        count += 1
    save_workbook(book, path)
    return count


def write_tables(
    path: Path, tables: Sequence[tuple[str, Sequence[str], Sequence[Sequence[CellValue]]]]
) -> int:
    """Write several lists to one .xlsx workbook, a sheet each; return how many rows in all.

    Each table is (sheet title, headings, rows); titles are cut to Excel's 31 characters.

    Raises:
        SheetError: the name does not end in .xlsx, or the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from member_reach.sheets.saving import check_target, save_workbook

    check_target(path)
    book = Workbook(write_only=True)
    bold, count = Font(bold=True), 0
    for title, headings, rows in tables:
        sheet = book.create_sheet(title[:_SHEET_TITLE_LENGTH])
        heading_cells = []
        for text in headings:
            cell = WriteOnlyCell(sheet, value=str(neutralise(text)))
            cell.font = bold
            heading_cells.append(cell)
        sheet.append(heading_cells)
        for row in rows:
            sheet.append([neutralise(c) for c in row])
            count += 1
    save_workbook(book, path)
    return count


def _write_csv(path: Path, headings: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> int:
    from member_reach.sheets.saving import saved_whole

    count = 0
    with saved_whole(path) as partial, partial.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([neutralise(h) for h in headings])
        for row in rows:
            writer.writerow(["" if c is None else neutralise(c) for c in row])
            count += 1
    return count
