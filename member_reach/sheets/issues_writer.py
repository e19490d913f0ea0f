"""Writing the rows an import could not take (or took with doubts) to a workbook for people.

The file is what a director sends back to whoever keeps the AMS: the row number in the original
file, the reason, then the row's original cells under the original column names. Text that a
spreadsheet program would run as a formula (beginning with ``= + - @``, a tab or a carriage
return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from member_reach.sheets.model import CellValue

_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_FIRST_CHARACTERS_TO_CHECK: Final = frozenset(_FORMULA_STARTS)
_UNCHANGED_TYPES: Final = frozenset({type(None), int, float, bool, dt.date})
_PHONE: Final = re.compile(r"\+[0-9][0-9 ()\-.]{3,30}")
_ILLEGAL: Final = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)], None)


def neutralise(value: CellValue) -> CellValue:
    """Return a cell value that no spreadsheet program runs as a formula.

    A phone number in international form (``+44 20 7946 0000``) is left as it is: digits,
    spaces and dashes after a "+" call no function, and a dialer needs the "+".
    """
    kind = value.__class__
    if kind is str:  # the usual case first: exports write this for every cell
        text: str = value  # type: ignore[assignment]
        if text.isprintable() and text[:1] not in _FIRST_CHARACTERS_TO_CHECK:
            return text
    elif kind in _UNCHANGED_TYPES:
        return value
    if isinstance(value, str):
        value = value.translate(_ILLEGAL)
        if value.startswith(_FORMULA_STARTS) and not _PHONE.fullmatch(value):
            return "'" + value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def write_issue_rows(
    path: Path,
    header: Sequence[str],
    rows: Iterable[tuple[int, str, str, Sequence[CellValue]]],
) -> int:
    """Write rows with their reasons to a new .xlsx file; return how many rows were written.

    Args:
        path: the workbook to write (replaced if it exists; written whole or not at all).
        header: the original column names.
        rows: (row number, "rejected" or "flagged", reason, original cells) per row.

    Raises:
        SheetError: the file cannot be written.
    """
    # openpyxl is loaded by the first file written, not with neutralise's many importers.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from member_reach.sheets.saving import check_target, save_workbook

    check_target(path)  # before the work of filling it
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Rows to check")
    bold = Font(bold=True)
    titles = ["Row", "Result", "Reason", *header]
    heading = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=str(neutralise(title)))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    sheet.freeze_panes = "A2"
    count = 0
    for number, result, reason, cells in rows:
        sheet.append([number, result, neutralise(reason), *(neutralise(c) for c in cells)])
        count += 1
    save_workbook(book, path)
    return count
