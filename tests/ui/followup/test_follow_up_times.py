"""A callback on the Follow-up list reads in the member's time, with the caller's beside it."""

from __future__ import annotations

import datetime as dt

from member_reach.ui.followup.follow_up_tables import member_and_local_time


def test_their_time_first_then_the_callers(qapp, in_london: None) -> None:  # type: ignore[no-untyped-def]
    moment = dt.datetime(2026, 11, 22, 15, 0)  # UTC: 10:00 in New York, 15:00 in London
    assert (
        member_and_local_time(moment, "America/New_York") == "22 Nov 10:00 their time (15:00 yours)"
    )
    assert member_and_local_time(moment, "Australia/Sydney") == (
        "23 Nov 02:00 their time (22 Nov 15:00 yours)"  # their next day
    )
    assert member_and_local_time(moment, "Europe/London") == "22 Nov 15:00"
    assert member_and_local_time(moment, "") == "22 Nov 15:00"  # their zone unknown
