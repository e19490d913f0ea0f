"""The command line's control groups: the ``--control`` options and the report's comparison."""

from __future__ import annotations

import argparse

from member_reach.cli.common import Output, whole
from member_reach.services.campaigns.campaigns import CreatedCampaign
from member_reach.services.campaigns.control_group import ControlChoice
from member_reach.services.reports.control_report import ControlReport


def add_control_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--control PERCENT`` and ``--control-seed N`` to a list-building command."""
    control = parser.add_argument_group(
        "a control group: members kept uncalled to measure what the calls changed"
    )
    control.add_argument(
        "--control",
        type=whole(0, 50),
        default=0,
        metavar="PERCENT",
        help="keep PERCENT of the list uncalled, drawn at random within priority bands "
        "(10 is usual; the report compares their renewals with the called members')",
    )
    control.add_argument(
        "--control-seed",
        type=whole(1, 2**31 - 2),
        metavar="N",
        help="the draw's seed (default: a fresh one, recorded with the campaign)",
    )


def control_choice(args: argparse.Namespace) -> ControlChoice:
    """The control group the options ask for."""
    return ControlChoice(args.control, args.control_seed)


def created_line(created: CreatedCampaign) -> str:
    """How many a new list holds: to call, kept uncalled, over capacity."""
    if not created.control:
        return f"{created.tasks:,} people to call; {created.over_capacity:,} more over capacity."
    return (
        f"{created.tasks:,} people on the list: {created.tasks - created.control:,} to call, "
        f"{created.control:,} kept uncalled in the control group (compared in the report); "
        f"{created.over_capacity:,} more over capacity."
    )


def print_control(report: ControlReport, out: Output) -> None:
    """The report's comparison of the called members with the control group, in lines."""
    c = report.comparison
    out.line(
        f"  Control group ({report.percent}% kept uncalled, seed {report.seed}): "
        f"{c.control.members:,} members; renewals within {report.days} days of expiry:"
    )
    for label, group in (
        ("called (everyone on the list outside the control)", c.called),
        ("control", c.control),
    ):
        rate = f"{group.rate:.1%}" if group.rate is not None else "-"
        out.line(
            f"    {label}: {group.renewed:,} of {group.ended:,} whose period has ended ({rate})"
        )
    if c.difference is not None and c.low is not None and c.high is not None:
        out.line(
            f"    difference {c.difference:+.1%} (95% CI {c.low:+.1%} to {c.high:+.1%}, "
            "Newcombe's hybrid score interval)"
        )
    if c.extra_dues is not None:
        out.line(f"    extra dues: {c.extra_dues:,.2f}")
    out.line(f"  {report.words}")
