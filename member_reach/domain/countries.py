"""Countries as rosters type them: names in any language, ISO codes, and everyday short forms.

Names come from ISO 3166-1 through pycountry, with the translations of Debian's iso-codes
(about 160 languages: "Deutschland", "Allemagne", "Alemania" and "Niemcy" all read as DE), not
a hand list. The English names, the two- and three-letter codes and the short forms below are
looked up first; the translations are read only when a value is not found there, once per
process (about 0.3 s; a column's profile reads them for its first text that is no country
in English, a city for one).

A name two countries share once shortened ("Congo", "Virgin Islands") reads as neither.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

import pycountry

_DOMAIN: Final = "iso3166-1"

# Everyday names that neither ISO 3166-1's name nor its common name is.
_EVERYDAY: Final[dict[str, str]] = {
    "america": "US",
    "u s": "US",
    "u s a": "US",
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "holland": "NL",
    "korea": "KR",
    "russia": "RU",
    "turkey": "TR",
    "czech republic": "CZ",
    "macedonia": "MK",
    "ivory coast": "CI",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "east timor": "TL",
    "vatican": "VA",
    "vatican city": "VA",
    "uae": "AE",
    "palestine": "PS",
    "brunei": "BN",
}
_AMBIGUOUS: Final = ""


def country_key(text: str) -> str:
    """How a country is compared: case, accents, punctuation and a leading "the" ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", bare).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _short_forms(name: str) -> Iterator[str]:
    """Shorter forms people type: "Korea, Republic of" gives "Korea" and "Republic of Korea"."""
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if plain != name:
        yield plain
    if ", " in plain:
        head, tail = plain.split(", ", 1)
        yield head
        yield f"{tail} {head}"


def _add(table: dict[str, str], names: Iterable[str], code: str) -> None:
    for name in names:
        key = country_key(name)
        if key and table.setdefault(key, code) != code:
            table[key] = _AMBIGUOUS


def _names(country: object) -> list[str]:
    """A country's ISO name, and its common and official names where it has them."""
    names = (getattr(country, key, "") for key in ("name", "common_name", "official_name"))
    return [str(name) for name in names if name]


@cache
def _english() -> dict[str, str]:
    """Codes, English names (official, common, short forms) and everyday names."""
    exact: dict[str, str] = {}
    short: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = _names(country)
        _add(exact, [code, country.alpha_3, *names], code)
        _add(short, [form for name in names for form in _short_forms(name)], code)
    for key, code in short.items():
        exact.setdefault(key, code)
    exact.update(_EVERYDAY)
    return exact


@cache
def _translated() -> dict[str, str]:
    """Every country's names in every language pycountry carries.

    A catalog gives most names untranslated (the English name, looked up first anyway), and
    languages share many translations: each distinct translation is folded once.
    """
    countries = [(country.alpha_2, _names(country)) for country in pycountry.countries]
    codes_of: dict[str, set[str]] = {}
    for catalog in _catalogs():
        for code, names in countries:
            for name in names:
                local = catalog.gettext(name)
                if local != name:
                    codes_of.setdefault(local, set()).add(code)
    table: dict[str, str] = {}
    for local, codes in codes_of.items():
        for code in codes:
            _add(table, (local, *_short_forms(local)), code)
    english = _english()
    return {key: code for key, code in table.items() if key not in english}


def _catalogs() -> Iterator[gettext.GNUTranslations]:
    for mo_file in sorted(Path(pycountry.LOCALES_DIR).glob(f"*/LC_MESSAGES/{_DOMAIN}.mo")):
        with mo_file.open("rb") as data:
            yield gettext.GNUTranslations(data)


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country's name (any language) or code; None if unknown."""
    key = country_key(text)
    if not key:
        return None
    code = _english().get(key)
    if code is None:
        code = _translated().get(key)
    return code or None


def country_name(code: str) -> str:
    """A country's English everyday name ("South Korea", "Vietnam"); the code if unknown."""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
