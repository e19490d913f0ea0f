"""Small roster values: yes/no flags, money, record numbers; countries (domain.countries)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from member_reach.domain.countries import country_code

__all__ = ["MAX_RECORD_NUMBER", "country_code", "parse_flag", "parse_money", "record_number"]

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
