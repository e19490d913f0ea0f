"""The ``import`` commands: rosters, attendee lists, partners' worked files, and undo."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from member_reach.cli.common import (
    SHOWN,
    Output,
    existing_file,
    iso_date,
    map_option,
    open_db,
    print_undo,
    today_of,
    utc_now,
)
from member_reach.cli.json_out import as_json
from member_reach.domain.column_guesses import Confidence
from member_reach.domain.columns import LABELS, Field, normalise_header
from member_reach.domain.dates import DATE_ORDERS
from member_reach.services.common.import_guard import Guard
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.import_undo import run_undo
from member_reach.services.imports.roster_import import RosterImportReport, run_roster_import
from member_reach.services.imports.roster_list_files import describe_counts, list_table


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import roster|events|outcomes|undo``."""
    imports = commands.add_parser("import", parents=[common], help="bring files in")
    actions = imports.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    roster = actions.add_parser(
        "roster", parents=[common], help="import a member roster (xlsx, xls, ods, csv)"
    )
    roster.add_argument("file", metavar="FILE", help="the roster file")
    roster.add_argument("--sheet", metavar="NAME", help="the sheet to read (workbooks)")
    roster.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="how dates like 03/04/2026 are read (beats the saved mapping)",
    )
    roster.add_argument("--profile", metavar="NAME", help="the saved column mapping to use")
    roster.add_argument(
        "--map",
        metavar="'COLUMN=FIELD'",
        action="append",
        type=column_field,
        help="read COLUMN (its name, or its letter: C) as FIELD (email, phone, term_end... or "
        "ignore), over the saved or guessed mapping; confirms a column proposed with low "
        "confidence; repeat for more",
    )
    roster.add_argument("--password", metavar="PW", help="the password of a protected workbook")
    roster.add_argument("--dry-run", action="store_true", help="report everything, change nothing")
    roster.add_argument(
        "--rejects", metavar="OUT.xlsx", help="write rejected and flagged rows to this workbook"
    )
    roster.add_argument(
        "--save-lists",
        metavar="FOLDER",
        help="save the duplicates merged, renewals, members not in the roster and calls "
        "closed, one workbook per list, in this folder",
    )
    roster.set_defaults(handler=cmd_import_roster)
    events = actions.add_parser("events", parents=[common], help="import an event's attendee list")
    events.add_argument("file", metavar="FILE", help="the attendee list")
    events.add_argument("--event", metavar="NAME", required=True, help="the event (edition)")
    events.add_argument(
        "--event-date", metavar="YYYY-MM-DD", type=iso_date, help="the event's first day"
    )
    events.add_argument("--series", metavar="NAME", default="", help="the series it belongs to")
    events.add_argument("--sheet", metavar="NAME", help="the sheet to read (workbooks)")
    events.add_argument("--date-order", choices=DATE_ORDERS, help="how dates are read")
    events.add_argument("--password", metavar="PW", help="the password of a protected workbook")
    events.add_argument("--dry-run", action="store_true", help="report everything, change nothing")
    events.set_defaults(handler=cmd_import_events)
    outcomes = actions.add_parser(
        "outcomes", parents=[common], help="take back a partner's worked workbook or CSV"
    )
    outcomes.add_argument("file", metavar="FILE", help="the worked file")
    outcomes.add_argument("--password", metavar="PW", help="the password of a protected workbook")
    outcomes.add_argument(
        "--dry-run", action="store_true", help="report everything, change nothing"
    )
    outcomes.set_defaults(handler=cmd_import_outcomes)
    undo = actions.add_parser("undo", parents=[common], help="undo an import")
    undo.add_argument("batch", metavar="BATCH", type=int, help="the import's number")
    undo.set_defaults(handler=cmd_import_undo)


def _guard(out: Output) -> Guard:
    """Another import running: the command says once that it waits for it."""
    return Guard(waiting=lambda text: out.line(text) if text else None)


def cmd_import_roster(args: argparse.Namespace, out: Output) -> None:
    """``import roster FILE``: read, match and write a roster in one transaction."""
    today = today_of(args) or dt.date.today()
    options = ImportOptions(
        sheet=args.sheet,
        password=args.password,
        date_order=args.date_order,
        profile=args.profile,
        dry_run=args.dry_run,
        rejects=Path(args.rejects).expanduser() if args.rejects else None,
        lists_folder=Path(args.save_lists).expanduser() if args.save_lists else None,
        column_fields=dict(args.map) if args.map else None,
    )
    path = existing_file(args.file, "roster file")
    database = open_db(args, create_named=True)
    try:
        report = run_roster_import(database, path, today, options, guard=_guard(out))
    finally:
        database.close()
    _print_import(report, out)
    out.result(as_json(report))


def _print_import(report: RosterImportReport, out: Output) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    sheet = f", sheet '{report.sheet}'" if report.sheet else ""
    out.line(f"{verb} {Path(report.file).name}{sheet} (header on row {report.header_row}).")
    if report.profile:
        out.line(f"Column mapping: {report.profile}")
    for line in report.mapping:
        out.line(f"  {line}")
    _print_column_doubts(report, out)
    for column, order in report.date_orders.items():
        out.line(f"  dates in '{column}' read as {order}")
    counts = report.counts
    out.line(
        f"{counts.rows_read:,} rows read: {counts.inserted:,} new, {counts.updated:,} updated, "
        f"{counts.unchanged:,} unchanged, {counts.rejected:,} rejected, "
        f"{counts.flagged:,} flagged; {report.renewals_detected:,} renewals detected."
    )
    for note in report.notes:
        out.line(note)
    _print_findings(report, out)


def column_field(text: str) -> tuple[str, Field | None]:
    """``--map 'COLUMN=FIELD'``: a column's name and the field it feeds (None: ignored).

    FIELD is a field's name (``email``, ``term_end``) or label (``E-mail``, ``Expiry``).

    Raises:
        argparse.ArgumentTypeError: no ``=``, or no such field (the fields are named).
    """
    column, equals, wanted = text.rpartition("=")
    if not equals or not column.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not COLUMN=FIELD, e.g. 'Contact=email'")
    key = normalise_header(wanted)
    if key in ("ignore", "none", ""):
        return column.strip(), None
    for fld in Field:
        if key in (normalise_header(fld.value), normalise_header(LABELS.get(fld, ""))):
            return column.strip(), fld
    names = ", ".join(f.value for f in Field)
    raise argparse.ArgumentTypeError(f"no field '{wanted}': choose one of {names}, or ignore")


def _print_column_doubts(report: RosterImportReport, out: Output) -> None:
    """Columns a name guessed that the values refused, and proposals left to confirm."""
    for note in report.columns:
        if note.field is None and note.confidence is not Confidence.LOW:
            out.line(f"  '{note.column}' not imported: {note.evidence}")
    doubts = report.to_confirm
    if not doubts:
        return
    out.line(
        f"{len(doubts):,} column{'s' if len(doubts) > 1 else ''} proposed with low confidence, "
        "not imported; to import one, run again with --map as shown:"
    )
    for note in doubts:
        out.line(f"  {note.describe()}: {map_option(note)}")


def _print_lists(report: RosterImportReport, out: Output) -> None:
    """The lists' counts, the first items of each, and the files they were saved to."""
    counts = describe_counts(report)
    out.line("; ".join(f"{title}: {count:,}" for _, title, count in counts) + ".")
    for key, title, count in counts:
        if not count:
            continue
        kept = " (kept as they are, not deleted)" if key == "missing" else ""
        out.line(f"{title}{kept}:")
        table = list_table(report, key)
        for row in table.rows[:SHOWN]:
            out.line("  " + " · ".join(_cell(c) for c in row if c not in (None, "")))
        if count > SHOWN:
            out.line(f"  ... and {count - SHOWN:,} more (use --save-lists FOLDER)")
    for saved in report.lists_saved:
        out.line(f"List saved to {saved}.")


def _cell(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _print_findings(report: RosterImportReport, out: Output) -> None:
    if report.non_members == 1:
        out.line("1 person is not a member: kept as a contact.")
    elif report.non_members:
        out.line(f"{report.non_members:,} people are not members: kept as contacts.")
    for issue in report.issues[:SHOWN]:
        out.line(f"  {issue.describe()}")
    hidden = len(report.issues) - SHOWN
    if hidden > 0:
        out.line(f"  ... and {hidden:,} more rows to check (use --rejects OUT.xlsx)")
    if report.new_membership_types:
        out.line("New membership types: " + ", ".join(report.new_membership_types))
    _print_lists(report, out)
    if report.rejects_file:
        out.line(f"Rows to check written to {report.rejects_file}.")
    if report.backup:
        out.line(f"The database as it was before this import: {report.backup}")
    print_undo(report.batch_id, out)


def cmd_import_events(args: argparse.Namespace, out: Output) -> None:
    """``import events FILE --event NAME``: attendees matched to people, attendance recorded."""
    today = today_of(args) or dt.date.today()
    path = existing_file(args.file, "attendee list")
    options = ImportOptions(
        event=EventChoice(args.event, args.event_date, args.series),
        sheet=args.sheet,
        password=args.password,
        date_order=args.date_order,
        dry_run=args.dry_run,
    )
    database = open_db(args, create_named=True)
    try:
        report = run_event_import(database, path, today, options, guard=_guard(out))
    finally:
        database.close()
    verb = "Would import" if report.dry_run else "Imported"
    created = " (new event)" if report.event_created else ""
    out.line(f"{verb} {path.name} into {report.event}{created}.")
    for line in report.mapping:
        out.line(f"  {line}")
    roles = ", ".join(f"{n:,} {role}s" for role, n in sorted(report.roles.items()))
    counts = report.counts
    out.line(
        f"{counts.rows_read:,} rows read: {counts.inserted:,} new contacts, {counts.updated:,} "
        f"updated, {counts.unchanged:,} unchanged, {counts.rejected:,} rejected, "
        f"{counts.flagged:,} flagged; {roles or 'no attendances'}; "
        f"{report.cancelled:,} cancelled registrations."
    )
    for note in report.notes:
        out.line(note)
    for issue in report.issues[:SHOWN]:
        out.line(f"  {issue.describe()}")
    print_undo(report.batch_id, out)
    out.result(as_json(report))


def cmd_import_outcomes(args: argparse.Namespace, out: Output) -> None:
    """``import outcomes FILE``: apply a partner's filled outcomes, report every doubt."""
    path = existing_file(args.file, "worked file")
    database = open_db(args, create_named=False)
    try:
        report = run_outcomes_import(
            database, path, utc_now(args), args.password, args.dry_run, _guard(out)
        )
    finally:
        database.close()
    verb = "Would apply" if report.dry_run else "Applied"
    out.line(
        f"{verb} {path.name} to {report.campaign} (export {report.export_id}): "
        f"{report.rows:,} rows, {report.count('applied'):,} outcomes applied, "
        f"{report.count('unchanged'):,} unchanged, {report.count('conflict'):,} conflicts, "
        f"{report.count('rejected'):,} rejected, {report.count('added'):,} added."
    )
    for result in report.results:
        if result.reason:
            place = f"row {result.row}" if result.row else "the sheet"
            where = f"{result.sheet}, {place}" if result.sheet else place
            ref = f" {result.ref}" if result.ref else ""
            out.line(f"  {where}{ref}: {result.result}: {result.reason}")
    if report.released or report.with_partner:
        back = "would come" if report.dry_run else "came"
        out.line(
            f"{report.released:,} calls {back} back from the partner; {report.with_partner:,} "
            "are still with them (not reported yet; calls release CAMPAIGN --from NAME)."
        )
    print_undo(report.batch_id, out)
    out.result(as_json(report))


def cmd_import_undo(args: argparse.Namespace, out: Output) -> None:
    """``import undo BATCH``: put the database back as it was before an import."""
    database = open_db(args, create_named=False)
    try:
        report = run_undo(database, args.batch, guard=_guard(out))
    finally:
        database.close()
    out.line(
        f"Undid import {report.batch_id} ({report.file_name}): {report.people_removed:,} people "
        f"removed, {report.people_restored:,} restored, {report.renewals_removed:,} renewals and "
        f"{report.attendances_removed:,} attendances removed."
        + (
            f" {report.people_erased:,} people erased since are not restored."
            if report.people_erased
            else ""
        )
    )
    out.result(as_json(report))
