"""What the readers return: the sheets of a workbook, and one table as a stream of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

#: The values a cell can hold after reading.
CellValue = str | int | float | bool | dt.date | dt.datetime | None


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook.

    Attributes:
        name: the sheet's name.
        visible: False for hidden and "very hidden" sheets.
        kind: "worksheet", "chart", "dialog", "macro" or "vba".
    """

    name: str
    visible: bool
    kind: str


class Row(NamedTuple):
    """One data row (a named tuple: one is made for every row read, so it is made cheaply).

    Attributes:
        number: the 1-based row number in the file, as a spreadsheet program shows it. For CSV it
            is the record number: a quoted field holding line breaks does not start a new row.
        cells: one value per header column (padded with None, or cut to the header's width).
            Values are ``str | int | float | bool | date | datetime | None``; empty cells are
            None and integral numbers are int.
        problem: "" or why the row's text looks wrong, e.g. "text looks mis-decoded (Ã©)" or
            "a number was saved in scientific notation (6.47E+09): digits are lost". Checked for
            CSV and HTML, whose encoding is guessed; workbooks store text as Unicode.
    """

    number: int
    cells: tuple[CellValue, ...]
    problem: str = ""


def _no_rows() -> Iterator[Row]:
    return iter(())


@dataclass
class Table:
    """One table read from a file: its header, and its data rows as a stream.

    Attributes:
        file: the file read.
        format: what the file really is: "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "html".
        sheet: the sheet read, or "" for CSV and HTML.
        header: the header texts, cleaned (spaces collapsed); trailing empty columns dropped,
            an empty header cell between named ones is "".
        header_row: the 1-based row number of the header in the file.
        skipped_rows: 1-based numbers of the non-blank rows above the header (titles, banners)
            and of the rows under it that belong to it (field API names, merged header cells).
        date1904: True when the workbook counts dates from 1904 (old Mac Excel): needed to turn
            an Excel serial number found in a date column into a date.
        encoding: for CSV, the encoding used ("utf-8", "utf-8-sig", "utf-16", "cp1252", ...).
        delimiter: for CSV, the field delimiter.
        rows: the data rows after the header, blank ones included, read as they are consumed.
        total_rows: how many data rows follow the header when known cheaply, else None.
        first_column: 0-based index in the sheet of the first column (header[0]); calamine
            starts at the first column holding data, so column letters are offset by this.
        top: the first rows of the sheet or file as read (up to 30), for a person to see
            where the header is; ``top[0]`` is row ``top_first_row``.
        top_first_row: the 1-based row number of ``top[0]``.
    """

    file: Path
    format: str
    sheet: str
    header: list[str]
    header_row: int
    skipped_rows: list[int]
    date1904: bool = False
    encoding: str = ""
    delimiter: str = ""
    rows: Iterator[Row] = field(default_factory=_no_rows)
    total_rows: int | None = None
    first_column: int = 0
    top: Sequence[Sequence[CellValue]] = field(default_factory=list)
    top_first_row: int = 1

    def close(self) -> None:
        """Stop reading: release the file (also done when the rows are exhausted)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
