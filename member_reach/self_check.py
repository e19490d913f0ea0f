"""``member-reach --self-check``: the installed app proves it works, on this computer, in a minute.

An installer's smoke test (packaging/smoke_test.py) runs it on the frozen app; support can ask a
user to run it. Everything happens in a temporary folder, off screen, and is gone afterwards:

1. the demo association, in the middle of its month;
2. one small roster in each format members' systems export (xlsx, xls and ods written by
   LibreOffice, a CSV in Windows' cp1252), shipped in ``resources/samples``, imported;
3. a partner workbook exported with a password (AES encryption) and taken back in;
4. PostgreSQL, when ``MEMBER_REACH_TEST_PG`` names a server: connected and read;
5. the main window on a new, empty database: its welcome page, each choice pressed;
6. the main window on the demo: every page it offers shown and every dialog its menus and pages
   open opened, all found from the window itself (``member_reach.ui.app.window_walk``), each
   dialog closed with Cancel, so a file chooser chooses nothing and nothing is written outside
   the temporary folder.

Each step prints one line; the first that fails says why on stderr and the exit status is 1.
Qt's messages go to stderr too, except the offscreen platform's known notices
(:data:`KNOWN_QT_NOTICES`, the one list of them).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from member_reach.assets import asset

if TYPE_CHECKING:
    from member_reach.store.database import Database
    from member_reach.ui.app.main_window import MainWindow
    from member_reach.ui.app.window_walk import WindowWalk

#: Messages the offscreen platform gives for things it cannot do (it has no window manager):
#: harmless, and the only Qt output a self-check may leave on stderr.
KNOWN_QT_NOTICES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
    "QFont::setPointSizeF: Point size <= 0",
)
PARTNER = "Self-check Calls"
PASSWORD = "self-check-password"  # noqa: S105 (a throwaway file in a temporary folder)


class CheckFailed(Exception):
    """A step went wrong; the message says which and why."""


def sample_files() -> list[Path]:
    """The small rosters shipped for the self-check, one per format."""
    return sorted(asset("samples").glob("self-check-roster.*"))


def _command(*argv: str) -> str:
    """Run one command of the command line in this process; return what it printed."""
    from member_reach import cli

    out, err = io.StringIO(), io.StringIO()
    status = cli.run(cli.parse_args(list(argv)), out, err)
    if status != 0:
        reason = err.getvalue().strip().splitlines() or [f"exit status {status}"]
        raise CheckFailed(f"'{' '.join(argv[2:4])}' failed: {reason[-1]}")
    return out.getvalue()


class SelfCheck:
    """The steps, run in order in one temporary folder."""

    def __init__(self, folder: Path, out: TextIO) -> None:
        self.folder, self.out = folder, out
        self.demo = folder / "demo.sqlite3"
        self.today = "2026-11-23"
        self.empties = 0  # new, empty databases made so far

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        """Each step's name and the function that runs it (returning a few words of result)."""
        found = [("demo association", self.demo_association)]
        found += [(f"import {p.suffix[1:]} roster", self._importer(p)) for p in sample_files()]
        found += [("encrypted partner workbook out and back", self.partner_round_trip)]
        if os.environ.get("MEMBER_REACH_TEST_PG"):
            found += [("PostgreSQL", self.postgresql)]
        found += [("welcome page of a new database", self.welcome)]
        found += [("every page and dialog of the window", self.window)]
        return found

    def demo_association(self) -> str:
        """The demo, mid-month, in a new file."""
        import datetime as dt

        from member_reach.services.demo.demo import create_demo_database

        database = create_demo_database(
            self.demo, dt.date.fromisoformat(self.today), mid_month=True
        )
        database.close()
        return "written"

    def _importer(self, sample: Path) -> Callable[[], str]:
        def run() -> str:
            target = self.folder / f"imports-{sample.suffix[1:]}.sqlite3"
            printed = _command("--db", str(target), "import", "roster", str(sample))
            read = [line for line in printed.splitlines() if " rows read: " in line]
            if not read or not read[0].startswith("5 rows read: 5 new"):
                raise CheckFailed(f"{sample.name} did not give its 5 members")
            return read[0].split(";")[0]

        return run

    def partner_round_trip(self) -> str:
        """Export calls encrypted, work one as a partner would, take the file back."""
        workbook = self.folder / "partner.xlsx"
        db = ("--db", str(self.demo), "--today", self.today)
        _command(
            *db, "export", "partner", "1", str(workbook), "--to", PARTNER, "--password", PASSWORD
        )
        if workbook.read_bytes()[:8] != bytes.fromhex("d0cf11e0a1b11ae1"):
            raise CheckFailed("the partner workbook was not encrypted")
        _work_first_call(workbook)
        printed = _command(*db, "import", "outcomes", str(workbook), "--password", PASSWORD)
        if " 1 outcome applied" not in printed and " 1 outcomes applied" not in printed:
            raise CheckFailed("the outcome typed in the partner workbook was not applied")
        return "1 outcome applied"

    def postgresql(self) -> str:
        """Connect to the server MEMBER_REACH_TEST_PG names and read its members."""
        url = os.environ["MEMBER_REACH_TEST_PG"]
        _command("--db", url, "members")
        return "connected"

    def welcome(self) -> str:
        """A new, empty database: the window opens on the welcome page; each choice pressed."""
        from member_reach.ui.app.window_walk import QUICK, WindowWalk

        with self._main_window(self._empty()) as window:
            walk = WindowWalk(window, QUICK)
            walk.settle(0)
            walk.walk_welcome(self._empty)
            if not walk.welcomed:
                raise CheckFailed("a new, empty database did not open on the welcome page")
            _walked_well(walk)
            return (
                f"shown; {len(walk.welcome_pressed)} choices pressed, "
                f"{len(walk.dialogs())} dialogs opened"
            )

    def window(self) -> str:
        """The main window on the demo: every page shown, every dialog it offers opened."""
        from member_reach.store.database import open_database
        from member_reach.ui.app.window_walk import QUICK, WindowWalk

        with self._main_window(open_database(self.demo)) as window:
            walk = WindowWalk(window, QUICK)
            walk.walk()
            _walked_well(walk)
            # Counted, not named: a dialog's title may name a person (of the demo, but still).
            return (
                f"{len(walk.pages)} pages ({', '.join(walk.pages)}), {len(walk.dialogs())} dialogs"
            )

    def _empty(self) -> Database:
        """A new, empty database in a file of its own."""
        from member_reach.store.database import open_database

        self.empties += 1
        return open_database(self.folder / f"empty-{self.empties}.sqlite3")

    @contextlib.contextmanager
    def _main_window(self, database: Database) -> Iterator[MainWindow]:
        """The main window on ``database``, shown; closed with its database afterwards."""
        import datetime as dt

        from member_reach.app import build_main_window, make_application, make_settings
        from member_reach.services.common.clock import Clock

        make_application()
        settings = make_settings(self.folder / "settings")
        clock = Clock(fixed_today=dt.date.fromisoformat(self.today))
        window = build_main_window(settings, database, clock, synchronous_tasks=True)
        # File › New demo database (and the welcome page's demo) write here, not in the user's.
        window.database_actions.demo_folder = lambda: self.folder / "demo"
        errors: list[str] = []
        previous = sys.excepthook
        sys.excepthook = _keeping(errors, previous)  # an error in a slot would only be printed
        try:
            window.show()
            yield window
            if errors:
                raise CheckFailed(f"the window met an error: {errors[0]}")
        finally:
            sys.excepthook = previous
            window.close()
            window.runner.shutdown()
            window.workspace.close()


def _keeping(errors: list[str], printer: Callable[..., object]) -> Callable[..., None]:
    """An exception hook that prints as ``printer`` does and keeps where each error arose."""

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        printer(kind, value, trace)
        frames = traceback.extract_tb(trace)
        where = f" in {frames[-1].name} ({Path(frames[-1].filename).name})" if frames else ""
        errors.append(f"{kind.__name__}{where}")  # not its message: it may hold a person's data

    return hook


def _walked_well(walk: WindowWalk) -> None:
    """Fail with the first problem the walk met (a window that would not close, a page)."""
    if walk.problems:
        raise CheckFailed(next(iter(walk.problems.values())))


def _work_first_call(workbook: Path) -> None:
    """Do what a partner does in Excel: open the protected file, log the first call, save."""
    from openpyxl import load_workbook

    from member_reach.sheets.crypto import decrypt, encrypt_file

    book = load_workbook(decrypt(workbook, PASSWORD))
    sheet = book["Calls"]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headings.index("Outcome") + 1).value = "renewed"
    book.save(workbook)
    encrypt_file(workbook, PASSWORD)


@contextlib.contextmanager
def _qt_messages(err: TextIO) -> Iterator[list[str]]:
    """Qt's messages to ``err``, but the known offscreen notices (Qt is loaded only here)."""
    from member_reach.ui.app.qt_messages import qt_messages

    with qt_messages(err, KNOWN_QT_NOTICES) as sent:
        yield sent


def run_self_check(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step; print one line each; return 0 when all passed, else 1."""
    out, err = out or sys.stdout, err or sys.stderr
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="member_reach-self-check-") as name, _qt_messages(err):
        check = SelfCheck(Path(name), out)
        steps = check.steps()
        for number, (title, step) in enumerate(steps, start=1):
            started = time.perf_counter()
            try:
                result = step()
            except CheckFailed as exc:
                print(f"member-reach self-check: step {number} ({title}) failed: {exc}", file=err)
                return 1
            seconds = time.perf_counter() - started
            print(f"ok {number}/{len(steps)} {title}: {result} ({seconds:.1f} s)", file=out)
    print("member-reach self-check: everything works", file=out)
    return 0
