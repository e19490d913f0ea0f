"""The one clock: what day it is and what time, read from one place.

The GUI builds one :class:`Clock` at start (``--today`` fixes the day) and hands it to every page
and every service call; tests give a fixed one. Services never read the system clock deep inside
(DESIGN.md): they take ``today`` or ``now`` as parameters from a clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    """Today (this computer's date) and now (UTC, naive, as stored).

    Args:
        fixed_today: the day to count from instead of the computer's date (``--today``).
        fixed_now: the moment to use instead of the computer's time (tests).
    """

    fixed_today: dt.date | None = None
    fixed_now: dt.datetime | None = None

    def today(self) -> dt.date:
        """The day statuses, windows and figures are computed for."""
        if self.fixed_today is not None:
            return self.fixed_today
        if self.fixed_now is not None:
            return self.fixed_now.date()
        return dt.date.today()

    def now(self) -> dt.datetime:
        """The current time in UTC without tzinfo (how times are stored).

        With only the day fixed (``--today``), the time of day on that day, as the command line
        reads it: calls logged, callbacks and local times then agree with the day shown.
        """
        if self.fixed_now is not None:
            return self.fixed_now
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if self.fixed_today is not None:
            return dt.datetime.combine(self.fixed_today, now.time())
        return now

    def local_now(self) -> dt.datetime:
        """The current time on this computer's clock (file names, stamps shown to people)."""
        if self.fixed_now is not None:
            return self.fixed_now.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
        return dt.datetime.now()
