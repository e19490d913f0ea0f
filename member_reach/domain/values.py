"""Small roster values: yes/no flags, money, countries."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

import phonenumbers

_YES: Final = frozenset(
    {"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "ja", "oui", "si", "sí"}
)
_NO: Final = frozenset({"no", "n", "false", "f", "0", "off", "nein", "non", ""})


def parse_flag(value: object) -> bool | None:
    """Read a yes/no cell: True, False, or None when it is neither (e.g. "maybe")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    text = "" if value is None else str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


_MONEY_JUNK = re.compile(r"[^\d.,\-]")
# The number of an amount: what lies around it is a currency sign or code, never a digit.
_MONEY_NUMBER = re.compile(r"\d[\d.,'\s]*")
_DIGIT = re.compile(r"\d")
_MONEY_LIMIT: Final = Decimal("1e10")  # Numeric(12, 2)


def parse_money(value: object) -> Decimal | None:
    """Read an amount: ``195``, ``"$1,234.50"``, ``"1.234,50 €"``, ``"(25.00)"``.

    A currency sign or code may stand before or after the number, never inside it (``1e5`` is
    no amount); an amount is under ten billion, as the database holds it.

    Raises:
        ValueError: the text holds no amount, or one too large.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = str(value)
        amount = _decimal(str(value), text)
    else:
        text = str(value).strip()
        if not text:
            return None
        number = _MONEY_NUMBER.search(text)
        if number is None or _DIGIT.search(text, number.end()):
            raise ValueError(f"'{text}' is not an amount")
        negative = text.startswith("(") and text.endswith(")")
        digits = _MONEY_JUNK.sub("", text)
        last_dot, last_comma = digits.rfind("."), digits.rfind(",")
        if last_comma > last_dot and len(digits) - last_comma - 1 in (1, 2):
            digits = digits.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            digits = digits.replace(",", "")  # 1,234.50
        amount = _decimal(digits, text)
        amount = -amount if negative else amount
    if abs(amount) >= _MONEY_LIMIT:
        raise ValueError(f"'{text}' is too large an amount")
    return amount


def _decimal(digits: str, text: str) -> Decimal:
    try:
        amount = Decimal(digits)
        if not amount.is_finite():
            raise InvalidOperation
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # not a number, infinite, or too many digits to quantize
        raise ValueError(f"'{text}' is not an amount") from None


_COUNTRY_NAMES: Final[dict[str, str]] = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "u s a": "US",
    "u s": "US",
    "america": "US",
    "canada": "CA",
    "united kingdom": "GB",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "ireland": "IE",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "australia": "AU",
    "new zealand": "NZ",
    "netherlands": "NL",
    "the netherlands": "NL",
    "holland": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "austria": "AT",
    "spain": "ES",
    "espana": "ES",
    "italy": "IT",
    "italia": "IT",
    "portugal": "PT",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "poland": "PL",
    "mexico": "MX",
    "brazil": "BR",
    "india": "IN",
    "japan": "JP",
    "china": "CN",
    "singapore": "SG",
    "south africa": "ZA",
    "nigeria": "NG",
    "kenya": "KE",
    "ghana": "GH",
    "israel": "IL",
    "united arab emirates": "AE",
    "uae": "AE",
    "philippines": "PH",
    "hong kong": "HK",
    "south korea": "KR",
    "korea": "KR",
}
_ISO3: Final[dict[str, str]] = {
    "usa": "US",
    "can": "CA",
    "gbr": "GB",
    "irl": "IE",
    "deu": "DE",
    "fra": "FR",
    "aus": "AU",
    "nzl": "NZ",
    "nld": "NL",
    "bel": "BE",
    "che": "CH",
    "aut": "AT",
    "esp": "ES",
    "ita": "IT",
    "mex": "MX",
    "ind": "IN",
    "jpn": "JP",
    "zaf": "ZA",
}


@lru_cache(maxsize=1024)
def country_code(text: str) -> str | None:
    """Return the ISO 3166 alpha-2 code of a country name or code, or None if unknown."""
    key = " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())
    if not key:
        return None
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    if key in _ISO3:
        return _ISO3[key]
    if len(key) == 2 and key.upper() in phonenumbers.SUPPORTED_REGIONS:
        return key.upper()
    return None


#: The largest record number a database holds (PostgreSQL's integer; SQLite's is larger).
MAX_RECORD_NUMBER: Final = 2**31 - 1


def record_number(text: str) -> int | None:
    """A record's number as typed ("42"): None for anything else, or a number no record has.

    Only ASCII digits count ("²" is a digit to Python, not a number to int()); a number past
    :data:`MAX_RECORD_NUMBER` names no record on any database (PostgreSQL would refuse it).
    """
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 10:
        return None
    number = int(digits)
    return number if 0 < number <= MAX_RECORD_NUMBER else None
