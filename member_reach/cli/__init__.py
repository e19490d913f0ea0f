"""The command line: a thin shell over services/ (see DESIGN.md, "Command-line contract").

Exit status: 0 on success; 1 on a user error, with one line on stderr and nothing changed; 2 on
wrong usage (argparse). Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import DBAPIError

from member_reach.cli import campaigns, follow_up, imports, people, plan, work
from member_reach.cli.common import Output, open_db, sqlite_path, sync_warning
from member_reach.cli.hints import with_hint
from member_reach.cli.json_out import as_json
from member_reach.program_options import (
    PROG,
    UserError,
    add_program_options,
    common_options,
    db_target,
    today_of,
)
from member_reach.services.common.crash_reports import DEBUG_ENV, debugging, log_unexpected
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.logs import current_log
from member_reach.services.members.members import (
    STATUS_CHOICES,
    MemberFilter,
    MemberRow,
    list_members,
)
from member_reach.store.backup import backup_database
from member_reach.store.database import Database, remove_sqlite_files
from member_reach.store.errors import StoreError, without_rows
from member_reach.store.integrity import damaged, driver_message, is_damage
from member_reach.store.migrate import head_revision

__all__ = ["PROG", "UserError", "build_parser", "db_target", "parse_args", "run", "today_of"]


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the whole command line."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Turn association rosters into well-run call campaigns. "
        "Without a command, opens the app.",
    )
    add_program_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    members = commands.add_parser("members", parents=[common], help="list members")
    members.add_argument("--status", choices=STATUS_CHOICES, help="only members in this status")
    members.add_argument(
        "--all", action="store_true", help="also list contacts who never held a membership"
    )
    members.add_argument("--search", default="", help="only people whose name, e-mail or id match")
    members.set_defaults(handler=cmd_members)

    for feature in (imports, campaigns, work, follow_up, people, plan):
        feature.add_commands(commands, common)

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


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line (exits with status 2 on wrong usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and args.command:
        parser.error("--demo opens the app; it cannot be combined with a command")
    if args.self_check and (args.command or args.demo):
        parser.error("--self-check runs on its own, without a command or --demo")
    return args


def cmd_members(args: argparse.Namespace, out: Output) -> None:
    """``members``: people who hold or held a membership (``--all``: every contact)."""
    today = today_of(args) or dt.date.today()
    flt = MemberFilter(search=args.search, status=args.status or "", include_contacts=args.all)
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            rows = list_members(session, today, flt)
    finally:
        database.close()
    _print_members(rows, out)
    out.result({"members": [as_json(row) for row in rows], "today": today.isoformat()})


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


def cmd_db_upgrade(args: argparse.Namespace, out: Output) -> None:
    """``db upgrade``: create the database if missing and apply pending migrations."""
    database = open_db(args, create_named=True, say_created=False)
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
    database = open_db(args, create_named=False)
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
    status = _run_handler(args, stdout, stderr)
    synced: Database | None = getattr(args, "synced_database", None)
    if synced is not None and synced.synced_by is not None:
        print(sync_warning(synced.label, synced.synced_by), file=stderr)
    created: Database | None = getattr(args, "created_database", None)
    if created is not None and status == 0:
        # --db named a database that was not there: a typo must not pass unnoticed.
        print(f"{PROG}: created a new, empty database {created.label}", file=stderr)
    elif created is not None and created.is_sqlite and created.url.database:
        remove_sqlite_files(Path(created.url.database))  # refused: nothing left behind
    return status


def _run_handler(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    handler: Callable[[argparse.Namespace, Output], None] = args.handler
    try:
        handler(args, Output(args, stdout))
    except UserError as exc:
        print(f"{PROG}: {exc}", file=stderr)
        return 1
    except (StoreError, ServiceError) as exc:
        print(f"{PROG}: {with_hint(str(exc), exc.remedy, args)}", file=stderr)
        return 1
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        path = sqlite_path(args)
        if _disk_full(exc):
            print(f"{PROG}: {_DISK_FULL}", file=stderr)
            return 1
        if path is not None and is_damage(exc):
            print(f"{PROG}: {damaged(path, driver_message(exc))}", file=stderr)  # never the rows
            return 1
        # One line, never the rows the statement or the server's DETAIL would print.
        print(
            f"{PROG}: the database refused: {without_rows(exc)}; nothing was changed", file=stderr
        )
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        return _unexpected(exc, args, stderr)
    return 0


_DISK_FULL = (
    "The database's disk is full: what the command was doing was not saved. Free some space "
    "on it and run the command again."
)
_SQLITE_FULL = 13  # SQLITE_FULL
_PG_DISK_FULL = "53100"  # disk_full


def _disk_full(exc: BaseException) -> bool:
    """Whether the database refused a write because its disk is full (SQLite or PostgreSQL)."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == _SQLITE_FULL) or (
        getattr(orig, "sqlstate", None) == _PG_DISK_FULL
    )


def _unexpected(exc: Exception, args: argparse.Namespace, stderr: TextIO) -> int:
    """Report an error nobody foresaw in one line: its kind, never its text (it may hold rows).

    The command's transaction was rolled back with the error. Where it happened goes to the log
    file (code locations and kinds, no message); ``MEMBER_REACH_DEBUG=1`` raises it instead,
    with its traceback, for whoever looks into it.
    """
    if debugging():
        raise exc
    kind = type(exc).__name__
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        kind = f"{kind}: {type(exc.orig).__name__}"  # the driver's error, never its message
    action = getattr(args, f"{args.command}_command", None)  # "export" and "partner"
    command = f"{args.command} {action}" if action else str(args.command)
    log_unexpected(exc, where=command)
    log = current_log()
    where = f"the details are in {log}" if log else f"set {DEBUG_ENV}=1 to see where it happened"
    print(
        f"{PROG}: {command} stopped on an unexpected error ({kind}); what it was doing was not "
        f"saved. Please report it ({where}).",
        file=stderr,
    )
    return 1
