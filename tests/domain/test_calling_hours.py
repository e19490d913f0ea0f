"""Calling hours: a member's zone from the phone and address, and whether to call now."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.domain.calling_hours import (
    callable_now,
    local_time,
    next_callable,
    phone_time_zones,
    suggested_callback,
    utc_to_wall_time,
    wall_time_to_utc,
)

NY = "+16465550100"
LA = "+13105550100"
LONDON = "+442079460000"
TOLL_FREE = "+18005550100"


def utc(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, minute)  # November: New York is UTC-5


def test_zones_from_the_phone() -> None:
    assert phone_time_zones(NY) == ("America/New_York",)
    assert phone_time_zones(LONDON) == ("Europe/London",)
    assert len(phone_time_zones(TOLL_FREE)) > 10
    assert phone_time_zones("+15555550100") == ()  # phonenumbers does not know this one


def test_local_time() -> None:
    where = local_time(utc(13), NY)
    assert where.known and where.local is not None and where.local.hour == 8
    assert local_time(utc(13), LA).local.hour == 5  # type: ignore[union-attr]


def test_the_address_chooses_between_a_toll_free_numbers_zones() -> None:
    assert not local_time(utc(13), TOLL_FREE).known
    chosen = local_time(utc(13), TOLL_FREE, "BC")
    assert chosen.known and chosen.zones == ("America/Vancouver",)
    # ... but never overrides the zone a local number gives.
    assert local_time(utc(13), NY, "CA").zones == ("America/New_York",)
    assert local_time(utc(13), None, "TX").zones == ("America/Chicago",)
    assert not local_time(utc(13), None, "").known


@pytest.mark.parametrize(
    ("now", "number", "expected"),
    [
        (utc(12, 59), NY, False),  # 07:59 in New York
        (utc(13), NY, True),  # 08:00
        (utc(1, 59), NY, True),  # 20:59 the day before
        (utc(2), NY, False),  # 21:00
        (utc(13), LA, False),  # 05:00 in Los Angeles
        (utc(16), LA, True),
        (utc(13), LONDON, True),
        (utc(22), LONDON, False),
    ],
)
def test_callable_now(now: dt.datetime, number: str, expected: bool) -> None:
    assert callable_now(now, phone_time_zones(number), 8, 21) is expected


def test_an_unknown_zone_is_never_callable_now() -> None:
    assert callable_now(utc(15), (), 8, 21) is False
    # A toll-free number might be in Guam or Honolulu: no hour suits every zone.
    assert callable_now(utc(15), phone_time_zones(TOLL_FREE), 8, 21) is False


# --- when the member can next be rung, and times on their clock --------------------------------

NEW_YORK = ("America/New_York",)
DELHI = ("Asia/Kolkata",)  # UTC+5:30: its hours start on the half hour UTC


def test_next_callable_is_now_within_hours() -> None:
    now = dt.datetime(2026, 12, 4, 15, 7)  # 10:07 in New York
    assert next_callable(now, NEW_YORK, 9, 20) == now


def test_next_callable_waits_for_the_morning_there() -> None:
    night = dt.datetime(2026, 12, 4, 3, 7)  # 22:07 in New York the day before
    assert next_callable(night, NEW_YORK, 9, 20) == dt.datetime(2026, 12, 4, 14, 0)  # 9:00 EST


def test_next_callable_on_a_half_hour_zone() -> None:
    night = dt.datetime(2026, 12, 4, 18, 0)  # 23:30 in Delhi
    assert next_callable(night, DELHI, 9, 20) == dt.datetime(2026, 12, 5, 3, 30)  # 9:00 IST


def test_next_callable_needs_a_known_zone() -> None:
    assert next_callable(dt.datetime(2026, 12, 4, 3, 0), (), 9, 20) is None
    assert next_callable(dt.datetime(2026, 12, 4, 3, 0), ("Nowhere/Atlantis",), 9, 20) is None


def test_wall_time_round_trip_across_daylight_saving() -> None:
    summer = dt.datetime(2026, 7, 1, 14, 0)
    winter = dt.datetime(2026, 12, 1, 14, 0)
    assert wall_time_to_utc(summer, "America/New_York") == dt.datetime(2026, 7, 1, 18, 0)
    assert wall_time_to_utc(winter, "America/New_York") == dt.datetime(2026, 12, 1, 19, 0)
    assert utc_to_wall_time(dt.datetime(2026, 12, 1, 19, 0), "America/New_York") == winter


def test_suggested_callback_two_hours_on_within_hours() -> None:
    now = dt.datetime(2026, 12, 4, 15, 7)  # 10:07 in New York: 12:30 there
    assert suggested_callback(now, "America/New_York", 9, 20) == dt.datetime(2026, 12, 4, 17, 30)


def test_suggested_callback_late_in_the_day_is_next_morning() -> None:
    now = dt.datetime(2026, 12, 4, 23, 0)  # 18:00 in New York: 20:00 is past the hours
    assert suggested_callback(now, "America/New_York", 9, 20) == dt.datetime(2026, 12, 5, 15, 0)


def test_suggested_callback_early_morning_is_the_same_day() -> None:
    now = dt.datetime(2026, 12, 4, 10, 0)  # 05:00 in New York: 07:00 is before the hours
    assert suggested_callback(now, "America/New_York", 9, 20) == dt.datetime(2026, 12, 4, 15, 0)
