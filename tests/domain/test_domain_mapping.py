"""Auto-mapping real AMS export headers, profiles and name splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from member_reach.domain.columns import _EXACT, Field, guess_field, header_score, normalise_header
from member_reach.domain.mapping import (
    ColumnMapping,
    MappingError,
    auto_map,
    check_mapping,
    header_fingerprint,
)
from member_reach.domain.names import split_full_name

F = Field

# Column names as each system exports them (member / contact exports).
AMS_HEADERS: dict[str, tuple[list[str], dict[str, Field]]] = {
    "civicrm": (
        [
            "Contact ID",
            "Contact Type",
            "Display Name",
            "First Name",
            "Last Name",
            "Email",
            "Phone",
            "Street Address",
            "City",
            "State/Province",
            "Postal Code",
            "Country",
            "Current Employer",
            "Membership Type",
            "Member Since",
            "Membership Start Date",
            "Membership End Date",
            "Membership Status",
            "Do Not Phone",
            "Do Not Email",
        ],
        {
            "Contact ID": F.EXTERNAL_ID,
            "Display Name": F.FULL_NAME,
            "First Name": F.FIRST_NAME,
            "Last Name": F.LAST_NAME,
            "Current Employer": F.ORGANISATION,
            "Member Since": F.MEMBER_SINCE,
            "Membership Start Date": F.TERM_START,
            "Membership End Date": F.EXPIRY,
            "Membership Status": F.ROSTER_STATUS,
            "Do Not Phone": F.DO_NOT_CALL,
            "Do Not Email": F.DO_NOT_EMAIL,
            "State/Province": F.REGION,
            "Contact Type": F.CONTACT_TYPE,
        },
    ),
    "wild_apricot": (
        [
            "User ID",
            "First name",
            "Last name",
            "Organization",
            "Email",
            "Phone",
            "Membership level",
            "Membership status",
            "Member since",
            "Renewal due",
            "Level last changed",
            "Balance",
        ],
        {
            "User ID": F.EXTERNAL_ID,
            "Organization": F.ORGANISATION,
            "Membership level": F.MEMBERSHIP_TYPE,
            "Member since": F.MEMBER_SINCE,
            "Renewal due": F.EXPIRY,
            "Membership status": F.ROSTER_STATUS,
        },
    ),
    "neon": (
        [
            "Account ID",
            "Full Name (F)",
            "Company Name",
            "Email 1",
            "Phone 1 Full Number (F)",
            "Address Line 1",
            "City",
            "State/Province",
            "Zip Code",
            "Membership Level",
            "Membership Start Date",
            "Membership Expiration Date",
            "Membership Status",
            "Membership Amount",
        ],
        {
            "Account ID": F.EXTERNAL_ID,
            "Full Name (F)": F.FULL_NAME,
            "Email 1": F.EMAIL,
            "Phone 1 Full Number (F)": F.PHONE,
            "Zip Code": F.POSTAL_CODE,
            "Membership Expiration Date": F.EXPIRY,
            "Membership Amount": F.DUES,
        },
    ),
    "memberclicks": (
        [
            "Profile ID",
            "Member Type",
            "Member Status",
            "First Name",
            "Last Name",
            "Organization",
            "Email | Primary",
            "Phone | Work",
            "Address | Primary Line 1",
            "City",
            "State",
            "Zip",
            "Date Joined",
            "Expiration Date",
        ],
        {
            "Profile ID": F.EXTERNAL_ID,
            "Member Type": F.MEMBERSHIP_TYPE,
            "Email | Primary": F.EMAIL,
            "Phone | Work": F.PHONE,
            "Address | Primary Line 1": F.ADDRESS_1,
            "Date Joined": F.MEMBER_SINCE,
            "Expiration Date": F.EXPIRY,
        },
    ),
    "membershipworks": (
        [
            "Account Name",
            "First Name",
            "Last Name",
            "Email",
            "Phone",
            "Account ID",
            "Membership Levels",
            "Join Date",
            "Renewal Date",
            "Address (Street)",
            "Address (City)",
            "Address (State/Province)",
            "Address (Postal Code)",
            "Address (Country)",
        ],
        {
            "Account Name": F.FULL_NAME,
            "Membership Levels": F.MEMBERSHIP_TYPE,
            "Join Date": F.MEMBER_SINCE,
            "Renewal Date": F.EXPIRY,
            "Address (City)": F.CITY,
            "Address (Postal Code)": F.POSTAL_CODE,
        },
    ),
    "odoo": (
        [
            "Name",
            "Email",
            "Phone",
            "Mobile",
            "Street",
            "Street2",
            "City",
            "State",
            "Zip",
            "Country",
            "Current Membership Status",
            "Membership Start Date",
            "Membership End Date",
        ],
        {
            "Name": F.FULL_NAME,
            "Mobile": F.MOBILE,
            "Street2": F.ADDRESS_2,
            "Current Membership Status": F.ROSTER_STATUS,
            "Membership End Date": F.EXPIRY,
        },
    ),
    "npsp": (
        [
            "Contact1 First Name",
            "Contact1 Last Name",
            "Contact1 Personal Email",
            "Contact1 Work Email",
            "Contact1 Home Phone",
            "Contact1 Mobile Phone",
            "Account1 Name",
            "Home Street",
            "Home City",
            "Home State/Province",
            "Home Zip/Postal Code",
            "Home Country",
            "Membership Join Date",
            "Membership End Date",
            "Last Membership Level",
            "Last Membership Amount",
        ],
        {
            "Contact1 First Name": F.FIRST_NAME,
            "Contact1 Personal Email": F.EMAIL,
            "Contact1 Work Email": F.EMAIL_2,
            "Contact1 Mobile Phone": F.MOBILE,
            "Account1 Name": F.ORGANISATION,
            "Home Zip/Postal Code": F.POSTAL_CODE,
            "Membership Join Date": F.MEMBER_SINCE,
            "Membership End Date": F.EXPIRY,
            "Last Membership Level": F.MEMBERSHIP_TYPE,
            "Last Membership Amount": F.DUES,
        },
    ),
    "plain": (
        ["Member #", "Name", "E-mail Address", "Tel.", "Paid Thru", "Member?", "Dues"],
        {
            "Member #": F.EXTERNAL_ID,
            "E-mail Address": F.EMAIL,
            "Tel.": F.PHONE,
            "Paid Thru": F.EXPIRY,
            "Member?": F.IS_MEMBER,
            "Dues": F.DUES,
        },
    ),
}


@pytest.mark.parametrize("system", sorted(AMS_HEADERS))
def test_real_exports_auto_map(system: str) -> None:
    header, expected = AMS_HEADERS[system]
    mapping = auto_map(header)
    got = {header[i]: f for i, f in mapping.columns.items()}
    for column, field in expected.items():
        assert got.get(column) == field, f"{system}: {column!r} mapped to {got.get(column)}"
    assert len(set(mapping.columns.values())) == len(mapping.columns)  # each field once
    check_mapping(mapping, header)


@pytest.mark.parametrize(
    "header",
    [
        ["Paid Thru"],
        ["Expiration Date"],
        ["Renewal due"],
        ["Term End Date"],
        ["Paid-Through"],
        ["membership_expiration_date"],
        ["MembershipEndDate"],
        ["Expires On"],
    ],
)
def test_expiry_variants(header: list[str]) -> None:
    assert guess_field(header[0]) is F.EXPIRY


def test_unknown_columns_are_left_unmapped() -> None:
    assert guess_field("Birthdate") is None
    assert guess_field("Notes") is None
    assert guess_field("") is None


def test_a_file_with_nothing_identifying_is_refused() -> None:
    header = ["Paid Thru", "Dues", "Notes"]
    with pytest.raises(MappingError, match="no column holds a name.*'Paid Thru', 'Dues', 'Notes'"):
        check_mapping(auto_map(header), header)


def test_second_email_and_phone_columns_become_secondary() -> None:
    header = ["Name", "Email", "Email", "Phone", "Phone", "Phone"]
    fields = list(auto_map(header).columns.values())
    assert fields == [F.FULL_NAME, F.EMAIL, F.EMAIL_2, F.PHONE, F.PHONE_2]


def test_profiles_survive_reordered_columns() -> None:
    header = ["Member ID", "Surname", "Given", "Paid Thru"]
    mapping = ColumnMapping({0: F.EXTERNAL_ID, 1: F.LAST_NAME, 2: F.FIRST_NAME, 3: F.EXPIRY})
    stored = mapping.to_json(header)
    moved = ["paid thru", "Given", "Member ID", "Surname", "Extra"]
    again = ColumnMapping.from_json(stored, moved)
    assert dict(again.columns) == {0: F.EXPIRY, 1: F.FIRST_NAME, 2: F.EXTERNAL_ID, 3: F.LAST_NAME}


def test_fingerprint_ignores_case_and_punctuation_but_not_columns() -> None:
    a = header_fingerprint(["Member ID", "E-mail", "Paid Thru"])
    assert a == header_fingerprint(["member id", "E mail", "PAID THRU", ""])
    assert a != header_fingerprint(["Member ID", "E-mail"])


def test_header_score_counts_known_columns() -> None:
    assert header_score(["Members of the Guild — roster 2026", "", ""]) == 0
    assert header_score(["Member ID", "First Name", "Last Name", "Whatever"]) == 3


@given(
    synonym=st.sampled_from(sorted(_EXACT)),
    style=st.sampled_from(["upper", "title", "underscore", "dashes", "spaced"]),
)
def test_synonyms_match_whatever_the_casing_and_separators(synonym: str, style: str) -> None:
    text = {
        "upper": synonym.upper(),
        "title": synonym.title(),
        "underscore": synonym.replace(" ", "_"),
        "dashes": synonym.replace(" ", " - "),
        "spaced": f"  {synonym}  ",
    }[style]
    assert guess_field(text) is _EXACT[synonym]


@given(st.text(max_size=40))
def test_normalise_header_is_idempotent(text: str) -> None:
    once = normalise_header(text)
    assert normalise_header(once) == once


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Ada Lovelace", "Ada", "Lovelace"),
        ("Lovelace, Ada", "Ada", "Lovelace"),
        ("Dr. Ada M. Lovelace", "Ada", "Lovelace"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Smith Jr., John", "John", "Smith"),
        ("  Kofi   Adeyemi ", "Kofi", "Adeyemi"),
        ("Cher", "Cher", ""),
        ("", "", ""),
    ],
)
def test_split_full_name(text: str, first: str, last: str) -> None:
    name = split_full_name(text)
    assert (name.first, name.last) == (first, last)
