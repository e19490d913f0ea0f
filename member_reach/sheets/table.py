"""Opening any tabular file the director drops: the entry points of :mod:`member_reach.sheets`."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from member_reach.sheets import workbook
from member_reach.sheets.csv_reader import csv_table
from member_reach.sheets.detect import WORKBOOK_FORMATS, ZIP_ERRORS, Sniffed, sniff
from member_reach.sheets.errors import SheetError
from member_reach.sheets.header import HeaderChoice
from member_reach.sheets.html_reader import html_table
from member_reach.sheets.model import SheetInfo, Table

_SAVE_AS = "open it in Excel or LibreOffice and save it as .xlsx"


def list_sheets(path: Path, password: str | None = None) -> list[SheetInfo]:
    """Return the sheets of a workbook, hidden and chart sheets included, in workbook order.

    A CSV file or an HTML page has no sheets: the list is empty.

    Args:
        path: the file.
        password: the password of a password-protected workbook.

    Raises:
        SheetError: the file cannot be read (see :func:`open_table`).
    """
    path = Path(path)
    sniffed = sniff(path)
    if sniffed.format in ("csv", "html"):
        return []
    _refuse(path, sniffed)
    book = workbook.load(path, sniffed, password)
    return workbook.sheet_infos(book)


def open_table(
    path: Path,
    *,
    sheet: str | None = None,
    password: str | None = None,
    header_hint: HeaderChoice = None,
    max_rows: int | None = None,
) -> Table:
    """Open the table a file holds: find its format, sheet and header, and stream its rows.

    The format comes from the content, not the name. For a workbook, ``sheet`` names the sheet
    to read; without it the visible worksheet holding a table is read (see
    :mod:`.workbook` for what happens when several do). ``sheet`` is ignored for CSV and HTML.
    Errors found while the rows are read (a damaged CSV record) are raised as
    :class:`SheetError` by the row iterator.

    Args:
        path: the file.
        sheet: the sheet to read (exact name; otherwise matched ignoring case and spaces).
        password: the password of a password-protected workbook.
        header_hint: scores a candidate header row by how many of its cells look like known
            column names; the best row in the first rows is the header.
        max_rows: refuse an xlsx sheet that declares more rows than this before loading it
            (python-calamine loads a whole sheet into memory); other formats are checked by
            the caller as rows are read.

    Returns:
        The table; iterate over ``rows`` once, or call ``close()`` to stop early.

    Raises:
        SheetError: the file is missing, empty, damaged, protected, not a table, or its
            header or sheet cannot be found; the message is one line naming the file.
    """
    path = Path(path)
    sniffed = sniff(path)
    if sniffed.format == "csv":
        return csv_table(path, sniffed.encoding, header_hint)
    if sniffed.format == "html":
        return html_table(path, sniffed.encoding, header_hint)
    _refuse(path, sniffed)
    book = workbook.load(path, sniffed, password)
    book.max_rows = max_rows
    return workbook.workbook_table(path, book, sheet, header_hint)


def _refuse(path: Path, sniffed: Sniffed) -> None:
    """Raise the message for a file that is not a readable workbook."""
    fmt = sniffed.format
    if fmt in WORKBOOK_FORMATS or fmt == "encrypted":
        return
    if fmt == "empty":
        raise SheetError(path, "is empty (it holds no data)")
    if fmt == "damaged":
        raise SheetError(path, f"is {sniffed.description}: it is incomplete or corrupt")
    if fmt == "spreadsheetml":
        raise SheetError(path, f"is {sniffed.description}, which cannot be read: {_SAVE_AS}")
    if fmt == "binary":
        kind = "binary data" if sniffed.description == "binary data" else sniffed.description
        raise SheetError(path, f"is not a spreadsheet or CSV file (it looks like {kind})")
    raise SheetError(path, f"is not a spreadsheet or CSV file (it is {sniffed.description})")


_MARKER = re.compile(rb"<property\b[^>]*name=\"([^\"]+)\"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>")


def export_marker(path: Path, sheet: str, prop: str, password: str | None = None) -> str | None:
    """Find the mark an export left in a workbook: a hidden sheet's cells, else a property.

    Args:
        path: the workbook (a CSV file has no mark: None).
        sheet: the name of the sheet holding "key, value" rows; its values are joined as
            ``"export:campaign"`` from its first two rows.
        prop: the custom document property to look for when the sheet is gone.
        password: the password of a protected workbook.

    Returns:
        The mark's text, or None when neither is there.
    """
    path = Path(path)
    sniffed = sniff(path)
    if sniffed.format not in WORKBOOK_FORMATS and sniffed.format != "encrypted":
        return None
    book = workbook.load(path, sniffed, password)
    names = {info.name for info in workbook.sheet_infos(book)}
    if sheet in names:
        with workbook.calamine_errors(path, "the sheet is damaged", sheet):
            rows = book.workbook.get_sheet_by_name(sheet).to_python()
        values = [str(int(r[1])) if isinstance(r[1], float) else str(r[1]) for r in rows[:2]]
        if len(values) == 2:
            return ":".join(values)
    if book.format not in ("xlsx", "xlsm") or sniffed.format == "encrypted":
        return None
    try:
        with zipfile.ZipFile(path) as archive, archive.open("docProps/custom.xml") as xml:
            for name, value in _MARKER.findall(xml.read(64 * 1024)):
                if name.decode() == prop:
                    return str(value.decode())
    except (KeyError, *ZIP_ERRORS):
        return None
    return None
