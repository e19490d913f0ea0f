"""A first look at a file to import, before anything is read in full or written.

The import wizard shows it: the sheets of a workbook, the first rows with the header found (or
the one the person chose), and each column with the field it will feed and a few of its values.
The mapping is the one the import would use: the saved profile for these column names, else
the one guessed from them and the first rows' values (attendee lists: the attendee columns),
each column with the evidence and confidence of its guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Final, Literal

from sqlalchemy.orm import Session

from member_reach.domain.column_guesses import ColumnGuess
from member_reach.domain.column_profile import PROFILE_ROWS
from member_reach.domain.columns import DATE_FIELDS, LABELS, Field
from member_reach.domain.dates import DateOrder, infer_date_order
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.event_import import EVENTS
from member_reach.services.imports.file_reading import (
    Sample,
    checked_rows,
    estimate_rows,
    open_import_table,
)
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.mapping_profiles import ChosenMapping
from member_reach.services.imports.roster_import import ROSTER
from member_reach.sheets import CellValue, SheetError, list_sheets
from member_reach.sheets.header import cell_text

Kind = Literal["roster", "events"]
#: Rows read for samples and date orders.
SAMPLE_ROWS: Final = 200
#: Values shown per column.
SHOWN_SAMPLES: Final = 3


@dataclass(frozen=True)
class ColumnPreview:
    """One column of the file: its heading, the field it feeds (None: ignored), some values.

    ``guess`` is why (evidence and confidence); a guess of low confidence proposes a field the
    column does not feed until the person confirms it (see :attr:`proposed`).
    """

    index: int
    heading: str
    field: Field | None
    samples: tuple[str, ...]
    date_order: DateOrder | None = None  # a date column's order, as its values suggest
    guess: ColumnGuess | None = None

    @property
    def proposed(self) -> Field | None:
        """The field the column feeds, else the one proposed to confirm, else None."""
        if self.field is None and self.guess is not None and self.guess.to_confirm:
            return self.guess.field
        return self.field

    @property
    def to_confirm(self) -> bool:
        """A field is proposed from weak evidence: the person confirms it or chooses another."""
        return self.field is None and self.proposed is not None


@dataclass(frozen=True)
class FilePreview:
    """What the wizard shows of a file before importing it.

    Attributes:
        file: the file.
        format: what it really is ("xlsx", "csv", ...).
        sheets: the visible worksheets of a workbook (empty for CSV and HTML).
        sheet: the sheet shown.
        top: the first rows as text; ``top[0]`` is row ``top_first_row``.
        top_first_row: the row number of ``top[0]``.
        header_row: the header's row number (found, or chosen).
        columns: the header's columns.
        profile: the saved mapping applied, or "" when the fields were guessed.
        profile_date_order: the date order saved with that profile, if any.
        rows_estimate: about how many rows follow the header.
        note: what the person should know before going on ("" when nothing).
    """

    file: Path
    format: str
    sheets: tuple[str, ...]
    sheet: str
    top: tuple[tuple[str, ...], ...]
    top_first_row: int
    header_row: int
    columns: tuple[ColumnPreview, ...]
    profile: str
    profile_date_order: DateOrder | None
    rows_estimate: int
    note: str = ""

    @property
    def mapping(self) -> dict[int, Field]:
        """The fields by 0-based column, as the import options take them."""
        return {c.index: c.field for c in self.columns if c.field is not None}


def field_choices(kind: Kind) -> list[tuple[Field, str]]:
    """The fields a column may feed, with their labels, in the order a person thinks of them."""
    event_only = {Field.EVENT_ROLE, Field.REGISTRATION_STATUS, Field.REGISTERED_ON}
    return [
        (f, LABELS[f]) for f in Field if f in LABELS and (kind == "events" or f not in event_only)
    ]


def _text(value: CellValue) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return cell_text(value)


def _chosen(session: Session, kind: Kind, header: list[str], rows: Sample) -> ChosenMapping:
    """The mapping the import of ``kind`` would choose, the person choosing nothing."""
    import_kind = EVENTS if kind == "events" else ROSTER
    return import_kind.choose_mapping(session, header, ImportOptions(), rows)


def preview_file(
    session: Session,
    path: Path,
    kind: Kind = "roster",
    *,
    sheet: str | None = None,
    password: str | None = None,
    header_row: int | None = None,
) -> FilePreview:
    """Look at ``path`` as an import of ``kind`` would read it.

    Raises:
        ServiceError: the file cannot be read, or the chosen header row cannot be the header.
    """
    path = Path(path)
    try:
        infos = list_sheets(path, password)
    except SheetError:
        infos = []  # the table's own reading says what is wrong with the file
    sheets = tuple(s.name for s in infos if s.visible and s.kind == "worksheet")
    note = ""
    try:
        table = open_import_table(path, sheet, password, header_row)
    except ServiceError:
        if sheet is not None or len(sheets) < 2:
            raise
        # Several sheets hold a table: show the first, and let the person choose.
        table = open_import_table(path, sheets[0], password, header_row)
        note = f"{len(sheets)} sheets hold data: choose the one to import."
    with table:
        estimate = estimate_rows(path, table)
        # The rows the import guesses the columns from (the first SAMPLE_ROWS show dates).
        profiled = [row.cells for row in islice(checked_rows(table), PROFILE_ROWS)]
    sample = profiled[:SAMPLE_ROWS]
    chosen = _chosen(session, kind, table.header, profiled)
    columns = []
    for index, heading in enumerate(table.header):
        values = [row[index] for row in sample if index < len(row) and row[index] not in (None, "")]
        field = chosen.mapping.columns.get(index)
        guess = chosen.guesses.get(index)
        order = None
        if field in DATE_FIELDS or (guess is not None and guess.field in DATE_FIELDS):
            order = infer_date_order(v for v in values if isinstance(v, str))
        shown = tuple(_text(v) for v in values[:SHOWN_SAMPLES])
        columns.append(ColumnPreview(index, heading, field, shown, order, guess))
    return FilePreview(
        file=path,
        format=table.format,
        sheets=sheets,
        sheet=table.sheet,
        top=tuple(tuple(_text(v) for v in row) for row in table.top),
        top_first_row=table.top_first_row,
        header_row=table.header_row,
        columns=tuple(columns),
        profile=chosen.profile,
        profile_date_order=chosen.date_order,
        rows_estimate=estimate,
        note=note,
    )


__all__ = ["ColumnPreview", "FilePreview", "field_choices", "preview_file"]
