"""Reading CSV and tab-separated text with the standard library, streamed.

Before the rows are read, one pass over the bytes (1 MiB at a time, so memory stays bounded)
settles the encoding for the whole file (a UTF-8 file with one Windows-1252 byte deep down is
read as Windows-1252, not half and half), finds NUL bytes, counts the records for progress, and
tells whether any row can look mis-decoded, so the per-row check only runs when it can find
something.

Row numbers are record numbers: the 1-based number of the record in the file, the header's
record included, which is the row number a spreadsheet program shows when it opens the file.
A quoted field holding line breaks does not start a new row; a blank line is a (blank) row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TextIO

from member_reach.sheets import text
from member_reach.sheets.errors import SheetError, unreadable
from member_reach.sheets.header import (
    PEEK_ROWS,
    SEARCH_ROWS,
    HeaderChoice,
    HeaderFound,
    data_as_header,
    find_header,
    is_blank,
)
from member_reach.sheets.model import CellValue, Row, Table

CHUNK = 1 << 20
DELIMITERS = (",", ";", "\t", "|")
_SNIFF_RECORDS = 50


@dataclass(frozen=True)
class _Scan:
    encoding: str
    errors: str
    nul: bool
    markers: tuple[str, ...]  # the text.SUSPECT_MARKERS found in the file
    records: int
    odd_quotes: bool = False  # an odd number of quotes: maybe one opens and never closes


def _scan(path: Path, encoding: str) -> _Scan:
    """Read the whole file once: check the encoding, find NULs, count records."""
    errors = "strict" if encoding == "utf-8" else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    nul = in_quotes = False
    found: set[str] = set()
    lf = cr = 0
    last = ""  # the last character decoded: a two-character marker may straddle chunks
    try:
        with path.open("rb") as file:
            for final, chunk in _chunks(file):
                part = decoder.decode(chunk, final=final)
                if not part:
                    continue
                nul = nul or "\x00" in part
                seam = last + part[:1]
                found.update(m for m in text.SUSPECT_MARKERS if m in part or m in seam)
                if '"' in part:
                    pieces = part.split('"')
                    outside = pieces[0 if not in_quotes else 1 :: 2]
                    lf += sum(piece.count("\n") for piece in outside)
                    cr += sum(piece.count("\r") for piece in outside)
                    in_quotes ^= len(pieces) % 2 == 0
                else:
                    lf += 0 if in_quotes else part.count("\n")
                    cr += 0 if in_quotes else part.count("\r")
                last = part[-1]
    except UnicodeDecodeError:
        return _scan(path, "cp1252")
    except OSError as error:
        raise unreadable(path, error) from None
    newlines = lf or cr
    records = newlines + (1 if last and last not in "\r\n" else 0)
    markers = tuple(marker for marker in text.SUSPECT_MARKERS if marker in found)
    return _Scan(encoding, errors, nul, markers, records, in_quotes)


def _chunks(file: io.BufferedReader) -> Iterator[tuple[bool, bytes]]:
    chunk = file.read(CHUNK)
    while True:
        following = file.read(CHUNK) if chunk else b""
        yield not following, chunk
        if not following:
            return
        chunk = following


def sniff_delimiter(sample: str) -> str:
    """Return the delimiter that splits the first records of ``sample`` most consistently.

    For each candidate (comma, semicolon, tab, pipe) the records are parsed as CSV (so quoted
    delimiters do not count) and the most common field count of two or more is found; the
    candidate whose common count holds for the most records wins, then the one with more
    fields, then the first in :data:`DELIMITERS`. A file of one column is comma-separated.
    """
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        records = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            counts = Counter(
                len(r) for r in islice(records, _SNIFF_RECORDS) if len(r) > 1 and not is_blank(r)
            )
        except csv.Error:
            continue
        if not counts:
            continue
        fields, times = max(counts.items(), key=lambda item: (item[1], item[0]))
        if (times, fields) > best_score:
            best, best_score = delimiter, (times, fields)
    return best


def csv_table(path: Path, encoding: str, hint: HeaderChoice) -> Table:
    """Read a CSV file as a :class:`Table` whose rows are streamed from the file.

    Args:
        path: the file.
        encoding: the encoding guessed from its first bytes (see :mod:`.text`).
        hint: scores a candidate header row.

    Raises:
        SheetError: the file holds a NUL byte, has no header row, or cannot be parsed.
    """
    scan = _scan(path, encoding)
    with path.open(encoding=scan.encoding, errors=scan.errors, newline="") as file:
        sample = file.read(64 * 1024)
        # Excel reads (and some programs write) a first line "sep=;" naming the delimiter.
        first_line = sample.split("\n", 1)[0].rstrip("\r")
        sep_line = first_line.lower().startswith("sep=") and len(first_line) == 5
        delimiter = first_line[4] if sep_line else sniff_delimiter(sample)
        if scan.nul:
            row, column = _nul_record(file, delimiter)
            raise SheetError(path, _nul_message(), row=row, column=column)
        if scan.odd_quotes and (open_quote := _open_quote(file, delimiter)) is not None:
            row, column = open_quote
            raise SheetError(path, _OPEN_QUOTE, row=row, column=column)
    offset = 1 if sep_line else 0
    records = _records(path, scan, delimiter)
    try:
        peeked = _peek(path, records, offset)
        found = _header(path, peeked, hint, offset)
    except BaseException:
        records.close()
        raise
    first = found.data_index
    rows = _rows(path, records, peeked[first:], offset + first + 1, len(found.header), scan.markers)
    return Table(
        file=path,
        format="csv",
        sheet="",
        header=found.header,
        header_row=offset + found.index + 1,
        skipped_rows=[1] * offset + [offset + index + 1 for index in found.skipped],
        encoding=_reported(scan.encoding),
        delimiter=delimiter,
        rows=rows,
        total_rows=max(0, scan.records - offset - first),
        top=list(peeked[:SEARCH_ROWS]),
        top_first_row=offset + 1,
    )


def _header(path: Path, peeked: list[list[str]], hint: HeaderChoice, offset: int) -> HeaderFound:
    """The header among the first records; refused when there is none, or it holds data."""
    found = find_header(peeked, hint, offset + 1)
    if found is None:
        if all(is_blank(record) for record in peeked):
            raise SheetError(path, "has no data (only blank lines)")
        raise SheetError(
            path, f"no header row (a row of column names) in the first {SEARCH_ROWS} rows"
        )
    if found.data_like is not None:
        raise SheetError(
            path,
            data_as_header(found),
            row=offset + found.index + 1,
            column=column_letter(found.data_like[0]),
        )
    return found


def _records(path: Path, scan: _Scan, delimiter: str) -> Generator[list[str], None, None]:
    """Yield the file's records; the file is closed when this generator is closed or dropped."""
    with path.open(encoding=scan.encoding, errors=scan.errors, newline="") as file:
        yield from csv.reader(file, delimiter=delimiter)


def _reported(encoding: str) -> str:
    return {"utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)


def _peek(path: Path, records: Iterator[list[str]], offset: int) -> list[list[str]]:
    """Read the first records, where the header is looked for."""
    peeked: list[list[str]] = []
    try:
        if offset:
            next(records, None)
        peeked.extend(islice(records, PEEK_ROWS))
    except csv.Error as error:
        row = offset + len(peeked) + 1
        raise SheetError(path, f"cannot be read as CSV ({error})", row=row) from None
    return peeked


def _nul_message() -> str:
    return "holds a NUL byte, which text never contains: the file is damaged or not a CSV"


def _nul_record(file: TextIO, delimiter: str) -> tuple[int, str]:
    """The record and column (as a spreadsheet letters it) holding the first NUL byte."""
    file.seek(0)
    number = 0
    for number, record in enumerate(csv.reader(file, delimiter=delimiter), start=1):
        for index, value in enumerate(record):
            if "\x00" in value:
                return number, column_letter(index)
    return number, ""


_OPEN_QUOTE = (
    'a quote (") opens a value here and never closes: the rest of the file would be read as '
    "this one cell; open the file in a text editor, close or remove the quote, and try again"
)


def _open_quote(file: TextIO, delimiter: str) -> tuple[int, str] | None:
    """The record and column where a quote opens and never closes, or None.

    Only the last record can hold it (it runs to the end of the file): it is the culprit when
    one of its values holds line breaks and delimiters a quote swallowed, or grows too large to
    read.
    """
    file.seek(0)
    number, last = 0, [""]
    reader = csv.reader(file, delimiter=delimiter)
    try:
        for number, last in enumerate(reader, start=1):  # noqa: B007 - the last one is wanted
            pass
    except csv.Error:  # the swallowed rest of the file is larger than a value can be
        return number + 1, ""
    for index, value in enumerate(last):
        # A value a quote swallowed holds line breaks followed by more values.
        rest = value.replace("\r", "\n").partition("\n")[2]
        if delimiter in rest:
            return number, column_letter(index)
    return None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _rows(
    path: Path,
    records: Generator[list[str], None, None],
    peeked: list[list[str]],
    first_number: int,
    width: int,
    markers: tuple[str, ...],
) -> Iterator[Row]:
    number = first_number
    padding: tuple[CellValue, ...] = (None,) * width
    problem = text.text_problem
    try:
        for record in chain(peeked, records):
            cells: tuple[CellValue, ...] = tuple([value or None for value in record[:width]])
            if len(cells) < width:
                cells += padding[len(cells) :]
            if markers:  # only when the scan saw a sign of trouble somewhere in the file
                joined = "\x1f".join(record)
                found = any(marker in joined for marker in markers)
                yield Row(number, cells, problem(joined) if found else "")
            else:
                yield Row(number, cells)
            number += 1
    except csv.Error as error:
        raise SheetError(path, f"cannot be read as CSV ({error})", row=number) from None
    finally:
        records.close()
