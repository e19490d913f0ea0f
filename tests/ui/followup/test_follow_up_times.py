"""A callback on the Follow-up list reads in the member's time, with the caller's beside it."""

from __future__ import annotations

import datetime as dt

from member_reach.ui.followup.follow_up_tables import member_and_local_time


def test_their_time_first_then_the_callers(qapp, in_london: None) -> None:  # type: ignore[no-untyped-def]
    moment = dt.datetime(2026, 11, 22, 15, 0)  # UTC: 10:00 in New York, 15:00 in London
    # The system's short formats (this machine's locale reads as US English).
    assert member_and_local_time(moment, "America/New_York") == (
        "11/22/26 10:00\u202fAM their time (3:00\u202fPM yours)"
    )
    assert member_and_local_time(moment, "Australia/Sydney") == (
        "11/23/26 2:00\u202fAM their time (11/22/26 3:00\u202fPM yours)"  # their next day
    )
    assert member_and_local_time(moment, "Europe/London") == "11/22/26 3:00\u202fPM"
    assert member_and_local_time(moment, "") == "11/22/26 3:00\u202fPM"  # their zone unknown
