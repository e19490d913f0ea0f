"""The base of the command line's JSON: the one ``as_json`` and how dates and amounts read.

Each kind of result registers its form in json_out.py or json_imports.py; json_out imports both,
so importing ``as_json`` from it gives every form.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import singledispatch
from typing import Any


def iso(day: dt.date | None) -> str | None:
    """A day as ISO text (``2026-12-03``), or None."""
    return day.isoformat() if day is not None else None


def amount_text(value: Decimal | None) -> str | None:
    """An amount as text (``"195.00"``), or None."""
    return str(value) if value is not None else None


@singledispatch
def as_json(result: object) -> dict[str, Any]:
    """The command line's JSON object for a service's ``result``.

    Raises:
        TypeError: the command line prints no such result.
    """
    raise TypeError(f"The command line prints no {type(result).__name__} as JSON.")
