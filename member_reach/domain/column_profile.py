"""What a column's values look like: dates, e-mails, phones, IP addresses, numbers, countries...

A column's name says what its exporter meant; its values say what it holds. The profile is read
from the first :data:`PROFILE_ROWS` rows of a file (the wizard's first look and the import read the
same rows, so both propose the same mapping), once per file: each distinct value is classified
once, and at most :data:`CLASSIFIED` distinct values per column (the most frequent), so a
100,000-row file costs no more than a 2,000-row one.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import median_low
from typing import Final

from member_reach.domain.contacts import clean_text, normalize_email
from member_reach.domain.dates import DateOrder, parse_date
from member_reach.domain.values import country_code

#: The rows a profile reads: the first rows of the file.
PROFILE_ROWS: Final = 2_000
#: The distinct values classified per column (the most frequent ones).
CLASSIFIED: Final = 300


class Kind(StrEnum):
    """What one value is."""

    DATE = "dates"
    EMAIL = "e-mail addresses"
    PHONE = "phone numbers"
    IP = "IP addresses"
    URL = "web addresses"
    SMALL_NUMBER = "small numbers"
    NUMBER = "numbers"
    COUNTRY = "country names"
    COUNTRY_CODE = "country codes"
    WEB_ROLE = "website roles"
    HONORIFIC = "titles such as Mr or Dr"
    TERM_WORD = "membership kinds"
    TEXT = "text"


#: Roles of a website's user accounts (WordPress, Drupal, Joomla, shop plugins): not job titles.
WEB_ROLES: Final = frozenset(
    [
        "subscriber",
        "administrator",
        "admin",
        "editor",
        "author",
        "contributor",
        "customer",
        "shop manager",
        "shop_manager",
        "super admin",
        "superadmin",
        "moderator",
        "registered",
        "user",
        "guest",
        "pending",
        "bbp_participant",
        "bbp_keymaster",
        "participant",
        "keymaster",
        "authenticated",
        "authenticated user",
        "anonymous",
        "anonymous user",
        "site owner",
        "webmaster",
    ]
)
_HONORIFICS: Final = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "rev",
        "fr",
        "hon",
        "esq",
        "madam",
        "mme",  # Madame, Mademoiselle: French titles (Dolibarr's civility codes MME, MR)
        "mlle",
    ]
)
#: Words naming a membership's kind (its term): a level column names these.
_TERM_WORDS = re.compile(
    r"\b(lifetime|life|annual|yearly|monthly|honorary|student|individual|corporate|family|"
    r"senior|retired|regular|associate|affiliate|emeritus|fellow|sustaining|premium|basic|"
    r"gold|silver|bronze|platinum)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?[$€£]?\s?\d[\d,' ]*(?:\.\d+)?")
_PHONE_CHARS = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?", re.IGNORECASE)
_IP_CHARS = frozenset("0123456789abcdefABCDEF.:")
_NAME_CHARS = re.compile(r"[^\W\d_][^\W\d_ .'\-]*(?:[ .'\-]+[^\W\d_]+)*\.?")


@dataclass(frozen=True)
class ColumnProfile:
    """What a column's sampled values are.

    Attributes:
        filled: the non-empty cells read.
        distinct: how many different values they hold.
        shares: the share (0 to 1) of the cells of each kind of value.
        length: the typical (median) length of a value as text.
        common: the most frequent values, as text (for evidence).
        row_dates: the date of each sampled row whose cell reads as one, by row (to pair dates).
    """

    filled: int = 0
    distinct: int = 0
    shares: Mapping[Kind, float] = field(default_factory=dict)
    length: int = 0
    common: tuple[str, ...] = ()
    row_dates: Mapping[int, dt.date] = field(default_factory=dict)

    def share(self, kind: Kind) -> float:
        """The share of the cells that are ``kind`` (0 when none)."""
        return self.shares.get(kind, 0.0)

    @property
    def distinct_share(self) -> float:
        """The share of different values among the cells (1: every value differs)."""
        return self.distinct / self.filled if self.filled else 0.0

    @property
    def main_kind(self) -> tuple[Kind, float]:
        """The most frequent kind of value, and its share (TEXT, 0 for an empty column)."""
        if not self.shares:
            return Kind.TEXT, 0.0
        kind = max(self.shares, key=self.shares.__getitem__)
        return kind, self.shares[kind]


def classify(value: object) -> Kind:
    """What one non-empty cell is (cells as the file readers give them)."""
    if isinstance(value, dt.date):
        return Kind.DATE
    if isinstance(value, bool):
        return Kind.TEXT
    if isinstance(value, int | float):
        whole = float(value).is_integer()
        return Kind.SMALL_NUMBER if whole and 0 <= value < 1000 else Kind.NUMBER
    return _classify_text(clean_text(value))


def _classify_text(text: str) -> Kind:  # noqa: C901 - one test per kind, cheapest first
    lower = text.lower()
    if "@" in text:
        return Kind.EMAIL if normalize_email(text).address else Kind.TEXT
    if ("." in text or ":" in text) and set(text) <= _IP_CHARS and _is_ip(text):
        return Kind.IP
    if _URL.fullmatch(text):
        return Kind.URL
    if text.isdigit():
        if len(text) == 8 and parse_date(text, "ymd").value is not None:
            return Kind.DATE
        if len(text) >= 10:
            return Kind.PHONE
        return Kind.SMALL_NUMBER if len(text) <= 3 else Kind.NUMBER
    if any(c.isdigit() for c in text):
        return _digits_kind(text)
    if lower in WEB_ROLES:
        return Kind.WEB_ROLE
    if lower.rstrip(".") in _HONORIFICS:
        return Kind.HONORIFIC
    if _TERM_WORDS.search(text):
        return Kind.TERM_WORD
    if len(text) <= 60 and _NAME_CHARS.fullmatch(text) and country_code(text):
        return Kind.COUNTRY_CODE if len(text) <= 3 else Kind.COUNTRY
    return Kind.TEXT


def _digits_kind(text: str) -> Kind:
    """A text with digits and more: a date, a phone, a number or text."""
    if len(text) <= 40 and (
        parse_date(text, "mdy").value is not None or parse_date(text, "dmy").value is not None
    ):
        return Kind.DATE
    if _PHONE_CHARS.fullmatch(text) and 7 <= sum(c.isdigit() for c in text) <= 15:
        return Kind.PHONE
    if _NUMBER.fullmatch(text):
        return Kind.NUMBER
    return Kind.TERM_WORD if _TERM_WORDS.search(text) else Kind.TEXT


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def sample_values(rows: Sequence[Sequence[object]], index: int) -> list[tuple[int, object]]:
    """A column's non-empty cells in the first :data:`PROFILE_ROWS` rows, with their rows."""
    values = []
    for number, row in enumerate(rows[:PROFILE_ROWS]):
        cell = row[index] if index < len(row) else None
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            values.append((number, cell))
    return values


def profile_column(values: Sequence[tuple[int, object]]) -> ColumnProfile:
    """Profile one column from its non-empty cells (row, cell): see :func:`sample_values`."""
    if not values:
        return ColumnProfile()
    counts = Counter(cell for _, cell in values)
    kinds: Counter[Kind] = Counter()
    kind_of: dict[object, Kind] = {}
    for cell, count in counts.most_common(CLASSIFIED):
        kind_of[cell] = classify(cell)
        kinds[kind_of[cell]] += count
    seen = sum(kinds.values())
    shares = {kind: count / seen for kind, count in kinds.items()}
    lengths = [len(clean_text(cell)) for cell in kind_of]
    row_dates = {}
    if shares.get(Kind.DATE, 0) >= 0.5:
        for number, cell in values:
            if kind_of.get(cell) is Kind.DATE and (day := _date_of(cell)) is not None:
                row_dates[number] = day
    return ColumnProfile(
        filled=len(values),
        distinct=len(counts),
        shares=shares,
        length=median_low(lengths),
        common=tuple(clean_text(cell) for cell, _ in counts.most_common(3)),
        row_dates=row_dates,
    )


#: The orders a date is tried in, to pair it with another column's (both read alike).
_READ_ORDERS: Final[tuple[DateOrder, ...]] = ("mdy", "dmy")


def _date_of(cell: object) -> dt.date | None:
    for order in _READ_ORDERS:
        day = parse_date(cell, order).value
        if day is not None:
            return day
    return None


def profile_columns(width: int, rows: Sequence[Sequence[object]]) -> list[ColumnProfile]:
    """Profile each of ``width`` columns from the first :data:`PROFILE_ROWS` rows' cells."""
    return [profile_column(sample_values(rows, index)) for index in range(width)]
