"""A moment stored in UTC as the person at the keyboard reads it, beside the member's own time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from member_reach.domain.calling_hours import utc_to_wall_time
from member_reach.ui.core.labels import date_time_text, time_text

_CONTEXT = "local_time"


def _mine(moment: dt.datetime) -> dt.datetime:
    """A UTC time (naive) as this computer's clock shows it (naive)."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def day_and_time(moment: dt.datetime) -> str:
    """A wall-clock moment in the system's short formats, as every date of the window."""
    return date_time_text(moment)


def member_time(moment: dt.datetime, zone: str) -> str:
    """A UTC time by the member's clock ("23 Nov 16:00"); "... your time" if theirs is unknown."""
    if zone:
        return day_and_time(utc_to_wall_time(moment, zone))
    text = QCoreApplication.translate(_CONTEXT, "{moment} your time")
    return text.format(moment=day_and_time(_mine(moment)))


def member_and_local_time(moment: dt.datetime, zone: str) -> str:
    """A callback time in the member's time, with this computer's beside it when they differ.

    "23 Nov 16:00 their time (05:00 yours)"; this computer's alone when the member's zone is
    unknown or keeps the same time.
    """
    mine = _mine(moment)
    theirs = utc_to_wall_time(moment, zone) if zone else mine
    shown = day_and_time(theirs)
    if theirs == mine:
        return shown
    yours = time_text(mine) if mine.date() == theirs.date() else day_and_time(mine)
    text = QCoreApplication.translate(_CONTEXT, "{theirs} their time ({yours} yours)")
    return text.format(theirs=shown, yours=yours)
