"""The window's options are read without the command line's modules (start-up, issue 16)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from member_reach.cli import build_parser
from member_reach.program_options import window_args


def test_the_window_s_options_are_read_as_the_whole_command_line_reads_them() -> None:
    argv = ["--db", "members.sqlite3", "--today", "2026-11-23"]
    args = window_args(argv)
    assert args is not None
    assert (args.command, args.db, args.today, args.demo) == (
        None,
        "members.sqlite3",
        dt.date(2026, 11, 23),
        False,
    )
    whole = build_parser().parse_args(argv)
    assert (whole.command, whole.db, whole.today, whole.demo) == (
        args.command,
        args.db,
        args.today,
        args.demo,
    )
    assert window_args([]) is not None
    demo = window_args(["--demo"])
    assert demo is not None and demo.demo


@pytest.mark.parametrize(
    "argv",
    [
        ["members"],
        ["--db", "x.sqlite3", "campaign", "list"],
        ["--help"],
        ["--today", "someday"],
        ["--self-check", "--demo"],
        ["--no-such-option"],
    ],
)
def test_a_command_help_or_a_mistake_goes_to_the_whole_command_line(argv: list[str]) -> None:
    assert window_args(argv) is None


def test_opening_the_window_loads_no_command_and_no_file_writer() -> None:
    # The modules the start-up leaves off its path (packaging/README.md), checked in a fresh
    # process that goes as far as opening the window (run_gui stands in for it).
    script = (
        "import sys\n"
        "import member_reach.app\n"
        "member_reach.app.run_gui = lambda *a, **k: 0\n"
        "from member_reach.__main__ import main\n"
        "assert main(['--today', '2026-11-23']) == 0\n"
        "heavy = ('member_reach.cli', 'openpyxl', 'lxml', 'alembic', 'msoffcrypto', 'keyring')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
