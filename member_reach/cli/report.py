"""The ``report`` command: a campaign's figures, its control comparison, and retention."""

from __future__ import annotations

import argparse
import datetime as dt

from member_reach.cli.common import Output, open_db, today_of
from member_reach.cli.control import print_control
from member_reach.cli.json_out import as_json
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.reports.control_report import control_report
from member_reach.services.reports.reports import (
    CampaignReport,
    MonthRetention,
    campaign_report,
    retention_by_month,
)


def cmd_report(args: argparse.Namespace, out: Output) -> None:
    """``report CAMPAIGN``: goal progress, pace, outcomes, hit rate, callers, retention."""
    today = today_of(args) or dt.date.today()
    database = open_db(args, create_named=False)
    try:
        with database.session() as session:
            campaign = find_campaign(session, args.campaign)
            figures = campaign_report(session, campaign, today)
            control = control_report(session, campaign, today)
            retention = retention_by_month(session, today, max(1, args.months))
    finally:
        database.close()
    _print_report(figures, retention, out)
    if control is not None:
        print_control(control, out)
    out.result(
        {
            **as_json(figures),
            "retention": [as_json(month) for month in retention],
            # added (issue 18): the called members against the control group, or null
            "control": as_json(control) if control is not None else None,
        }
    )


def _print_report(figures: CampaignReport, retention: list[MonthRetention], out: Output) -> None:
    goal = figures.goal
    target = f" of {goal.target:,}" if goal.target else ""
    out.line(f"{figures.name}: {figures.successes:,}{target} successes")
    out.line(
        f"  {figures.successes_by_calls:,} by calls, "
        f"{figures.successes_by_renewals:,} by roster renewals"
    )
    if goal.pace_needed_per_day is not None:
        out.line(
            f"  {goal.remaining:,} to go in {goal.days_left} days: {goal.pace_needed_per_day} a day"
        )
    money = figures.revenue
    if money.target is not None or money.achieved or money.pledged:
        of = f" of {money.target:,.2f}" if money.target is not None else ""
        share = f" ({money.progress:.0%})" if money.progress is not None else ""
        out.line(f"  revenue: {money.achieved:,.2f}{of}{share}, {money.pledged:,.2f} pledged")
        if money.pace_needed_per_day is not None:
            out.line(
                f"  {money.remaining:,.2f} to go in {goal.days_left} days: "
                f"{money.pace_needed_per_day:,.2f} a day"
            )
    out.line(
        f"  {figures.calls:,} calls, {figures.conversations:,} conversations, "
        f"{figures.conversations_per_success or '-'} conversations per success"
    )
    for category, count in sorted(figures.outcomes.items()):
        out.line(f"  {category}: {count:,}")
    for caller in figures.callers:
        out.line(
            f"  {caller.caller}: {caller.calls:,} call{'s' if caller.calls != 1 else ''}, "
            f"{caller.successes:,} successes"
        )
    for month in retention:
        if month.retention is not None:
            out.line(
                f"  {month.month:%Y-%m}: retention {month.retention:.1%}, "
                f"churn {month.churn or 0:.1%}"
            )
