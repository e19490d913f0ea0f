"""The ``handoffs`` commands and ``calls due``: warm leads and callbacks as work lists."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from member_reach.cli.common import SHOWN, Output, open_db, today_of, utc_now, whole
from member_reach.cli.json_out import as_json
from member_reach.services.calls.follow_up import (
    HANDOFF_OUTCOMES,
    CallbackLine,
    HandOffLine,
    callbacks_due,
    close_handoff,
    day_end,
    open_handoffs,
    reassign_handoff,
)


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``handoffs list|close|assign``."""
    handoffs = commands.add_parser(
        "handoffs", parents=[common], help="warm leads handed to staff: list, close, reassign"
    )
    actions = handoffs.add_subparsers(dest="handoffs_command", metavar="WHAT", required=True)
    listing = actions.add_parser("list", parents=[common], help="the open hand-offs")
    listing.add_argument("--owner", default="", metavar="NAME", help="only NAME's hand-offs")
    listing.add_argument("--overdue", action="store_true", help="only those past their due day")
    listing.set_defaults(handler=cmd_handoffs_list)
    close = actions.add_parser("close", parents=[common], help="close a hand-off: how it ended")
    close.add_argument("id", type=whole(1, 2**62), metavar="ID", help="the hand-off's number")
    close.add_argument(
        "outcome", metavar="OUTCOME", help=f"how it ended: {', '.join(HANDOFF_OUTCOMES)}"
    )
    close.add_argument("--notes", default="", metavar="TEXT", help="a note on how it ended")
    close.add_argument("--by", default="", metavar="NAME", help="who closes it")
    close.set_defaults(handler=cmd_handoffs_change, action="close")
    assign = actions.add_parser("assign", parents=[common], help="give a hand-off to someone else")
    assign.add_argument("id", type=whole(1, 2**62), metavar="ID", help="the hand-off's number")
    assign.add_argument("owner", metavar="OWNER", help="who follows it up from now on")
    assign.set_defaults(handler=cmd_handoffs_change, action="assign")


def add_calls_due(call_actions: Any, common: argparse.ArgumentParser) -> None:
    """Add ``calls due`` to the ``calls`` commands."""
    due = call_actions.add_parser(
        "due", parents=[common], help="the callbacks due today and overdue"
    )
    due.add_argument("--caller", default="", metavar="NAME", help="only NAME's callbacks")
    due.set_defaults(handler=cmd_calls_due)


def _table(out: Output, headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headings)]
    for row in [headings, *rows]:
        out.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _handoff_row(line: HandOffLine) -> tuple[str, ...]:
    due = line.due.isoformat() if line.due else ""
    return (
        str(line.id),
        line.name,
        line.campaign,
        line.owner,
        f"{due} overdue" if line.overdue else due,
        " ".join(line.notes.split())[:60],
    )


def cmd_handoffs_list(args: argparse.Namespace, out: Output) -> None:
    """``handoffs list``: the open hand-offs, the earliest due first."""
    today = today_of(args) or dt.date.today()
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            lines = open_handoffs(session, today, owner=args.owner, overdue_only=args.overdue)
    finally:
        database.close()
    if lines:
        headings = ("ID", "Member", "Campaign", "Owner", "Due", "What was said")
        _table(out, headings, [_handoff_row(line) for line in lines[:SHOWN]])
    more = f" ({SHOWN} shown; --json lists them all)" if len(lines) > SHOWN else ""
    what = "overdue hand-off" if args.overdue else "open hand-off"
    out.line(f"{len(lines):,} {what}{'s' if len(lines) != 1 else ''}{more}")
    out.result({"handoffs": [as_json(line) for line in lines]})


def cmd_handoffs_change(args: argparse.Namespace, out: Output) -> None:
    """``handoffs close ID OUTCOME`` and ``handoffs assign ID OWNER``."""
    now = utc_now(args)
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            if args.action == "close":
                changed = close_handoff(
                    session, args.id, args.outcome, now, by=args.by, notes=args.notes
                )
            else:
                changed = reassign_handoff(session, args.id, args.owner, now)
    finally:
        database.close()
    if changed.outcome:
        how = HANDOFF_OUTCOMES[changed.outcome].lower()
        out.line(f"Closed the hand-off of {changed.name} ({changed.id}): {how}.")
    else:
        out.line(f"The hand-off of {changed.name} ({changed.id}) goes to {changed.owner}.")
    out.result(as_json(changed))


def _callback_row(line: CallbackLine) -> tuple[str, ...]:
    when = f"{line.callback_at:%Y-%m-%d %H:%M} UTC"
    return (
        line.ref,
        line.name,
        line.campaign,
        f"{when} overdue" if line.overdue else when,
        line.caller,
    )


def cmd_calls_due(args: argparse.Namespace, out: Output) -> None:
    """``calls due``: calls to make again today or already overdue, the earliest first."""
    now, today = utc_now(args), today_of(args) or dt.date.today()
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            lines = callbacks_due(session, day_end(today), now, caller=args.caller)
    finally:
        database.close()
    if lines:
        headings = ("Ref", "Member", "Campaign", "Call back at", "Caller")
        _table(out, headings, [_callback_row(line) for line in lines[:SHOWN]])
    more = f" ({SHOWN} shown; --json lists them all)" if len(lines) > SHOWN else ""
    out.line(f"{len(lines):,} callback{'s' if len(lines) != 1 else ''} due{more}")
    out.result({"calls": [as_json(line) for line in lines]})
