"""Calling hours: a member's local time, from their phone number and address, and whether to call.

phonenumbers knows the time zones a number can be in: one for a New York number, several for a
toll-free one. The address narrows them down (a US or Canadian state or province, else the
country). When the zones that remain disagree on the local hour, or none is known, the zone is
unknown: such a member is flagged, and counted as callable only in hours that are within the
calling window everywhere the number could be.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers

from member_reach.domain.phones import zones_of

# The zone most of each US state or Canadian province keeps; it only chooses between the zones a
# number may be in (a toll-free number), never overrides the one a local number gives.
_REGION_TABLE: Final = """
America/New_York: CT DE DC GA ME MD MA NH NJ NY NC OH PA RI SC VT VA WV MI IN KY
America/Chicago: AL AR IL IA LA MN MS MO OK WI TX KS NE SD ND TN
America/Denver: CO MT NM UT WY ID
America/Phoenix: AZ
America/Los_Angeles: CA NV OR WA
America/Anchorage: AK
Pacific/Honolulu: HI
America/Toronto: ON QC
America/Winnipeg: MB
America/Regina: SK
America/Edmonton: AB
America/Vancouver: BC
America/Halifax: NS NB PE
America/St_Johns: NL
"""
_REGION_ZONES: Final[dict[str, str]] = {
    code: zone.strip()
    for line in _REGION_TABLE.strip().splitlines()
    for zone, codes in [line.split(":")]
    for code in codes.split()
}


@dataclass(frozen=True)
class LocalTime:
    """A member's local time now, as far as it is known.

    Attributes:
        zones: the time zones the member may be in (one when known).
        known: whether one local time can be told.
        local: the local time now (in the first zone when unknown).
    """

    zones: tuple[str, ...]
    known: bool
    local: dt.datetime | None


@lru_cache(maxsize=8192)
def phone_time_zones(e164: str) -> tuple[str, ...]:
    """The time zones a number may be in (empty when phonenumbers does not know)."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ()
    return zones_of(parsed)


@cache  # ZoneInfo keeps only the last 8 zones alive: a list spanning more reloaded them each time
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(now_utc: dt.datetime, e164: str | None, region: str = "") -> LocalTime:
    """The member's local time now.

    Args:
        now_utc: the time now, in UTC (naive or aware).
        e164: the member's phone number, if certain.
        region: the address's state or province code ("NY", "BC"), to choose between zones.
    """
    return local_time_in(now_utc, phone_time_zones(e164) if e164 else (), region)


def region_zones(zones: tuple[str, ...], region: str) -> tuple[str, ...]:
    """The zones a number may be in, narrowed by the address's state or province ("NY", "BC")."""
    by_region = _REGION_ZONES.get(region.strip().upper())
    if by_region is not None and (not zones or by_region in zones):
        return (by_region,)
    return zones


def local_time_in(now_utc: dt.datetime, zones: tuple[str, ...], region: str = "") -> LocalTime:
    """The member's local time now, given the zones their number may be in (see local_time)."""
    zones = region_zones(zones, region)
    aware = now_utc if now_utc.tzinfo else now_utc.replace(tzinfo=dt.UTC)
    locals_ = [aware.astimezone(z) for z in filter(None, map(_zone, zones))]
    if not locals_:
        return LocalTime(zones, False, None)
    offsets = {t.utcoffset() for t in locals_}
    return LocalTime(zones, len(offsets) == 1, locals_[0])


def callable_now(
    now_utc: dt.datetime, zones: tuple[str, ...], start_hour: int, end_hour: int
) -> bool:
    """Whether it is between ``start_hour`` and ``end_hour`` in every zone the member may be in.

    A member with no known zone is never "callable now": their calls wait for a person to check.
    """
    aware = now_utc if now_utc.tzinfo else now_utc.replace(tzinfo=dt.UTC)
    found = [z for z in map(_zone, zones) if z is not None]
    if not found:
        return False
    return all(start_hour <= aware.astimezone(z).hour < end_hour for z in found)


_STEP: Final = dt.timedelta(minutes=15)  # zones differ from UTC by whole quarters of an hour
_LOOK_AHEAD: Final = dt.timedelta(days=4)  # a weekend and a holiday at most


def next_callable(
    moment_utc: dt.datetime, zones: tuple[str, ...], start_hour: int, end_hour: int
) -> dt.datetime | None:
    """The first time at or after ``moment_utc`` when the member may be called (UTC, naive).

    The moment itself when it is calling hours in every zone they may be in; else the next quarter
    hour that is; None when no zone is known (or hours never overlap within a few days).
    """
    naive = moment_utc.replace(tzinfo=None) if moment_utc.tzinfo else moment_utc
    if callable_now(naive, zones, start_hour, end_hour):
        return naive
    if not any(map(_zone, zones)):
        return None
    step = naive.replace(minute=naive.minute - naive.minute % 15, second=0, microsecond=0) + _STEP
    while step - naive <= _LOOK_AHEAD:
        if callable_now(step, zones, start_hour, end_hour):
            return step
        step += _STEP
    return None


def wall_time_to_utc(wall: dt.datetime, zone: str) -> dt.datetime:
    """A clock time in ``zone`` (naive, as read off a clock there) as UTC (naive).

    An unknown or empty zone reads it as this computer's local time.
    """
    place = _zone(zone) if zone else None
    aware = wall.replace(tzinfo=place) if place is not None else wall.astimezone()
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def utc_to_wall_time(moment_utc: dt.datetime, zone: str) -> dt.datetime:
    """A UTC time (naive) as a clock in ``zone`` shows it (naive); this computer's when unknown."""
    aware = moment_utc.replace(tzinfo=dt.UTC)
    place = _zone(zone) if zone else None
    return (aware.astimezone(place) if place is not None else aware.astimezone()).replace(
        tzinfo=None
    )


def suggested_callback(
    now_utc: dt.datetime, zone: str, start_hour: int, end_hour: int
) -> dt.datetime:
    """A sensible time to call back, in UTC (naive).

    Two hours on, on the half hour, when that is still within calling hours where the member is;
    else an hour after calling hours open there (10:00 for hours from 9), the next day or, before
    they open, the same day.
    """
    wall = utc_to_wall_time(now_utc.replace(tzinfo=None), zone)
    later = wall + dt.timedelta(hours=2)
    later = later.replace(second=0, microsecond=0) + dt.timedelta(minutes=(-later.minute) % 30)
    if later.date() == wall.date() and start_hour <= later.hour < end_hour:
        return wall_time_to_utc(later, zone)
    day = wall.date() + dt.timedelta(days=1) if wall.hour >= start_hour else wall.date()
    opening = dt.datetime.combine(day, dt.time(min(start_hour + 1, max(end_hour - 1, 0))))
    return wall_time_to_utc(opening, zone)
