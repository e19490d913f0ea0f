"""Cell values as the readers hand them out, and Excel serial dates.

python-calamine gives every number as a float (6465550175.0), empty cells as "", and dates as
``date``/``datetime`` already (it reads the number format and the workbook's date system). The
readers turn integral floats into int, so phone numbers and member ids come out as their digits,
and empty cells into None. Durations and times of day (rare in a roster) become text as a
spreadsheet shows them ("255:10:10", "09:30:00").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from member_reach.sheets.model import CellValue, Row

_EPOCH_1900 = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01 after Excel's leap-year bug
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LAST_SERIAL = 2958465  # 9999-12-31


def _duration_text(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _odd(value: object) -> CellValue:
    """Convert a value that is neither text nor a number nor a date."""
    if isinstance(value, dt.timedelta):
        return _duration_text(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float | bool | dt.date | None):
        return value
    return str(value)


def workbook_rows(source: Iterable[Sequence[Any]], first_number: int, width: int) -> Iterator[Row]:
    """Turn python-calamine rows into :class:`Row` objects.

    This is the per-cell loop of every workbook import, so it is written for speed: one class
    test per cell, and an integral check only for floats.

    Args:
        source: the raw rows, the first of which is file row ``first_number``.
        first_number: the 1-based row number of the first row.
        width: the number of header columns; rows are cut or padded to it.
    """
    number = first_number
    flt, text, duration, clock = float, str, dt.timedelta, dt.time
    padding: tuple[CellValue, ...] = (None,) * width
    for raw in source:
        cells: tuple[CellValue, ...] = tuple(
            [
                (value or None)
                if (kind := value.__class__) is text
                else (int(value) if value.is_integer() else value)
                if kind is flt
                else _odd(value)
                if kind is duration or kind is clock
                else value
                for value in raw[:width]
            ]
        )
        if len(cells) < width:
            cells += padding[len(cells) :]
        yield Row(number, cells)
        number += 1


def excel_date(serial: float, date1904: bool = False) -> dt.date | dt.datetime | None:
    """Return the date an Excel serial number stands for, as found in a date column.

    Args:
        serial: the day count (a fraction is a time of day).
        date1904: True for a workbook in the 1904 date system (:attr:`Table.date1904`).

    Returns:
        A ``date`` for a whole number, a ``datetime`` otherwise, or None when the number is
        not a plausible date (below 1, above 9999-12-31, or Excel's phantom 1900-02-29).
    """
    if not 1 <= serial <= _LAST_SERIAL:
        return None
    if date1904:
        epoch, days = _EPOCH_1904, serial
    elif serial == 60:
        return None
    else:
        epoch, days = _EPOCH_1900, (serial if serial > 60 else serial + 1)
    moment = epoch + dt.timedelta(seconds=round(days * 86400))
    if float(serial).is_integer():
        return moment.date()
    return moment
