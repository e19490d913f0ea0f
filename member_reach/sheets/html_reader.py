"""Reading the first table of an HTML page: what many AMS "Excel" exports really are.

Such exports are web pages named ``.xls`` that Excel opens without complaint. The page is fed
to the standard library's HTML parser 64 KiB at a time and rows are handed out as soon as they
are complete, so a large export is streamed like a CSV. Cells spanning several columns
(``colspan``) are followed by empty cells, as Excel shows them; cells spanning rows are not
repeated. Row numbers count the table's rows (``<tr>``) from 1, as Excel numbers them.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Generator, Iterator
from html.parser import HTMLParser
from itertools import chain, islice
from pathlib import Path

from member_reach.sheets.errors import SheetError
from member_reach.sheets.header import PEEK_ROWS, SEARCH_ROWS, HeaderChoice, find_header
from member_reach.sheets.model import CellValue, Row, Table
from member_reach.sheets.text import text_problem

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_FEED = 64 * 1024
_MAX_SPAN = 1000


class _TableParser(HTMLParser):
    """Collects the rows of the first ``<table>`` (nested tables are read as cell text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: deque[list[str]] = deque()
        self.done = False
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth != 1:
            return
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), _MAX_SPAN) if span.strip().isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done or self._depth == 0:
            return
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._end_row()
                self.done = True
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self._depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self.done:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            lines = "".join(self._cell).split("\n")
            self._row.append("\n".join(" ".join(line.split()) for line in lines).strip())
            self._row.extend([""] * (self._span - 1))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None


def html_encoding(head: bytes, guessed: str) -> str:
    """Return the encoding a page declares in a ``<meta charset>``, else ``guessed``."""
    if guessed.startswith(("utf-16", "utf-32", "utf-8-sig")):
        return guessed
    declared = _CHARSET.search(head[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    return guessed


def _records(path: Path, encoding: str) -> Generator[list[str], None, None]:
    parser = _TableParser()
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    with path.open("rb") as file:
        while not parser.done:
            chunk = file.read(_FEED)
            parser.feed(decoder.decode(chunk, final=not chunk))
            if not chunk:
                parser.close()
                parser.done = True
            while parser.rows:
                yield parser.rows.popleft()


def html_table(path: Path, encoding: str, hint: HeaderChoice) -> Table:
    """Read the first table of an HTML page as a :class:`Table`.

    Raises:
        SheetError: the page holds no table, or the table has no header row.
    """
    with path.open("rb") as file:
        encoding = html_encoding(file.read(4096), encoding)
    records = _records(path, encoding)
    peeked = list(islice(records, PEEK_ROWS))
    if not peeked:
        raise SheetError(path, "is a web page (HTML) without a table of data")
    found = find_header(peeked, hint)
    if found is None:
        records.close()
        raise SheetError(
            path,
            f"is a web page (HTML) whose table has no header row in its first {SEARCH_ROWS} rows",
        )
    width = len(found.header)
    padding: tuple[CellValue, ...] = (None,) * width

    def rows() -> Iterator[Row]:
        number = found.data_index + 1
        try:
            for record in chain(peeked[found.data_index :], records):
                cells: tuple[CellValue, ...] = tuple([value or None for value in record[:width]])
                yield Row(number, cells + padding[len(cells) :], text_problem("\x1f".join(record)))
                number += 1
        finally:
            records.close()

    return Table(
        file=path,
        format="html",
        sheet="",
        header=found.header,
        header_row=found.index + 1,
        skipped_rows=[index + 1 for index in found.skipped],
        encoding=encoding,
        rows=rows(),
        total_rows=None,
        top=list(peeked[:SEARCH_ROWS]),
    )
