"""People's names from the shapes rosters give them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

_ORGANISATION: Final = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sarl|bv|nv|pty|corp|corporation|"
    r"co|company|group|holdings|associates|partners|foundation|association|society|institute|"
    r"university|college|council|agency|department|ministry|hospital|clinic|bank|trust)\.?$",
    re.IGNORECASE,
)


def looks_like_organisation(text: str) -> bool:
    """Whether a name cell holds an organisation's name ("Acme Widgets Inc", "Acme GmbH")."""
    words = text.replace(",", " ").split()
    return len(words) >= 2 and _ORGANISATION.search(words[-1]) is not None


@dataclass(frozen=True)
class PersonName:
    """A name split into parts."""

    first: str
    middle: str
    last: str


@lru_cache(maxsize=65_536)
def split_full_name(text: str) -> PersonName:
    """Split one full-name cell: ``"Dr. Ada M. Lovelace"``, ``"Lovelace, Ada"``, ``"Ada"``.

    Titles and suffixes are dropped; a single word is taken as the first name; a particle
    (``van``, ``de la``) stays with the last name.
    """
    from nameparser import HumanName  # its tables load with the first name split, not at start

    cleaned = " ".join(text.split())
    if not cleaned:
        return PersonName("", "", "")
    name = HumanName(cleaned)
    first, middle, last = str(name.first), str(name.middle), str(name.last)
    if not first and not last:
        return PersonName(cleaned, "", "")
    return PersonName(first, middle, last)
