"""The ``campaign`` and ``report`` commands: call lists, their brief, and their figures."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from member_reach.cli.common import (
    SHOWN,
    Output,
    UserError,
    amount,
    iso_date,
    open_db,
    os_user,
    today_of,
    utc_now,
    whole,
)
from member_reach.cli.control import add_control_options, control_choice, created_line
from member_reach.cli.json_out import as_json
from member_reach.cli.report import cmd_report
from member_reach.services.campaigns.call_lists import Selected, people_named
from member_reach.services.campaigns.campaign_detail import campaign_detail
from member_reach.services.campaigns.campaign_edit import edit_brief
from member_reach.services.campaigns.campaign_state import change_state
from member_reach.services.campaigns.campaigns import (
    Brief,
    CreatedCampaign,
    create_event_campaign,
    create_prospect_campaign,
    create_renewal_campaign,
    find_campaign,
    list_campaigns,
)
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.campaigns.top_up import plan_top_up, top_up


def _add_brief_options(parser: argparse.ArgumentParser) -> None:
    brief = parser.add_argument_group("the brief every caller works from")
    brief.add_argument("--goal-revenue", type=amount, metavar="AMOUNT", help="dues or fees wanted")
    brief.add_argument("--deadline", type=iso_date, metavar="DATE", help="when the goal is due")
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


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``campaign renewal|event|prospects|list|show|pause|resume|close|reopen``, ``report``."""
    report = commands.add_parser("report", parents=[common], help="a campaign's figures")
    report.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's number or name")
    report.add_argument(
        "--months", type=whole(1, 240), default=12, metavar="N", help="months of retention to show"
    )
    report.set_defaults(handler=cmd_report)
    campaign = commands.add_parser("campaign", parents=[common], help="call campaigns")
    actions = campaign.add_subparsers(dest="campaign_command", metavar="WHAT", required=True)
    _add_renewal(actions, common)
    _add_outreach(actions, common)
    listing = actions.add_parser("list", parents=[common], help="list the campaigns")
    listing.set_defaults(handler=cmd_campaign_list)
    show = actions.add_parser("show", parents=[common], help="a campaign and its tasks")
    show.add_argument("campaign", metavar="CAMPAIGN", help="its number or name")
    show.set_defaults(handler=cmd_campaign_show)
    _add_edit(actions, common)
    more = actions.add_parser(
        "top-up", parents=[common], help="add the next best people the plan left over capacity"
    )
    more.add_argument("campaign", metavar="CAMPAIGN", help="its number or name")
    more.add_argument("--count", type=whole(1, 100_000), required=True, metavar="N")
    more.add_argument("--to", type=iso_date, metavar="DATE", help="extend a renewal window")
    more.add_argument("--dry-run", action="store_true", help="show who would be added")
    more.add_argument("--by", default="", metavar="NAME", help="who (default: your account)")
    more.set_defaults(handler=cmd_campaign_top_up)
    for action, text in (
        ("pause", "pause a campaign: no calls given, no export, until resumed"),
        ("resume", "resume a paused campaign"),
        ("close", "close a campaign (reopen it to work it again)"),
        ("reopen", "reopen a closed campaign"),
    ):
        change = actions.add_parser(action, parents=[common], help=text)
        change.add_argument("campaign", metavar="CAMPAIGN", help="its number or name")
        change.add_argument("--by", default="", metavar="NAME", help="who (default: your account)")
        change.set_defaults(handler=cmd_campaign_state, action=action)


def _add_edit(actions: Any, common: argparse.ArgumentParser) -> None:
    edit = actions.add_parser("edit", parents=[common], help="change a campaign's brief")
    edit.add_argument("campaign", metavar="CAMPAIGN", help="its number or name")
    edit.add_argument("--goal", type=whole(0, 10_000_000), metavar="N", help="successes wanted")
    edit.add_argument("--goal-revenue", type=amount, metavar="AMOUNT", help="dues or fees wanted")
    edit.add_argument("--deadline", type=iso_date, metavar="DATE", help="when the goal is due")
    edit.add_argument("--why", metavar="TEXT", help="why the goal matters")
    edit.add_argument("--talking-points", metavar="TEXT", help="what to say")
    edit.add_argument("--faq", metavar="TEXT", help="answers to common questions")
    edit.add_argument("--handoff-owner", metavar="NAME", help="the staff member warm leads go to")
    edit.add_argument("--by", default="", metavar="NAME", help="who (default: your account)")
    edit.set_defaults(handler=cmd_campaign_edit)


_EDIT_OPTIONS = {
    "goal": "goal_count",
    "goal_revenue": "goal_revenue",
    "deadline": "deadline",
    "why": "why_it_matters",
    "talking_points": "talking_points",
    "faq": "faq",
    "handoff_owner": "handoff_owner",
}


def cmd_campaign_edit(args: argparse.Namespace, out: Output) -> None:
    """``campaign edit CAMPAIGN [--goal N] ...``: change the brief, each change recorded."""
    values = {
        field: getattr(args, option)
        for option, field in _EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not values:
        raise UserError("Say what to change, e.g. --goal 40 or --deadline 2026-12-20.")
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            edited = edit_brief(
                session, campaign, values, who=args.by or os_user(), now=utc_now(args)
            )
    finally:
        database.close()
    for change in edited.changes:
        out.line(f"{change.field}: {change.before or '(none)'} → {change.after or '(none)'}")
    if not edited.changes:
        out.line(f"{edited.name}: nothing changed (every value was already so).")
    out.result(as_json(edited))


def cmd_campaign_top_up(args: argparse.Namespace, out: Output) -> None:
    """``campaign top-up CAMPAIGN --count N [--to DATE]``: the next best people, added."""
    today = today_of(args) or dt.date.today()
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            if args.dry_run:
                added = plan_top_up(session, campaign, today, args.count, args.to)
            else:
                added = top_up(
                    session, campaign, today, args.count, end=args.to,
                    who=args.by or os_user(), now=utc_now(args),
                )  # fmt: skip
    finally:
        database.close()
    verb = "Would add" if args.dry_run else "Added"
    out.line(
        f"{verb} {len(added.added):,} to {added.name}; {added.still_left:,} more could follow."
    )
    if added.control:
        out.line(f"  of them, {len(added.control):,} kept uncalled in the control group")
    for position, person in enumerate(added.added[:SHOWN], start=1):
        kept = " (control: not called)" if person.person_id in added.control else ""
        out.line(f"  {position:>3}. {person.name}: {person.reason}{kept}")
    out.result(as_json(added))


def _add_renewal(actions: Any, common: argparse.ArgumentParser) -> None:
    renewal = actions.add_parser(
        "renewal", parents=[common], help="create this window's renewal call list"
    )
    renewal.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    renewal.add_argument("--to", dest="end", type=iso_date, required=True, metavar="DATE")
    renewal.add_argument(
        "--grace-days", type=whole(0, 3650), metavar="N", help="days in grace after expiry"
    )
    renewal.add_argument(
        "--capacity", type=whole(0, 1_000_000), metavar="N", help="keep the N most important"
    )
    renewal.add_argument("--name", metavar="NAME", help="the campaign's name")
    renewal.add_argument("--goal", type=whole(0, 10_000_000), metavar="N", help="renewals wanted")
    renewal.add_argument(
        "--win-back",
        type=whole(0, 50),
        metavar="YEARS",
        help="also lapsed members (at most YEARS ago) whose join anniversary is in the window",
    )
    _add_brief_options(renewal)
    add_control_options(renewal)
    renewal.set_defaults(handler=cmd_campaign_renewal)


def _add_outreach(actions: Any, common: argparse.ArgumentParser) -> None:
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
        type=whole(0, 50),
        default=3,
        metavar="N",
        help="lapsed at most N years ago",
    )
    for parser in (event, prospects):
        parser.add_argument(
            "--capacity", type=whole(0, 1_000_000), metavar="N", help="keep the N most important"
        )
        parser.add_argument("--name", metavar="NAME", help="the campaign's name")
        parser.add_argument(
            "--goal", type=whole(0, 10_000_000), metavar="N", help="successes wanted"
        )
        _add_brief_options(parser)
        add_control_options(parser)
    event.set_defaults(handler=cmd_campaign_outreach, kind="event")
    prospects.set_defaults(handler=cmd_campaign_outreach, kind="prospect")


def cmd_campaign_renewal(args: argparse.Namespace, out: Output) -> None:
    """``campaign renewal --from --to``: the renewal call list, ranked, within capacity."""
    today = today_of(args) or dt.date.today()
    options = RenewalOptions(args.start, args.end, args.grace_days, args.capacity, args.win_back)
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            created, plan = create_renewal_campaign(
                session, today, options, args.name, _brief(args), control_choice(args)
            )
            left_out = _left_out(session, plan.excluded)
    finally:
        database.close()
    _print_created(created, plan.selected, left_out, out)


def cmd_campaign_outreach(args: argparse.Namespace, out: Output) -> None:
    """``campaign event|prospects``: an outreach list, ranked, within capacity."""
    today = today_of(args) or dt.date.today()
    brief = _brief(args)
    database = open_db(args, create_named=False)
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
                    control_choice(args),
                )
            else:
                created, plan = create_prospect_campaign(
                    session,
                    today,
                    args.capacity,
                    args.lapsed_years,
                    args.name,
                    brief,
                    control_choice(args),
                )
            left_out = _left_out(session, plan.excluded)
    finally:
        database.close()
    _print_created(created, plan.selected, left_out, out)


def _left_out(session: Session, excluded: Mapping[str, Sequence[int]]) -> dict[str, list[Any]]:
    """Who each exclusion left out: (member number, name), for listing."""
    return {reason: people_named(session, ids) for reason, ids in excluded.items() if ids}


def _print_created(
    created: CreatedCampaign,
    selected: Sequence[Selected],
    left_out: dict[str, list[Any]],
    out: Output,
) -> None:
    out.line(f"Created campaign {created.campaign_id}: {created.name}")
    out.line(created_line(created))
    for reason, count in created.excluded.items():
        if count:
            names = ", ".join(name for _, name in left_out.get(reason, [])[:5])
            more = " ..." if count > 5 else ""
            out.line(f"  not called: {count:,} {reason.replace('_', ' ')} ({names}{more})")
    for position, person in enumerate(selected[:SHOWN], start=1):
        out.line(f"  {position:>3}. {person.name}: {person.reason}")
    payload = as_json(created)
    payload["excluded_people"] = {
        reason: [{"member_id": pid, "name": name} for pid, name in people]
        for reason, people in left_out.items()
    }
    out.result(payload)


def cmd_campaign_list(args: argparse.Namespace, out: Output) -> None:
    """``campaign list``: every campaign with its open and finished tasks."""
    database = open_db(args, create_named=False)
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
    out.result({"campaigns": [as_json(c) for c in campaigns]})


def cmd_campaign_state(args: argparse.Namespace, out: Output) -> None:
    """``campaign pause|resume|close|reopen CAMPAIGN``: change its state."""
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            changed = change_state(
                session, campaign, args.action, who=args.by or os_user(), now=utc_now(args)
            )
    finally:
        database.close()
    out.line(f"{changed.name} is now {changed.after} (it was {changed.before}).")
    out.result(as_json(changed))


def cmd_campaign_show(args: argparse.Namespace, out: Output) -> None:
    """``campaign show CAMPAIGN``: the campaign, its brief and its tasks."""
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            shown = campaign_detail(session, find_campaign(session, args.campaign), utc_now(args))
    finally:
        database.close()
    out.line(f"Campaign {shown.campaign_id}: {shown.name} ({shown.kind}, {shown.status})")
    for task in shown.tasks:
        out.line(
            f"  {task.ref:<12} {task.priority:>6.1f}  {task.name}: {task.reason} [{task.state}]"
        )
    out.result(as_json(shown))
