"""Dates as roster files hold them: typed text, Excel serial numbers and real date cells.

Rules (each decided once here, so a whole import reads dates one way):

- **Order.** A numeric date such as ``03/04/2024`` is read in the column's :data:`DateOrder`
  (``mdy``: 3 April, ``dmy``: 4 March). A date valid only in *another* order (``13/01/2024``
  under ``mdy``) is never swapped silently: it gets a problem naming the other reading, which is
  also offered as :attr:`DateResult.suggestion`. A 4-digit first part is a year in every order
  (``2024/01/31``, ISO), and a month written as a word makes the order irrelevant.
- **Two-digit years** fall in 1950–2049 (``49`` is 2049, ``50`` is 1950): join dates reach back
  decades and expiry dates a few years ahead, and the rule must not depend on the clock.
- **Incomplete dates are problems**, never filled in: a year alone (``2019``), a month and year
  (``Jan-2024``, ``01/2024``) or a day and month (``Jan 31``).
- **Excel serials** (numbers 1 to 80,000, up to year 2119) count days from 1900-01-01 as Excel
  does, including its fictional 29 February 1900 (serial 60, which is reported as a problem), or
  from 1904-01-01 for workbooks using the 1904 date system. A four-digit number from 1900 to 2100
  is taken as a year, not as a serial in 1905. Eight digits are a compact date (``20240131``,
  else ``31012024`` in the order), six digits one with a two-digit year (``310124``).
- **Empty** means no date and no problem: blank, ``None``, punctuation only (``-``) and all-zero
  placeholders such as ``0000-00-00`` or ``00/00/0000``.
- A time of day after the date is ignored (``2024-01-31T10:30:00Z``, ``1/31/2024 10:30 PM``).

Anything with words the fast reader does not know goes to python-dateutil, which must read the
whole text to the same date; otherwise the text is "not a date". Month names are understood in
English, French, German, Spanish, Italian and Dutch.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, get_args

from dateutil import parser as dateutil_parser

from member_reach.domain.contacts import clean_text

DateOrder = Literal["mdy", "dmy", "ymd"]

DATE_ORDERS: Final[tuple[DateOrder, ...]] = get_args(DateOrder)
TWO_DIGIT_YEAR_START: Final = 1950
SERIAL_RANGE: Final = range(1, 80_001)
YEAR_ONLY_RANGE: Final = range(1900, 2101)

_ORDER_NAMES: Final[dict[str, str]] = {
    "mdy": "month/day/year",
    "dmy": "day/month/year",
    "ymd": "year/month/day",
}
_MONTH_WORDS: Final = (
    "january jan janv janvier januar jänner jän enero ene gennaio gen januari",
    "february feb febr fév fev févr fevr février fevrier februar febrero febbraio februari",
    "march mar mars märz maerz mär mrz marzo maart mrt",
    "april apr avr avril abril abr aprile",
    "may mai mayo maggio mag mei",
    "june jun juin juni junio giugno giu",
    "july jul juil juillet juli julio luglio lug",
    "august aug août aout agosto ago augustus",
    "september sep sept septembre septiembre setiembre set settembre",
    "october oct octobre oktober okt octubre ottobre ott",
    "november nov novembre noviembre",
    "december dec déc décembre decembre dezember dez diciembre dic dicembre",
)
_MONTHS: Final[dict[str, int]] = {
    word: number for number, words in enumerate(_MONTH_WORDS, 1) for word in words.split()
}
_NOISE_WORDS: Final = (
    "monday mon tuesday tue tues wednesday wed weds thursday thu thur thurs friday fri "
    "saturday sat sunday sun lundi mardi mercredi jeudi vendredi samedi dimanche montag "
    "dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles jueves "
    "viernes sábado domingo st nd rd th er of the de del le der den utc gmt"
)
_NOISE: Final = frozenset(_NOISE_WORDS.split())
_MONTH_SPELLING: Final = tuple(words.split()[0].capitalize() for words in _MONTH_WORDS)
_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_EPOCH_1900: Final = dt.date(1899, 12, 30)  # serial 61 onwards: Excel counts 29 Feb 1900
_EPOCH_1904: Final = dt.date(1904, 1, 1)
_DEFAULTS: Final = (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))

_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+|[^\W_]")  # other digits (²) are unknown words
_DIGITS = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_TIME = re.compile(
    r"(?:[T\s,]|\s+at\s+)\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:z|[+-]\d{2}(?::?\d{2})?|[a-z]{2,5}))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateResult:
    """One cell read as a date.

    Attributes:
        value: the date, or None when the cell is empty or has a problem.
        raw: the cell's text, kept for messages and for the rejects file.
        problem: "" when fine, else a short reason a person can act on.
        suggestion: the date the text would be in another date order, when that is the only
            reading that makes it a real date (never used without the person's say-so).
    """

    value: dt.date | None
    raw: str
    problem: str = ""
    suggestion: dt.date | None = None


_EMPTY: Final = DateResult(None, "")


def parse_date(value: object, order: DateOrder, *, date1904: bool = False) -> DateResult:
    """Read one cell as a date.

    Args:
        value: a cell as the reader gives it: text, a number, a date or datetime, or None.
        order: how ambiguous numeric dates are read (from the column or the settings).
        date1904: the workbook counts serial numbers from 1904-01-01 (old Mac Excel).

    Returns:
        The date, or None with a problem; see the module docstring for the rules.
    """
    if isinstance(value, str):
        text = clean_text(value)
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
            try:  # the common ISO case, without touching the cache
                return DateResult(dt.date.fromisoformat(text), text)
            except ValueError:
                pass
        return _parse_text(text, order, date1904)
    if value is None:
        return _EMPTY
    if isinstance(value, dt.datetime):
        return DateResult(value.date(), clean_text(value))
    if isinstance(value, dt.date):
        return DateResult(value, value.isoformat())
    if isinstance(value, bool):
        return _not_a_date(clean_text(value))
    if isinstance(value, int):
        return _parse_text(str(value), order, date1904)
    if isinstance(value, float):
        return _from_float(value, order, date1904)
    return _not_a_date(clean_text(value))


def infer_date_order(samples: Iterable[str]) -> DateOrder | None:
    """Find the date order a column is written in.

    Each sample counts for every order that reads it as a real date without a problem. The
    order that reads the most samples wins, so one ``13/01/2024`` proves ``dmy`` in a column of
    otherwise ambiguous dates, and one typo among thousands of ``dmy`` dates does not overturn
    it. Samples every order reads alike (ISO dates, month names) do not decide anything.

    Args:
        samples: the column's text cells (other cells are ignored).

    Returns:
        The winning order, or None when no order reads more samples than the others.
    """
    fits = dict.fromkeys(DATE_ORDERS, 0)
    for sample, count in Counter(s for s in samples if isinstance(s, str)).items():
        for order in DATE_ORDERS:
            if parse_date(sample, order).value is not None:
                fits[order] += count
    best, runner_up = sorted(DATE_ORDERS, key=fits.__getitem__, reverse=True)[:2]
    return None if fits[best] == fits[runner_up] else best


def excel_serial_to_date(serial: int, *, date1904: bool = False) -> dt.date | None:
    """Return the date of an Excel serial number, or None for 29 February 1900 and out of range.

    Args:
        serial: whole days as Excel counts them (1 is 1900-01-01, or 1904-01-02 when
            ``date1904``).
        date1904: count from 1904-01-01 instead of Excel's usual 1900 epoch.
    """
    if serial not in SERIAL_RANGE:
        return None
    if date1904:
        return _EPOCH_1904 + dt.timedelta(days=serial)
    if serial == 60:
        return None
    # Excel treats 1900 as a leap year: serials before its fictional 29 February are one day
    # later than counting from 1899-12-30 gives.
    return _EPOCH_1900 + dt.timedelta(days=serial + (1 if serial < 60 else 0))


@lru_cache(maxsize=65_536)
def _parse_text(text: str, order: DateOrder, date1904: bool) -> DateResult:
    if not text:
        return _EMPTY
    number = _DIGITS.fullmatch(text)
    if number is not None:
        whole, fraction = number.groups()
        if fraction is None:
            return _from_digits(text, whole, order, date1904)
        if len(whole) >= 3:  # "31.01" is a day and a month, "45123.75" a serial with a time
            return _from_serial(text, int(whole), date1904)
    if text[:4].isdigit() and text[4:5] == "-":
        iso = _from_iso_datetime(text)
        if iso is not None:
            return iso
    return _from_words(text, order)


def _from_iso_datetime(text: str) -> DateResult | None:
    try:
        return DateResult(dt.datetime.fromisoformat(text).date(), text)
    except ValueError:
        return None


def _from_words(text: str, order: DateOrder) -> DateResult:
    without_time = _TIME.sub("", text)
    numbers: list[str] = []
    months: list[int] = []
    month_first = False
    unknown = False
    for token in _TOKEN.findall(without_time):
        if token.isascii() and token.isdigit():
            numbers.append(token)
        elif (month := _MONTHS.get(token.lower())) is not None:
            months.append(month)
            month_first = not numbers
        elif token.lower() not in _NOISE:
            unknown = True
    if not numbers and not months and not unknown:
        return _EMPTY  # punctuation only, such as "-" or "/ /"
    if not months and all(int(n) == 0 for n in numbers) and not unknown:
        return _EMPTY  # 0000-00-00 and 00/00/0000: an export's way of saying "no date"
    if months and month_first:
        order = "mdy"  # "Jan 31, 24": the day follows the month, the year comes last
    result = _from_tokens(text, numbers, months, order)
    if unknown:
        return _checked_by_dateutil(result, order)
    return result


def _from_tokens(text: str, numbers: list[str], months: list[int], order: DateOrder) -> DateResult:
    if len(months) > 1 or any(len(n) > 4 for n in numbers):
        return _not_a_date(text)
    if months:
        return _with_month_name(text, numbers, months[0], order)
    if len(numbers) == 3:
        return _numeric(text, (numbers[0], numbers[1], numbers[2]), order)
    if len(numbers) == 2:
        if any(len(n) == 4 for n in numbers):
            return DateResult(None, text, f"'{text}' has a month and year but no day")
        return DateResult(None, text, f"'{text}' is not a complete date")
    return _not_a_date(text)


def _with_month_name(text: str, numbers: list[str], month: int, order: DateOrder) -> DateResult:
    if len(numbers) == 1:
        if len(numbers[0]) == 4:
            return DateResult(None, text, f"'{text}' has a month and year but no day")
        return DateResult(None, text, f"'{text}' has no year")
    if len(numbers) != 2:
        return _not_a_date(text)
    first, second = numbers
    if len(first) == 4 or (order == "ymd" and len(second) <= 2):
        year, day = first, second
    else:
        day, year = first, second
    if len(day) > 2:
        return _not_a_date(text)
    value = _make_date(_full_year(year), month, int(day))
    if value is None:
        return DateResult(None, text, f"'{text}' is not a real date")
    return DateResult(value, text)


def _numeric(text: str, parts: tuple[str, str, str], order: DateOrder) -> DateResult:
    layout: DateOrder = "ymd" if len(parts[0]) == 4 else order
    value = _reading(parts, layout)
    if value is not None:
        return DateResult(value, text)
    for other in DATE_ORDERS:
        if other != layout and (alternative := _reading(parts, other)) is not None:
            return DateResult(
                None,
                text,
                f"'{text}' is not a real {_ORDER_NAMES[layout]} date; "
                f"as {_ORDER_NAMES[other]} it would be {spell_date(alternative)}",
                alternative,
            )
    return DateResult(None, text, f"'{text}' is not a real date")


def _reading(parts: tuple[str, str, str], layout: DateOrder) -> dt.date | None:
    by_field = dict(zip(layout, parts, strict=True))
    year, month, day = by_field["y"], by_field["m"], by_field["d"]
    if len(year) not in (2, 4) or len(month) > 2 or len(day) > 2:
        return None
    return _make_date(_full_year(year), int(month), int(day))


def _from_digits(text: str, digits: str, order: DateOrder, date1904: bool) -> DateResult:
    if len(digits) == 8:
        compact = _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if compact is not None and 1800 <= compact.year < 2200:
            return DateResult(compact, text)
        if order != "ymd":
            return _numeric(text, (digits[:2], digits[2:4], digits[4:]), order)
        return DateResult(None, text, f"'{text}' is not a real date")
    if len(digits) == 6:
        return _numeric(text, (digits[:2], digits[2:4], digits[4:]), order)
    if len(digits) == 4 and int(digits) in YEAR_ONLY_RANGE:
        return DateResult(None, text, f"'{text}' is a year, not a full date")
    if len(digits) <= 5:
        return _from_serial(text, int(digits), date1904)
    return _not_a_date(text)


def _from_float(value: float, order: DateOrder, date1904: bool) -> DateResult:
    if math.isnan(value):
        return _EMPTY  # how some readers say "blank"
    text = clean_text(value) or str(value)
    if not math.isfinite(value) or value < 0:
        return _not_a_date(text)
    if value.is_integer():
        return _parse_text(text, order, date1904)
    return _from_serial(text, math.floor(value), date1904)  # the fraction is a time of day


def _from_serial(text: str, serial: int, date1904: bool) -> DateResult:
    value = excel_serial_to_date(serial, date1904=date1904)
    if value is not None:
        return DateResult(value, text)
    if serial == 60 and not date1904:
        return DateResult(None, text, f"'{text}' is 29 February 1900 in Excel, which never was")
    return _not_a_date(text)


def _checked_by_dateutil(result: DateResult, order: DateOrder) -> DateResult:
    """Accept unknown words only when dateutil reads the whole text to the same date."""
    try:
        first, second = (
            dateutil_parser.parse(
                result.raw,
                dayfirst=order == "dmy",
                yearfirst=order == "ymd",
                default=default,  # a part missing from the text shows as a difference
                ignoretz=True,
            )
            for default in _DEFAULTS
        )
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return _not_a_date(result.raw)
    if first != second:
        return DateResult(None, result.raw, f"'{result.raw}' is not a complete date")
    if result.value is not None and first.date() != result.value:
        return _not_a_date(result.raw)
    return result


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12 and day >= 1):
        return None
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day > _DAYS_IN_MONTH[month - 1] + leap:
        return None
    return dt.date(year, month, day)


def _full_year(year: str) -> int:
    if len(year) != 2:
        return int(year) if len(year) == 4 else 0
    full = TWO_DIGIT_YEAR_START // 100 * 100 + int(year)
    return full + 100 if full < TWO_DIGIT_YEAR_START else full


def _not_a_date(text: str) -> DateResult:
    return DateResult(None, text, f"'{text}' is not a date")


def spell_date(value: dt.date) -> str:
    """Write a date so no reader can take it in the wrong order: ``13 January 2024``."""
    return f"{value.day} {_MONTH_SPELLING[value.month - 1]} {value.year}"


def forget_readings() -> None:
    """Forget the dates read so far (kept for speed)."""
    _parse_text.cache_clear()
