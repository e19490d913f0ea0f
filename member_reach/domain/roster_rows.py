"""One roster row: is it data at all, and what person and membership does it describe.

Rows are classified as data, structural (blank, a repeated header, a section label, totals or
a report footer) or, once read, rejected or flagged. Values are cleaned here (dates under a date
order, phones to E.164, e-mails checked); a value that cannot be read is kept as a flag naming its
column and never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import Any, Final

from member_reach.domain import contacts, dates
from member_reach.domain.columns import DATE_FIELDS, PHONE_FIELDS, Field, normalise_header
from member_reach.domain.contacts import clean_text, normalize_email, normalize_phone, split_emails
from member_reach.domain.dates import DateOrder, DateResult, parse_date
from member_reach.domain.mapping import ColumnMapping
from member_reach.domain.names import looks_like_organisation, split_full_name
from member_reach.domain.row_checks import PHONE_KINDS, TEXT_TARGETS, check_values
from member_reach.domain.values import country_code, parse_flag, parse_money


class RowKind(StrEnum):
    """What a row of a roster is."""

    DATA = "data"
    BLANK = "blank row"
    REPEATED_HEADER = "repeated header"
    SECTION = "section label"
    FOOTER = "totals or footer"


_FOOTER = re.compile(
    r"^(grand\s+)?(sub)?totals?\b|^count\b|^records?\b|^(report\s+)?generated\b|^printed\b"
    r"|^page\s+\d+|^end\s+of\b|^\d[\d,]*\s+(records?|members?|rows?|contacts?)\b|^run\s+date\b",
    re.IGNORECASE,
)
_UNREAD_LENGTH: Final = 120  # what a person keeps of a value as typed
_NAME_FIELDS: Final = frozenset(
    {Field.FULL_NAME, Field.FIRST_NAME, Field.LAST_NAME, Field.ORGANISATION}
)
_PERSON_FIELDS: Final = _NAME_FIELDS | {Field.EMAIL, Field.EMAIL_2, *PHONE_FIELDS}
_NON_MEMBER_WORDS: Final = re.compile(
    r"non[\s-]?member|not\s+a\s+member|prospect|donor|guest|subscriber|lead\b|contact\s+only",
    re.IGNORECASE,
)
# A record type of a gift (Salesforce NPSP's "Donation", "Grant", "In-Kind Gift"): no member
# unless the row also gives membership dates.
_GIFT_RECORD: Final = re.compile(r"donation|\bgift|grant\b|pledge", re.IGNORECASE)
_ORGANISATION_WORDS: Final = re.compile(r"^(organi[sz]ation|company|business|household)$", re.I)


def classify_structure(
    cells: Sequence[object], header_keys: Sequence[str], mapping: ColumnMapping
) -> RowKind:
    """Tell structural rows from data rows.

    Args:
        cells: the row's values.
        header_keys: the header's names after ``normalise_header`` (to spot a repeated header).
        mapping: the column mapping (a lone value in a name column is data, not a label).
    """
    if len(cells) - cells.count(None) - cells.count("") >= 3:
        # Most rows: three values or more are never a footer nor a label; data unless their
        # first text is the header's name of its column (then they are compared below).
        first_text = next(
            ((i, c) for i, c in enumerate(cells) if isinstance(c, str) and c != ""), None
        )
        if first_text is None or not _may_repeat_header(*first_text, header_keys):
            return RowKind.DATA
    filled = [(i, c) for i, c in enumerate(cells) if c is not None and c != ""]
    if not filled:
        return RowKind.BLANK
    texts = [(i, c) for i, c in filled if isinstance(c, str)]
    first_index, first = texts[0] if texts else (len(header_keys), "")
    # A repeated header repeats its first name: only such rows are compared cell by cell.
    maybe_header = (
        first_index < len(header_keys) and normalise_header(first) == header_keys[first_index]
    )
    if maybe_header and len(texts) == len(filled) and len(filled) >= 2:
        same = sum(
            1 for i, c in texts if i < len(header_keys) and normalise_header(c) == header_keys[i]
        )
        if same * 2 > len(filled):
            return RowKind.REPEATED_HEADER
    if len(filled) <= 2:
        leading = filled[0][1]
        if isinstance(leading, str) and _FOOTER.search(leading.strip()):
            return RowKind.FOOTER
    if len(filled) == 1:
        index, value = filled[0]
        # A label sits anywhere but in a name, phone or e-mail column: a lone value there is a
        # person (maybe one to reject), not a label.
        if isinstance(value, str) and mapping.columns.get(index) not in _PERSON_FIELDS:
            return RowKind.SECTION
    return RowKind.DATA


def _may_repeat_header(index: int, text: str, header_keys: Sequence[str]) -> bool:
    return index < len(header_keys) and normalise_header(text) == header_keys[index]


@dataclass(frozen=True)
class RowOptions:
    """How values of one file are read."""

    default_region: str = "US"
    date_order: DateOrder = "mdy"
    column_date_orders: Mapping[int, DateOrder] = field(default_factory=dict)
    date1904: bool = False
    #: The most characters each text of a record can hold, by attribute (``"city"``), plus
    #: ``"phone"`` (as typed), ``"email"`` and ``"display_name"``; a longer value is flagged
    #: and left out (the whole cell stays in the rows to check).
    max_lengths: Mapping[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class PhoneValue:
    """One phone of a row."""

    kind: str  # "phone", "mobile", "other"
    original: str
    e164: str | None
    problem: str

    def __reduce__(self) -> tuple[type[PhoneValue], tuple[str, str, str | None, str]]:
        """Pickled as its values (see :meth:`RosterRecord.__reduce__`)."""
        return PhoneValue, (self.kind, self.original, self.e164, self.problem)


@dataclass(slots=True)
class RosterRecord:
    """A person and membership read from one data row."""

    row: int
    external_id: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    organisation: str = ""
    is_organisation: bool = False
    job_title: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[PhoneValue] = field(default_factory=list)
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    country_text: str = ""  # the country as the file typed it
    membership_type: str = ""
    join_date: dt.date | None = None
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    dues: Decimal | None = None
    roster_status: str = ""
    is_member: bool = True
    do_not_call: bool | None = None
    do_not_email: bool | None = None
    flags: list[str] = field(default_factory=list)
    rejected: str = ""
    #: A row with no name holding only contact details: the row of the person it continues.
    continues: int = 0
    #: Values the row could not read (a date that is no date), as typed, by column name.
    unread: dict[str, str] | None = None  # made with the first (most rows have none)

    def __reduce__(self) -> tuple[type[RosterRecord], tuple[Any, ...]]:
        """Pickled as its values in the fields' order, rebuilt by ``__init__``.

        A worker process sends records so (see ``services/imports/reading_worker.py``): about
        four times faster than the state functions dataclasses give a class with slots.
        """
        return RosterRecord, _record_values(self)

    def keep_as_typed(self, column: str, typed: object) -> None:
        """Keep a value that could not be read, as the file typed it (the row is flagged)."""
        text = clean_text(typed)
        if text:
            if self.unread is None:
                self.unread = {}
            self.unread[column] = text[:_UNREAD_LENGTH]

    @property
    def unread_values(self) -> str:
        """The unread values as stored with the person: a JSON object, "" when none."""
        return json.dumps(self.unread, ensure_ascii=False, sort_keys=True) if self.unread else ""

    @property
    def display_name(self) -> str:
        """The name to show for this row."""
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return full or self.organisation or self.external_id or (self.emails or [""])[0]


_record_values: Final = attrgetter(*(f.name for f in fields(RosterRecord)))


class RowReader:
    """Reads the data rows of one file: what is the same for every row is worked out once.

    A column's values repeat (a city, a status, an expiry date, the dues): each text, date and
    amount is read once per column and the result shared by the rows that hold the same value,
    up to :data:`MEMO_SIZE` values a column. 100,000 rows then hold one "Chicago", not 8,000.
    A column whose values are nearly all distinct (names, e-mails) is read without a memo: past
    the first :data:`MEMO_TRIAL` distinct values, if they came from fewer than one row in ten
    more, its memo is dropped (it would only hold memory).
    """

    def __init__(self, mapping: ColumnMapping, header: Sequence[str], options: RowOptions):
        self.items = sorted(mapping.columns.items())
        self.columns = {f: header[i] for i, f in self.items if i < len(header)}
        self.options = options
        self.texts: list[list[Any]] = [  # [column, attribute, memo (None: dropped)]
            [i, TEXT_TARGETS[f], {}] for i, f in self.items if f in TEXT_TARGETS
        ]
        self.date_orders = {
            f: options.column_date_orders.get(i, options.date_order)
            for i, f in self.items
            if f in DATE_FIELDS
        }
        self.dates: dict[Field, dict[tuple[type, object], DateResult] | None] = {
            f: {} for f in self.date_orders
        }
        self.dues: dict[tuple[type, object], tuple[Decimal | None, str]] | None = {}
        self.rows = 0  # rows read

    def read(self, row: int, cells: Sequence[object]) -> RosterRecord:
        """Read one data row into a record; problems become flags, or a rejection reason."""
        record = RosterRecord(row=row)
        self.rows += 1
        count = len(cells)
        values = {f: cells[i] for i, f in self.items if i < count}
        for column in self.texts:
            index, attribute, memo = column
            if index < count:
                cell = cells[index]
                if memo is None:
                    setattr(record, attribute, clean_text(cell))
                    continue
                key = (cell.__class__, cell)  # 1, 1.0 and True are not the same cell
                text = memo.get(key)
                if text is None:
                    text = clean_text(cell)
                    if not self._keep(memo, key, text):
                        column[2] = None
                setattr(record, attribute, text)
        _read_names(record, values)
        _read_country(record, values, self.columns)
        _read_contacts(record, values, self.columns, self.options)
        self._read_membership(record, values)
        check_values(record, self.columns, self.options.max_lengths)
        if not (
            record.first_name
            or record.last_name
            or record.organisation
            or record.external_id
            or record.emails
        ):
            record.rejected = "no name, organisation, member id or e-mail"
        return record

    def _read_membership(self, record: RosterRecord, values: Mapping[Field, object]) -> None:
        columns, date1904 = self.columns, self.options.date1904
        for fld, order in self.date_orders.items():
            if fld not in values:
                continue
            cell = values[fld]
            key = (cell.__class__, cell)
            memo = self.dates[fld]
            result = None if memo is None else memo.get(key)
            if result is None:
                result = parse_date(cell, order, date1904=date1904)
                if memo is not None and not self._keep(memo, key, result):
                    self.dates[fld] = None
            if result.problem:
                record.flags.append(f"column '{columns[fld]}': {result.problem}")
                if result.value is None:
                    record.keep_as_typed(columns[fld], cell)
            setattr(record, fld.value, result.value)
        if Field.DUES in values:
            cell = values[Field.DUES]
            key = (cell.__class__, cell)
            dues = None if self.dues is None else self.dues.get(key)
            if dues is None:
                dues = _read_money(cell)
                if self.dues is not None and not self._keep(self.dues, key, dues):
                    self.dues = None
            amount, problem = dues
            if problem:
                record.flags.append(f"column '{columns[Field.DUES]}': {problem}")
                record.keep_as_typed(columns[Field.DUES], cell)
            record.dues = amount
        record.is_member = _is_member(record, values)

    def _keep(
        self, memo: dict[tuple[type, object], Any], key: tuple[Any, Any], reading: Any
    ) -> bool:
        """Remember a value's reading in a column's memo while it has room.

        False: the memo is no use (see the class), the caller drops it.
        """
        size = len(memo)
        if size == MEMO_TRIAL and size * 10 > self.rows * 9:
            return False
        if size < MEMO_SIZE:
            memo[key] = reading
        return True


#: The most values of one column whose reading a :class:`RowReader` keeps.
MEMO_SIZE: Final = 20_000
#: How many distinct values of a column show whether its memo is of use.
MEMO_TRIAL: Final = 1_000


def _read_money(cell: object) -> tuple[Decimal | None, str]:
    try:
        return parse_money(cell), ""
    except ValueError as exc:
        return None, str(exc)


def read_record(
    row: int,
    cells: Sequence[object],
    mapping: ColumnMapping,
    header: Sequence[str],
    options: RowOptions,
) -> RosterRecord:
    """Read one data row into a record (see :class:`RowReader` to read many)."""
    return RowReader(mapping, header, options).read(row, cells)


def _read_names(record: RosterRecord, values: Mapping[Field, object]) -> None:
    kind = clean_text(values[Field.CONTACT_TYPE]) if Field.CONTACT_TYPE in values else ""
    full = clean_text(values[Field.FULL_NAME]) if Field.FULL_NAME in values else ""
    if _ORGANISATION_WORDS.match(kind):
        record.is_organisation = True
        record.organisation = record.organisation or full
        return
    if full and not (record.first_name or record.last_name):
        if full == record.organisation or (
            not record.organisation and looks_like_organisation(full)
        ):
            record.is_organisation = True
            record.organisation = full
            return
        name = split_full_name(full)
        record.first_name, record.middle_name, record.last_name = name.first, name.middle, name.last
    if record.organisation and not (record.first_name or record.last_name):
        record.is_organisation = True


def _read_country(
    record: RosterRecord, values: Mapping[Field, object], columns: Mapping[Field, str]
) -> None:
    text = clean_text(values.get(Field.COUNTRY))
    if not text:
        return
    record.country_text = text[:_UNREAD_LENGTH]
    code = country_code(text)
    if code is None:
        record.flags.append(f"column '{columns[Field.COUNTRY]}': country '{text}' not recognised")
    else:
        record.country = code


def _read_contacts(
    record: RosterRecord,
    values: Mapping[Field, object],
    columns: Mapping[Field, str],
    options: RowOptions,
) -> None:
    for fld in (Field.EMAIL, Field.EMAIL_2):
        for piece in split_emails(values.get(fld)):
            result = normalize_email(piece)
            if result.problem:
                record.flags.append(f"column '{columns[fld]}': {result.problem}")
                record.keep_as_typed(columns[fld], piece)
            elif result.address.lower() not in {e.lower() for e in record.emails}:
                record.emails.append(result.address)
    region = record.country or options.default_region
    for fld, kind in PHONE_KINDS.items():
        if fld not in values:
            continue
        phone = normalize_phone(values[fld], region)
        if not phone.original:
            continue
        record.phones.append(PhoneValue(kind, phone.original, phone.e164, phone.problem))
        if phone.problem:
            record.flags.append(f"column '{columns[fld]}': {phone.problem}")
    for fld, attribute in (
        (Field.DO_NOT_CALL, "do_not_call"),
        (Field.DO_NOT_EMAIL, "do_not_email"),
    ):
        if fld in values:
            setattr(record, attribute, _flag(record, values[fld], columns[fld]))


def _flag(record: RosterRecord, value: object, column: str) -> bool | None:
    parsed = parse_flag(value)
    if parsed is None:
        record.flags.append(f"column '{column}': '{clean_text(value)}' is not yes or no")
        record.keep_as_typed(column, value)
    return parsed


def _is_member(record: RosterRecord, values: Mapping[Field, object]) -> bool:
    if Field.IS_MEMBER in values:
        said = parse_flag(values[Field.IS_MEMBER])
        if said is not None:
            return said
        if _says_non_member(clean_text(values[Field.IS_MEMBER])):
            return False
    if Field.CONTACT_TYPE in values:
        kind = clean_text(values[Field.CONTACT_TYPE])
        if _says_non_member(kind) or (_GIFT_RECORD.search(kind) and not _has_term(record)):
            return False
    # Status and type were cleaned into the record already.
    return not (_says_non_member(record.roster_status) or _says_non_member(record.membership_type))


def _has_term(record: RosterRecord) -> bool:
    return any((record.join_date, record.term_start, record.term_end))


@lru_cache(maxsize=1024)
def _says_non_member(text: str) -> bool:
    return _NON_MEMBER_WORDS.search(text) is not None


def forget_readings() -> None:
    """Forget the phones, e-mails and dates read so far.

    They are kept for speed while rows are read (a phone typed twice is read once), up to tens
    of thousands of each: once a large file is read they only hold memory.
    """
    contacts.forget_readings()
    dates.forget_readings()
