"""The ``calls`` and ``export`` commands: working the calls, and files for partners."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from member_reach.cli import follow_up
from member_reach.cli.common import (
    Output,
    UserError,
    amount,
    iso_datetime,
    open_db,
    utc_now,
    whole,
)
from member_reach.cli.json_out import as_json
from member_reach.services.calls.calls import (
    callback_in_member_time,
    find_code,
    find_task,
    log_call,
)
from member_reach.services.calls.task_assignment import assign, release, reserve
from member_reach.services.campaigns.campaigns import (
    find_campaign,
)
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.dialer_export import export_calls_csv
from member_reach.services.exchange.exchange_export import ExportResult, export_partner
from member_reach.services.exchange.partner_assignment import (
    export_to_partner,
    left_out_text,
    partner_choice,
    release_from_partner,
)
from member_reach.services.exchange.results_export import export_results
from member_reach.store.models import Campaign


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``calls log|reserve|assign|release`` and ``export partner|calls|results``."""
    export = commands.add_parser("export", parents=[common], help="write files for others")
    exports = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    _add_export_partner(exports, common)
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
    calls = commands.add_parser("calls", parents=[common], help="work the calls")
    call_actions = calls.add_subparsers(dest="calls_command", metavar="WHAT", required=True)
    log = call_actions.add_parser("log", parents=[common], help="log one call's outcome")
    log.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    log.add_argument("member", metavar="MEMBER", help="member number, member id or task reference")
    log.add_argument("code", metavar="CODE", help="the outcome code (campaign show lists them)")
    log.add_argument("--notes", default="", help="what was said")
    log.add_argument(
        "--callback",
        metavar="YYYY-MM-DDTHH:MM",
        type=iso_datetime,
        help="when to call back: the member's local time, unless a UTC offset (+05:00) is given",
    )
    log.add_argument("--caller", default="", help="who called")
    log.add_argument("--amount", type=amount, metavar="AMOUNT", help="amount promised")
    log.set_defaults(handler=cmd_calls_log)
    for name, text in (
        ("reserve", "reserve the next calls for a caller"),
        ("assign", "assign open calls to a caller or partner"),
    ):
        action = call_actions.add_parser(name, parents=[common], help=text)
        action.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
        action.add_argument("who", metavar="NAME", help="the caller or partner")
        action.add_argument(
            "--count", type=whole(1, 100_000), default=10, metavar="N", help="how many calls"
        )
        action.set_defaults(handler=cmd_calls_share, action=name)
    free = call_actions.add_parser("release", parents=[common], help="release reserved calls")
    free.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    free.add_argument("refs", metavar="REF", nargs="*", help="the calls (default: all reserved)")
    free.add_argument("--caller", default="", help="only this caller's reservations")
    free.add_argument(
        "--from", dest="partner", default="", metavar="NAME", help="bring calls back from NAME"
    )
    free.set_defaults(handler=cmd_calls_share, action="release")
    follow_up.add_calls_due(call_actions, common)


def _add_export_partner(exports: Any, common: argparse.ArgumentParser) -> None:
    """``export partner CAMPAIGN OUT [--password] [--assignee NAME | --to NAME [--count N]]``."""
    partner = exports.add_parser(
        "partner", parents=[common], help="a workbook a call partner works in Excel"
    )
    partner.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    partner.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    partner.add_argument("--password", metavar="PW", help="encrypt it with a password to open")
    to_whom = partner.add_mutually_exclusive_group()
    to_whom.add_argument(
        "--assignee", metavar="NAME", help="only the calls assigned to NAME (write them again)"
    )
    to_whom.add_argument(
        "--to", metavar="NAME", help="give the partner NAME the best open calls nobody holds"
    )
    partner.add_argument(
        "--count", type=whole(1, 1_000_000), metavar="N", help="with --to: at most N calls"
    )
    partner.add_argument(
        "--previous-notes", action="store_true", help="add a column of the calls made so far"
    )
    partner.set_defaults(handler=cmd_export, kind="partner")


def cmd_calls_log(args: argparse.Namespace, out: Output) -> None:
    """``calls log CAMPAIGN MEMBER CODE``: one call's outcome, and what it means."""
    now = utc_now(args)
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            task = find_task(session, campaign, args.member)
            code = find_code(session, campaign, args.code)
            callback, zone = None, ""
            if args.callback is not None and args.callback.tzinfo is not None:
                callback, zone = args.callback.astimezone(dt.UTC).replace(tzinfo=None), "UTC"
            elif args.callback is not None:
                callback, zone = callback_in_member_time(session, task, args.callback, now)
            if callback is not None and callback <= now:
                when = _callback_line(args.callback, callback, zone).removeprefix("Call back at ")
                raise UserError(
                    f"The callback time has already passed ({when.rstrip('.')}): give a later "
                    "one; nothing was logged."
                )
            logged = log_call(
                session,
                campaign,
                task,
                code,
                now,
                caller=args.caller,
                notes=args.notes,
                callback_at=callback,
                amount_promised=args.amount,
            )
    finally:
        database.close()
    out.line(
        f"Logged {logged.code} ({logged.category}) on {logged.task_ref}: attempt "
        f"{logged.attempts}, the call is {logged.state}."
    )
    if callback is not None:
        out.line(_callback_line(args.callback, callback, zone))
    if logged.handoff_id is not None:
        out.line(f"Warm lead handed off (hand-off {logged.handoff_id}).")
    out.result(as_json(logged))


def _callback_line(given: dt.datetime, at_utc: dt.datetime, zone: str) -> str:
    """Where the callback was read: the member's time (and this computer's), or the offset."""
    mine = at_utc.replace(tzinfo=dt.UTC).astimezone()
    here = f"{mine:%Y-%m-%d %H:%M} your time"
    if zone == "UTC":  # given with its offset
        return f"Call back at {here}."
    if not zone:
        return (
            f"Call back at {here} (the member's time zone cannot be told from their number "
            "or address, so the time was read as yours)."
        )
    there = f"{given:%Y-%m-%d %H:%M} their time ({zone})"
    return f"Call back at {there}" + ("." if mine.replace(tzinfo=None) == given else f", {here}.")


def cmd_calls_share(args: argparse.Namespace, out: Output) -> None:
    """``calls reserve|assign|release``: share a campaign's calls among callers."""
    now = utc_now(args)
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            if args.action == "reserve":
                refs = reserve(session, campaign, args.who, args.count, now)
            elif args.action == "assign":
                refs = assign(session, campaign, args.who, args.count)
            elif args.partner:
                refs = release_from_partner(session, campaign, args.partner, args.refs)
            else:
                refs = release(session, campaign, args.caller, args.refs)
    finally:
        database.close()
    verb = {"reserve": "Reserved", "assign": "Assigned", "release": "Released"}[args.action]
    out.line(f"{verb} {len(refs)} call{'s' if len(refs) != 1 else ''}: {', '.join(refs) or '-'}")
    out.result({"action": args.action, "tasks": refs})


def cmd_export(args: argparse.Namespace, out: Output) -> None:
    """``export partner|calls CAMPAIGN OUT``: the open calls, for a partner or a dialer."""
    now = utc_now(args)
    path = Path(args.out).expanduser()
    extra: dict[str, Any] = {}
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            if args.kind == "partner":
                result, extra = _export_partner(session, campaign, path, now, args)
            elif args.kind == "results":
                result = export_results(session, campaign, path, now.date())
            else:
                result = export_calls_csv(session, campaign, path, now)
    finally:
        database.close()
    locked = " (encrypted: it opens with the password)" if getattr(args, "password", None) else ""
    what = "rows of results" if args.kind == "results" else "calls"
    out.line(f"Wrote {result.rows:,} {what} to {result.file}{locked}; export {result.export_id}.")
    if extra:
        out.line(f"The calls are with {extra['partner']} now; {left_out_text(extra['left_out'])}.")
    out.result({**as_json(result), **extra})


def _export_partner(
    session: Session, campaign: Campaign, path: Path, now: dt.datetime, args: argparse.Namespace
) -> tuple[ExportResult, dict[str, Any]]:
    """The partner workbook: given to ``--to`` (and what was left out), or as it was asked."""
    if args.count is not None and not args.to:
        raise ServiceError("--count goes with --to NAME (the partner the calls go to).")
    if not args.to:
        options = {"assignee": args.assignee, "password": args.password}
        return export_partner(session, campaign, path, now, **options), {}
    left_out = partner_choice(session, campaign).left_out_for(args.to)
    result = export_to_partner(
        session,
        campaign,
        path,
        now,
        args.to,
        count=args.count,
        password=args.password,
        earlier_calls=args.previous_notes,
    )
    return result, {"partner": " ".join(args.to.split()), "left_out": left_out}
