"""Reading workbooks (xlsx, xlsm, xlsb, xls, ods) with python-calamine.

Which sheet is read when none is named: hidden, very hidden and chart sheets are never chosen.
Among the visible worksheets, the one that holds a table (a header row with data under it) is
read. When several do, the choice is ambiguous and :class:`SheetError` lists them ("… has 3
sheets with data: Members, Lapsed, Notes; choose the sheet to read"), unless a ``header_hint``
recognises the header of exactly one of them (a score of :data:`RECOGNISABLE` or more): a
roster next to a notes or summary sheet is then read without asking. Guessing silently would
import the wrong list; asking costs the director one click.

python-calamine loads the chosen sheet into memory (its cells, in Rust) and the rows are then
converted to Python one at a time as they are consumed.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from member_reach.domain.remedies import Remedy
from member_reach.sheets import crypto
from member_reach.sheets.cells import workbook_rows
from member_reach.sheets.csv_reader import column_letter
from member_reach.sheets.detect import ZIP_ERRORS, Sniffed
from member_reach.sheets.errors import SheetError
from member_reach.sheets.header import (
    PEEK_ROWS,
    SEARCH_ROWS,
    HeaderChoice,
    HeaderFound,
    data_as_header,
    find_header,
    is_blank,
)
from member_reach.sheets.model import SheetInfo, Table
from member_reach.sheets.ole import MAGIC as OLE_MAGIC
from member_reach.sheets.ole import CompoundFile, OleError, xls_globals, xls_sizes_valid
from member_reach.sheets.xlsx_size import MAX_CELL_CHARS, declared_rows, oversized_text

#: The header-hint score from which a sheet's header counts as recognised.
RECOGNISABLE = 2

# python-calamine's enums cannot be hashed: a list of pairs, not a dict.
_KINDS = (
    (SheetTypeEnum.WorkSheet, "worksheet"),
    (SheetTypeEnum.ChartSheet, "chart"),
    (SheetTypeEnum.DialogSheet, "dialog"),
    (SheetTypeEnum.MacroSheet, "macro"),
    (SheetTypeEnum.Vba, "vba"),
)
_OVERSIZED = (
    f"holds a cell of more than {MAX_CELL_CHARS:,} characters, more than any spreadsheet "
    "program writes: the file is damaged or was made to do harm, and was not read"
)
_DATE1904_XLSX = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")
_DATE1904_ODS = re.compile(rb"null-date\b[^>]*date-value=\"1904-01-01\"")


@dataclass
class Book:
    """A workbook opened with python-calamine, with what calamine does not tell."""

    workbook: CalamineWorkbook
    format: str
    date1904: bool
    declared_rows: dict[str, int] = field(default_factory=dict)
    max_rows: int | None = None


@dataclass
class _Examined:
    info: SheetInfo
    peeked: list[list[Any]]
    rest: Iterator[list[Any]]
    found: HeaderFound | None
    sheet: CalamineSheet

    @property
    def has_table(self) -> bool:
        found = self.found
        return found is not None and not all(is_blank(r) for r in self.peeked[found.data_index :])

    @property
    def has_data(self) -> bool:
        return self.sheet.height > 0


def load(path: Path, sniffed: Sniffed, password: str | None) -> Book:
    """Open a workbook, decrypting it in memory when it is password-protected.

    Raises:
        SheetError: the workbook is protected and the password is missing or wrong, or it is
            damaged.
    """
    data: io.BytesIO | None = None
    fmt, date1904 = sniffed.format, sniffed.date1904
    if fmt == "encrypted":
        data = crypto.decrypt(path, password)
        fmt, date1904 = _inner_format(path, data)
    elif fmt in ("xlsx", "xlsm", "ods"):
        date1904 = _zip_date1904(path, fmt)
    declared: dict[str, int] = {}
    if fmt in ("xlsx", "xlsm"):
        declared = declared_rows(data if data is not None else str(path))
        if oversized_text(data if data is not None else str(path)) is not None:
            raise SheetError(path, _OVERSIZED)
    with calamine_errors(path, "is a damaged workbook and cannot be read"):
        if data is not None:
            workbook = CalamineWorkbook.from_filelike(data)
        else:
            workbook = CalamineWorkbook.from_path(path)
    return Book(workbook, fmt, date1904, declared)


@contextmanager
def calamine_errors(path: Path, what: str, sheet: str = "") -> Iterator[None]:
    """Turn whatever python-calamine raises on a damaged file into a :class:`SheetError`.

    Besides its own error classes, calamine lets Rust panics through as pyo3's
    ``PanicException``, which derives from ``BaseException``; it is caught by name, and
    everything else that is not an ``Exception`` (KeyboardInterrupt...) goes through.
    """
    try:
        yield
    except PasswordError:
        raise crypto.protected(path) from None
    except Exception as error:  # noqa: BLE001 - calamine reports damage with many types
        raise SheetError(path, f"{what} ({error})", sheet=sheet) from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise SheetError(path, f"{what} ({error})", sheet=sheet) from None


def _guarded(path: Path, sheet: str, rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    with calamine_errors(path, "the sheet is damaged and cannot be read", sheet):
        yield from rows


def _inner_format(path: Path, data: io.BytesIO) -> tuple[str, bool]:
    head = data.read(8)
    data.seek(0)
    if head.startswith(OLE_MAGIC):
        try:
            compound = CompoundFile(data)
            stream = "Workbook" if "Workbook" in compound.names() else "Book"
            found = xls_globals(compound.read_stream(stream, 64 * 1024))
            valid = xls_sizes_valid(compound, stream, found.sheet_offsets)
        except (OleError, KeyError, struct.error):
            raise SheetError(path, "holds no workbook once decrypted") from None
        finally:
            data.seek(0)
        if not valid:
            raise SheetError(path, "is a damaged Excel 97-2003 workbook (impossible sheet size)")
        return "xls", found.date1904
    try:
        with zipfile.ZipFile(data) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS:
        raise SheetError(path, "holds no workbook once decrypted") from None
    finally:
        data.seek(0)
    if "xl/workbook.bin" in names:
        return "xlsb", False
    return "xlsx", _zip_date1904(data, "xlsx")


def _zip_date1904(source: Path | BinaryIO, fmt: str) -> bool:
    """Read the date system from a workbook's XML (an unreadable file is left to calamine)."""
    member, pattern = (
        ("content.xml", _DATE1904_ODS) if fmt == "ods" else ("xl/workbook.xml", _DATE1904_XLSX)
    )
    try:
        with zipfile.ZipFile(source) as archive, archive.open(member) as xml:
            return pattern.search(xml.read(64 * 1024)) is not None
    except ZIP_ERRORS:
        return False
    finally:
        if not isinstance(source, Path):
            source.seek(0)


def sheet_infos(book: Book) -> list[SheetInfo]:
    """Return the workbook's sheets, in order."""
    return [
        SheetInfo(
            name=meta.name,
            visible=meta.visible == SheetVisibleEnum.Visible,
            kind=next((kind for typ, kind in _KINDS if typ == meta.typ), "worksheet"),
        )
        for meta in book.workbook.sheets_metadata
    ]


def workbook_table(path: Path, book: Book, sheet: str | None, hint: HeaderChoice) -> Table:
    """Read one sheet of a loaded workbook as a :class:`Table`.

    Raises:
        SheetError: the sheet is unknown, the choice is ambiguous, or no header is found.
    """
    examined = _choose(path, book, sheet, hint)
    found = examined.found
    name = examined.info.name
    if found is None:
        if not examined.has_data:
            raise SheetError(path, "has no data (the sheet is empty)", sheet=name)
        raise SheetError(
            path,
            f"no header row (a row of column names) in the first {SEARCH_ROWS} rows",
            sheet=name,
        )
    _refuse_data_as_header(path, examined, found)
    skipped = list(found.skipped)
    data_index = found.data_index
    # Header cells merged downwards leave blank rows under the header: they belong to it.
    deepest = max(
        (
            end[0]
            for start, end in examined.sheet.merged_cell_ranges or []
            if start[0] == found.index
        ),
        default=found.index,
    )
    while data_index <= deepest and data_index < len(examined.peeked):
        if not is_blank(examined.peeked[data_index]):
            break
        skipped.append(data_index)
        data_index += 1
    end = examined.sheet.end
    start = examined.sheet.start
    rows = workbook_rows(
        chain(examined.peeked[data_index:], examined.rest), data_index + 1, len(found.header)
    )
    return Table(
        file=path,
        format=book.format,
        sheet=name,
        header=found.header,
        header_row=found.index + 1,
        skipped_rows=[index + 1 for index in skipped],
        date1904=book.date1904,
        rows=rows,
        total_rows=max(0, end[0] + 1 - data_index) if end is not None else 0,
        first_column=start[1] if start is not None else 0,
        top=list(examined.peeked[:SEARCH_ROWS]),
    )


def _refuse_data_as_header(path: Path, examined: _Examined, found: HeaderFound) -> None:
    """Refuse a sheet whose header row found holds data: it has no header row."""
    if found.data_like is None:
        return
    start = examined.sheet.start
    first_column = start[1] if start is not None else 0
    raise SheetError(
        path,
        data_as_header(found),
        sheet=examined.info.name,
        row=found.index + 1,
        column=column_letter(first_column + found.data_like[0]),
    )


def _examine(path: Path, book: Book, info: SheetInfo, hint: HeaderChoice) -> _Examined:
    rows = book.declared_rows.get(info.name, 0)
    if book.max_rows is not None and rows > book.max_rows + SEARCH_ROWS:
        raise SheetError(
            path,
            f"has about {rows:,} rows, more than the {book.max_rows:,} one import takes: split "
            "the file (for example by membership type) and import each part",
            sheet=info.name,
        )
    with calamine_errors(path, "the sheet is damaged and cannot be read", info.name):
        sheet = book.workbook.get_sheet_by_name(info.name)
    rest = _guarded(path, info.name, sheet.iter_rows())
    peeked = list(islice(rest, PEEK_ROWS))
    return _Examined(info, peeked, rest, find_header(peeked, hint), sheet)


def _choose(path: Path, book: Book, sheet: str | None, hint: HeaderChoice) -> _Examined:
    infos = sheet_infos(book)
    if sheet is not None:
        return _examine(path, book, _named(path, infos, sheet), hint)
    candidates = [info for info in infos if info.visible and info.kind == "worksheet"]
    if len(candidates) == 1:
        return _examine(path, book, candidates[0], hint)
    examined = [_examine(path, book, info, hint) for info in candidates]
    tables = [e for e in examined if e.has_table]
    if len(tables) > 1 and hint is not None:
        recognised = [e for e in tables if e.found is not None and e.found.score >= RECOGNISABLE]
        if len(recognised) == 1:
            return recognised[0]
    if len(tables) > 1:
        names = ", ".join(e.info.name for e in tables)
        raise SheetError(
            path,
            f"has {len(tables)} sheets with data: {names}; choose the sheet to read",
            remedy=Remedy.CHOOSE_SHEET,
        )
    if tables:
        return tables[0]
    for candidate in examined:
        if candidate.has_data:
            return candidate
    reason, remedy = _nothing_visible(path, book, infos)
    raise SheetError(path, reason, remedy=remedy)


def _nothing_visible(path: Path, book: Book, infos: list[SheetInfo]) -> tuple[str, Remedy | None]:
    hidden = [
        info.name
        for info in infos
        if not info.visible
        and info.kind == "worksheet"
        and _examine(path, book, info, None).has_data
    ]
    if hidden:
        return (
            f"has no visible sheet with data (hidden: {', '.join(hidden)}); "
            "unhide the sheet to read",
            Remedy.CHOOSE_HIDDEN_SHEET,
        )
    return "has no data (every sheet is empty)", None


def _named(path: Path, infos: list[SheetInfo], name: str) -> SheetInfo:
    matches = [info for info in infos if info.name == name]
    if not matches:
        wanted = name.strip().casefold()
        matches = [info for info in infos if info.name.strip().casefold() == wanted]
    if len(matches) != 1:
        raise SheetError(path, f"has no sheet '{name}'; its sheets are: {describe(infos)}")
    if matches[0].kind != "worksheet":
        raise SheetError(path, f"is a {matches[0].kind}, not a table", sheet=matches[0].name)
    return matches[0]


def describe(infos: list[SheetInfo]) -> str:
    """Return the sheet names for a message: "Members, Old (hidden), Dues (chart)"."""
    parts = []
    for info in infos:
        notes = [
            note
            for note in ("" if info.visible else "hidden", info.kind)
            if note and note != "worksheet"
        ]
        parts.append(f"{info.name} ({', '.join(notes)})" if notes else info.name)
    return ", ".join(parts)
