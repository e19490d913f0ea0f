"""A partner's worked file as the outcomes import reads it.

Its Calls table, its columns by heading, and the export it came from.

The export is recognised by the mark it left (a hidden sheet, else a document property), else by
the export that holds most of the file's Ref values, so a CSV download or a file that lost its
mark still finds its own partner's export.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.columns import normalise_header
from member_reach.domain.contacts import clean_text, clean_texts
from member_reach.domain.dates import parse_date
from member_reach.domain.values import record_number
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import FINGERPRINTED
from member_reach.services.imports.file_reading import MAX_ROWS, refuse_if_too_large
from member_reach.sheets import SheetError, Table, detect_format, list_sheets, open_table
from member_reach.sheets.partner_layout import (
    AMOUNT,
    BRIEF_SHEET,
    CALLS_SHEET,
    CODES_SHEET,
    EXPORT_PROPERTY,
    META_SHEET,
    NEW_CONTACTS_SHEET,
)
from member_reach.sheets.table import export_marker
from member_reach.store.models import CallTask, ExportBatch

WANTED: Final = (
    "Ref",
    "Member ID",
    "Outcome",
    "Notes",
    "Callback date",
    "Caller",
    AMOUNT,
    "Organisation",  # of a contact the partner added
    *FINGERPRINTED,
)
_HEADINGS_HINT: Final = (
    "put the heading row back (Name, Organisation, Phone, E-mail, Outcome, Notes, Callback date, "
    "Caller) above the contacts and import the file again"
)
_DATE_TIME: Final = re.compile(r"(.+?)[ T,]+(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.I)


def _hint(cells: list[str]) -> int:
    names = {normalise_header(n) for n in WANTED}
    return sum(1 for c in cells if c and normalise_header(c) in names)


def _open(path: Path, password: str | None) -> Table:
    try:
        try:
            return open_table(
                path, sheet=CALLS_SHEET, password=password, header_hint=_hint, max_rows=MAX_ROWS
            )
        except SheetError as exc:
            if "no sheet" not in exc.reason and "not found" not in exc.reason:
                raise
            # The Calls sheet renamed: the one sheet the export did not name is it.
            others = {n.casefold() for n in (NEW_CONTACTS_SHEET, BRIEF_SHEET, CODES_SHEET)}
            left = [
                s.name
                for s in list_sheets(path, password)
                if s.visible and s.kind == "worksheet" and s.name.strip().casefold() not in others
            ]
            return open_table(
                path,
                sheet=left[0] if len(left) == 1 else None,
                password=password,
                header_hint=_hint,
                max_rows=MAX_ROWS,
            )
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None


@dataclass(slots=True)
class WorkedRow:
    """One non-blank row of a worked file, with the cells every row is checked on as text."""

    number: int
    values: tuple[Any, ...]  # one per header column (see sheets.Row)
    ref: str
    member: str
    outcome: str
    notes: str
    caller: str
    callback: Any  # the Callback date cell as read (a date, a time, text or None)
    amount: Any = None  # the Amount cell as read (a number, text or None)


@dataclass
class WorkedFile:
    """The Calls table of a worked file: its columns by heading and its non-blank rows."""

    table: Table
    columns: dict[str, int]
    rows: list[WorkedRow]
    #: A row's identity cells (FINGERPRINTED) as read, or None when a column of them is missing.
    identity_cells: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None

    def cell(self, values: tuple[Any, ...], heading: str) -> Any:
        """A row's cell under ``heading``, or None when the file has no such column."""
        index = self.columns.get(heading)
        return values[index] if index is not None else None

    def text(self, values: tuple[Any, ...], heading: str) -> str:
        """A row's cell under ``heading`` as trimmed text."""
        return clean_text(self.cell(values, heading))


def read_worked_file(path: Path, password: str | None) -> WorkedFile:
    """Read the Calls table of a worked file.

    Raises:
        ServiceError: the file cannot be read, or has no Outcome column and no Ref or Member ID.
    """
    return _read(path, _open(path, password), calls=True)


def read_new_contacts(path: Path, password: str | None) -> tuple[WorkedFile | None, str]:
    """Read the New contacts sheet of a worked workbook.

    Returns:
        The sheet (None when the file has none, or it is empty), and "" or why it cannot be
        read (its heading row deleted or changed): the rest of the file still imports.
    """
    try:
        if detect_format(path) in ("csv", "html"):  # a download of one sheet: no others
            return None, ""
        # (The sheet is found as any named sheet is: whatever its case.)
        table = open_table(
            path, sheet=NEW_CONTACTS_SHEET, password=password, header_hint=_hint, max_rows=MAX_ROWS
        )
    except SheetError as exc:
        if "has no data" in exc.reason or "has no sheet" in exc.reason:
            return None, ""
        return None, f"cannot be read ({exc.reason}); {_HEADINGS_HINT}"
    contacts = _read(path, table, calls=False)
    if not {"Name", "Organisation", "Phone", "E-mail"} & set(contacts.columns):
        return None, f"no Name, Organisation, Phone or E-mail heading: {_HEADINGS_HINT}"
    return contacts, ""


def _read(path: Path, table: Table, *, calls: bool) -> WorkedFile:
    with table:
        refuse_if_too_large(path, table)
        keys = {normalise_header(h): i for i, h in enumerate(table.header) if h}
        columns = {
            name: keys[normalise_header(name)] for name in WANTED if normalise_header(name) in keys
        }
        if calls and ("Outcome" not in columns or not ({"Ref", "Member ID"} & set(columns))):
            raise ServiceError(
                f"{path.name}: no Outcome column, or neither Ref nor Member ID: this is not a "
                "worked member_reach export (columns found: "
                f"{', '.join(h for h in table.header if h) or 'none'})"
            )
        try:  # blank rows are left out (empty cells are None)
            rows = [r for r in table.rows if r.cells.count(None) < len(r.cells)]
        except SheetError as exc:
            raise ServiceError(str(exc), remedy=exc.remedy) from None
    cells = [r.cells for r in rows]

    def column(heading: str) -> list[Any]:
        index = columns.get(heading)
        return [None] * len(cells) if index is None else list(map(itemgetter(index), cells))

    hot = ("Ref", "Member ID", "Outcome", "Notes", "Caller")
    worked = list(
        map(
            WorkedRow,
            [r.number for r in rows],
            cells,
            *(clean_texts(column(heading)) for heading in hot),
            column("Callback date"),
            column(AMOUNT),
        )
    )
    identity = [columns.get(c) for c in FINGERPRINTED]
    read = itemgetter(*identity) if None not in identity else None
    return WorkedFile(table, columns, worked, read)


def needs_password(path: Path) -> bool:
    """Whether the worked file is a password-protected workbook (ask before reading it).

    Raises:
        ServiceError: the file cannot be opened.
    """
    try:
        return detect_format(Path(path)) == "encrypted"
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None


def file_mark(path: Path, password: str | None) -> str | None:
    """The mark a worked file's export left in it (None: none, or it cannot be read)."""
    try:
        return export_marker(path, META_SHEET, EXPORT_PROPERTY, password)
    except SheetError:
        return None


def marked_export(session: Session, mark: str | None) -> ExportBatch | None:
    """The partner export a worked file's mark names (None: no mark, or not an export)."""
    if mark and (number := record_number(mark.split(":")[0])) is not None:
        found = session.get(ExportBatch, number)
        if found is not None and found.kind == "partner":
            return found
    return None


def newest_partner_export(session: Session) -> ExportBatch | None:
    """The latest partner export: the likeliest one a file without a mark came from."""
    return session.scalar(
        select(ExportBatch)
        .where(ExportBatch.kind == "partner")
        .order_by(ExportBatch.id.desc())
        .limit(1)
    )


def export_by_refs(session: Session, path: Path, refs: list[str]) -> ExportBatch:
    """The export a worked file without a mark came from, by its Ref values.

    Raises:
        ServiceError: the Ref values name no partner export.
    """
    sample = refs[:: max(1, len(refs) // 100)][:100]  # spread over the file
    campaign_ids = Counter(
        session.scalars(select(CallTask.campaign_id).where(CallTask.ref.in_(sample)))
    )
    if not campaign_ids:
        raise ServiceError(
            f"{path.name} is not a member_reach export: no export mark and none of its Ref "
            "values is a call on file."
        )
    campaign_id = campaign_ids.most_common(1)[0][0]
    wanted = set(refs)
    # The export that holds the most of the file's calls (the newest among equals): with two
    # partners' exports of one campaign, each file is credited to its own partner. Newest
    # first, each read only when needed: one that holds every call ends the search.
    found, most = None, -1
    for export_id in session.scalars(
        select(ExportBatch.id)
        .where(ExportBatch.campaign_id == campaign_id, ExportBatch.kind == "partner")
        .order_by(ExportBatch.id.desc())
    ).all():
        export = session.get_one(ExportBatch, export_id)
        held = len(wanted.intersection(export.details.get("fingerprints", ())))
        if held > most:
            found, most = export, held
        if held == len(wanted):
            break
    if found is None:
        raise ServiceError(f"{path.name}: its calls were never exported for a partner.")
    return found


def callback_time(value: object, order: str) -> dt.datetime | None:
    """A Callback date cell as a time: a date alone means 09:00 that day.

    A time with a UTC offset keeps it (aware); any other is a wall-clock time (naive), which the
    import reads as the member's local time.

    Raises:
        ValueError: the cell is not a date or time.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):  # a date cell: that day, from 09:00
        return dt.datetime.combine(value, dt.time(9, 0))
    text = clean_text(value)
    for form in (text, text.replace(" ", "T", 1)) if ":" in text else ():
        try:
            with_time = dt.datetime.fromisoformat(form)
        except ValueError:
            continue
        return with_time
    if (timed := _DATE_TIME.fullmatch(text)) is not None:  # "30/11/2026 14:30"
        day = parse_date(timed[1], order)  # type: ignore[arg-type]
        if day.value is not None:
            hour, minute = int(timed[2]), int(timed[3])
            hour += 12 if (timed[4] or "").lower().startswith("p") and hour < 12 else 0
            return dt.datetime.combine(day.value, dt.time(hour % 24, minute))
    parsed = parse_date(value, order)  # type: ignore[arg-type]
    if parsed.value is None:
        raise ValueError(parsed.problem or f"'{value}' is not a date")
    return dt.datetime.combine(parsed.value, dt.time(9, 0))
