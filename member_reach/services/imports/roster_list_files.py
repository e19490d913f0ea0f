"""A roster import's lists as tables: what the wizard shows, and the files a director saves.

Each list (see :mod:`.roster_lists`) becomes a :class:`ListTable`: a title, the column headings
and one row of cells per item, the file's row numbers first where the item has them. The wizard
shows the same rows; :func:`save_list` writes one list to an .xlsx or .csv file and
:func:`save_lists` every list that has items into a folder (``import roster --save-lists``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.roster_lists import ClosedCall, MergedRows
from member_reach.sheets import CellValue, SheetError
from member_reach.sheets.list_writer import write_list

if TYPE_CHECKING:  # the report is made where its lists are saved from (roster_import)
    from member_reach.services.imports.roster_import import RosterImportReport

ListKey = Literal["merged", "renewals", "missing", "calls"]
#: The lists, in the order they are shown and saved.
LIST_KEYS: Final[tuple[ListKey, ...]] = ("merged", "renewals", "missing", "calls")

_HEADINGS: Final[dict[ListKey, tuple[str, ...]]] = {
    "merged": (
        "Rows",
        "Member ID",
        "Name",
        "Matched on",
        "Expiry kept",
        "Kept from row",
        "Why",
        "Other rows' expiries",
    ),
    "renewals": ("Row", "Member ID", "Name", "Expiry on file", "New expiry"),
    "missing": ("Member ID", "Name", "Expiry on file"),
    "calls": ("Row", "Name", "Campaign", "Ref", "State before"),
}


@dataclass(frozen=True)
class ListTable:
    """One list of a roster import as a table.

    Attributes:
        key: which list.
        title: its title ("Renewals detected"); a dry run's calls "would" be closed.
        file_name: the name its file is suggested under ("roster - renewals detected").
        headings: the column headings.
        rows: one row of cells per item (row numbers as numbers, dates as dates).
    """

    key: ListKey
    title: str
    file_name: str
    headings: tuple[str, ...]
    rows: list[tuple[CellValue, ...]]


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "no expiry"


def _merged_row(m: MergedRows) -> tuple[CellValue, ...]:
    others = "; ".join(f"{_iso(end)} (row {row})" for row, end in m.other_expiries)
    rows = ", ".join(str(r) for r in m.rows)
    return (rows, m.external_id, m.name, m.matched_on, m.kept_expiry, m.kept_row, m.why, others)


def _call_row(c: ClosedCall) -> tuple[CellValue, ...]:
    return (c.row, c.name, c.campaign, c.ref, c.state_before())


def list_title(key: ListKey, dry_run: bool) -> str:
    """A list's title, as the preview (``dry_run``) or the summary says it."""
    if key == "calls":
        return "Calls a renewal would close" if dry_run else "Calls closed by a renewal"
    return {
        "merged": "Duplicates merged",
        "renewals": "Renewals detected",
        "missing": "Members on file not in this roster",
    }[key]


def list_table(report: RosterImportReport, key: ListKey) -> ListTable:
    """The list ``key`` of ``report`` as a table."""
    rows: list[tuple[CellValue, ...]]
    if key == "merged":
        rows = [_merged_row(m) for m in report.merged_duplicates]
    elif key == "renewals":
        rows = [(r.row, r.external_id, r.name, r.old_expiry, r.new_expiry) for r in report.renewals]
    elif key == "missing":
        rows = [(m.external_id, m.name, m.expiry) for m in report.missing_members]
    else:
        rows = [_call_row(c) for c in report.closed_calls]
    title = list_title(key, report.dry_run)
    stem = Path(report.file).stem
    return ListTable(key, title, f"{stem} - {title.lower()}", _HEADINGS[key], rows)


def list_count(report: RosterImportReport, key: ListKey) -> int:
    """How many items the list ``key`` has."""
    return {
        "merged": len(report.merged_duplicates),
        "renewals": len(report.renewals),
        "missing": len(report.missing_members),
        "calls": len(report.closed_calls),
    }[key]


def save_list(path: Path, table: ListTable) -> str:
    """Write ``table`` to ``path`` (.xlsx or .csv), whole or not at all; return the path.

    Raises:
        ServiceError: the file cannot be written (one line naming it).
    """
    try:
        write_list(path, table.title, table.headings, table.rows)
    except SheetError as exc:
        raise ServiceError(f"The list was not saved: {exc}") from None
    return str(path)


def check_lists_folder(folder: Path) -> None:
    """Refuse a folder to save the lists in that does not exist (before importing anything).

    Raises:
        ServiceError: ``folder`` is not a folder.
    """
    if not folder.is_dir():
        raise ServiceError(f"The lists cannot be saved: the folder {folder} does not exist.")


def save_lists(folder: Path, report: RosterImportReport, suffix: str = ".xlsx") -> list[str]:
    """Write each list of ``report`` that has items into ``folder``; return the files written.

    Raises:
        ServiceError: the folder does not exist, or a file cannot be written.
    """
    check_lists_folder(folder)
    saved: list[str] = []
    for key in LIST_KEYS:
        if list_count(report, key):
            table = list_table(report, key)
            saved.append(save_list(folder / f"{table.file_name}{suffix}", table))
    return saved


def describe_counts(report: RosterImportReport) -> Sequence[tuple[ListKey, str, int]]:
    """(key, title, count) of each list."""
    return [(k, list_title(k, report.dry_run), list_count(report, k)) for k in LIST_KEYS]
