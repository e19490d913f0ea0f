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


def _read_e164(number: str) -> phonenumbers.PhoneNumber:
    """Read an E.164 number; without phonenumbers' parser when the split is plain.

    Country codes are prefix-free, so the first 1, 2 or 3 digits that are one give it. A
    national number with a leading zero (Italy) goes through parse(), which knows about it.

    Raises:
        phonenumbers.NumberParseException: the text is not a number.
    """
    digits = number[1:]
    if digits.isascii() and digits.isdigit() and digits[:1] != "0":
        for length in (1, 2, 3):
            code = int(digits[:length])
            if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                national = digits[length:]
                if national[:1] not in ("", "0"):
                    return phonenumbers.PhoneNumber(
                        country_code=code, national_number=int(national)
                    )
                break
    return phonenumbers.parse(number, None)


def _read(number: str) -> phonenumbers.PhoneNumber | None:
    """An E.164 number read, or None for other text (an original kept as it was typed)."""
    if not number.startswith("+"):
        return None
    try:
        return _read_e164(number)
    except phonenumbers.NumberParseException:
        return None


def _shown(number: str, parsed: phonenumbers.PhoneNumber, known_valid: bool) -> str:
    if not known_valid and not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_facts(number: str, *, known_valid: bool = False) -> PhoneFacts:
    """The display form and time zones of an E.164 number, reading it once.

    Args:
        number: the number in E.164 (other text is returned as it is, with no zone).
        known_valid: the number was checked when it was stored (skip checking it again).
    """
    parsed = _read(number)
    if parsed is None:
        return PhoneFacts(number, ())
    return PhoneFacts(_shown(number, parsed, known_valid), zones_of(parsed))


def display_phone(number: str) -> str:
    """Return an E.164 number in international format (``+1 646-555-0175``).

    Text that is not a valid E.164 number (an original kept because it could not be parsed) is
    returned unchanged.
    """
    parsed = _read(number)
    return number if parsed is None else _shown(number, parsed, known_valid=False)
