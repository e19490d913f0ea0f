"""Checks of a roster row once read: values that read, but cannot be right, are flagged.

Each problem becomes a flag naming its column (the row goes to the rows to check, its cells whole)
and the value that cannot be right is left out, so that what is written is never wrong:

* a text longer than the field it is written to (the limits come from the store's models);
* an invisible control that turns text around (a right-to-left override): removed;
* a phone written as a negative number;
* a date no member can have (before 1901 or after 2199: 0001-01-01, 9999-12-31, or an Excel
  serial such as 3.5, which is 3 January 1900), and a member-since date after the expiry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from member_reach.domain.columns import LABELS, Field

if TYPE_CHECKING:
    from member_reach.domain.roster_rows import RosterRecord

#: The fields read as plain text, and the record attribute each fills.
TEXT_TARGETS: Final[dict[Field, str]] = {
    Field.EXTERNAL_ID: "external_id",
    Field.FIRST_NAME: "first_name",
    Field.MIDDLE_NAME: "middle_name",
    Field.LAST_NAME: "last_name",
    Field.ORGANISATION: "organisation",
    Field.JOB_TITLE: "job_title",
    Field.ADDRESS_1: "address_line1",
    Field.ADDRESS_2: "address_line2",
    Field.CITY: "city",
    Field.REGION: "region",
    Field.POSTAL_CODE: "postal_code",
    Field.MEMBERSHIP_TYPE: "membership_type",
    Field.ROSTER_STATUS: "roster_status",
}
#: The phone fields, and the kind of phone each gives.
PHONE_KINDS: Final = {Field.PHONE: "phone", Field.MOBILE: "mobile", Field.PHONE_2: "other"}
#: The dates a member's record can hold: none before 1901 nor after 2199.
EARLIEST: Final = dt.date(1901, 1, 1)
LATEST: Final = dt.date(2199, 12, 31)
_DATES: Final = (Field.MEMBER_SINCE, Field.TERM_START, Field.EXPIRY)
_ATTRIBUTES: Final = tuple(TEXT_TARGETS.values())
# Bidirectional controls: embeddings, overrides, isolates (an override disguises text).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_values(
    record: RosterRecord, columns: Mapping[Field, str], limits: Mapping[str, int]
) -> None:
    """Flag (and leave out) every value of ``record`` that reads but cannot be right.

    Args:
        record: the row as read.
        columns: each mapped field's column name.
        limits: the most characters each text attribute holds (see ``RowOptions.max_lengths``).
    """
    full = columns.get(Field.FULL_NAME, LABELS[Field.FULL_NAME])
    # Most rows hold no control character and no text too long: one look at all their texts.
    texts = [getattr(record, attribute) for attribute in _ATTRIBUTES]
    if _BIDI.search("".join(texts)):
        _check_controls(record, columns, full)
        texts = [getattr(record, attribute) for attribute in _ATTRIBUTES]
    if record.phones:
        _check_phones(record, columns, limits.get("phone"))
    _check_dates(record, columns)
    if limits:
        _check_lengths(record, columns, limits, full, texts)


def _shortest(limits: Mapping[str, int]) -> int:
    """The lowest limit of the text attributes (a text no longer than it is never too long).

    Worked out once for the limits of a whole file (one mapping, read for every row).
    """
    if _Shortest.limits is not limits:
        _Shortest.value = min((limits[a] for a in _ATTRIBUTES if a in limits), default=1 << 30)
        _Shortest.limits = limits
    return _Shortest.value


class _Shortest:
    """The last limits :func:`_shortest` was given, and their lowest."""

    limits: Mapping[str, int] | None = None
    value: int = 0


def _column(columns: Mapping[Field, str], field: Field, fallback: str) -> str:
    return columns.get(field, fallback)


def _check_controls(record: RosterRecord, columns: Mapping[Field, str], full: str) -> None:
    for field, attribute in TEXT_TARGETS.items():
        value: str = getattr(record, attribute)
        if _BIDI.search(value):
            setattr(record, attribute, " ".join(_BIDI.sub("", value).split()))
            record.flags.append(
                f"column '{_column(columns, field, full)}': an invisible character that turns "
                "text around (a right-to-left override) was removed; check the name"
            )


def _phone_column(columns: Mapping[Field, str], kind: str) -> str:
    return next(columns.get(f, LABELS[f]) for f, k in PHONE_KINDS.items() if k == kind)


def _check_phones(record: RosterRecord, columns: Mapping[Field, str], limit: int | None) -> None:
    for phone in list(record.phones):
        if phone.original.lstrip().startswith("-"):
            column = _phone_column(columns, phone.kind)
            record.phones.remove(phone)
            record.flags.append(f"column '{column}': a negative number is not a phone; left out")
            record.keep_as_typed(column, phone.original)
        elif limit is not None and len(phone.original) > limit:
            record.phones.remove(phone)
            column = _phone_column(columns, phone.kind)
            record.flags.append(_too_long(column, len(phone.original), limit))


def _check_dates(record: RosterRecord, columns: Mapping[Field, str]) -> None:
    for field in _DATES:
        value: dt.date | None = getattr(record, field.value)
        if value is not None and not EARLIEST <= value <= LATEST:
            setattr(record, field.value, None)
            record.keep_as_typed(_column(columns, field, LABELS[field]), value.isoformat())
            record.flags.append(
                f"column '{_column(columns, field, LABELS[field])}': {value.isoformat()} cannot "
                f"be a member's date (before {EARLIEST.year} or after {LATEST.year}); left out"
            )
    since, expiry = record.join_date, record.term_end
    if since is not None and expiry is not None and since > expiry:
        record.flags.append(
            f"column '{_column(columns, Field.MEMBER_SINCE, 'Member since')}' "
            f"({since.isoformat()}) is after column '{_column(columns, Field.EXPIRY, 'Expiry')}' "
            f"({expiry.isoformat()}): one of them is wrong"
        )


def _too_long(column: str, length: int, limit: int) -> str:
    return (
        f"column '{column}': {length:,} characters, more than the {limit:,} it can hold "
        "(left out; the whole cell is in the rows to check)"
    )


def _check_lengths(
    record: RosterRecord,
    columns: Mapping[Field, str],
    limits: Mapping[str, int],
    full: str,
    texts: list[str],
) -> None:
    """``texts``: the record's :data:`TEXT_TARGETS` values, in order."""
    if max(map(len, texts)) > _shortest(limits):
        for (field, attribute), value in zip(TEXT_TARGETS.items(), texts, strict=True):
            limit = limits.get(attribute)
            if limit is not None and len(value) > limit:
                record.flags.append(_too_long(_column(columns, field, full), len(value), limit))
                setattr(record, attribute, "")
    email_limit = limits.get("email")
    if email_limit is not None:
        for email in [e for e in record.emails if len(e) > email_limit]:
            column = _column(columns, Field.EMAIL, LABELS[Field.EMAIL])
            record.emails.remove(email)
            record.flags.append(_too_long(column, len(email), email_limit))
    name_limit = limits.get("display_name")
    # The name shown is two texts and a space, or one text or e-mail: worked out only when
    # it could be too long.
    longest = max([2 * max(map(len, texts)) + 1, *map(len, record.emails)])
    if name_limit is not None and longest > name_limit and len(record.display_name) > name_limit:
        record.flags.append(_too_long(full, len(record.display_name), name_limit))
        record.first_name = record.middle_name = record.last_name = ""
