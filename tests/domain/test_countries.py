"""Countries as rosters type them, read through pycountry: names in English and other
languages, ISO codes, everyday short forms; what cannot be told apart reads as nothing."""

from __future__ import annotations

import pytest

from member_reach.domain.countries import country_code, country_key, country_name


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        # English, as a membership plugin's export wrote 74 of 100 rows
        ("Chile", "CL"),
        ("Bulgaria", "BG"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("United States of America", "US"),
        ("Bolivia", "BO"),
        ("Iran", "IR"),
        ("Taiwan", "TW"),
        # German
        ("Deutschland", "DE"),
        ("Frankreich", "FR"),
        ("Vereinigtes Königreich", "GB"),
        ("Österreich", "AT"),
        ("Südkorea", "KR"),
        # French
        ("Allemagne", "DE"),
        ("États-Unis", "US"),
        ("Royaume-Uni", "GB"),
        ("Suisse", "CH"),
        ("Corée du Sud", "KR"),
        # other languages and scripts
        ("Alemania", "DE"),
        ("Niemcy", "DE"),
        ("España", "ES"),
        ("日本", "JP"),
        # codes, case, accents, punctuation, a leading "the"
        ("de", "DE"),
        ("DEU", "DE"),
        ("usa", "US"),
        ("U.S.A.", "US"),
        ("COTE D'IVOIRE", "CI"),
        ("The Netherlands", "NL"),
        # everyday names no ISO list holds
        ("UK", "GB"),
        ("England", "GB"),
        ("Holland", "NL"),
        ("South Korea", "KR"),
        ("Russia", "RU"),
    ],
)
def test_a_country_is_read_in_the_words_a_roster_uses(typed: str, code: str) -> None:
    assert country_code(typed) == code


@pytest.mark.parametrize("typed", ["Atlantis", "xx", "", "  ", "Virgin Islands", "12345"])
def test_what_is_no_country_or_two_reads_as_none(typed: str) -> None:
    assert country_code(typed) is None


def test_a_name_is_compared_without_case_accents_or_punctuation() -> None:
    assert country_key("  Côte d’Ivoire ") == country_key("COTE D IVOIRE") == "cote d ivoire"


def test_a_code_is_named_in_everyday_english() -> None:
    assert [country_name(c) for c in ("VN", "KR", "GB", "zz")] == [
        "Vietnam",
        "South Korea",
        "United Kingdom",
        "zz",
    ]
