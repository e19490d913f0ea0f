"""The roster fields member_reach understands, and the column names AMS exports give them.

Synonyms are compared after :func:`normalise_header` (lower case, punctuation to spaces), and
were collected from the member and contact exports of CiviCRM, Wild Apricot, Neon CRM,
MemberClicks, MembershipWorks, Odoo's membership module and Salesforce NPSP, plus plain variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Final

from member_reach.domain.system_headers import SYSTEM_NAMES


class Field(StrEnum):
    """A roster field a column can be mapped to."""

    EXTERNAL_ID = "external_id"
    FULL_NAME = "full_name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    LAST_NAME = "last_name"
    ORGANISATION = "organisation"
    JOB_TITLE = "job_title"
    EMAIL = "email"
    EMAIL_2 = "email_2"
    PHONE = "phone"
    MOBILE = "mobile"
    PHONE_2 = "phone_2"
    ADDRESS_1 = "address_line1"
    ADDRESS_2 = "address_line2"
    CITY = "city"
    REGION = "region"
    POSTAL_CODE = "postal_code"
    COUNTRY = "country"
    MEMBERSHIP_TYPE = "membership_type"
    MEMBER_SINCE = "join_date"
    TERM_START = "term_start"
    EXPIRY = "term_end"
    DUES = "dues"
    ROSTER_STATUS = "roster_status"
    IS_MEMBER = "is_member"
    CONTACT_TYPE = "contact_type"
    DO_NOT_CALL = "do_not_call"
    DO_NOT_EMAIL = "do_not_email"
    # Attendee lists only (see member_reach.domain.attendees).
    EVENT_ROLE = "event_role"
    REGISTRATION_STATUS = "registration_status"
    REGISTERED_ON = "registered_on"


LABELS: Final[dict[Field, str]] = {
    Field.EXTERNAL_ID: "Member ID",
    Field.FULL_NAME: "Full name",
    Field.FIRST_NAME: "First name",
    Field.MIDDLE_NAME: "Middle name",
    Field.LAST_NAME: "Last name",
    Field.ORGANISATION: "Organisation",
    Field.JOB_TITLE: "Job title",
    Field.EMAIL: "E-mail",
    Field.EMAIL_2: "Other e-mail",
    Field.PHONE: "Phone",
    Field.MOBILE: "Mobile",
    Field.PHONE_2: "Other phone",
    Field.ADDRESS_1: "Address",
    Field.ADDRESS_2: "Address line 2",
    Field.CITY: "City",
    Field.REGION: "State / province",
    Field.POSTAL_CODE: "Postal code",
    Field.COUNTRY: "Country",
    Field.MEMBERSHIP_TYPE: "Membership type",
    Field.MEMBER_SINCE: "Member since",
    Field.TERM_START: "Term start",
    Field.EXPIRY: "Expiry",
    Field.DUES: "Dues",
    Field.ROSTER_STATUS: "Status (as exported)",
    Field.IS_MEMBER: "Is a member",
    Field.CONTACT_TYPE: "Contact type",
    Field.DO_NOT_CALL: "Do not call",
    Field.DO_NOT_EMAIL: "Do not e-mail",
    Field.EVENT_ROLE: "Role at the event",
    Field.REGISTRATION_STATUS: "Registration status",
    Field.REGISTERED_ON: "Registered on",
}

DATE_FIELDS: Final = frozenset({Field.MEMBER_SINCE, Field.TERM_START, Field.EXPIRY})
PHONE_FIELDS: Final = (Field.PHONE, Field.MOBILE, Field.PHONE_2)
ADDRESS_FIELDS: Final = frozenset(
    {
        Field.ADDRESS_1,
        Field.ADDRESS_2,
        Field.CITY,
        Field.REGION,
        Field.POSTAL_CODE,
        Field.COUNTRY,
    }
)
EMAIL_FIELDS: Final = (Field.EMAIL, Field.EMAIL_2)
NAME_FIELDS: Final = frozenset(
    {Field.FULL_NAME, Field.FIRST_NAME, Field.LAST_NAME, Field.ORGANISATION}
)

# Exact names (after normalise_header), "|"-separated to keep the table readable.
_SYNONYMS: Final[dict[Field, str]] = {
    Field.EXTERNAL_ID: (
        "member id|member number|member no|membership number|membership id|id|"
        "contact id|user id|account id|profile id|record id|customer id|constituent id|"
        "internal contact id|external identifier|external id|account number|mbr id|memberid|"
        "member #|member num|salesforce id|contact1 id|neon id"
    ),
    Field.FULL_NAME: (
        "name|full name|member name|contact name|full name f|display name|sort name|"
        "account name|contact|name of member|customer name"
    ),
    Field.FIRST_NAME: (
        "first name|first|firstname|given name|forename|fname|contact1 first name|"
        "first name f|preferred name|nickname"
    ),
    Field.MIDDLE_NAME: ("middle name|middle|middle initial|mi|contact1 middle name"),
    Field.LAST_NAME: ("last name|last|lastname|surname|family name|lname|contact1 last name"),
    Field.ORGANISATION: (
        "organisation|organization|organization name|organisation name|company|company name|"
        "employer|current employer|account1 name|business name|firm|institution|agency|"
        "organization s|org|org name"
    ),
    Field.JOB_TITLE: ("job title|title|position|contact1 title|role|job"),
    Field.EMAIL: (
        "email|e mail|email address|e mail address|primary email|email 1|email primary|"
        "contact1 personal email|contact1 preferred email|work email|personal email|"
        "home email|emailaddress|mail"
    ),
    Field.EMAIL_2: (
        "email 2|other email|alternate email|secondary email|contact1 work email|"
        "contact1 alternate email|email secondary"
    ),
    Field.PHONE: (
        "phone|phone number|telephone|tel|primary phone|phone 1|phone 1 full number f|"
        "phone primary|work phone|phone work|business phone|office phone|contact1 home phone|"
        "contact1 preferred phone|home phone|daytime phone|phone home"
    ),
    Field.MOBILE: (
        "mobile|mobile phone|cell|cell phone|cellphone|mobile number|contact1 mobile phone|"
        "phone mobile|phone 2 full number f"
    ),
    Field.PHONE_2: (
        "phone 2|other phone|alternate phone|contact1 work phone|contact1 other phone|fax"
    ),
    Field.ADDRESS_1: (
        "address|street|street address|address 1|address line 1|address1|mailing street|"
        "home street|address primary line 1|address street|street 1|mailing address|addr1"
    ),
    Field.ADDRESS_2: (
        "address 2|address line 2|address2|street2|street 2|supplemental address 1|"
        "address primary line 2|addr2"
    ),
    Field.CITY: ("city|town|mailing city|home city|address city|city town|locality|suburb"),
    Field.REGION: (
        "state|province|state province|region|county|mailing state province|"
        "home state province|address state province|st|state prov|state code"
    ),
    Field.POSTAL_CODE: (
        "postal code|zip|zip code|postcode|post code|zip postal code|mailing zip postal code|"
        "home zip postal code|address postal code|postal|zipcode"
    ),
    Field.COUNTRY: ("country|mailing country|home country|address country|country code|nation"),
    Field.MEMBERSHIP_TYPE: (
        "membership type|member type|membership level|level|membership levels|member level|"
        "last membership level|membership|type|category|membership category|membership class|"
        "class|grade|tier|plan|membership plan|membership product|donation member level|"
        "member level name|membership level name|level name|membership name|subscription level|"
        "subscription type|subscription plan"
    ),
    Field.MEMBER_SINCE: (
        "member since|join date|joined|date joined|joined on|membership join date|"
        "original join date|start of membership|first joined|since|join|membership since|"
        "date of joining|enrollment date|enrolled|subscription date|date subscribed|subscribed on|"
        "user registered|joined date"
    ),
    Field.TERM_START: (
        "membership start date|start date|term start|term start date|start|period start|"
        "current term start|membership start|level last changed|last renewal date|renewed on|"
        "last renewed|renewal date last|membership startdate|startdate|subscription start date|"
        "subscription start|membership start time"
    ),
    Field.EXPIRY: (
        "expiry|expiry date|expiration|expiration date|expires|expires on|"
        "membership expiration date|membership expiry|membership expires|membership end date|"
        "end date|term end|term end date|renewal due|renewal due date|renewal date|due date|"
        "paid thru|paid through|paid thru date|paid to|paid until|valid until|valid to|"
        "good through|good thru|membership stop|expire date|exp date|next renewal|"
        "next renewal date|lapse date|membership enddate|enddate|subscription end date|"
        "subscription end|membership end|expiration timestamp"
    ),
    Field.DUES: (
        "dues|amount|fee|membership fee|membership amount|dues amount|last membership amount|"
        "annual dues|price|dues paid|amount paid|membership dues|total|rate"
    ),
    Field.ROSTER_STATUS: (
        "status|membership status|member status|current membership status|membership state|"
        "state of membership|standing|active|active status"
    ),
    Field.IS_MEMBER: (
        "member|is member|member yes no|is a member|member flag|member y n|current member"
    ),
    Field.CONTACT_TYPE: ("contact type|record type|account type|contact subtype|constituent type"),
    Field.DO_NOT_CALL: (
        "do not call|do not phone|dnc|no calls|do not telephone|no phone|opt out phone|"
        "phone opt out"
    ),
    Field.DO_NOT_EMAIL: (
        "do not email|email opt out|no email|opt out email|do not mail email|unsubscribed"
    ),
}

_EXACT: Final[dict[str, Field]] = {n: Field(v) for n, v in SYSTEM_NAMES.items()} | {
    name: field for field, names in _SYNONYMS.items() for name in names.split("|")
}

# Word rules for names not in the table, tried in order; each is (required words, field).
_KEYWORDS: Final[tuple[tuple[tuple[str, ...], Field], ...]] = (
    (("do", "not", "call"), Field.DO_NOT_CALL),
    (("do", "not", "phone"), Field.DO_NOT_CALL),
    (("do", "not", "email"), Field.DO_NOT_EMAIL),
    (("opt", "out"), Field.DO_NOT_EMAIL),
    (("expir",), Field.EXPIRY),
    (("paid", "thr"), Field.EXPIRY),
    (("renewal", "due"), Field.EXPIRY),
    (("end", "date"), Field.EXPIRY),
    (("member", "since"), Field.MEMBER_SINCE),
    (("join",), Field.MEMBER_SINCE),
    (("start", "date"), Field.TERM_START),
    (("email",), Field.EMAIL),
    (("e", "mail"), Field.EMAIL),
    (("mobile",), Field.MOBILE),
    (("cell",), Field.MOBILE),
    (("phone",), Field.PHONE),
    (("first", "name"), Field.FIRST_NAME),
    (("last", "name"), Field.LAST_NAME),
    (("surname",), Field.LAST_NAME),
    (("zip",), Field.POSTAL_CODE),
    (("postal",), Field.POSTAL_CODE),
    (("postcode",), Field.POSTAL_CODE),
    (("city",), Field.CITY),
    (("state",), Field.REGION),
    (("province",), Field.REGION),
    (("country",), Field.COUNTRY),
    (("street",), Field.ADDRESS_1),
    (("address",), Field.ADDRESS_1),
    (("membership", "type"), Field.MEMBERSHIP_TYPE),
    (("membership", "level"), Field.MEMBERSHIP_TYPE),
    (("member", "type"), Field.MEMBERSHIP_TYPE),
    (("member", "level"), Field.MEMBERSHIP_TYPE),
    (("startdate",), Field.TERM_START),
    (("enddate",), Field.EXPIRY),
    (("status",), Field.ROSTER_STATUS),
    (("organi",), Field.ORGANISATION),
    (("company",), Field.ORGANISATION),
    (("employer",), Field.ORGANISATION),
    (("dues",), Field.DUES),
    (("member", "id"), Field.EXTERNAL_ID),
    (("member", "number"), Field.EXTERNAL_ID),
)

_NON_WORD = re.compile(r"[^0-9a-z#]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=4096)
def normalise_header(text: str) -> str:
    """Return a column name in the form synonyms are written in.

    Accents are dropped, camelCase and snake_case split, punctuation becomes spaces:
    ``"E-mail Address"`` → ``"e mail address"``, ``"Paid_Thru"`` → ``"paid thru"``.
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    plain = _CAMEL.sub(" ", plain).lower()
    return " ".join(_NON_WORD.sub(" ", plain).split())


def guess_field(header: str) -> Field | None:
    """Return the field a column name most likely holds, or None."""
    match = match_header(header)
    return match[0] if match is not None else None


@lru_cache(maxsize=4096)
def match_header(header: str) -> tuple[Field, str, bool] | None:
    """The field a column name most likely holds, how the name says so, and whether exactly.

    ``("Paid_Thru")`` → ``(Field.EXPIRY, "name matches 'paid thru'", True)``; a name found by
    its words only (``"Donation Member Level"``) is not exact. None: the name says nothing.
    """
    key = normalise_header(header)
    if not key:
        return None
    for name in (key, key.replace(" ", "")):
        if (exact := _EXACT.get(name)) is not None:
            return exact, f"name matches '{name}'", True
    words = key.split()
    for required, field in _KEYWORDS:
        if all(any(w.startswith(r) for w in words) for r in required):
            said = " and ".join(f"'{r}'" for r in required)
            return field, f"name contains {said}", False
    return None


def header_score(cells: list[str]) -> int:
    """How many cells of a candidate header row name a known field (for header detection)."""
    return sum(1 for cell in cells if cell and guess_field(cell) is not None)


def column_letter(index: int) -> str:
    """A 0-based column's letters, as spreadsheets show them: 0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_title(header: Sequence[str], index: int) -> str:
    """A column's name, or "column C" for a column without one."""
    name = header[index] if index < len(header) else ""
    return name or f"column {column_letter(index)}"


def column_of_letter(text: str) -> int | None:
    """The 0-based column of spreadsheet letters ("C" → 2), or None for anything else."""
    letters = text.strip().upper()
    if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        return None
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1
