"""Named systems' exports, in their real column layouts (sources cited in system_exports.py):
the wizard's preview maps their columns out of the box, and a dry run reads every row.
On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from system_exports import (
    DOLIBARR_MEMBER_ROWS,
    DOLIBARR_MEMBERS,
    EVENTBRITE,
    EVENTBRITE_ROWS,
    HUBSPOT,
    HUBSPOT_ROWS,
    MAILCHIMP,
    MAILCHIMP_ROWS,
    MEMBERPRESS_MEMBER_ROWS,
    MEMBERPRESS_MEMBERS,
    MEMBERPRESS_TRANSACTION_ROWS,
    MEMBERPRESS_TRANSACTIONS,
    NPSP,
    NPSP_ROWS,
    OPENPETRA,
    PMPRO_IMPORT,
    PMPRO_IMPORT_ROWS,
    PMPRO_MEMBERS_LIST,
    PMPRO_MEMBERS_ROWS,
    PRETIX,
    PRETIX_ROWS,
    ZOOM_WEBINAR_ROWS,
    dolibarr_csv,
    memberpress_csv,
    unquoted,
    write_export,
)

from member_reach.domain.columns import Field
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_preview import Kind, preview_file
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.members.members import MemberFilter, list_members
from member_reach.store.database import Database
from member_reach.store.models import Person

TODAY = dt.date(2026, 11, 23)


def mapped(db: Database, path: Path, kind: Kind = "roster") -> dict[str, Field | None]:
    """Each column's heading → the field the wizard's preview maps it to."""
    with db.session() as s:
        seen = preview_file(s, path, kind)
    return {c.heading.strip(): c.field for c in seen.columns}


def dry_run(db: Database, path: Path) -> tuple[int, int, int, int]:
    """(rows read, people it would add, rows rejected, non-members) of a roster's dry run."""
    report = run_roster_import(db, path, TODAY, ImportOptions(dry_run=True))
    counts = report.counts
    return counts.rows_read, counts.inserted, counts.rejected, report.non_members


def test_paid_memberships_pro_members_list(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "members_list.csv", PMPRO_MEMBERS_LIST, PMPRO_MEMBERS_ROWS)
    fields = mapped(db, path)
    assert {k: fields[k] for k in ("id", "firstname", "lastname", "email", "phone")} == {
        "id": Field.EXTERNAL_ID,
        "firstname": Field.FIRST_NAME,
        "lastname": Field.LAST_NAME,
        "email": Field.EMAIL,
        "phone": Field.PHONE,
    }
    assert (fields["membership"], fields["joined"], fields["expires"]) == (
        Field.MEMBERSHIP_TYPE,
        Field.MEMBER_SINCE,
        Field.EXPIRY,
    )
    assert (fields["country"], fields["zipcode"], fields["fee"]) == (
        Field.COUNTRY,
        Field.POSTAL_CODE,
        Field.DUES,
    )
    assert dry_run(db, path)[:3] == (3, 3, 0)
    run_roster_import(db, path, TODAY, ImportOptions())
    with db.session() as s:
        garcia = s.scalars(select(Person).where(Person.last_name == "Garcia")).one()
        assert garcia.membership is not None
        assert garcia.membership.term_end == dt.date(2027, 3, 14)  # m/d/Y, as PMPro writes
        assert garcia.membership.type is not None and garcia.membership.type.name == "Gold"


def test_paid_memberships_pro_import_add_on_file(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "import.csv", PMPRO_IMPORT, PMPRO_IMPORT_ROWS)
    fields = mapped(db, path)
    assert (fields["first_name"], fields["last_name"], fields["user_email"]) == (
        Field.FIRST_NAME,
        Field.LAST_NAME,
        Field.EMAIL,
    )
    assert (fields["membership_startdate"], fields["membership_enddate"]) == (
        Field.TERM_START,
        Field.EXPIRY,
    )
    assert (fields["membership_status"], fields["membership_billing_amount"]) == (
        Field.ROSTER_STATUS,
        Field.DUES,
    )
    read, added, rejected, _ = dry_run(db, path)
    assert (read, rejected) == (3, 0) and added == 3  # three levels, three people


def test_mailchimp_audience(db: Database, tmp_path: Path) -> None:
    header = unquoted(MAILCHIMP)
    path = write_export(tmp_path / "subscribed_members_export.csv", header, MAILCHIMP_ROWS)
    fields = mapped(db, path)
    assert (fields["Email Address"], fields["First Name"], fields["Last Name"]) == (
        Field.EMAIL,
        Field.FIRST_NAME,
        Field.LAST_NAME,
    )
    # Mailchimp's own columns are not the member's: no id, no dates, no address from them.
    for own in ("MEMBER_RATING", "OPTIN_TIME", "CONFIRM_TIME", "LAST_CHANGED", "LEID", "EUID"):
        assert fields[own] is None, own
    assert dry_run(db, path)[:3] == (2, 2, 0)


def test_openpetra_partners(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(OPENPETRA, encoding="utf-8")
    fields = mapped(db, path)
    assert {k: fields[k] for k in ("PartnerKey", "FirstName", "FamilyName", "Email")} == {
        "PartnerKey": Field.EXTERNAL_ID,
        "FirstName": Field.FIRST_NAME,
        "FamilyName": Field.LAST_NAME,
        "Email": Field.EMAIL,
    }
    assert (fields["Street"], fields["PostCode"], fields["City"], fields["Country"]) == (
        Field.ADDRESS_1,
        Field.POSTAL_CODE,
        Field.CITY,
        Field.COUNTRY,
    )
    assert fields["DateOfBirth"] is None  # a birthday is no membership date
    assert dry_run(db, path)[:3] == (2, 2, 0)


def test_hubspot_contacts(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "hubspot-crm-exports-all-contacts.csv", HUBSPOT, HUBSPOT_ROWS)
    fields = mapped(db, path)
    assert {k: fields[k] for k in ("Contact ID", "First Name", "Email", "Phone Number")} == {
        "Contact ID": Field.EXTERNAL_ID,
        "First Name": Field.FIRST_NAME,
        "Email": Field.EMAIL,
        "Phone Number": Field.PHONE,
    }
    assert (fields["Country/Region"], fields["State/Region"], fields["Company Name"]) == (
        Field.COUNTRY,
        Field.REGION,
        Field.ORGANISATION,
    )
    assert fields["Lifecycle Stage"] == Field.CONTACT_TYPE
    assert fields["Lead Status"] is None  # "NEW" is no membership's status
    # The "subscriber" is a contact, not a member.
    assert dry_run(db, path) == (2, 2, 0, 1)


def test_salesforce_npsp_contacts_with_levels_and_record_types(
    db: Database, tmp_path: Path
) -> None:
    path = write_export(tmp_path / "extract.csv", NPSP, NPSP_ROWS)
    fields = mapped(db, path)
    assert {k: fields[k] for k in ("Id", "FirstName", "LastName", "Email", "MobilePhone")} == {
        "Id": Field.EXTERNAL_ID,
        "FirstName": Field.FIRST_NAME,
        "LastName": Field.LAST_NAME,
        "Email": Field.EMAIL,
        "MobilePhone": Field.MOBILE,
    }
    assert (fields["MailingCountry"], fields["MailingPostalCode"]) == (
        Field.COUNTRY,
        Field.POSTAL_CODE,
    )
    assert (
        fields["npo02__MembershipJoinDate__c"],
        fields["npo02__MembershipEndDate__c"],
        fields["npo02__LastMembershipLevel__c"],
        fields["RecordType.Name"],
    ) == (Field.MEMBER_SINCE, Field.EXPIRY, Field.MEMBERSHIP_TYPE, Field.CONTACT_TYPE)
    # The donation row, without membership dates, is a contact and not a member.
    assert dry_run(db, path) == (3, 3, 0, 1)
    run_roster_import(db, path, TODAY, ImportOptions())
    with db.session() as s:
        berg = s.scalars(select(Person).where(Person.last_name == "Berg")).one()
        assert berg.membership is not None and berg.membership.type is not None
        assert berg.membership.type.name == "Lifetime"
        assert berg.membership.term_end == dt.date(2027, 3, 31)
        mensah = s.scalars(select(Person).where(Person.last_name == "Mensah")).one()
        assert mensah.membership is None


def event_import(db: Database, path: Path) -> tuple[int, int, dict[str, int], int]:
    report = run_event_import(
        db, path, TODAY, ImportOptions(event=EventChoice("Summit 2026"), dry_run=True)
    )
    return report.counts.rows_read, report.counts.rejected, report.roles, report.cancelled


def test_eventbrite_attendee_report(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "report.csv", EVENTBRITE, EVENTBRITE_ROWS)
    fields = mapped(db, path, "events")
    assert (fields["First Name"], fields["Last Name"], fields["Email"]) == (
        Field.FIRST_NAME,
        Field.LAST_NAME,
        Field.EMAIL,
    )
    assert (fields["Ticket Type"], fields["Attendee Status"], fields["Order Date"]) == (
        Field.EVENT_ROLE,
        Field.REGISTRATION_STATUS,
        Field.REGISTERED_ON,
    )
    assert (fields["Company"], fields["Job Title"], fields["Cell Phone"]) == (
        Field.ORGANISATION,
        Field.JOB_TITLE,
        Field.MOBILE,
    )
    assert (fields["Home Zip"], fields["Home Country"], fields["Order #"]) == (
        Field.POSTAL_CODE,
        Field.COUNTRY,
        None,  # an order number is nobody's member id
    )
    assert event_import(db, path) == (2, 0, {"speaker": 1, "attendee": 1}, 0)


def test_pretix_order_positions(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "summit26_orders.csv", PRETIX, PRETIX_ROWS)
    fields = mapped(db, path, "events")
    assert (fields["Attendee name"], fields["Email"], fields["Phone number"]) == (
        Field.FULL_NAME,
        Field.EMAIL,
        Field.PHONE,
    )
    assert (fields["Product"], fields["Status"], fields["Order date"]) == (
        Field.EVENT_ROLE,
        Field.REGISTRATION_STATUS,
        Field.REGISTERED_ON,
    )
    assert fields["Order code"] is None
    # The "Canceled" order is read, counted as cancelled, and gives nobody a role.
    assert event_import(db, path) == (2, 0, {"exhibitor": 1}, 1)


def test_zoom_webinar_attendee_report(db: Database, tmp_path: Path) -> None:
    path = write_export(tmp_path / "attendee_report.csv", None, ZOOM_WEBINAR_ROWS)
    with db.session() as s:
        seen = preview_file(s, path, "events")
    assert seen.header_row == 6  # found under Zoom's report lines
    fields = {c.heading: c.field for c in seen.columns}
    assert (fields["First Name"], fields["Last Name"], fields["Email"], fields["Phone"]) == (
        Field.FIRST_NAME,
        Field.LAST_NAME,
        Field.EMAIL,
        Field.PHONE,
    )
    assert (fields["Attended"], fields["Registration Time"]) == (
        Field.REGISTRATION_STATUS,
        Field.REGISTERED_ON,
    )
    assert fields["Country/Region Name"] == Field.COUNTRY
    assert fields["Join Time"] is None  # joining the webinar is not joining the association
    report = run_event_import(
        db, path, TODAY, ImportOptions(event=EventChoice("Webinar"), dry_run=True)
    )
    assert (report.counts.rows_read, report.counts.rejected) == (2, 0)


def maps(db: Database, path: Path, expected: dict[str, Field | None]) -> None:
    """The wizard's preview maps each named column as ``expected`` says."""
    fields = mapped(db, path)
    assert {name: fields[name] for name in expected} == expected


def listed(db: Database, search: str) -> tuple[object, ...]:
    """(member id, type, expiry, status, roster's status) of the one person the member list
    finds for ``search``, as the Members page shows them."""
    with db.session() as s:
        (row,) = list_members(s, TODAY, MemberFilter(search=search, include_contacts=True))
    return row.external_id, row.membership_type, row.expiry, row.status, row.roster_status


def joined_and_dues(db: Database, last_name: str) -> tuple[object, ...]:
    with db.session() as s:
        person = s.scalars(select(Person).where(Person.last_name == last_name)).one()
        assert person.membership is not None
        return person.membership.join_date, person.membership.dues


def test_dolibarr_members_and_subscriptions(db: Database, tmp_path: Path) -> None:
    path = dolibarr_csv(tmp_path / "export_member_1.csv", DOLIBARR_MEMBERS, DOLIBARR_MEMBER_ROWS)
    expected = {
        "Id": Field.EXTERNAL_ID,
        "Last name": Field.LAST_NAME,
        "First name": Field.FIRST_NAME,
        "Email": Field.EMAIL,
        "Mobile": Field.MOBILE,
        "Prof. phone": Field.PHONE,
        "Pers. phone": Field.PHONE_2,
        "Zip Code": Field.POSTAL_CODE,
        "Subscription end date": Field.EXPIRY,
        "Validation date": Field.MEMBER_SINCE,
        "Amount": Field.DUES,
        "Member type label": Field.MEMBERSHIP_TYPE,
        "Member type id": None,
        "Status": Field.ROSTER_STATUS,
        "Title": None,  # MR, MME: a civility, not a job title
        "Subscription date": None,  # a payment's start: not the day the member joined
    }
    maps(db, path, expected)
    # Two subscriptions of one member are one person; the trailing comma adds no column.
    assert dry_run(db, path) == (5, 4, 0, 0)
    run_roster_import(db, path, TODAY, ImportOptions())
    # Read from ISO-8859-1; the latest subscription's amount.
    assert listed(db, "Jürgen Müller") == ("12", "Regular", dt.date(2027, 3, 31), "current", "1")
    assert joined_and_dues(db, "Müller") == (dt.date(2015, 3, 2), 55)
    assert listed(db, "Lefèvre") == ("13", "Student", dt.date(2026, 11, 9), "grace", "1")
    # Terminated (status 0) two years ago; a draft (-1) without a subscription yet.
    assert listed(db, "Okafor") == ("14", "Regular", dt.date(2024, 12, 31), "lapsed", "0")
    assert listed(db, "Haddad") == ("15", "Regular", None, "unknown", "-1")


def test_memberpress_members_export(db: Database, tmp_path: Path) -> None:
    path = memberpress_csv(
        tmp_path / "members-1764900000.csv", MEMBERPRESS_MEMBERS, MEMBERPRESS_MEMBER_ROWS
    )
    expected = {
        "ID": Field.EXTERNAL_ID,
        "email": Field.EMAIL,
        "first_name": Field.FIRST_NAME,
        "last_name": Field.LAST_NAME,
        "status": Field.ROSTER_STATUS,
        "first_txn_date": Field.MEMBER_SINCE,
        "mepr-address-two": Field.ADDRESS_2,
        "mepr-address-zip": Field.POSTAL_CODE,
        # Counts and post ids: "expir" in a count names no date; memberships are numbers.
        "expired_txn_count": None,
        "memberships": None,
        "total_spent": None,
    }
    maps(db, path, expected)
    assert dry_run(db, path) == (3, 3, 0, 0)
    run_roster_import(db, path, TODAY, ImportOptions())
    assert listed(db, "Khan") == ("41", "", None, "unknown", "active")  # no expiry in it
    assert joined_and_dues(db, "Khan") == (dt.date(2024, 2, 1), None)


def test_memberpress_transactions_export(db: Database, tmp_path: Path) -> None:
    path = memberpress_csv(
        tmp_path / "transactions-1764900000.csv",
        MEMBERPRESS_TRANSACTIONS,
        MEMBERPRESS_TRANSACTION_ROWS,
    )
    expected = {
        "user_id": Field.EXTERNAL_ID,
        "id": None,  # the payment's own, yielding to the member's user_id
        "user_email": Field.EMAIL,
        "expires_at": Field.EXPIRY,
        "product_name": Field.MEMBERSHIP_TYPE,
        "amount": Field.DUES,
        "created_at": None,
        "product_id": None,
        "subscr_id": None,
    }
    maps(db, path, expected)
    # Rahim Khan's two yearly payments are one member.
    assert dry_run(db, path) == (4, 3, 0, 0)
    run_roster_import(db, path, TODAY, ImportOptions())
    khan = ("41", "Annual Membership", dt.date(2027, 2, 1), "current", "complete")
    assert listed(db, "Khan") == khan
    student = ("42", "Student (6 months)", dt.date(2025, 9, 10), "lapsed", "complete")
    assert listed(db, "Nguyen") == student
    # 0000-00-00 00:00:00: MemberPress's "no date", a lifetime membership.
    assert listed(db, "Diaz") == ("44", "Lifetime", None, "lifetime", "complete")
