"""Named systems' column names (domain/system_headers.py), and gift record types."""

from __future__ import annotations

import pytest

from member_reach.domain.attendees import attendee_mapping
from member_reach.domain.columns import Field, guess_field, normalise_header
from member_reach.domain.mapping import auto_map
from member_reach.domain.roster_rows import RowOptions, read_record
from member_reach.domain.system_headers import (
    EVENT_FIELDS,
    SYSTEM_EVENT_NAMES,
    SYSTEM_NAMES,
    SYSTEMS,
)


def test_each_name_is_written_normalised_and_names_a_field() -> None:
    for system, table in SYSTEMS.items():
        for name, value in table.items():
            assert normalise_header(name) == name, (system, name)
            assert Field(value).value == value, (system, name)
    assert all(Field(v).value in EVENT_FIELDS for v in SYSTEM_EVENT_NAMES.values())
    assert not any(v in EVENT_FIELDS for v in SYSTEM_NAMES.values())


def test_a_system_name_never_contradicts_the_generic_synonyms() -> None:
    # The generic synonyms win a name both know: a table must not say otherwise unseen.
    for name, value in SYSTEM_NAMES.items():
        assert guess_field(name) == Field(value), name


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("npo02__MembershipJoinDate__c", Field.MEMBER_SINCE),
        ("npo02__MembershipEndDate__c", Field.EXPIRY),
        ("npo02__LastMembershipLevel__c", Field.MEMBERSHIP_TYPE),
        ("npo02__LastMembershipDate__c", Field.TERM_START),
        ("RecordType.Name", Field.CONTACT_TYPE),
        ("Opportunity Record Type", Field.CONTACT_TYPE),
        ("membership_startdate", Field.TERM_START),
        ("membership_enddate", Field.EXPIRY),
        ("Lifecycle Stage", Field.CONTACT_TYPE),
        ("Lead Status", Field.CONTACT_TYPE),  # HubSpot's, not the membership's status
        ("Record ID", Field.EXTERNAL_ID),
        ("Country/Region", Field.COUNTRY),
        ("Home Address 1", Field.ADDRESS_1),
        ("Attendee name", Field.FULL_NAME),
        ("Name (Original Name)", Field.FULL_NAME),  # Zoom's meeting participants report
        ("User Name (Original Name)", Field.FULL_NAME),  # and its webinar attendee report
        ("Member type label", Field.MEMBERSHIP_TYPE),  # Dolibarr's members export
        ("Validation date", Field.MEMBER_SINCE),
        ("Subscription end date", Field.EXPIRY),
        ("mepr-address-two", Field.ADDRESS_2),  # MemberPress's members export
        ("product_name", Field.MEMBERSHIP_TYPE),  # and its transactions export
        ("first_txn_date", Field.MEMBER_SINCE),
    ],
)
def test_system_names_are_guessed(header: str, field: Field) -> None:
    assert guess_field(header) == field


def test_an_attendee_list_reads_its_system_s_event_columns() -> None:
    header = ["Order code", "Status", "Email", "Product", "Attendee name"]
    assert attendee_mapping(header).columns == {
        1: Field.REGISTRATION_STATUS,
        2: Field.EMAIL,
        3: Field.EVENT_ROLE,
        4: Field.FULL_NAME,
    }
    # In a roster, a product is nobody's membership: the event names stay with attendee lists.
    assert 3 not in auto_map(header).columns


def test_a_webinar_s_join_time_is_no_member_s_join_date() -> None:
    header = ["Name (Original Name)", "User Email", "Join Time", "Leave Time"]
    assert auto_map(header).columns[2] == Field.MEMBER_SINCE  # a roster's "join" column
    assert attendee_mapping(header).columns == {0: Field.FULL_NAME, 1: Field.EMAIL}


HEADER = ["FirstName", "LastName", "npo02__MembershipEndDate__c", "RecordType.Name"]


@pytest.mark.parametrize(
    ("end", "record_type", "member"),
    [
        ("", "Donation", False),  # a gift, no membership dates: a contact
        ("", "In-Kind Gift", False),
        ("", "Grant", False),
        ("2027-03-31", "Donation", True),  # a donor whose membership runs: still a member
        ("2027-03-31", "Membership", True),
        ("", "Membership", True),
    ],
)
def test_a_gift_record_type_without_membership_dates_is_no_member(
    end: str, record_type: str, member: bool
) -> None:
    mapping = auto_map(HEADER)
    record = read_record(2, ["Grace", "Mensah", end, record_type], mapping, HEADER, RowOptions())
    assert record.is_member is member and record.rejected == ""
