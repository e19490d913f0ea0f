"""Qt's dates and times as Python's, typed (PySide6's ``toPython`` is typed as ``object``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime


def qdate_value(date: QDate) -> dt.date:
    """``date`` as a :class:`datetime.date`."""
    return dt.date(date.year(), date.month(), date.day())


def qdatetime_utc(moment: QDateTime) -> dt.datetime:
    """``moment`` in UTC, without tzinfo (how times are stored), to the second."""
    return dt.datetime.fromtimestamp(moment.toSecsSinceEpoch(), dt.UTC).replace(tzinfo=None)
