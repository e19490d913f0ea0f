"""Values that read but cannot be right (issue 19, item 9): each is flagged with a clear reason
naming its column, and left out so that nothing wrong is written."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.domain.mapping import auto_map
from member_reach.domain.roster_rows import RosterRecord, RowOptions, read_record

HEADER = ["First Name", "Last Name", "Email", "Phone", "Member Since", "Paid Thru", "City"]
MAPPING = auto_map(HEADER)


def read(*changes: tuple[int, object], **options: object) -> RosterRecord:
    cells: list[object] = [
        "Ada",
        "Lovelace",
        "ada@example.org",
        "646 555 0101",
        "2015-01-15",
        "2027-01-31",
        "London",
    ]
    for index, value in changes:
        cells[index] = value
    return read_record(7, cells, MAPPING, HEADER, RowOptions(**options))  # type: ignore[arg-type]


def test_a_clean_row_has_no_flag() -> None:
    record = read()
    assert record.flags == []
    assert record.term_end == dt.date(2027, 1, 31)


@pytest.mark.parametrize("expiry", ["9999-12-31", "0001-01-01", dt.date(9999, 12, 31), 3.5])
def test_an_expiry_no_member_can_have_is_flagged_and_left_out(expiry: object) -> None:
    record = read((5, expiry))
    assert record.term_end is None
    [flag] = record.flags
    assert flag.startswith("column 'Paid Thru': ")
    assert "cannot be a member's date (before 1901 or after 2199); left out" in flag


def test_member_since_after_expiry_is_flagged() -> None:
    record = read((4, "2028-03-01"))
    assert record.flags == [
        "column 'Member Since' (2028-03-01) is after column 'Paid Thru' (2027-01-31): "
        "one of them is wrong"
    ]


@pytest.mark.parametrize("phone", [-6465550101, "-646 555 0101", -6465550101.0])
def test_a_negative_phone_is_flagged_and_left_out(phone: object) -> None:
    record = read((3, phone))
    assert record.phones == []
    assert record.flags == ["column 'Phone': a negative number is not a phone; left out"]


def test_a_right_to_left_override_in_a_name_is_removed_and_flagged() -> None:
    record = read((0, "Ada\u202egnp.exe"), (1, "Love\u2067lace\u2069"))
    assert (record.first_name, record.last_name) == ("Adagnp.exe", "Lovelace")
    assert len(record.flags) == 2
    assert record.flags[0].startswith("column 'First Name': an invisible character that turns")
    assert "right-to-left override" in record.flags[0]
    assert "\u202e" not in " ".join(record.flags)


def test_over_long_values_are_flagged_when_limits_are_given() -> None:
    record = read((6, "C" * 121), max_lengths={"city": 120})
    assert record.city == ""
    assert record.flags == [
        "column 'City': 121 characters, more than the 120 it can hold (left out; the whole "
        "cell is in the rows to check)"
    ]
