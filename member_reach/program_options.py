"""The program's own options, read without loading the commands.

They are ``--db``, ``--today``, ``--json``, ``--demo``, ``--self-check`` and ``--version``.
Opening the window needs only these; the command line's modules bring every service, the ORM
and openpyxl, a large part of the start-up before the window shows (packaging/README.md). So
``member-reach`` without a command is read here first (:func:`window_args`), and the whole
command line (:mod:`member_reach.cli`, which builds its parser from the same pieces) is loaded
only for a command, for help, or to word an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Sequence
from typing import NoReturn

from member_reach import __version__

PROG = "member-reach"
DB_ENV = "MEMBER_REACH_DB"
TODAY_ENV = "MEMBER_REACH_TODAY"
#: The last day a date on the command line may name: terms, windows and months are counted
#: around it, which a date at the calendar's end (9999-12-31) would overflow.
LAST_DAY = dt.date(2999, 12, 31)
#: The first day ``--today`` may name (this computer's clock reads no earlier time).
FIRST_TODAY = dt.date(2000, 1, 1)


class UserError(Exception):
    """A mistake in what the user asked for; ``str()`` is the one-line message."""


def day_between(text: str, first: dt.date, last: dt.date) -> dt.date:
    """The date ``text`` names, from ``first`` to ``last``; ValueError with the message if not."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date like 2026-01-31") from None
    if not first <= day <= last:
        raise ValueError(f"'{text}' is not a date from {first} to {last}")
    return day


def today_date(text: str) -> dt.date:
    """An argparse type: the date ``--today`` names, from 2000 to 2999."""
    try:
        return day_between(text, FIRST_TODAY, LAST_DAY)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
        return day_between(text, FIRST_TODAY, LAST_DAY)
    except ValueError as exc:
        raise UserError(f"{TODAY_ENV}={exc}.") from None


def common_options() -> argparse.ArgumentParser:
    """The options every command takes too (a parent parser): ``--db``, ``--today``, ``--json``."""
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
        type=today_date,
        default=argparse.SUPPRESS,
        help=f"treat this date as today (default: ${TODAY_ENV}, then the clock)",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="end the output with one JSON object",
    )
    return common


def add_program_options(parser: argparse.ArgumentParser) -> None:
    """The options of the program itself, not of a command."""
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a freshly generated demo association"
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that this installation works (imports, exports, the window) and exit",
    )


class _Declined(Exception):
    """The arguments are not the window's alone: the whole command line reads them."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Declined(message)


def window_args(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The options, when they ask for the window (or ``--demo``, ``--self-check``) and no command.

    None when they name a command, ask for help, or are wrong: the whole command line
    (``member_reach.cli.parse_args``) reads them then, and words any error as always.
    """
    parser = _WindowParser(prog=PROG, parents=[common_options()], add_help=False)
    add_program_options(parser)
    parser.set_defaults(command=None)
    try:
        args, rest = parser.parse_known_args(list(arguments))
    except _Declined:
        return None
    if rest or (args.self_check and args.demo):
        return None
    return args
