"""A moment stored in UTC as the person at the keyboard reads it, beside the member's own time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from member_reach.domain.calling_hours import utc_to_wall_time

_CONTEXT = "local_time"


def member_and_local_time(moment: dt.datetime, zone: str) -> str:
    """A callback time in the member's time, with this computer's beside it when they differ.

    "23 Nov 16:00 their time (05:00 yours)"; this computer's alone when the member's zone is
    unknown or keeps the same time.
    """
    mine = moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    theirs = utc_to_wall_time(moment, zone) if zone else mine
    shown = f"{theirs.day} {theirs:%b %H:%M}"
    if theirs == mine:
        return shown
    yours = f"{mine:%H:%M}" if mine.date() == theirs.date() else f"{mine.day} {mine:%b %H:%M}"
    text = QCoreApplication.translate(_CONTEXT, "{theirs} their time ({yours} yours)")
    return text.format(theirs=shown, yours=yours)
