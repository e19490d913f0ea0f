"""What roster and attendee imports share: the options a person gives, the counts reported.

One :class:`ImportOptions` serves both kinds (an attendee list adds its :class:`EventChoice`);
one :class:`ImportCounts` is in both reports and in the import batch recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from member_reach.domain.columns import Field
from member_reach.domain.dates import DateOrder
from member_reach.sheets import CellValue


@dataclass(frozen=True)
class EventChoice:
    """The event an attendee list is of.

    Attributes:
        name: the event's name (an edition: "Annual Conference 2026"), found or created.
        date: its first day, for a new event (or one without a date yet).
        series: the series editions belong to ("Annual Conference"), for a new event.
    """

    name: str
    date: dt.date | None = None
    series: str = ""


@dataclass(frozen=True)
class ImportOptions:
    """What the person asked for, importing a roster or an attendee list.

    Attributes:
        sheet: the sheet to read (default: the one holding the table).
        password: the password of a protected workbook.
        header_row: the header row a person chose (1-based), instead of the one found.
        mapping: the fields a person chose, by 0-based column; beats any saved profile.
        date_order: the order of ambiguous dates; beats a saved profile and the columns' own.
        dry_run: report everything, write nothing.
        rejects: a workbook to write the rejected and flagged rows to.
        profile: a roster's saved column mapping, by name (default: the one saved for these
            columns); attendee lists are mapped by their own column names.
        event: an attendee list's event (an attendee list needs one; a roster has none).
        lists_folder: a folder to save a roster's lists in (duplicates merged, renewals,
            members not in the roster, calls closed), one workbook per list that has items.
        column_fields: fields a person gave by column name (None: ignore the column), over the
            saved or guessed mapping: how the command line confirms a proposal.
    """

    sheet: str | None = None
    password: str | None = None
    header_row: int | None = None
    mapping: Mapping[int, Field] | None = None
    date_order: DateOrder | None = None
    dry_run: bool = False
    rejects: Path | None = None
    profile: str | None = None
    event: EventChoice | None = None
    lists_folder: Path | None = None
    column_fields: Mapping[str, Field | None] | None = None


@dataclass(frozen=True)
class ImportCounts:
    """What an import counted, rows and people, the same way for every kind.

    Attributes:
        rows_read: data rows read (blank rows, repeated headers and footers are not data).
        inserted: people added.
        updated: people on file changed.
        unchanged: people on file left as they were.
        rejected: rows not imported, each with its reason.
        flagged: rows imported with a doubt.
    """

    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    flagged: int = 0


@dataclass(frozen=True)
class RowIssue:
    """A row rejected or imported with a doubt: its number, what happened, why, its cells."""

    row: int
    result: str  # "rejected" or "flagged"
    reason: str
    cells: tuple[CellValue, ...]

    def describe(self) -> str:
        """One line for a report."""
        return f"row {self.row}: {self.result}: {self.reason}"
