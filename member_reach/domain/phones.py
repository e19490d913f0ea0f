"""Phone numbers as people read them, and the time zones they may ring in."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import timezone as phone_zones


@dataclass(frozen=True)
class PhoneFacts:
    """What the call lists show of a number.

    Attributes:
        display: the number in international format (``+1 646-555-0175``), or as given when it
            is not a valid E.164 number.
        zones: the time zones the number may be in (empty when phonenumbers does not know).
    """

    display: str
    zones: tuple[str, ...]


def zones_of(parsed: phonenumbers.PhoneNumber) -> tuple[str, ...]:
    """The time zones a parsed number may be in (empty when phonenumbers does not know)."""
    zones = phone_zones.time_zones_for_number(parsed)
    return tuple(z for z in zones if z != phone_zones.UNKNOWN_TIMEZONE)


def phone_facts(number: str) -> PhoneFacts:
    """The display form and time zones of an E.164 number, reading it once."""
    if not number.startswith("+"):
        return PhoneFacts(number, ())
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return PhoneFacts(number, ())
    zones = zones_of(parsed)
    if not phonenumbers.is_valid_number(parsed):
        return PhoneFacts(number, zones)
    return PhoneFacts(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL), zones
    )


def display_phone(number: str) -> str:
    """Return an E.164 number in international format (``+1 646-555-0175``).

    Text that is not a valid E.164 number (an original kept because it could not be parsed) is
    returned unchanged.
    """
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
