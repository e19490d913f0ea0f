"""Attendee lists: the columns event systems export, and a person's role and registration.

Column names come from CiviCRM's participant export ("Participant Role", "Participant Status",
"Register date"), Eventbrite's attendee report ("Ticket Type", "Attendee Status", "Order Date"),
Cvent ("Registration Type", "Registration Status", "Registration Date") and plain variants. In an
attendee list "Status" and "Role" mean the registration's, not the membership's or the job's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from member_reach.domain.columns import Field, normalise_header
from member_reach.domain.contacts import clean_text
from member_reach.domain.dates import DateOrder, parse_date
from member_reach.domain.mapping import ColumnMapping, auto_map

_EVENT_SYNONYMS: Final[dict[Field, str]] = {
    Field.EVENT_ROLE: (
        "role|participant role|attendee type|registration type|ticket type|participant type|"
        "badge type|attendee role|registrant type|ticket|ticket class|pass type|category"
    ),
    Field.REGISTRATION_STATUS: (
        "status|participant status|registration status|attendee status|check in status|"
        "checked in|attendance|attended|attendance status|registrant status"
    ),
    Field.REGISTERED_ON: (
        "register date|registration date|registered on|date registered|order date|registered|"
        "sign up date|signup date|date of registration|registration date time|created date|"
        "purchase date"
    ),
}
_EVENT_EXACT: Final = {
    name: fld for fld, names in _EVENT_SYNONYMS.items() for name in names.split("|")
}
_NOT_IN_ATTENDEE_LISTS: Final = frozenset(
    {Field.ROSTER_STATUS, Field.MEMBERSHIP_TYPE, Field.TERM_START, Field.EXPIRY}
)

ROLES: Final = ("attendee", "exhibitor", "sponsor", "speaker")
_ROLE_WORDS: Final = (
    (re.compile(r"sponsor|partner", re.I), "sponsor"),
    (re.compile(r"exhibit|booth|vendor|stand", re.I), "exhibitor"),
    (re.compile(r"speak|present|panel|keynote|moderat|faculty|instructor", re.I), "speaker"),
)
_CANCELLED = re.compile(
    r"cancel|refund|not\s+attending|declin|reject|expired|transferred|removed|void", re.I
)
_NO_SHOW = re.compile(r"no[\s-]?show|did\s+not\s+attend|absent", re.I)
_ATTENDED = re.compile(r"attended|checked[\s-]?in|present|showed|^yes$|^y$|^true$", re.I)


def attendee_mapping(header: Sequence[str], rows: Sequence[Sequence[object]] = ()) -> ColumnMapping:
    """Map an attendee list's columns: event words first, then the roster's (names and values)."""
    columns = dict(auto_map(header, rows).columns)
    for index, name in enumerate(header):
        event_field = _EVENT_EXACT.get(normalise_header(name)) if name else None
        if event_field is not None and event_field not in columns.values():
            columns[index] = event_field
        elif columns.get(index) in _NOT_IN_ATTENDEE_LISTS:
            del columns[index]
    return ColumnMapping(columns)


@dataclass(frozen=True)
class Registration:
    """What one attendee row says of the event.

    Attributes:
        role: "attendee", "exhibitor", "sponsor" or "speaker".
        cancelled: the registration was cancelled (the person is kept as a contact only).
        attended: True when the row says the person came, False for a no-show, None if unsaid.
        registered_on: the registration date, when given and readable.
        problem: "" or why a value could not be read (the row is flagged).
    """

    role: str
    cancelled: bool
    attended: bool | None
    registered_on: dt.date | None
    problem: str = ""


def parse_role(value: object) -> str:
    """The role a cell names; anything else (delegate, guest, member) is an attendee."""
    text = clean_text(value)
    for pattern, role in _ROLE_WORDS:
        if pattern.search(text):
            return role
    return "attendee"


def read_registration(
    cells: Sequence[object],
    mapping: ColumnMapping,
    header: Sequence[str],
    date_order: DateOrder,
    date1904: bool = False,
) -> Registration:
    """Read the role, status and registration date of one attendee row."""

    def cell(fld: Field) -> object:
        index = mapping.index_of(fld)
        return cells[index] if index is not None and index < len(cells) else None

    status = clean_text(cell(Field.REGISTRATION_STATUS))
    cancelled = bool(_CANCELLED.search(status))
    attended: bool | None = None
    if _NO_SHOW.search(status):
        attended = False
    elif _ATTENDED.search(status):
        attended = True
    date = parse_date(cell(Field.REGISTERED_ON), date_order, date1904=date1904)
    problem = ""
    if date.problem:
        index = mapping.index_of(Field.REGISTERED_ON)
        column = header[index] if index is not None else ""
        problem = f"column '{column}': {date.problem}"
    return Registration(
        parse_role(cell(Field.EVENT_ROLE)), cancelled, attended, date.value, problem
    )
