"""Rows that continue the person above: an export's address row under a person's row.

Some exports write a person's row followed by a row of contact details: an e-mail, a phone, an
address, and no name, member id or organisation. Such a row, directly under a person's row (or
under another such row), that gives a kind of detail the person's rows lack (an e-mail, a phone
or an address) is that person's: it is marked (:attr:`RosterRecord.continues`) and
flagged, and the rows are merged (see :func:`member_reach.domain.roster_merge.group_rows`), the
details filling the person's empty values and second e-mail and phone. A row of details under a
row unchanged since the last import is not imported (its person is not read again): it is
rejected with the advice to add the details by hand. Elsewhere (the first row, under a rejected
row or a blank one, or giving only kinds of detail the person has) a nameless row is read as
any other: a list's contact known by an e-mail alone stays a contact of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from member_reach.domain.columns import ADDRESS_FIELDS, PHONE_FIELDS, Field
from member_reach.domain.mapping import ColumnMapping
from member_reach.domain.roster_rows import RosterRecord

#: The fields a row of contact details holds, and nothing else.
CONTACT_FIELDS: Final = frozenset({Field.EMAIL, Field.EMAIL_2, *PHONE_FIELDS}) | ADDRESS_FIELDS


class ContinuationRows:
    """Follows the rows of one file in order, and marks those continuing the person above."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.contact_columns = frozenset(
            i for i, f in mapping.columns.items() if f in CONTACT_FIELDS
        )
        self.above: RosterRecord | None = None
        self.person_row = 0  # the row of the person the row above belongs to
        self.kinds: frozenset[str] = frozenset()  # the kinds of detail that person has
        self.skipped_above = 0

    def skipped(self, row: int) -> None:
        """Row ``row`` was not read: it is unchanged since the last import."""
        self.above, self.skipped_above = None, row

    def read(self, row: int, cells: Sequence[object], record: RosterRecord) -> None:
        """Mark (and flag) ``record`` when it continues the person above; then remember it.

        Call it for every data row read, rejected or not, in file order.
        """
        if self._details_only(cells, record):
            above = self.above
            if above is not None and above.row == row - 1 and _kinds(record) - self.kinds:
                record.rejected = ""
                record.continues = above.row
                record.is_member = False
                record.flags.append(
                    f"row {row} has no name: read as more contact details of the person on "
                    f"row {self.person_row}; check that they are that person's"
                )
            elif self.skipped_above and self.skipped_above == row - 1:
                record.rejected = (
                    f"row {row} has no name: more contact details of the person on row "
                    f"{row - 1}, whose row is unchanged since the last import; not imported: "
                    "add them to that person by hand if they are new"
                )
        self.skipped_above = 0
        if record.rejected:
            self.above = None
        elif record.continues:
            self.kinds |= _kinds(record)
            self.above = record
        else:
            self.person_row, self.kinds, self.above = row, _kinds(record), record

    def _details_only(self, cells: Sequence[object], record: RosterRecord) -> bool:
        if record.first_name or record.last_name or record.organisation or record.external_id:
            return False
        filled = [i for i, c in enumerate(cells) if _filled(c)]
        return bool(filled) and all(i in self.contact_columns for i in filled)


def _kinds(record: RosterRecord) -> frozenset[str]:
    """The kinds of contact detail a row gives: "e-mail", "phone", "address"."""
    address = (
        record.address_line1,
        record.address_line2,
        record.city,
        record.region,
        record.postal_code,
        record.country,
    )
    given = (
        ("e-mail", bool(record.emails)),
        ("phone", bool(record.phones)),
        ("address", any(address)),
    )
    return frozenset(kind for kind, present in given if present)


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())
