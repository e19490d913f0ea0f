"""Small files in the column layouts named systems export, with invented people.

Each layout cites where it was read; a header is copied as the system writes it (spelling,
case, order, trailing spaces), only the rows are invented.
"""

from __future__ import annotations

import csv
from pathlib import Path


def columns(line: str) -> list[str]:
    """A header row as the system writes it: one comma-separated line."""
    return line.split(",")


# Paid Memberships Pro, Members List "Export to CSV": strangerstudios/paid-memberships-pro
# adminpages/memberslist-csv.php (commit 0057981fac7680e405a4a86c67d41afc1966d2e3), the
# $csvoutput header line; dates written date("m/d/Y"), "Never" for no expiry.
PMPRO_MEMBERS_LIST = columns(
    "id,username,firstname,lastname,email,billing firstname,billing lastname,address1,address2,"
    "city,state,zipcode,country,phone,membership,fee,term,joined,expires"
)
PMPRO_MEMBERS_ROWS = [
    ["17", "mgarcia", "Marta", "Garcia", "marta.garcia@example.org", "Marta", "Garcia",
     "12 Elm Street", "", "Austin", "TX", "78701", "US", "512-555-0134", "Gold", "120.00",
     "Year", "03/14/2019", "03/14/2027"],
    ["23", "jokafor", "John", "Okafor", "j.okafor@example.net", "John", "Okafor",
     "4 Quay Road", "Flat 2", "Leeds", "", "LS1 4AP", "GB", "+44 113 496 0012", "Lifetime",
     "0.00", "", "11/02/2015", "Never"],
    ["31", "lwen", "Li", "Wen", "li.wen@example.com", "Li", "Wen", "88 King St W", "",
     "Toronto", "ON", "M5H 1J9", "CA", "416-555-0199", "Student", "40.00", "Year",
     "09/01/2025", "09/01/2026"],
]  # fmt: skip

# Paid Memberships Pro "Import Members From CSV" add-on's sample file:
# strangerstudios/pmpro-import-users-from-csv examples/import.csv
# (commit 0bbcec7ea07e170022390dde45638969935e52d5). membership_id is the level's number.
PMPRO_IMPORT = columns(
    "user_login,user_email,user_pass,first_name,last_name,display_name,role,membership_id,"
    "membership_code_id,membership_initial_payment,membership_billing_amount,"
    "membership_cycle_number,membership_cycle_period,membership_billing_limit,"
    "membership_trial_amount,membership_trial_limit,membership_status,membership_startdate,"
    "membership_enddate,membership_subscription_transaction_id,membership_gateway,"
    "membership_payment_transaction_id,membership_affiliate_id,membership_timestamp"
)
PMPRO_IMPORT_ROWS = [
    ["akovacs", "anna.kovacs@example.org", "", "Anna", "Kovacs", "Anna Kovacs", "subscriber",
     "1", "", "50", "50", "1", "year", "", "", "", "active", "2025-01-02", "2026-01-02", "",
     "stripe", "", "", "2025-01-02"],
    ["bnair", "b.nair@example.com", "", "Bela", "Nair", "Bela Nair", "subscriber", "2", "",
     "100", "100", "1", "year", "", "", "", "active", "2025-02-03", "2026-02-03", "",
     "stripe", "", "", "2025-02-03"],
    ["cdubois", "c.dubois@example.fr", "", "Claire", "Dubois", "Claire Dubois", "contributor",
     "3", "", "250", "", "", "", "", "", "", "active", "2025-03-08", "2026-03-08", "", "", "",
     "", "2025-03-08"],
]  # fmt: skip

# Mailchimp audience export, as a real export's header is kept in buren/honey_format
# spec/honey_format/csv_spec.rb (commit f919fa098238d102880528247ebcb94e481c1cce), its
# "diabolical_csv": quoted merge-field labels, then Mailchimp's own upper-case columns.
MAILCHIMP = columns(
    '"Email Address","First Name","Last Name",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,'
    "CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES"
)
MAILCHIMP_ROWS = [
    ["rosa.ito@example.org", "Rosa", "Ito", "2", "2024-05-02 10:11:12", "198.51.100.7",
     "2024-05-02 10:12:40", "198.51.100.7", "47.6", "-122.3", "-8", "-7",
     "America/Los_Angeles", "US", "WA", "2025-01-09 08:00:00", "123456789", "a1b2c3d4e5", ""],
    ["p.haas@example.de", "Peter", "Haas", "4", "2023-11-20 17:01:00", "203.0.113.9",
     "2023-11-20 17:03:10", "203.0.113.9", "52.5", "13.4", "1", "2", "Europe/Berlin", "DE",
     "BE", "2025-02-11 09:30:00", "987654321", "f6e5d4c3b2", "met at the 2024 congress"],
]  # fmt: skip


def unquoted(header: list[str]) -> list[str]:
    """A header's names without the quotes the CSV writer puts back."""
    return [name.strip('"') for name in header]


# HubSpot contacts export ("Contacts (HubSpot CRM)" columns as a public analysis queries them:
# Contact ID, First Name, Last Name, Company Name, Country/Region, Contact owner, Lifecycle
# Stage, Lead Status, Email, Phone Number, Website URL, City, State/Region, Create Date).
HUBSPOT = columns(
    "Contact ID,First Name,Last Name,Company Name,Country/Region,Contact owner,Lifecycle Stage,"
    "Lead Status,Email,Phone Number,Website URL,City,State/Region,Create Date"
)
HUBSPOT_ROWS = [
    ["501", "Nora", "Lindqvist", "Lindqvist Design", "Sweden", "Sam Reyes", "customer", "",
     "nora@lindqvist.example", "+46 8 555 010 10", "lindqvist.example", "Stockholm", "",
     "2024-03-01 10:00"],
    ["502", "Omar", "Haddad", "", "United States", "Sam Reyes", "subscriber", "NEW",
     "omar.haddad@example.com", "+1 617 555 0142", "", "Boston", "Massachusetts",
     "2025-06-12 14:20"],
]  # fmt: skip

# Salesforce Contacts exported by Data Loader (standard Contact API names) with the Nonprofit
# Success Pack's membership fields (npo02__…, as SalesforceFoundation/NPSP
# datasets/dev_org/test_data.sql names them) and the record type's name (RecordType.Name) of
# the gift exported with each contact: NPSP's opportunity record types "Membership", "Donation".
NPSP = columns(
    "Id,FirstName,LastName,Email,Phone,MobilePhone,MailingStreet,MailingCity,MailingState,"
    "MailingPostalCode,MailingCountry,npo02__MembershipJoinDate__c,npo02__MembershipEndDate__c,"
    "npo02__LastMembershipLevel__c,npo02__LastMembershipAmount__c,RecordType.Name"
)
NPSP_ROWS = [
    ["0035g00000AbCdEAA1", "Ingrid", "Berg", "ingrid.berg@example.no", "+47 22 55 01 01", "",
     "Storgata 1", "Oslo", "", "0155", "Norway", "2018-04-01", "2027-03-31", "Lifetime",
     "500", "Membership"],
    ["0035g00000AbCdFAA1", "Tomas", "Novak", "t.novak@example.cz", "", "+420 601 555 012",
     "Vodickova 5", "Prague", "", "110 00", "Czech Republic", "2024-06-15", "2026-06-14",
     "Gold", "150", "Membership"],
    ["0035g00000AbCdGAA1", "Grace", "Mensah", "grace.mensah@example.gh", "", "", "",
     "Accra", "", "", "Ghana", "", "", "", "", "Donation"],
]  # fmt: skip

# Eventbrite attendee report: the column names an importer of Eventbrite's attendee CSV reads
# (Order #, Order Date, First Name, Last Name, Email, Quantity, Ticket Type, Attendee #,
# Barcode #, Attendee Status with its trailing space, Home/Work address and phones, Job Title,
# Company), in the report's order; the buyer columns are left out (their order is not known).
EVENTBRITE = [
    "Order #", "Order Date", "Prefix", "First Name", "Last Name", "Suffix", "Email",
    "Quantity", "Ticket Type", "Attendee #", "Barcode #", "Order Type", "Total Paid",
    "Attendee Status ", "Home Address 1", "Home Address 2", "Home City", "Home State",
    "Home Zip", "Home Country", "Home Phone", "Cell Phone", "Job Title", "Company",
    "Work Phone",
]  # fmt: skip
EVENTBRITE_ROWS = [
    ["1234567890", "2026-04-02 09:15:00", "", "Maya", "Patel", "", "maya.patel@example.org",
     "1", "Speaker Pass", "2345678901", "234567890123456789001", "Free Order", "0.00",
     "Attending", "9 Birch Lane", "", "Denver", "CO", "80202", "US", "", "720-555-0117",
     "Director", "Patel Labs", ""],
    ["1234567891", "2026-04-03 11:40:00", "Dr.", "Felix", "Weber", "", "f.weber@example.de",
     "1", "General Admission", "2345678902", "234567890123456789002", "PayPal Completed",
     "95.00", "Attending", "", "", "", "", "", "", "", "", "Professor", "Uni Bonn",
     "+49 228 555 0100"],
]  # fmt: skip

# pretix "Order data" export, its order positions sheet: pretix/pretix
# src/pretix/base/exporters/orderlist.py (commit 003fa629965e54b3674f646b96371388d7904090),
# OrderListExporter.iterate_positions's headers for an event without dates (no subevents), a
# one-field name scheme and no questions.
PRETIX = [
    "Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date",
    "Order time", "Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value",
    "Attendee name", "Attendee email", "Company", "Address", "ZIP code", "City", "Country",
    "State", "Voucher", "Pseudonymization ID", "Seat ID", "Seat name", "Seat zone", "Seat row",
    "Seat number", "Order comment", "Follow-up date", "Company", "Invoice address name",
    "Address", "ZIP code", "City", "Country", "State", "VAT ID", "Sales channel",
    "Order locale", "E-mail address verified", "Payment providers",
]  # fmt: skip
PRETIX_ROWS = [
    ["summit26", "A1B2C", "1", "Paid", "kim.lee@example.kr", "+82 2 555 0101", "2026-03-01",
     "10:02:03", "Exhibitor pass", "", "300.00", "19.00", "VAT", "47.90", "Kim Lee",
     "kim.lee@example.kr", "Lee Industries", "1 Gangnam-daero", "06000", "Seoul", "KR", "",
     "", "X7Y8Z9", "", "", "", "", "", "", "", "Lee Industries", "Kim Lee", "1 Gangnam-daero",
     "06000", "Seoul", "KR", "", "", "web", "en", "Yes", "Stripe"],
    ["summit26", "D4E5F", "1", "Canceled", "ana.silva@example.pt", "", "2026-03-04",
     "16:20:00", "Regular ticket", "", "120.00", "19.00", "VAT", "19.16", "Ana Silva", "",
     "", "", "", "Lisbon", "PT", "", "", "Q1W2E3", "", "", "", "", "", "", "", "", "", "",
     "", "", "", "", "", "web", "pt", "Yes", "PayPal"],
]  # fmt: skip


# Zoom webinar attendee report, its attendee table: the columns public importers of Zoom's
# report require, in that order (found with find_string "Time in Session (minutes)" in the GitHub
# index, which does not name the repository). Zoom writes report lines above the table.
ZOOM_WEBINAR = columns(
    "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Registration Time,"
    "Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name,"
    "Source Name"
)
ZOOM_WEBINAR_ROWS = [
    ["Attendee Report"],
    ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)"],
    ["Renewals that work", "812 3456 7890", "Oct 7, 2026 10:00:00", "62"],
    [],
    ["Attendee Details"],
    ZOOM_WEBINAR,
    ["Yes", "Sara Kim", "Sara", "Kim", "sara.kim@example.org", "+1 312 555 0188",
     "Oct 1, 2026 09:12:44", "approved", "Oct 7, 2026 09:58:02", "Oct 7, 2026 11:01:40", "64",
     "No", "United States", ""],
    ["No", "Luis Ortega", "Luis", "Ortega", "l.ortega@example.mx", "",
     "Oct 3, 2026 16:40:10", "approved", "--", "--", "--", "No", "Mexico", ""],
]  # fmt: skip


# OpenPetra's partner CSV, semicolon-separated with quoted names: openpetra/openpetra
# csharp/ICT/Testing/lib/MPartner/SampleData/samplePartnerImport_dates_mdy.csv
# (commit 2852a9d7b26847fb927d6d652dfb8e9e42c4bfbd); dates m/d/y as in that file.
OPENPETRA = (
    '"PartnerKey";"FirstName";"FamilyName";"DateOfBirth";"Gender";"Street";"PostCode";"City";'
    '"Country";"Email"\n'
    '"0043005001";"Esther";"Mwangi";"03/22/81";"Female";"Moi Avenue 12";"00100";"Nairobi";'
    '"KE";"esther.mwangi@example.ke"\n'
    '"0043005002";"Jonas";"Schmid";"11/02/69";"Male";"Bahnhofstrasse 3";"8001";"Zurich";"CH";'
    '"jonas.schmid@example.ch"\n'
)


def write_export(path: Path, header: list[str] | None, rows: list[list[str]]) -> Path:
    """Write ``header`` and ``rows`` as the system's CSV export (UTF-8, comma-separated).

    No ``header``: the rows hold it, under the lines the system writes above its table.
    """
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
    return path


# Dolibarr ERP, Members module, export "Members and subscriptions" (member_1) with every field
# ticked, written by its CSV driver in English: Dolibarr/dolibarr
# htdocs/core/modules/modAdherent.class.php (commit 3571eaee3d90f56af8f3d520247510e0eeea0c0b,
# the stored version), export_fields_array[1] in its order, each label translated by
# htdocs/langs/en_US/main.lang (commit 0dea2b08c2d41a3c71f6748dfaa3ebbf0f16ede1: Gender, Email,
# Status, Photo=Picture, NotePublic, NotePrivate, DateCreation, DateValidation,
# DateLastModification, Amount), companies.lang (commit 163ba0d4807a0dfa6c46443fcfff610ff2d8239f:
# UserTitle=Title, Lastname, Firstname, Company, Address, Zip=Zip Code, Town=City,
# State=State/Province, CountryCode, Country, PhonePro=Prof. phone, PhonePerso=Pers. phone,
# PhoneMobile=Mobile) and members.lang (commit a10b836e8ac37354177d88a028c86f864977c66e:
# Nature, DateEndSubscription, MemberTypeId, MemberTypeLabel, SubscriptionId, DateSubscription);
# Login=Login (main.lang); "Id" and "Birthday", in none of the three, are written as they are.
# The CSV driver, htdocs/core/modules/export/export_csv.modules.php (commit
# 02ba7450ab4fd75dd99b3ee912dd88eb118ee808), ends every cell with the separator (a trailing comma
# on each line), quotes only cells holding a comma or a quote, and writes ISO-8859-1 unless told
# otherwise. Cells are the database's values as they are (llx_adherent.sql, llx_subscription.sql):
# datetimes "YYYY-MM-DD HH:MM:SS", status -1 draft / 0 terminated / 1 validated, nature phy/mor,
# civility codes (MR, MME). The export joins each member's subscriptions: one row per payment.
DOLIBARR_MEMBERS = [
    "Id", "Title", "Last name", "First name", "Login", "Gender", "Nature", "Company", "Address",
    "Zip Code", "City", "State/Province", "Country code", "Country", "Prof. phone",
    "Pers. phone", "Mobile", "Email", "Birthday", "Status", "Picture", "Note (public)",
    "Note (private)", "Creation date", "Validation date", "Latest modification date",
    "Subscription end date", "Member type id", "Member type label", "Subscription id",
    "Subscription date", "Amount",
]  # fmt: skip
DOLIBARR_MEMBER_ROWS = [
    ["12", "MR", "Müller", "Jürgen", "jmuller", "man", "phy", "", "Hauptstraße 5", "10115",
     "Berlin", "", "DE", "Germany", "+49 30 5550 1200", "", "+49 151 5550 1234",
     "j.mueller@example.de", "1975-06-02", "1", "", "", "", "2015-03-02 10:12:00",
     "2015-03-02 10:15:00", "2026-03-28 09:00:00", "2027-03-31 00:00:00", "1", "Regular",
     "201", "2025-04-01 00:00:00", "50"],
    ["12", "MR", "Müller", "Jürgen", "jmuller", "man", "phy", "", "Hauptstraße 5", "10115",
     "Berlin", "", "DE", "Germany", "+49 30 5550 1200", "", "+49 151 5550 1234",
     "j.mueller@example.de", "1975-06-02", "1", "", "", "", "2015-03-02 10:12:00",
     "2015-03-02 10:15:00", "2026-03-28 09:00:00", "2027-03-31 00:00:00", "1", "Regular",
     "245", "2026-04-01 00:00:00", "55"],
    ["13", "MME", "Lefèvre", "Amélie", "alefevre", "woman", "phy", "", "3, rue des Lilas",
     "69003", "Lyon", "", "FR", "France", "", "+33 4 55 50 12 34", "", "amelie@example.fr",
     "2001-11-20", "1", "", "", "", "2024-11-02 14:00:00", "2024-11-02 14:05:00",
     "2025-11-03 08:30:00", "2026-11-09 00:00:00", "2", "Student", "238",
     "2025-11-10 00:00:00", "20"],
    ["14", "MR", "Okafor", "Chidi", "cokafor", "man", "phy", "", "", "", "Lagos", "", "NG",
     "Nigeria", "", "", "", "chidi.okafor@example.ng", "", "0", "", "", "moved abroad",
     "2019-01-10 09:00:00", "2019-01-10 09:01:00", "2025-01-15 11:00:00",
     "2024-12-31 00:00:00", "1", "Regular", "150", "2024-01-01 00:00:00", "50"],
    ["15", "", "Haddad", "Lina", "lhaddad", "", "phy", "", "", "", "", "", "", "", "", "", "",
     "lina.haddad@example.org", "", "-1", "", "", "", "2026-11-20 16:45:00", "",
     "2026-11-20 16:45:00", "", "1", "Regular", "", "", ""],
]  # fmt: skip


def dolibarr_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Write rows as Dolibarr's CSV driver does: a comma after every cell, ISO-8859-1."""

    def cell(value: str) -> str:
        if '"' in value or "," in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = ("".join(cell(v) + "," for v in row) + "\n" for row in [header, *rows])
    path.write_bytes("".join(lines).encode("iso-8859-1"))
    return path


# MemberPress (Caseproof), Members page "Export all" (MeprMembersCtrl::csv): pronamic/memberpress,
# a mirror of the plugin, version 1.12.11 (commit 3a428785b5a2b6b0581ec4080b98992aef2d5b1a):
# app/models/MeprUser.php list_table's $cols (custom fields included: the address fields of
# app/models/MeprOptions.php, no other custom field), written by app/lib/MeprUtils.php to_csv: the
# column keys as the header, every header quoted, a cell quoted when it holds a comma, a quote or
# a space. "memberships" holds the memberships' post ids; "name" is "Last, First".
MEMBERPRESS_MEMBERS = [
    "ID", "username", "email", "name", "first_name", "last_name", "txn_count",
    "active_txn_count", "expired_txn_count", "trial_txn_count", "sub_count",
    "active_sub_count", "pending_sub_count", "suspended_sub_count", "cancelled_sub_count",
    "latest_txn_date", "first_txn_date", "status", "memberships", "inactive_memberships",
    "last_login_date", "login_count", "total_spent", "registered", "mepr-address-one",
    "mepr-address-two", "mepr-address-city", "mepr-address-country", "mepr-address-state",
    "mepr-address-zip",
]  # fmt: skip
MEMBERPRESS_MEMBER_ROWS = [
    ["41", "rkhan", "r.khan@example.org", "Khan, Rahim", "Rahim", "Khan", "3", "1", "2", "0",
     "1", "1", "0", "0", "0", "2026-02-01 09:30:00", "2024-02-01 09:30:00", "active", "118", "",
     "2026-11-02 18:04:11", "57", "360.00", "2024-02-01 09:28:40", "5 Mill Lane", "",
     "Bristol", "GB", "", "BS1 4DJ"],
    ["42", "tnguyen", "thu.nguyen@example.com", "Nguyen, Thu", "Thu", "Nguyen", "1", "0", "1",
     "0", "0", "0", "0", "0", "0", "2025-03-10 12:00:00", "2025-03-10 12:00:00", "expired", "",
     "121", "2025-06-30 07:15:00", "4", "45.00", "2025-03-10 11:58:02", "77 Pine Ave", "Apt 4",
     "Portland", "US", "OR", "97205"],
    ["43", "gsmith", "g.smith@example.net", "Smith, Gwen", "Gwen", "Smith", "0", "0", "0", "0",
     "0", "0", "0", "0", "0", "", "", "none", "", "", "", "0", "0.00", "2026-10-01 08:00:00",
     "", "", "", "", "", ""],
]  # fmt: skip

# MemberPress, Transactions page "Export all" (MeprTransactionsCtrl::csv): same mirror and commit,
# app/models/MeprTransaction.php list_table's $cols. One row per payment; a lifetime membership's
# expires_at is MemberPress's "no date", 0000-00-00 00:00:00 (MeprUtils::db_lifetime); gateway is
# "label (name)"; subscr_id is "None" for a one-time payment.
MEMBERPRESS_TRANSACTIONS = [
    "id", "created_at", "expires_at", "user_login", "user_email", "first_name", "last_name",
    "user_id", "product_id", "product_name", "gateway", "gateway_id", "subscr_id", "sub_id",
    "trans_num", "amount", "total", "tax_amount", "tax_rate", "tax_class", "tax_desc",
    "status", "coupon_id", "coupon", "order_trans_num",
]  # fmt: skip
MEMBERPRESS_TRANSACTION_ROWS = [
    ["1001", "2025-02-01 09:30:00", "2026-02-01 23:59:59", "rkhan", "r.khan@example.org",
     "Rahim", "Khan", "41", "118", "Annual Membership", "Stripe (Stripe)", "s1k2j3",
     "sub_1AbC", "7", "pi_3Ab001", "120.00", "120.00", "0.00", "0.000", "standard", "", "complete",
     "0", "", ""],
    ["1187", "2026-02-01 09:30:00", "2027-02-01 23:59:59", "rkhan", "r.khan@example.org",
     "Rahim", "Khan", "41", "118", "Annual Membership", "Stripe (Stripe)", "s1k2j3",
     "sub_1AbC", "7", "pi_3Ab187", "120.00", "120.00", "0.00", "0.000", "standard", "", "complete",
     "0", "", ""],
    ["1050", "2025-03-10 12:00:00", "2025-09-10 23:59:59", "tnguyen", "thu.nguyen@example.com",
     "Thu", "Nguyen", "42", "121", "Student (6 months)", "Offline Payment (Offline)", "a9b8c7",
     "None", "0", "mp-txn-5f1e2", "45.00", "45.00", "0.00", "0.000", "standard", "", "complete",
     "0", "", ""],
    ["1102", "2025-05-05 15:20:00", "0000-00-00 00:00:00", "pdiaz", "p.diaz@example.es", "Pilar",
     "Diaz", "44", "125", "Lifetime", "Offline Payment (Offline)", "a9b8c7", "None", "0",
     "mp-txn-77a01", "900.00", "900.00", "0.00", "0.000", "standard", "", "complete", "0", "",
     ""],
]  # fmt: skip


def memberpress_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Write rows as MemberPress's to_csv does: headers quoted, cells quoted at a comma,
    a quote or a space."""

    def cell(value: str) -> str:
        if any(c in value for c in ',"') or any(c.isspace() for c in value):
            return '"' + value.replace('"', '""') + '"'
        return value

    head = ",".join(f'"{name}"' for name in header)
    body = "".join(",".join(cell(v) for v in row) + "\n" for row in rows)
    path.write_text(head + "\n" + body, encoding="utf-8")
    return path
