"""Reading roster rows: structure, people, organisations, non-members, flags and rejections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from member_reach.domain.columns import Field, normalise_header
from member_reach.domain.mapping import auto_map
from member_reach.domain.roster_rows import RowKind, RowOptions, classify_structure, read_record
from member_reach.domain.values import country_code, parse_flag, parse_money

HEADER = [
    "Member ID",
    "Name",
    "Organization",
    "Email",
    "Phone",
    "Country",
    "Member Since",
    "Paid Thru",
    "Dues",
    "Membership Status",
    "Do Not Phone",
]
MAPPING = auto_map(HEADER)
KEYS = [normalise_header(h) for h in HEADER]


def read(cells: list[object], **options: object) -> object:
    return read_record(7, cells, MAPPING, HEADER, RowOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        ([None] * 11, RowKind.BLANK),
        (["", " ", None] + [None] * 8, RowKind.DATA),  # " " is not empty text: the reader trims
        (list(HEADER), RowKind.REPEATED_HEADER),
        (["Lapsed members"] + [None] * 10, RowKind.SECTION),
        (["Total", None, None, None, None, None, None, None, 12345, None, None], RowKind.FOOTER),
        (["1,204 records"] + [None] * 10, RowKind.FOOTER),
        (["Report generated 2026-11-01 by admin"] + [None] * 10, RowKind.FOOTER),
        ([None, "Ada Lovelace"] + [None] * 9, RowKind.DATA),  # a lone name is a person
        ([None] * 4 + ["646 555 0199"] + [None] * 6, RowKind.DATA),  # a lone phone too
        (["M-1", "Ada Lovelace"] + [None] * 9, RowKind.DATA),
    ],
)
def test_classify_structure(cells: list[object], kind: RowKind) -> None:
    assert classify_structure(cells, KEYS, MAPPING) is kind


def test_a_full_row() -> None:
    record = read(
        [
            "M-00123",
            "Dr. Ada M. Lovelace",
            "Analytical Engines Ltd",
            "Ada@Example.org; ada@home.example",
            "020 7946 0000",
            "United Kingdom",
            "31/01/2015",
            "31/01/2027",
            "£195.00",
            "Active",
            "no",
        ],
        date_order="dmy",
    )
    assert (record.external_id, record.first_name, record.middle_name, record.last_name) == (
        "M-00123",
        "Ada",
        "M.",
        "Lovelace",
    )
    assert record.organisation == "Analytical Engines Ltd" and not record.is_organisation
    assert record.emails == ["Ada@example.org", "ada@home.example"]
    assert record.country == "GB"
    assert [(p.kind, p.original, p.e164) for p in record.phones] == [
        ("phone", "020 7946 0000", "+442079460000")
    ]
    assert (record.join_date, record.term_end) == (dt.date(2015, 1, 31), dt.date(2027, 1, 31))
    assert record.dues == Decimal("195.00")
    assert record.roster_status == "Active" and record.is_member and record.do_not_call is False
    assert record.flags == [] and record.rejected == ""


def test_an_organisation_only_row_is_an_organisation_member() -> None:
    record = read(["C-9", None, "Acme Widgets", "office@acme.example"] + [None] * 7)
    assert record.is_organisation and record.organisation == "Acme Widgets"
    assert (record.first_name, record.last_name) == ("", "")


@pytest.mark.parametrize("status", ["Non-member", "Prospect", "Donor", "nonmember"])
def test_non_members_become_contacts(status: str) -> None:
    record = read(["", "Hedy Lamarr", None, "hedy@example.org"] + [None] * 5 + [status, None])
    assert record.is_member is False and record.rejected == ""


def test_a_member_flag_column_decides() -> None:
    header = ["Name", "Member?"]
    mapping = auto_map(header)
    assert read_record(2, ["Hedy Lamarr", "no"], mapping, header, RowOptions()).is_member is False
    assert read_record(3, ["Ada Lovelace", "Yes"], mapping, header, RowOptions()).is_member is True


def test_bad_values_are_flagged_with_their_column_and_kept() -> None:
    record = read(
        [
            "M-5",
            "Alan Turing",
            None,
            "alan@",
            "555-12",
            "Narnia",
            "next spring",
            "31/02/2024",
            "lots",
            None,
            "maybe",
        ],
        date_order="dmy",
    )
    flags = " | ".join(record.flags)
    for column in (
        "'Email'",
        "'Phone'",
        "'Country'",
        "'Member Since'",
        "'Paid Thru'",
        "'Dues'",
        "'Do Not Phone'",
    ):
        assert f"column {column}" in flags
    assert record.rejected == ""
    assert record.phones[0].original == "555-12" and record.phones[0].e164 is None
    assert record.term_end is None and record.join_date is None


def test_a_row_naming_nobody_is_rejected() -> None:
    record = read(
        [None, None, None, None, "+1 646 555 0175", None, None, "2027-01-01", None, None, None]
    )
    assert record.rejected == "no name, organisation, member id or e-mail"


def test_column_date_orders_beat_the_default() -> None:
    since = MAPPING.index_of(Field.MEMBER_SINCE)
    assert since is not None
    record = read(
        ["M-1", "Ada", None, None, None, None, "03/04/2015", "2027-01-31", None, None, None],
        date_order="mdy",
        column_date_orders={since: "dmy"},
    )
    assert record.join_date == dt.date(2015, 4, 3)


def test_the_row_country_decides_how_phones_are_read() -> None:
    record = read(
        [
            "M-1",
            "Jean Dupont",
            None,
            None,
            "01 42 68 53 00",
            "France",
            None,
            None,
            None,
            None,
            None,
        ],
        default_region="US",
    )
    assert record.phones[0].e164 == "+33142685300"


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Yes", True),
        ("N", False),
        ("x", True),
        ("", False),
        ("maybe", None),
        (1, True),
        (0.0, False),
        (True, True),
    ],
)
def test_parse_flag(text: object, flag: bool | None) -> None:
    assert parse_flag(text) is flag


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$1,234.50", "1234.50"),
        ("1.234,50 €", "1234.50"),
        (195, "195.00"),
        ("(25.00)", "-25.00"),
        ("", None),
    ],
)
def test_parse_money(text: object, amount: str | None) -> None:
    assert parse_money(text) == (Decimal(amount) if amount else None)


def test_parse_money_refuses_words() -> None:
    with pytest.raises(ValueError, match="'lots' is not an amount"):
        parse_money("lots")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e5", "'1e5' is not an amount"),  # a letter inside the number: not 15.00
        ("2026-01-05", "'2026-01-05' is not an amount"),
        (float("inf"), "'inf' is not an amount"),  # refused, not a decimal error
        (1e300, "'1e\\+300' is not an amount"),
        ("12,345,678,901.00", "too large an amount"),  # more than the database holds
    ],
)
def test_parse_money_refuses_what_is_no_amount(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_money(value)


def test_parse_money_takes_a_currency_before_or_after() -> None:
    assert parse_money("USD 195.00") == parse_money("195 €") == Decimal("195.00")
    assert parse_money("1 234,50") == Decimal("1234.50")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USA", "US"),
        ("United Kingdom", "GB"),
        ("de", "DE"),
        ("Deutschland", "DE"),
        ("CAN", "CA"),
        ("zz", None),
        ("Narnia", None),
    ],
)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    ("name", "organisation"),
    [
        ("Acme Widgets Inc", True),
        ("Acme Widgets, Inc.", True),
        ("Müller Maschinenbau GmbH", True),
        ("Royal Society", True),
        ("Ada Lovelace", False),
        ("Grace Co", True),
        ("Inc", False),  # one word is a name, however odd
        ("Nicolas Sarl Dupont", False),
    ],
)
def test_a_name_column_holding_an_organisation(name: str, organisation: bool) -> None:
    mapping = auto_map(["Display Name", "Email"])
    record = read_record(
        2, [name, "x@example.org"], mapping, ["Display Name", "Email"], RowOptions()
    )
    assert record.is_organisation is organisation
    if organisation:
        assert (record.organisation, record.first_name, record.last_name) == (name, "", "")
