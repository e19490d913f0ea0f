"""Column names of named systems' exports, beside the generic synonyms of :mod:`.columns`.

Each system's table maps a column name, written as :func:`~.columns.normalise_header` makes it
(``"npo02__MembershipEndDate__c"`` → ``"npo02 membership end date c"``), to the value of the
:class:`~.columns.Field` it holds. The tables add names only: a name the generic synonyms
already know keeps its generic field. The layouts and where they were read are cited per
system; the tests in ``tests/domain/test_system_headers.py`` and
``tests/services/imports/test_system_exports.py`` import a file in each layout.

Kept free of imports from :mod:`.columns` (which reads these tables), so values are the fields'
string values (``"term_end"``); :mod:`.columns` turns them into fields and fails on a typo.
"""

from __future__ import annotations

from typing import Final

#: Fields only attendee lists carry (see :mod:`.attendees`).
EVENT_FIELDS: Final = frozenset({"event_role", "registration_status", "registered_on"})

SYSTEMS: Final[dict[str, dict[str, str]]] = {
    # Paid Memberships Pro, "Import Members From CSV" add-on: strangerstudios/
    # pmpro-import-users-from-csv examples/import.csv (commit 0bbcec7e). Its membership_id is
    # the level's number, not the person's: left to the generic names and the column's values.
    "Paid Memberships Pro import": {
        "display name": "full_name",
        "membership startdate": "term_start",
        "membership enddate": "term_end",
        "membership billing amount": "dues",
    },
    # OpenPetra's partner CSV (semicolon-separated, quoted): openpetra/openpetra
    # csharp/ICT/Testing/lib/MPartner/SampleData/samplePartnerImport_dates_mdy.csv (commit
    # 2852a9d7): PartnerKey, FirstName, FamilyName, DateOfBirth, Gender, Street, PostCode, City,
    # Country, Email.
    "OpenPetra": {"partner key": "external_id"},
    # Salesforce Data Loader / report export of Contacts with the Nonprofit Success Pack's
    # household fields (npo02__…, as in SalesforceFoundation/NPSP datasets/dev_org/test_data.sql)
    # and a record type column (NPSP's opportunity record types: Donation, Membership, Grant…).
    "Salesforce NPSP": {
        "npo02 membership join date c": "join_date",
        "npo02 membership end date c": "term_end",
        "npo02 last membership date c": "term_start",
        "npo02 last membership level c": "membership_type",
        "npo02 last membership amount c": "dues",
        "npsp membership status c": "roster_status",
        "account npsp membership status c": "roster_status",
        "record type name": "contact_type",
        "opportunity record type": "contact_type",
        "mailing postal code": "postal_code",
        "mailing state": "region",
        "npe01 home email c": "email_2",
        "npe01 work phone c": "phone_2",
    },
    # HubSpot's contacts export ("Contacts (HubSpot CRM)"): Contact ID / Record ID, First Name,
    # Last Name, Company Name, Country/Region, State/Region, Lifecycle Stage, Lead Status, Email,
    # Phone Number, Mobile Phone Number, Create Date; its default view adds Marketing contact
    # status). A lifecycle stage of "subscriber" or "lead" says the contact is no member; a lead
    # or marketing status ("NEW", "OPEN_DEAL") is the contact's kind, no membership's status.
    "HubSpot": {
        "lifecycle stage": "contact_type",
        "lead status": "contact_type",
        "marketing contact status": "contact_type",
        "mobile phone number": "mobile",
        "country region": "country",
        "state region": "region",
    },
    # Eventbrite's attendee report (Order #, Order Date, First Name, Last Name, Email, Quantity,
    # Ticket Type, Attendee #, Barcode #, Attendee Status, Home Address 1/2, Home City, Home
    # State, Home Zip, Home Country, Home Phone, Cell Phone, Job Title, Company, Work Phone…).
    "Eventbrite": {
        "home address 1": "address_line1",
        "home address 2": "address_line2",
        "home state": "region",
        "home zip": "postal_code",
    },
    # Zoom's webinar attendee report (Attended, User Name (Original Name), First Name, Last Name,
    # Email, Phone, Registration Time, Approval Status, Join Time, Leave Time, Time in Session
    # (minutes), Is Guest, Country/Region Name, Source Name) and meeting participants report
    # (Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes), Guest).
    "Zoom": {
        "user name original name": "full_name",
        "name original name": "full_name",
        "country region name": "country",
        "registration time": "registered_on",
    },
    # Dolibarr's Members module, export "Members and subscriptions" in English: Dolibarr/dolibarr
    # htdocs/core/modules/modAdherent.class.php (commit 3571eaee) with en_US/main, companies and
    # members.lang. One row per subscription; its "Subscription date" is that payment's start,
    # which the generic names take for the join date: the member's "Validation date" (when the
    # association accepted them), an earlier column, feeds it instead. "Member type id" holds the
    # type's number (refused by its values); the label is the type.
    "Dolibarr": {
        "member type label": "membership_type",
        "validation date": "join_date",
    },
    # MemberPress (Caseproof): its Members and Transactions "Export all", read in the plugin's
    # code as mirrored by pronamic/memberpress (version 1.12.11, commit 3a428785): app/models/
    # MeprUser.php and MeprTransaction.php list_table. A product is the membership bought; the
    # member's first payment is when they joined.
    "MemberPress": {
        "mepr address two": "address_line2",
        "product name": "membership_type",
        "first txn date": "join_date",
    },
    # pretix's "Order data" export, order positions sheet: pretix/pretix
    # src/pretix/base/exporters/orderlist.py (commit 003fa629), OrderListExporter.
    "pretix": {
        "attendee name": "full_name",
        "product": "event_role",
    },
}


def _names(event: bool) -> dict[str, str]:
    return {
        name: value
        for table in SYSTEMS.values()
        for name, value in table.items()
        if (value in EVENT_FIELDS) == event
    }


#: Roster fields: consulted by :mod:`.columns` for every file.
SYSTEM_NAMES: Final = _names(event=False)
#: Attendee fields: consulted by :mod:`.attendees` for attendee lists.
SYSTEM_EVENT_NAMES: Final = _names(event=True)
