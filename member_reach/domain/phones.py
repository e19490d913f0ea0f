"""Phone numbers as people read them."""

from __future__ import annotations

import phonenumbers


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
