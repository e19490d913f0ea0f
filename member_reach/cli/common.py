"""What every command shares: the database and date options, argument types, output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

# The program's options, read without the commands (program_options), are every command's too.
from member_reach.program_options import FIRST_TODAY, LAST_DAY, day_between
from member_reach.program_options import PROG as PROG
from member_reach.program_options import UserError as UserError
from member_reach.program_options import db_target as db_target
from member_reach.program_options import today_of as today_of
from member_reach.services.common.account import login_name
from member_reach.services.imports.pipeline_types import ColumnNote
from member_reach.store.database import Database, open_database, to_url
from member_reach.store.paths import default_database_path

#: How many merges, issues or list entries a command prints (``--json`` has them all).
SHOWN = 20


#: The first day a date on the command line may name (the last: ``LAST_DAY``).
FIRST_DAY = dt.date(1900, 1, 1)


def iso_date(text: str) -> dt.date:
    """An argparse type: a date like 2026-01-31, from 1900 to 2999."""
    try:
        return day_between(text, FIRST_DAY, LAST_DAY)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def iso_datetime(text: str) -> dt.datetime:
    """A time as given, with its UTC offset (``+05:00``) when it has one, from 2000 to 2999.

    Without an offset it is a wall-clock time whose place the command decides (a callback: the
    member's local time).
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time like 2026-12-03T14:30") from None
    if not FIRST_TODAY <= moment.date() <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time from {FIRST_TODAY} to {LAST_DAY}")
    return moment


def whole(low: int, high: int) -> Callable[[str], int]:
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


def amount(text: str) -> Decimal:
    """An argparse type: an amount of money, not negative, under 10^10."""
    try:
        value = Decimal(text.strip().replace(",", ""))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount like 195.00") from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount like 195.00")
    return value


def os_user() -> str:
    """The computer account's name, to record who changed something ("" when it cannot tell)."""
    return login_name()


def sqlite_path(args: argparse.Namespace) -> Path | None:
    """The SQLite file the options name (or the default one); None for PostgreSQL."""
    target = db_target(args)
    if target is None:
        return default_database_path()
    url = to_url(target)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def open_db(args: argparse.Namespace, *, create_named: bool, say_created: bool = True) -> Database:
    """Open the database the options name (the default file is created when missing).

    A database named by ``--db`` (or ``MEMBER_REACH_DB``) that had to be created is noted in
    ``args.created_database``, unless ``say_created`` is False (the command says it itself):
    :func:`member_reach.cli.run` says so once the command succeeded, and removes a new SQLite
    file when it failed, so that a typo in the name never passes for the association's database.
    """
    target = db_target(args)
    if target is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        database = open_database(path)
    else:
        database = open_database(target, create=create_named)
    if database.created and say_created and target is not None:
        args.created_database = database  # said once the command succeeded (cli.run)
    if database.synced_by is not None:
        args.synced_database = database  # warned of by cli.run, whatever the outcome
    return database


def sync_warning(database_label: str, tool: str) -> str:
    """The one line warning of a database in a folder a sync tool keeps (OneDrive…)."""
    return (
        f"{PROG}: warning: {database_label} is in a folder synced by {tool}, which can damage a "
        "database while it is open. Keep it in a local folder, and put copies in the synced "
        "folder with 'db backup OUT'."
    )


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


def utc_now(args: argparse.Namespace) -> dt.datetime:
    """Now in UTC, on the day ``--today`` names (the time of day from the clock)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    today = today_of(args)
    return now if today is None else dt.datetime.combine(today, now.time())


def existing_file(text: str, what: str) -> Path:
    """The file to import, or a one-line :class:`UserError`."""
    path = Path(text).expanduser()
    if not path.is_file():
        where = "is a folder" if path.is_dir() else "does not exist"
        raise UserError(f"{path} {where}; give the {what} to import.")
    return path


def print_undo(batch_id: int | None, out: Output) -> None:
    """Tell how to undo an import."""
    if batch_id is not None:
        out.line(f"Import number {batch_id}; undo it with: import undo {batch_id}")


def map_option(note: ColumnNote) -> str:
    """The ``import roster`` option that confirms a column proposed with low confidence."""
    field_name = note.field.value if note.field is not None else "ignore"
    return f"--map '{note.column or note.letter}={field_name}'"
