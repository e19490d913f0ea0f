"""People's names from the shapes rosters give them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName


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
    cleaned = " ".join(text.split())
    if not cleaned:
        return PersonName("", "", "")
    name = HumanName(cleaned)
    first, middle, last = str(name.first), str(name.middle), str(name.last)
    if not first and not last:
        return PersonName(cleaned, "", "")
    return PersonName(first, middle, last)
