"""Calling hours: a member's zone from the phone and address, and whether to call now."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.domain.calling_hours import callable_now, local_time, phone_time_zones

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
