"""The command line: a thin shell over services/ (see DESIGN.md, "Command-line contract").

Exit status: 0 on success; 1 on a user error, with one line on stderr and nothing changed; 2 on
wrong usage (argparse). Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from member_reach import __version__
from member_reach.domain.dates import DATE_ORDERS
from member_reach.services.call_lists import Selected
from member_reach.services.calls import find_code, find_task, log_call
from member_reach.services.campaigns import (
    Brief,
    CreatedCampaign,
    campaign_json,
    create_event_campaign,
    create_prospect_campaign,
    create_renewal_campaign,
    find_campaign,
    list_campaigns,
)
from member_reach.services.errors import ServiceError
from member_reach.services.event_import import EventImportOptions, run_event_import
from member_reach.services.exchange_export import (
    export_calls_csv,
    export_partner,
    export_results,
)
from member_reach.services.exchange_import import run_outcomes_import
from member_reach.services.import_undo import undo_import
from member_reach.services.members import STATUS_CHOICES, MemberFilter, MemberRow, list_members
from member_reach.services.renewal_campaign import RenewalOptions
from member_reach.services.reports import campaign_report, retention_by_month
from member_reach.services.roster_import import (
    RosterImportOptions,
    RosterImportReport,
    run_roster_import,
)
from member_reach.services.task_assignment import assign, release, reserve
from member_reach.store.backup import backup_database
from member_reach.store.database import Database, open_database
from member_reach.store.errors import StoreError
from member_reach.store.migrate import head_revision
from member_reach.store.paths import default_database_path

PROG = "member-reach"
DB_ENV = "MEMBER_REACH_DB"
TODAY_ENV = "MEMBER_REACH_TODAY"


class UserError(Exception):
    """A mistake in what the user asked for; ``str()`` is the one-line message."""


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31") from None


def _iso_datetime(text: str) -> dt.datetime:
    """A time as given; one with a UTC offset (``+05:00``) is stored in UTC, like every time."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time like 2026-12-03T14:30") from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high:,}")
        return value

    return parse


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount like 195.00") from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount like 195.00")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the whole command line."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"SQLite file or PostgreSQL URL (default: ${DB_ENV}, then your data folder)",
    )
    common.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        default=argparse.SUPPRESS,
        help=f"treat this date as today (default: ${TODAY_ENV}, then the clock)",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="end the output with one JSON object",
    )

    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Turn association rosters into well-run call campaigns. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a freshly generated demo association"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    members = commands.add_parser("members", parents=[common], help="list members")
    members.add_argument("--status", choices=STATUS_CHOICES, help="only members in this status")
    members.add_argument(
        "--all", action="store_true", help="also list contacts who never held a membership"
    )
    members.add_argument("--search", default="", help="only people whose name, e-mail or id match")
    members.set_defaults(handler=cmd_members)

    _add_import_commands(commands, common)
    _add_campaign_commands(commands, common)
    export = commands.add_parser("export", parents=[common], help="write files for others")
    exports = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    partner = exports.add_parser(
        "partner", parents=[common], help="a workbook a call partner works in Excel"
    )
    partner.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    partner.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    partner.add_argument("--password", metavar="PW", help="encrypt it with a password to open")
    partner.add_argument("--assignee", metavar="NAME", help="only the calls assigned to NAME")
    partner.set_defaults(handler=cmd_export, kind="partner")
    dialer = exports.add_parser("calls", parents=[common], help="a CSV of the calls for a dialer")
    dialer.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    dialer.add_argument("out", metavar="OUT.csv", help="the CSV to write")
    dialer.set_defaults(handler=cmd_export, kind="calls")
    results = exports.add_parser(
        "results", parents=[common], help="a results workbook with charts, for the board"
    )
    results.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    results.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    results.set_defaults(handler=cmd_export, kind="results")
    report = commands.add_parser("report", parents=[common], help="a campaign's figures")
    report.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    report.add_argument(
        "--months", type=_whole(1, 240), default=12, metavar="N", help="months of retention to show"
    )
    report.set_defaults(handler=cmd_report)
    calls = commands.add_parser("calls", parents=[common], help="work the calls")
    call_actions = calls.add_subparsers(dest="calls_command", metavar="WHAT", required=True)
    log = call_actions.add_parser("log", parents=[common], help="log one call's outcome")
    log.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    log.add_argument("member", metavar="MEMBER", help="member number, member id or task reference")
    log.add_argument("code", metavar="CODE", help="the outcome code (campaign show lists them)")
    log.add_argument("--notes", default="", help="what was said")
    log.add_argument(
        "--callback", metavar="YYYY-MM-DDTHH:MM", type=_iso_datetime, help="when to call back"
    )
    log.add_argument("--caller", default="", help="who called")
    log.add_argument("--amount", type=_amount, metavar="AMOUNT", help="amount promised")
    log.set_defaults(handler=cmd_calls_log)
    for name, text in (
        ("reserve", "reserve the next calls for a caller"),
        ("assign", "assign open calls to a caller or partner"),
    ):
        action = call_actions.add_parser(name, parents=[common], help=text)
        action.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
        action.add_argument("who", metavar="NAME", help="the caller or partner")
        action.add_argument(
            "--count", type=_whole(1, 100_000), default=10, metavar="N", help="how many calls"
        )
        action.set_defaults(handler=cmd_calls_share, action=name)
    free = call_actions.add_parser("release", parents=[common], help="release reserved calls")
    free.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    free.add_argument("refs", metavar="REF", nargs="*", help="the calls (default: all reserved)")
    free.add_argument("--caller", default="", help="only this caller's reservations")
    free.set_defaults(handler=cmd_calls_share, action="release")

    db = commands.add_parser("db", parents=[common], help="database upkeep")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", parents=[common], help="bring the database to this release's schema"
    )
    upgrade.set_defaults(handler=cmd_db_upgrade)
    backup = db_commands.add_parser(
        "backup", parents=[common], help="write a backup of the database to an SQLite file"
    )
    backup.add_argument("out", metavar="OUT", help="the backup file to write")
    backup.set_defaults(handler=cmd_db_backup)
    return parser


def _add_import_commands(commands: Any, common: argparse.ArgumentParser) -> None:
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
    roster.add_argument("--password", metavar="PW", help="the password of a protected workbook")
    roster.add_argument("--dry-run", action="store_true", help="report everything, change nothing")
    roster.add_argument(
        "--rejects", metavar="OUT.xlsx", help="write rejected and flagged rows to this workbook"
    )
    roster.set_defaults(handler=cmd_import_roster)
    events = actions.add_parser("events", parents=[common], help="import an event's attendee list")
    events.add_argument("file", metavar="FILE", help="the attendee list")
    events.add_argument("--event", metavar="NAME", required=True, help="the event (edition)")
    events.add_argument(
        "--event-date", metavar="YYYY-MM-DD", type=_iso_date, help="the event's first day"
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


def _add_brief_options(parser: argparse.ArgumentParser) -> None:
    brief = parser.add_argument_group("the brief every caller works from")
    brief.add_argument("--goal-revenue", type=_amount, metavar="AMOUNT", help="dues or fees wanted")
    brief.add_argument("--deadline", type=_iso_date, metavar="DATE", help="when the goal is due")
    brief.add_argument("--why", default="", metavar="TEXT", help="why the goal matters")
    brief.add_argument("--talking-points", default="", metavar="TEXT", help="what to say")
    brief.add_argument("--faq", default="", metavar="TEXT", help="answers to common questions")
    brief.add_argument(
        "--handoff-owner", default="", metavar="NAME", help="the staff member warm leads go to"
    )


def _brief(args: argparse.Namespace) -> Brief:
    return Brief(
        goal_count=args.goal,
        goal_revenue=args.goal_revenue,
        deadline=args.deadline,
        why_it_matters=args.why,
        talking_points=args.talking_points,
        faq=args.faq,
        handoff_owner=args.handoff_owner,
    )


def _add_campaign_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    campaign = commands.add_parser("campaign", parents=[common], help="call campaigns")
    actions = campaign.add_subparsers(dest="campaign_command", metavar="WHAT", required=True)
    renewal = actions.add_parser(
        "renewal", parents=[common], help="create this window's renewal call list"
    )
    renewal.add_argument("--from", dest="start", type=_iso_date, required=True, metavar="DATE")
    renewal.add_argument("--to", dest="end", type=_iso_date, required=True, metavar="DATE")
    renewal.add_argument(
        "--grace-days", type=_whole(0, 3650), metavar="N", help="days in grace after expiry"
    )
    renewal.add_argument(
        "--capacity", type=_whole(0, 1_000_000), metavar="N", help="keep the N most important"
    )
    renewal.add_argument("--name", metavar="NAME", help="the campaign's name")
    renewal.add_argument("--goal", type=_whole(0, 10_000_000), metavar="N", help="renewals wanted")
    renewal.add_argument(
        "--win-back",
        type=_whole(0, 50),
        metavar="YEARS",
        help="also lapsed members (at most YEARS ago) whose join anniversary is in the window",
    )
    renewal.set_defaults(handler=cmd_campaign_renewal)
    event = actions.add_parser(
        "event", parents=[common], help="call past attendees not yet registered for an event"
    )
    event.add_argument("--event", required=True, metavar="NAME", help="the coming event")
    event.add_argument(
        "--past-series", metavar="NAME", help="earlier editions' series (default: the event's)"
    )
    event.add_argument(
        "--past-event",
        action="append",
        default=[],
        metavar="NAME",
        help="count this earlier event instead of a series (repeat for several)",
    )
    prospects = actions.add_parser(
        "prospects", parents=[common], help="call non-members from events and lapsed members"
    )
    prospects.add_argument(
        "--lapsed-years",
        type=_whole(0, 50),
        default=3,
        metavar="N",
        help="lapsed at most N years ago",
    )
    for parser in (event, prospects):
        parser.add_argument(
            "--capacity", type=_whole(0, 1_000_000), metavar="N", help="keep the N most important"
        )
        parser.add_argument("--name", metavar="NAME", help="the campaign's name")
        parser.add_argument(
            "--goal", type=_whole(0, 10_000_000), metavar="N", help="successes wanted"
        )
    for parser in (renewal, event, prospects):
        _add_brief_options(parser)
    event.set_defaults(handler=cmd_campaign_outreach, kind="event")
    prospects.set_defaults(handler=cmd_campaign_outreach, kind="prospect")
    listing = actions.add_parser("list", parents=[common], help="list the campaigns")
    listing.set_defaults(handler=cmd_campaign_list)
    show = actions.add_parser("show", parents=[common], help="a campaign and its tasks")
    show.add_argument("campaign", metavar="CAMPAIGN", help="its number or name")
    show.set_defaults(handler=cmd_campaign_show)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line (exits with status 2 on wrong usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and args.command:
        parser.error("--demo opens the app; it cannot be combined with a command")
    return args


def db_target(args: argparse.Namespace) -> str | None:
    """The database named by ``--db`` or ``MEMBER_REACH_DB``; None for the default file."""
    value = getattr(args, "db", None) or os.environ.get(DB_ENV, "").strip()
    return value or None


def today_of(args: argparse.Namespace) -> dt.date | None:
    """The date given by ``--today`` or ``MEMBER_REACH_TODAY``; None to use the clock.

    Raises:
        UserError: ``MEMBER_REACH_TODAY`` is not a date.
    """
    given: dt.date | None = getattr(args, "today", None)
    if given is not None:
        return given
    text = os.environ.get(TODAY_ENV, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{TODAY_ENV}='{text}' is not a date like 2026-01-31.") from None


def _open(args: argparse.Namespace, *, create_named: bool) -> Database:
    target = db_target(args)
    if target is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return open_database(path)
    return open_database(target, create=create_named)


class Output:
    """Human-readable lines, and with ``--json`` one JSON object as the last line."""

    def __init__(self, args: argparse.Namespace, stream: TextIO) -> None:
        self.json = bool(getattr(args, "json", False))
        self.stream = stream

    def line(self, text: str = "") -> None:
        """Print a line meant for people (suppressed with ``--json``)."""
        if not self.json:
            print(text, file=self.stream)

    def result(self, payload: dict[str, Any]) -> None:
        """Print the result object (with ``--json`` only)."""
        if self.json:
            print(json.dumps(payload, ensure_ascii=False, default=str), file=self.stream)


def cmd_members(args: argparse.Namespace, out: Output) -> None:
    """``members``: people who hold or held a membership (``--all``: every contact)."""
    today = today_of(args) or dt.date.today()
    flt = MemberFilter(search=args.search, status=args.status or "", include_contacts=args.all)
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            rows = list_members(session, today, flt)
    finally:
        database.close()
    _print_members(rows, out)
    out.result({"members": [row.as_json() for row in rows], "today": today.isoformat()})


def _print_members(rows: list[MemberRow], out: Output) -> None:
    headings = ("ID", "External ID", "Name", "E-mail", "Phone", "Expiry", "Status")
    table = [
        (
            str(r.member_id),
            r.external_id,
            r.name,
            r.email,
            r.phone_display,
            r.expiry.isoformat() if r.expiry else "",
            (r.status or "contact")
            + (f" (roster says {r.roster_status})" if r.status_disagrees else ""),
        )
        for r in rows
    ]
    widths = [max([len(h)] + [len(row[i]) for row in table]) for i, h in enumerate(headings)]
    out.line("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip())
    for row in table:
        out.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    noun = "person" if len(rows) == 1 else "people"
    out.line(f"{len(rows):,} {noun}")


def cmd_import_roster(args: argparse.Namespace, out: Output) -> None:
    """``import roster FILE``: read, match and write a roster in one transaction."""
    today = today_of(args) or dt.date.today()
    options = RosterImportOptions(
        sheet=args.sheet,
        password=args.password,
        date_order=args.date_order,
        profile=args.profile,
        dry_run=args.dry_run,
        rejects=Path(args.rejects).expanduser() if args.rejects else None,
    )
    path = _existing_file(args.file, "roster file")
    database = _open(args, create_named=True)
    try:
        report = run_roster_import(database, path, today, options)
    finally:
        database.close()
    _print_import(report, out)
    out.result(report.as_json())


_SHOWN_ISSUES = 20


def _print_import(report: RosterImportReport, out: Output) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    sheet = f", sheet '{report.sheet}'" if report.sheet else ""
    out.line(f"{verb} {Path(report.file).name}{sheet} (header on row {report.header_row}).")
    if report.profile:
        out.line(f"Column mapping: {report.profile}")
    for line in report.mapping:
        out.line(f"  {line}")
    for column, order in report.date_orders.items():
        out.line(f"  dates in '{column}' read as {order}")
    out.line(
        f"{report.rows_read:,} rows read: {report.inserted:,} new, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged, {report.rejected:,} rejected, "
        f"{report.flagged:,} flagged; {report.renewals_detected:,} renewals detected."
    )
    _print_findings(report, out)


def _print_findings(report: RosterImportReport, out: Output) -> None:
    if report.non_members == 1:
        out.line("1 person is not a member: kept as a contact.")
    elif report.non_members:
        out.line(f"{report.non_members:,} people are not members: kept as contacts.")
    for merge in report.merges[:_SHOWN_ISSUES]:
        out.line(f"  {merge.describe()}")
    for issue in report.issues[:_SHOWN_ISSUES]:
        out.line(f"  {issue.describe()}")
    hidden = len(report.issues) - _SHOWN_ISSUES
    if hidden > 0:
        out.line(f"  ... and {hidden:,} more rows to check (use --rejects OUT.xlsx)")
    if report.new_membership_types:
        out.line("New membership types: " + ", ".join(report.new_membership_types))
    if report.absent:
        out.line(f"{report.absent:,} members on file are not in this roster (kept, not deleted).")
    if report.rejects_file:
        out.line(f"Rows to check written to {report.rejects_file}.")
    if report.backup:
        out.line(f"The database as it was before this import: {report.backup}")
    _print_undo(report.batch_id, out)


def _print_undo(batch_id: int | None, out: Output) -> None:
    if batch_id is not None:
        out.line(f"Import number {batch_id}; undo it with: import undo {batch_id}")


def _existing_file(text: str, what: str) -> Path:
    path = Path(text).expanduser()
    if not path.is_file():
        where = "is a folder" if path.is_dir() else "does not exist"
        raise UserError(f"{path} {where}; give the {what} to import.")
    return path


def cmd_import_events(args: argparse.Namespace, out: Output) -> None:
    """``import events FILE --event NAME``: attendees matched to people, attendance recorded."""
    today = today_of(args) or dt.date.today()
    path = _existing_file(args.file, "attendee list")
    options = EventImportOptions(
        event=args.event,
        event_date=args.event_date,
        series=args.series,
        sheet=args.sheet,
        password=args.password,
        date_order=args.date_order,
        dry_run=args.dry_run,
    )
    database = _open(args, create_named=True)
    try:
        report = run_event_import(database, path, today, options)
    finally:
        database.close()
    verb = "Would import" if report.dry_run else "Imported"
    created = " (new event)" if report.event_created else ""
    out.line(f"{verb} {path.name} into {report.event}{created}.")
    for line in report.mapping:
        out.line(f"  {line}")
    roles = ", ".join(f"{n:,} {role}s" for role, n in sorted(report.roles.items()))
    out.line(
        f"{report.rows_read:,} rows read: {report.inserted:,} new contacts, {report.updated:,} "
        f"updated, {report.unchanged:,} unchanged, {report.rejected:,} rejected, "
        f"{report.flagged:,} flagged; {roles or 'no attendances'}; "
        f"{report.cancelled:,} cancelled registrations."
    )
    for issue in report.issues[:_SHOWN_ISSUES]:
        out.line(f"  {issue.describe()}")
    _print_undo(report.batch_id, out)
    out.result(report.as_json())


def cmd_import_outcomes(args: argparse.Namespace, out: Output) -> None:
    """``import outcomes FILE``: apply a partner's filled outcomes, report every doubt."""
    path = _existing_file(args.file, "worked file")
    database = _open(args, create_named=False)
    try:
        report = run_outcomes_import(database, path, _utc_now(args), args.password, args.dry_run)
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
            out.line(f"  row {result.row} {result.ref}: {result.result}: {result.reason}")
    _print_undo(report.batch_id, out)
    out.result(report.as_json())


def cmd_import_undo(args: argparse.Namespace, out: Output) -> None:
    """``import undo BATCH``: put the database back as it was before an import."""
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            report = undo_import(session, args.batch)
    finally:
        database.close()
    out.line(
        f"Undid import {report.batch_id} ({report.file_name}): {report.people_removed:,} people "
        f"removed, {report.people_restored:,} restored, {report.renewals_removed:,} renewals and "
        f"{report.attendances_removed:,} attendances removed."
    )
    out.result(report.as_json())


def cmd_campaign_renewal(args: argparse.Namespace, out: Output) -> None:
    """``campaign renewal --from --to``: the renewal call list, ranked, within capacity."""
    today = today_of(args) or dt.date.today()
    options = RenewalOptions(args.start, args.end, args.grace_days, args.capacity, args.win_back)
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            created, plan = create_renewal_campaign(
                session, today, options, args.name, _brief(args)
            )
    finally:
        database.close()
    _print_created(created, plan.selected, out)


def cmd_campaign_outreach(args: argparse.Namespace, out: Output) -> None:
    """``campaign event|prospects``: an outreach list, ranked, within capacity."""
    today = today_of(args) or dt.date.today()
    brief = _brief(args)
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            if args.kind == "event":
                created, plan = create_event_campaign(
                    session,
                    today,
                    args.event,
                    args.past_series,
                    args.capacity,
                    args.name,
                    brief,
                    args.past_event,
                )
            else:
                created, plan = create_prospect_campaign(
                    session, today, args.capacity, args.lapsed_years, args.name, brief
                )
    finally:
        database.close()
    _print_created(created, plan.selected, out)


def _print_created(created: CreatedCampaign, selected: Sequence[Selected], out: Output) -> None:
    out.line(f"Created campaign {created.campaign_id}: {created.name}")
    out.line(f"{created.tasks:,} people to call; {created.over_capacity:,} more over capacity.")
    for reason, count in created.excluded.items():
        if count:
            out.line(f"  not called: {count:,} {reason.replace('_', ' ')}")
    for position, person in enumerate(selected[:_SHOWN_ISSUES], start=1):
        out.line(f"  {position:>3}. {person.name}: {person.reason}")
    out.result(created.as_json())


def cmd_campaign_list(args: argparse.Namespace, out: Output) -> None:
    """``campaign list``: every campaign with its open and finished tasks."""
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            campaigns = list_campaigns(session)
    finally:
        database.close()
    for c in campaigns:
        goal = f", goal {c.goal_count:,}" if c.goal_count else ""
        out.line(
            f"{c.campaign_id:>4}  {c.name}  ({c.kind}, {c.status}{goal}): "
            f"{c.open_tasks:,} open, {c.done_tasks:,} done"
        )
    if not campaigns:
        out.line("No campaigns yet.")
    out.result({"campaigns": [c.as_json() for c in campaigns]})


def _utc_now(args: argparse.Namespace) -> dt.datetime:
    """Now in UTC, on the day ``--today`` names (the time of day from the clock)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    today = today_of(args)
    return now if today is None else dt.datetime.combine(today, now.time())


def cmd_campaign_show(args: argparse.Namespace, out: Output) -> None:
    """``campaign show CAMPAIGN``: the campaign, its brief and its tasks."""
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            shown = campaign_json(session, find_campaign(session, args.campaign), _utc_now(args))
    finally:
        database.close()
    out.line(
        f"Campaign {shown['campaign_id']}: {shown['name']} ({shown['kind']}, {shown['status']})"
    )
    for task in shown["tasks"]:
        out.line(
            f"  {task['ref']:<12} {task['priority']:>6.1f}  {task['name']}: {task['reason']} "
            f"[{task['state']}]"
        )
    out.result(shown)


def cmd_calls_log(args: argparse.Namespace, out: Output) -> None:
    """``calls log CAMPAIGN MEMBER CODE``: one call's outcome, and what it means."""
    now = _utc_now(args)
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            task = find_task(session, campaign, args.member)
            code = find_code(session, campaign, args.code)
            logged = log_call(
                session,
                campaign,
                task,
                code,
                now,
                caller=args.caller,
                notes=args.notes,
                callback_at=args.callback,
                amount_promised=args.amount,
            )
    finally:
        database.close()
    out.line(
        f"Logged {logged.code} ({logged.category}) on {logged.task_ref}: attempt "
        f"{logged.attempts}, the call is {logged.state}."
    )
    if logged.handoff_id is not None:
        out.line(f"Warm lead handed off (hand-off {logged.handoff_id}).")
    out.result(logged.as_json())


def cmd_calls_share(args: argparse.Namespace, out: Output) -> None:
    """``calls reserve|assign|release``: share a campaign's calls among callers."""
    now = _utc_now(args)
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            if args.action == "reserve":
                refs = reserve(session, campaign, args.who, args.count, now)
            elif args.action == "assign":
                refs = assign(session, campaign, args.who, args.count)
            else:
                refs = release(session, campaign, args.caller, args.refs)
    finally:
        database.close()
    verb = {"reserve": "Reserved", "assign": "Assigned", "release": "Released"}[args.action]
    out.line(f"{verb} {len(refs)} call{'s' if len(refs) != 1 else ''}: {', '.join(refs) or '-'}")
    out.result({"action": args.action, "tasks": refs})


def cmd_export(args: argparse.Namespace, out: Output) -> None:
    """``export partner|calls CAMPAIGN OUT``: the open calls, for a partner or a dialer."""
    now = _utc_now(args)
    path = Path(args.out).expanduser()
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            if args.kind == "partner":
                result = export_partner(
                    session, campaign, path, now, assignee=args.assignee, password=args.password
                )
            elif args.kind == "results":
                result = export_results(session, campaign, path, now.date())
            else:
                result = export_calls_csv(session, campaign, path, now)
    finally:
        database.close()
    locked = " (encrypted: it opens with the password)" if getattr(args, "password", None) else ""
    what = "rows of results" if args.kind == "results" else "calls"
    out.line(f"Wrote {result.rows:,} {what} to {result.file}{locked}; export {result.export_id}.")
    out.result(result.as_json())


def cmd_report(args: argparse.Namespace, out: Output) -> None:
    """``report CAMPAIGN``: goal progress, pace, outcomes, hit rate, callers, retention."""
    today = today_of(args) or dt.date.today()
    database = _open(args, create_named=False)
    try:
        with database.session() as session:
            figures = campaign_report(session, find_campaign(session, args.campaign), today)
            figures["retention"] = retention_by_month(session, today, max(1, args.months))
    finally:
        database.close()
    goal = figures["goal"]
    target = f" of {goal['target']:,}" if goal["target"] else ""
    out.line(f"{figures['name']}: {figures['successes']:,}{target} successes")
    if goal["pace_needed_per_day"] is not None:
        out.line(
            f"  {goal['remaining']:,} to go in {goal['days_left']} days: "
            f"{goal['pace_needed_per_day']} a day"
        )
    out.line(
        f"  {figures['calls']:,} calls, {figures['conversations']:,} conversations, "
        f"{figures['conversations_per_success'] or '-'} conversations per success"
    )
    for category, count in sorted(figures["outcomes"].items()):
        out.line(f"  {category}: {count:,}")
    for caller in figures["callers"]:
        out.line(
            f"  {caller['caller']}: {caller['calls']:,} call{'s' if caller['calls'] != 1 else ''}, "
            f"{caller['successes']:,} successes"
        )
    for month in figures["retention"]:
        if month["retention"] is not None:
            out.line(
                f"  {month['month']}: retention {month['retention']:.1%}, "
                f"churn {month['churn']:.1%}"
            )
    out.result(figures)


def cmd_db_upgrade(args: argparse.Namespace, out: Output) -> None:
    """``db upgrade``: create the database if missing and apply pending migrations."""
    database = _open(args, create_named=True)
    database.close()
    head = head_revision()
    if database.created:
        out.line(f"Created {database.label} at schema {head}.")
    elif database.upgraded_from:
        out.line(f"Upgraded {database.label} from schema {database.upgraded_from} to {head}.")
    else:
        out.line(f"{database.label} is up to date (schema {head}).")
    out.result(
        {
            "database": database.label,
            "created": database.created,
            "from_revision": database.upgraded_from,
            "revision": head,
        }
    )


def cmd_db_backup(args: argparse.Namespace, out: Output) -> None:
    """``db backup OUT``: a consistent copy of the database as one SQLite file."""
    database = _open(args, create_named=False)
    try:
        written = backup_database(database, args.out)
    finally:
        database.close()
    out.line(f"Backed up {database.label} to {written}.")
    out.result({"database": database.label, "file": str(written)})


def run(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command in ``args``; return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    handler: Callable[[argparse.Namespace, Output], None] = args.handler
    try:
        handler(args, Output(args, stdout))
    except (UserError, StoreError, ServiceError) as exc:
        print(f"{PROG}: {exc}", file=stderr)
        return 1
    return 0
