from __future__ import annotations

import datetime as dt
import math

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import assume, example, given
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from member_reach.domain.contacts import (
    EmailResult,
    PhoneResult,
    clean_text,
    clean_texts,
    normalize_email,
    normalize_phone,
    split_emails,
)
from member_reach.domain.phone_fillers import is_phone_filler

# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("", ""),
        ("Ada", "Ada"),
        ("  Ada  Lovelace \t", "Ada Lovelace"),
        ("\u00a0Ada\u202fLovelace\u200b", "Ada Lovelace"),  # non-breaking and zero-width spaces
        ("\ufeffAda", "Ada"),  # a byte-order mark left at the start of a CSV
        ("Ada\r\nLovelace", "Ada Lovelace"),
        ("'+44 20 7946 0000", "+44 20 7946 0000"),  # an export's text marker
        ("'-5", "-5"),
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'@handle", "@handle"),
        ("'0123", "0123"),
        ("  '0123 ", "0123"),
        ("'Twas", "'Twas"),  # a real apostrophe stays
        ("O'Brien", "O'Brien"),
        ("'", "'"),
        (6465550175, "6465550175"),
        (6465550175.0, "6465550175"),
        (150.5, "150.5"),
        (0.1 + 0.2, "0.3"),  # as Excel shows it
        (math.nan, ""),
        (True, "TRUE"),
        (dt.date(2024, 1, 31), "2024-01-31"),
        (dt.datetime(2024, 1, 31), "2024-01-31"),
        (dt.datetime(2024, 1, 31, 10, 30), "2024-01-31 10:30:00"),
    ],
)
def test_clean_text(cell: object, text: str) -> None:
    assert clean_text(cell) == text


@given(st.text())
def test_clean_text_is_trimmed_and_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert clean_text(cleaned) == cleaned or cleaned.startswith("'")


@given(st.lists(st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.dates())))
def test_clean_texts_of_a_column_is_clean_text_of_each_cell(cells: list[object]) -> None:
    assert clean_texts(cells) == [clean_text(cell) for cell in cells]


# --- phones: real-world cells -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "region", "e164", "repaired", "extension"),
    [
        ("(646) 555-0175", "US", "+16465550175", False, ""),
        ("646.555.0175", "US", "+16465550175", False, ""),
        ("1-646-555-0175", "US", "+16465550175", False, ""),
        ("+1 646 555 0175", "GB", "+16465550175", False, ""),
        ("(416) 555-0123", "US", "+14165550123", False, ""),  # Canada, read under US rules
        ("416-555-0123", "CA", "+14165550123", False, ""),
        ("020 7946 0000", "GB", "+442079460000", False, ""),
        ("+44 (0)20 7946 0000", "US", "+442079460000", False, ""),
        ("0044 20 7946 0000", "US", "+442079460000", False, ""),  # 00 is no damage
        ("011 44 20 7946 0000", "US", "+442079460000", False, ""),
        ("'+44 20 7946 0000", "US", "+442079460000", False, ""),
        ("07400 123456", "GB", "+447400123456", False, ""),
        ("030/901820", "DE", "+4930901820", False, ""),
        ("030 901820", "DE", "+4930901820", False, ""),
        ("+49 (0)30 901820", "US", "+4930901820", False, ""),
        ("01512 3456789", "DE", "+4915123456789", False, ""),
        ("(02) 1234 5678", "AU", "+61212345678", False, ""),
        ("0412 345 678", "AU", "+61412345678", False, ""),
        ("+61 412 345 678", "US", "+61412345678", False, ""),
        ("01 23 45 67 89", "FR", "+33123456789", False, ""),
        ("06.12.34.56.78", "FR", "+33612345678", False, ""),
        ("+33 6 12 34 56 78", "DE", "+33612345678", False, ""),
        ("06 1234 5678", "IT", "+390612345678", False, ""),
        ("tel:+1-646-555-0175", "US", "+16465550175", False, ""),
        ("(646) 555-0175 x123", "US", "+16465550175", False, "123"),
        ("646-555-0175 ext. 123", "US", "+16465550175", False, "123"),
        ("020 7946 0000 ext 4", "GB", "+442079460000", False, "4"),
        ("2079460000", "US", "+12079460000", False, ""),  # valid in the US: never "repaired"
        # numeric cells: Excel dropped the leading zero or plus
        (6465550175, "US", "+16465550175", False, ""),
        (6465550175.0, "US", "+16465550175", False, ""),
        (16465550175, "US", "+16465550175", False, ""),
        (2079460000, "GB", "+442079460000", False, ""),  # phonenumbers reads it without the 0
        (412345678, "AU", "+61412345678", False, ""),
        (612345678, "IT", "+390612345678", True, ""),  # Italy's 0 is part of the number
        (442079460000, "US", "+442079460000", True, ""),  # not a US number; +44 is
        ("442079460000", "US", "+442079460000", True, ""),
        ("33612345678", "US", "+33612345678", True, ""),
        ("61412345678", "US", "+61412345678", True, ""),
        ("6.465550175E+09", "US", "+16465550175", True, ""),  # scientific, every digit kept
        ("6,465550175E+09", "DE", "+496465550175", True, ""),  # a decimal comma
        ("4.42079460000E+11", "US", "+442079460000", True, ""),
        ("6465550175.0", "US", "+16465550175", True, ""),
    ],
)
def test_phones(
    cell: object, region: str, e164: str | None, repaired: bool, extension: str
) -> None:
    result = normalize_phone(cell, region)
    assert (result.e164, result.repaired, result.extension) == (e164, repaired, extension)
    assert result.original == clean_text(cell)
    assert (result.problem == "") == (e164 is not None)


@pytest.mark.parametrize(
    ("cell", "region", "problem"),
    [
        ("555-12", "US", "'555-12' is not a valid phone number (too short)"),
        ("555-1234", "US", "'555-1234' is not a valid phone number"),
        ("12345678901234567890", "US", "'12345678901234567890' is not a valid phone number"),
        ("+999 123", "US", "'+999 123' is not a valid phone number"),
        ("call reception", "US", "'call reception' is not a valid phone number"),
        ("0800 ASK", "US", "'0800 ASK' is not a valid phone number"),
        (True, "US", "'TRUE' is not a valid phone number"),
        (
            "6.46555E+09",
            "US",
            "'6.46555E+09' lost its last digits to Excel's scientific notation; "
            "export the column as text",
        ),
        ("6.4655501751E+09", "US", "'6.4655501751E+09' is not a valid phone number"),
        (
            "646-555-0175 / 646-555-0176",
            "US",
            "'646-555-0175 / 646-555-0176' holds 2 phone numbers, not one",
        ),
        (
            "646-555-0175; 212-555-0199",
            "US",
            "'646-555-0175; 212-555-0199' holds 2 phone numbers, not one",
        ),
        ("646 555 0175", "XX", "'646 555 0175' is not a valid phone number"),  # unknown region
        (  # ten digits could be a mistyped US number as well as Berlin without its +
            "4930901820",
            "US",
            "'4930901820' is not a valid phone number; with a + it would be +4930901820",
        ),
    ],
)
def test_phones_that_are_flagged(cell: object, region: str, problem: str) -> None:
    result = normalize_phone(cell, region)
    assert (result.e164, result.problem) == (None, problem)
    assert result.original == clean_text(cell)


def test_a_lost_zero_and_a_lost_plus_that_both_fit_is_uncertain() -> None:
    # Not valid in Italy as written; valid as 0534… (Italy) and as +53 48… (Cuba): no guessing.
    result = normalize_phone(5348839761, "IT")
    assert (result.e164, result.repaired) == (None, False)
    assert result.problem == (
        "'5348839761' is uncertain: +3905348839761 if Excel dropped a leading 0, "
        "+5348839761 if it dropped a leading +"
    )


@pytest.mark.parametrize("cell", [None, "", "  ", "\u200b", math.nan])
def test_empty_phone(cell: object) -> None:
    assert normalize_phone(cell, "US") == PhoneResult("", None, "", False, "")


@pytest.mark.parametrize(
    "cell",
    ["n/a", "N/A", "NA", "none", "None", "-", "--", "—", ".", "?", "tbd", "TBA", "unknown",
     "not known", "Unknown.", "no phone", "null", "x", "XXX", "0", 0, 0.0, "000-000-0000",
     "(000) 000-0000", "0000000000", "999-999-9999", "123-456-7890", "+1 000 000 0000"],
)  # fmt: skip
def test_filler_in_a_phone_column_is_no_phone(cell: object) -> None:
    """What a column filled in for the sake of it holds: empty, and no problem to report."""
    assert normalize_phone(cell, "US") == PhoneResult("", None, "", False, "")


@pytest.mark.parametrize(
    ("cell", "e164"),
    [("+1 646 555 0100", "+16465550100"), ("020 7000 0000", "+442070000000"),
     ("1 800 555 0199", "+18005550199"), ("212 456 7890", "+12124567890")],
)  # fmt: skip
def test_numbers_with_zeros_or_counting_digits_are_still_numbers(cell: str, e164: str) -> None:
    region = "GB" if cell.startswith("020") else "US"
    assert normalize_phone(cell, region).e164 == e164


def test_region_is_case_insensitive() -> None:
    assert normalize_phone("020 7946 0000", "gb").e164 == "+442079460000"


# --- phones: properties -----------------------------------------------------------------------

REGIONS = ["US", "CA", "GB", "DE", "FR", "AU", "IT", "ES", "NL", "IE", "NZ", "CH", "BE", "AT"]
REGIONS += ["SE", "MX", "BR", "IN", "JP", "AR", "ZA", "SG", "HK", "PL", "PT", "DK", "NO", "FI"]
TYPES = [
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.VOIP,
    PhoneNumberType.UAN,
]
EXAMPLES = [
    (region, number)
    for region in REGIONS
    for kind in TYPES
    if (number := phonenumbers.example_number_for_type(region, kind)) is not None
]
EVERY_REGIONS_EXAMPLES = [
    (region, number)
    for region in sorted(phonenumbers.SUPPORTED_REGIONS)
    for kind in [*TYPES, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST]
    if (number := phonenumbers.example_number_for_type(region, kind)) is not None
]


@given(
    st.sampled_from(EXAMPLES),
    st.sampled_from(
        [PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164]
    ),
    st.sampled_from(REGIONS),
)
def test_example_numbers_round_trip_in_every_format(
    example_number: tuple[str, phonenumbers.PhoneNumber], style: int, other_region: str
) -> None:
    region, number = example_number
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    text = phonenumbers.format_number(number, style)
    reading_region = region if style == PhoneNumberFormat.NATIONAL else other_region
    result = normalize_phone(text, reading_region)
    assert (result.e164, result.problem, result.repaired) == (e164, "", False), text


def reference(text: str, region: str) -> str | None:
    """What phonenumbers itself says, with no repairs."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


@st.composite
def near_valid_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """Example numbers, perturbed: digits changed, added or dropped, prefixes, formatting."""
    region, number = draw(st.sampled_from(EVERY_REGIONS_EXAMPLES))
    digits = list(phonenumbers.national_significant_number(number))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(digits) - 1))
        action = draw(st.sampled_from(["change", "insert", "delete"]))
        if action == "delete" and len(digits) > 3:
            del digits[at]
        else:
            digit = draw(st.sampled_from("0123456789"))
            digits[at : at + (action == "change")] = [digit]
    body = "".join(digits)
    prefix = draw(st.sampled_from(["", "0", "1", "00", f"+{number.country_code}", "+"]))
    spaced = draw(st.booleans())
    text = prefix + (" ".join([body[:3], body[3:6], body[6:]]).strip() if spaced else body)
    return text, draw(st.sampled_from([region, *REGIONS[:6]]))


@given(near_valid_numbers())
@example(("2079460000", "GB"))
@example(("0612345678", "IT"))
@example(("18001234567", "US"))
@example(("+0462345678", "CA"))  # no country code starts with 0 (not Sweden's 46)
@example(("01599123456", "IL"))  # 015 is how Israel dials abroad, not a national prefix
def test_phonenumbers_decides_whenever_it_can(case: tuple[str, str]) -> None:
    """A number phonenumbers accepts is read exactly so (fast path included), never repaired."""
    text, region = case
    expected = reference(text, region)
    result = normalize_phone(text, region)
    if expected is not None:
        assert (result.e164, result.problem, result.repaired) == (expected, "", False)
    elif result.e164 is not None:
        assert result.repaired or text.replace(" ", "").startswith("00")
        assert phonenumbers.is_valid_number(phonenumbers.parse(result.e164))
    elif is_phone_filler(text):  # 1234567890 in the US: not a number, filler
        assert result == PhoneResult("", None, "", False, "")
    else:
        assert result.problem.startswith(f"'{text}' ")


@given(st.text(max_size=30), st.sampled_from(REGIONS))
def test_any_text_gives_a_number_or_a_reason(text: str, region: str) -> None:
    result = normalize_phone(text, region)
    if is_phone_filler(clean_text(text)):  # "n/a", "-": no phone at all
        assert result == PhoneResult("", None, "", False, "")
        return
    assert result.original == clean_text(text)
    assert (result.e164 is None) == bool(result.problem) or not result.original


# --- e-mail -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "address"),
    [
        ("ada@example.org", "ada@example.org"),
        ("Ada.Lovelace@Example.ORG", "Ada.Lovelace@example.org"),  # the local part as written
        ("  ada@example.org\u00a0", "ada@example.org"),
        ("mailto:ada@example.org", "ada@example.org"),
        ("MAILTO:ada@example.org?subject=Renewal", "ada@example.org"),
        ("Ada Lovelace <ada@example.org>", "ada@example.org"),
        ('"Lovelace, Ada" <ada@Example.org>', "ada@example.org"),
        ("<ada@example.org>", "ada@example.org"),
        ("o'brien+renewals@example.co.uk", "o'brien+renewals@example.co.uk"),
        ("ADA@München.de", "ADA@münchen.de"),
        ("ada@xn--mnchen-3ya.de", "ada@münchen.de"),
        ("", ""),
        (None, ""),
    ],
)
def test_emails(cell: object, address: str) -> None:
    assert normalize_email(cell) == EmailResult(address, "")


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("ada@", "'ada@' is not a valid e-mail address (there must be something after the @-sign)"),
        ("ada", "'ada' is not a valid e-mail address"),
        ("ada@example", "'ada@example' is not a valid e-mail address"),
        ("ada..l@example.org", "'ada..l@example.org' is not a valid e-mail address"),
        ("ada lovelace@example.org", "'ada lovelace@example.org' is not a valid e-mail address"),
        ("ada@example.org.", "'ada@example.org.' is not a valid e-mail address"),
        ("ada@site.test", "'ada@site.test' is not a valid e-mail address"),
        ("ada@-example.org", "'ada@-example.org' is not a valid e-mail address"),
        ("a@b.org; c@d.org", "'a@b.org; c@d.org' holds 2 e-mail addresses, not one"),
    ],
)
def test_emails_that_are_flagged(cell: str, problem: str) -> None:
    result = normalize_email(cell)
    assert result.address == ""
    assert result.problem.startswith(problem)


@pytest.mark.parametrize(
    ("cell", "pieces"),
    [
        (None, []),
        ("", []),
        ("ada@example.org", ["ada@example.org"]),
        ("a@b.org; c@d.org", ["a@b.org", "c@d.org"]),
        ("a@b.org,c@d.org,", ["a@b.org", "c@d.org"]),
        ("a@b.org\nc@d.org", ["a@b.org", "c@d.org"]),
        ("a@b.org c@d.org", ["a@b.org", "c@d.org"]),
        (
            "Lovelace, Ada <ada@x.org>; Bob <bob@y.org>",
            ["Lovelace, Ada <ada@x.org>", "Bob <bob@y.org>"],
        ),
        ('"Lovelace, Ada" <ada@x.org>, b@c.org', ['"Lovelace, Ada" <ada@x.org>', "b@c.org"]),
        ("Ada Lovelace <ada@x.org>", ["Ada Lovelace <ada@x.org>"]),
    ],
)
def test_split_emails(cell: object, pieces: list[str]) -> None:
    assert split_emails(cell) == pieces
    assert all(not normalize_email(piece).problem for piece in pieces)


def ev_reference(text: str) -> EmailResult:
    try:
        return EmailResult(validate_email(text, check_deliverability=False).normalized)
    except EmailNotValidError:
        return EmailResult("", "any")


atext = st.sampled_from("abcXYZ019!#$%&'*+/=?^_`{|}~-.")
labels = st.text(st.sampled_from("abcXYZ019-"), min_size=1, max_size=8)


@given(
    st.text(atext, min_size=1, max_size=70),
    st.lists(labels, min_size=1, max_size=3),
    st.sampled_from(["org", "COM", "co.uk", "de", "test", "c1", "x"]),
)
@example("ada", ["example"], "org")
@example("a" * 64, ["example"], "org")
def test_fast_email_path_agrees_with_email_validator(
    local: str, domain_labels: list[str], tld: str
) -> None:
    text = f"{local}@{'.'.join(domain_labels)}.{tld}"
    assume("<" not in text and "," not in text and ";" not in text)
    expected = ev_reference(clean_text(text))  # "'@…" loses its export apostrophe first
    result = normalize_email(text)
    assert result.address == expected.address
    assert bool(result.problem) == bool(expected.problem)


@given(st.emails())
def test_generated_addresses_are_accepted(address: str) -> None:
    expected = ev_reference(clean_text(address))
    assert normalize_email(address).address == expected.address
