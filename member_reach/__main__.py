"""Entry point: ``member-reach`` with a command runs it; without one, opens the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run member_reach with the given arguments (default: ``sys.argv[1:]``)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--version"]:
        # Answered before the command line's modules load (they bring the ORM and openpyxl):
        # an installer's smoke test and a support call ask this first.
        from member_reach import __version__

        print(f"member-reach {__version__}")
        return 0
    # The window's own options are read without the command line's modules (the services, the
    # ORM, openpyxl): they would add a large part of the start-up before the window shows.
    from member_reach.program_options import PROG, UserError, db_target, today_of, window_args

    args = window_args(arguments)
    if args is None:
        from member_reach import cli

        args = cli.parse_args(arguments)
    from member_reach.services.common.crash_reports import start_run

    start_run()  # the log file and this run's crash file, in the data folder
    if args.self_check:
        from member_reach.self_check import run_self_check

        return run_self_check()
    if args.command is None:
        try:
            today = today_of(args)
        except UserError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        # Qt is imported only when the window is wanted, so commands start fast without it.
        from member_reach.app import run_gui

        # The demo goes to a fresh file: only an explicit --db names one, never MEMBER_REACH_DB.
        target = getattr(args, "db", None) if args.demo else db_target(args)
        return run_gui(target, today=today, demo=args.demo)
    from member_reach import cli

    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
