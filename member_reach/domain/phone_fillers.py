"""Filler typed in a phone column: "n/a", "none", "-", "000-000-0000" say there is no number.

An AMS export or a hand-kept sheet often fills a required phone column with such text. It is
read as an empty cell, not as a phone nobody can dial (and not as a problem to report). Only
text that does not read as a valid number is asked about: 123456789 is a number in Poland.
"""

from __future__ import annotations

import re
from typing import Final

# Words meaning "no number", compared without case, spaces or punctuation.
_WORDS: Final = frozenset(
    {
        "na",
        "nan",
        "none",
        "nil",
        "null",
        "no",
        "nophone",
        "nonumber",
        "notel",
        "tbd",
        "tba",
        "tbc",
        "unknown",
        "unk",
        "notknown",
        "notavailable",
        "notprovided",
        "notgiven",
        "notapplicable",
        "noneprovided",
        "missing",
        "blank",
        "empty",
        "same",
        "x",
        "xx",
        "xxx",
        "xxxxxxxxxx",
    }
)
_LETTERS_ONLY = re.compile(r"[^a-z]")
_FORMATTING = re.compile(r"[\s()\-./+]")
# Digits no one dials: 123-456-7890 and its shorter forms.
_COUNTING: Final = "1234567890"


def is_phone_filler(text: str) -> bool:
    """Whether a phone cell's trimmed text says there is no number.

    Filler is a word such as "n/a", "none", "tbd" or "unknown"; punctuation alone ("-", "--",
    "?", "."); a single digit repeated ("0", "000-000-0000", "999 999 9999"); or 1234567890.
    """
    if not text:
        return False
    if not any(c.isalnum() for c in text):
        return True  # "-", "--", "?", "." …
    digits = _FORMATTING.sub("", text)
    if digits.isascii() and digits.isdigit():
        return _filler_digits(digits, international=text.lstrip().startswith("+"))
    if any(c.isdigit() for c in text):
        return False
    return _LETTERS_ONLY.sub("", text.lower()) in _WORDS


def _filler_digits(digits: str, *, international: bool) -> bool:
    """One digit repeated (after a country code, for +1 000 000 0000), or 1234567890."""
    if len(set(digits)) == 1 or (len(digits) >= 7 and _COUNTING.startswith(digits)):
        return True
    national = (digits[length:] for length in (1, 2, 3)) if international else ()
    return any(len(rest) >= 4 and len(set(rest)) == 1 for rest in national)
