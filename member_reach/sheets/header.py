"""Finding the header row of a table: below title rows, blank rows and merged banners.

Exports put a title, a date line, a logo row or a merged banner above the column names; CRM
templates (Salesforce) put a second header row of field API names under them. The header is
found among the first :data:`SEARCH_ROWS` rows:

* with a ``header_hint`` (the import layer scores how many cells look like known column names),
  the first row with the best positive score among rows that hold two or more text cells;
* otherwise, or when no row scores, the first row that is *wide* (at least half as many filled
  cells as the widest row near the top, and two or more) and *mostly text* (80 % of its filled
  cells are text that is not a number or a date). A title or merged banner, one filled cell,
  is never wide; a table of a single column has a header of one cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: How many rows from the top may hold the header.
SEARCH_ROWS = 30
#: How many rows to read for header detection (the search rows and some data below them).
PEEK_ROWS = 60

HeaderHint = Callable[[list[str]], int]


@dataclass(frozen=True)
class HeaderAt:
    """The header row a person chose instead of the one found: its 1-based row number."""

    row: int


#: How the header is found: scored by a hint, chosen by a person, or (None) by its shape.
HeaderChoice = HeaderHint | HeaderAt | None

_NUMERIC = re.compile(r"[\d\s.,:/+\-()$€£%]*\d[\d\s.,:/+\-()$€£%]*")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_TECHNICAL = re.compile(r"_|[a-z][A-Z]")
_TEXT_SHARE = 0.8
_HINT_TEXT_SHARE = 0.5


@dataclass(frozen=True)
class HeaderFound:
    """Where the header is among the rows read from the top.

    Attributes:
        index: 0-based index of the header row.
        header: the cleaned header texts, trailing empty columns dropped.
        skipped: 0-based indexes of the filled rows above the header (titles, banners) and of
            the API-name row under it.
        data_index: 0-based index of the first data row.
        score: the header hint's score of the header row (0 without a hint).
        data_like: when the row found holds what only data holds (an e-mail address, a phone
            number, a date), its 0-based column and what it holds: the file most likely has no
            header row, and its first member would be read as column names. None for a row a
            person chose.
    """

    index: int
    header: list[str]
    skipped: list[int]
    data_index: int
    score: int
    data_like: tuple[int, str] | None = None


def is_filled(value: object) -> bool:
    """Return True for a cell that holds something (not None, "" or spaces)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value) and not value.isspace()
    return True


def is_blank(row: Sequence[object]) -> bool:
    """Return True for a row without any filled cell."""
    return not any(is_filled(value) for value in row)


def cell_text(value: object) -> str:
    """Return a cell as header text: spaces and line breaks collapsed, numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.replace("\ufeff", "").replace("\u200b", "").split())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def header_texts(row: Sequence[object]) -> list[str]:
    """Return the cleaned texts of a header row, without its trailing empty cells."""
    texts = [cell_text(value) for value in row]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def find_header(
    rows: Sequence[Sequence[object]], hint: HeaderChoice = None, first_row: int = 1
) -> HeaderFound | None:
    """Find the header among the first rows of a table.

    Args:
        rows: the first rows of the sheet or file (at least :data:`PEEK_ROWS` when there are).
        hint: scores a candidate header row (higher is more header-like), or names the row a
            person chose (:class:`HeaderAt`).
        first_row: the row number in the file of ``rows[0]``.

    Returns:
        Where the header is, or None when no row looks like one (or the chosen row is blank or
        not among the first :data:`SEARCH_ROWS`).
    """
    window = rows[:SEARCH_ROWS]
    if isinstance(hint, HeaderAt):
        index: int | None = hint.row - first_row
        if not 0 <= hint.row - first_row < len(window) or is_blank(window[hint.row - first_row]):
            return None
    else:
        index = _by_hint(window, hint) if hint is not None else None
        if index is None:
            index = _generic(window)
    if index is None:
        return None
    header = header_texts(rows[index])
    skipped = [i for i in range(index) if not is_blank(rows[i])]
    data_index = index + 1
    if data_index < len(rows) and is_api_row(header, rows[data_index]):
        skipped.append(data_index)
        data_index += 1
    score = hint(header) if hint is not None and not isinstance(hint, HeaderAt) else 0
    data_like = None if isinstance(hint, HeaderAt) else data_in_row(rows[index])
    return HeaderFound(index, header, skipped, data_index, score, data_like)


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[\d\s.()\-/]{7,}")
_DATE_TEXT = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def data_in_row(row: Sequence[object]) -> tuple[int, str] | None:
    """The first cell of ``row`` that column names never hold, and what it holds, or None.

    An e-mail address, a phone number (seven digits or more) or a date: the row is data.
    """
    for index, value in enumerate(row):
        if isinstance(value, dt.date):
            return index, "a date"
        if not isinstance(value, str):
            continue
        text = value.strip()
        if _EMAIL.fullmatch(text):
            return index, "an e-mail address"
        if _DATE_TEXT.fullmatch(text):
            return index, "a date"
        if _PHONE.fullmatch(text) and sum(c.isdigit() for c in text) >= 7:
            return index, "a phone number"
    return None


def data_as_header(found: HeaderFound) -> str:
    """Why the row found cannot be the header (see :attr:`HeaderFound.data_like`), or ""."""
    if found.data_like is None:
        return ""
    return (
        f"holds {found.data_like[1]} where column names belong: the file seems to have no "
        "header row, and its first member would be read as column names; add a row of column "
        "names (First name, Last name, E-mail...) above the first row"
    )


def _filled(row: Sequence[object]) -> list[object]:
    return [value for value in row if is_filled(value)]


def _text_share(values: list[object]) -> float:
    texts = sum(
        1 for value in values if isinstance(value, str) and not _NUMERIC.fullmatch(value.strip())
    )
    return texts / len(values) if values else 0.0


def _generic(window: Sequence[Sequence[object]]) -> int | None:
    counts = [len(_filled(row)) for row in window]
    widest = max(counts, default=0)
    need = 1 if widest == 1 else max(2, (widest + 1) // 2)
    for index, row in enumerate(window):
        if counts[index] >= need and _text_share(_filled(row)) >= _TEXT_SHARE:
            return index
    return None


def _by_hint(window: Sequence[Sequence[object]], hint: HeaderHint) -> int | None:
    best, best_index = 0, None
    for index, row in enumerate(window):
        values = _filled(row)
        if len(values) < 2 or _text_share(values) < _HINT_TEXT_SHARE:
            continue
        score = hint(header_texts(row))
        if score > best:
            best, best_index = score, index
    return best_index


def is_api_row(header: list[str], row: Sequence[object]) -> bool:
    """Return True when ``row``, under ``header``, holds field API names rather than data.

    API names have no spaces and are identifiers; most are snake_case, CamelCase or end in
    ``__c`` (Salesforce: ``npsp__Contact1_Firstname__c``), or spell the label above them
    without its spaces (``FirstName`` under "First Name").
    """
    values = _filled(row)
    named = sum(1 for text in header if text)
    if not values or len(values) < 0.8 * named:
        return False
    names = [v for v in values if isinstance(v, str) and _IDENTIFIER.fullmatch(v.strip())]
    if len(names) < 0.8 * len(values):
        return False
    technical = sum(1 for name in names if _TECHNICAL.search(name))
    spelled = sum(
        1
        for label, value in zip(header, row, strict=False)
        if label and isinstance(value, str) and _squash(label) and _squash(label) in _squash(value)
    )
    return max(technical, spelled) >= 0.5 * len(names)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())
