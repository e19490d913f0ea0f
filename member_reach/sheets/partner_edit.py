"""A call partner's edit of a partner workbook, saved as a spreadsheet program saves it.

What a partner does with the file: open it, type an outcome (and notes, an amount, a callback
date, their caller's name) on the Calls rows they worked, leave the others blank, save. The
workbook is opened in openpyxl's editing mode and saved whole, so it keeps its other sheets,
the hidden mark, the drop-down and the protection, as Excel and LibreOffice keep them. The demo
association's worked file is made this way, and goes back through the real import.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from member_reach.sheets.errors import SheetError
from member_reach.sheets.partner_layout import CALLS_SHEET, FILL_IN

#: A row's fill-in cells by heading (see :data:`FILL_IN`): text, a number or a date.
Filled = Mapping[str, str | int | float | dt.date | None]


def fill_in_calls(
    source: Path | IO[bytes],
    target: Path,
    filled: Mapping[str, Filled],
    password: str | None = None,
) -> int:
    """Write ``target``: the workbook ``source`` with the fill-in cells of some Calls rows set.

    Args:
        source: the partner workbook as exported (a path, or its decrypted bytes).
        target: the .xlsx to write (``source`` itself, to save in place).
        filled: per Ref, the cells to set by heading; rows of other Refs are left as they are.
        password: encrypt ``target`` with this password to open.

    Returns:
        How many rows were filled.

    Raises:
        SheetError: the workbook has no Calls sheet, a heading to fill is not a fill-in
            column, or ``target`` cannot be written.
    """
    from openpyxl import load_workbook  # the demo's start-up path reaches this module

    from member_reach.sheets.saving import save_workbook

    if unknown := {heading for cells in filled.values() for heading in cells} - set(FILL_IN):
        raise SheetError(target, f"has no fill-in column {', '.join(sorted(unknown))}")
    try:
        book = load_workbook(source)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        why = f"cannot be filled in: the workbook cannot be read ({exc})"
        raise SheetError(target, why) from None
    if CALLS_SHEET not in book.sheetnames:
        raise SheetError(target, f"cannot be filled in: the workbook has no {CALLS_SHEET} sheet")
    sheet = book[CALLS_SHEET]
    column = {cell.value: cell.column for cell in sheet[1] if cell.value}
    wanted = {"Ref"} | {heading for cells in filled.values() for heading in cells}
    if missing := sorted(wanted - column.keys()):
        raise SheetError(target, f"cannot be filled in: no column {', '.join(missing)}")
    done = 0
    refs = sheet.iter_rows(min_row=2, min_col=column["Ref"], max_col=column["Ref"])
    for number, (ref_cell,) in enumerate(refs, start=2):
        cells = filled.get(str(ref_cell.value))
        if cells is None:
            continue
        for heading, value in cells.items():
            sheet.cell(row=number, column=column[heading]).value = value
        done += 1
    save_workbook(book, target, password)
    return done


__all__ = ["Filled", "fill_in_calls"]
