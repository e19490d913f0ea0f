"""The frozen app's smoke test: ``python packaging/smoke_test.py`` after ``packaging/build.py``.

Runs the built program as a user's computer would (a fresh temporary home, no Python around it)
and fails on the first budget missed:

- the folder at most 200 MB on disk, its .tar.gz at most 80 MB;
- ``--version`` prints pyproject's version in at most 0.3 s;
- from the process's start to the main window's first show event at most 1.5 s, on a demo
  association (``MEMBER_REACH_QUIT_AFTER_SHOW=1``: the app prints the wall-clock time of its
  first show and closes; the time is counted from just before the process is started);
- an import of a roster of :data:`IMPORT_ROWS` rows reads them all, a worker process reading
  part of them (the frozen app starts it as Windows and macOS do: ``multiprocessing``'s spawn,
  through ``freeze_support``; the app's log says how many chunks the worker read);
- ``--self-check`` exits 0 with nothing on stderr but Qt's known offscreen notices
  (``member_reach.self_check.KNOWN_QT_NOTICES``); it connects to PostgreSQL when
  ``MEMBER_REACH_TEST_PG`` is set.

The two times are measured for the frozen app and for the package installed by pip
(``python -m member_reach`` with this Python), each the median of 5 runs after one warm-up run
that is not counted (it fills the system's file cache and, for pip, writes the .pyc files a
regular pip install writes at install time). ``--pip-only`` measures the installed package alone,
without a build.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from member_reach.self_check import KNOWN_QT_NOTICES  # noqa: E402
from member_reach.ui.app.first_show import QUIT_AFTER_SHOW, first_show_time  # noqa: E402

DIST = ROOT / "dist"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

FOLDER_MB = 200
ARCHIVE_MB = 80
VERSION_SECONDS = 0.3
FIRST_SHOW_SECONDS = 1.5
RUNS = 5
TODAY = "2026-11-23"
IMPORT_ROWS = 12_000  # over the pipeline's WORKER_FROM_ROWS: read on two cores


def program(folder: Path) -> Path:
    """The command-line program of the built folder."""
    name = "member-reach.exe" if sys.platform == "win32" else "member_reach"
    return folder / name


def folder_size(folder: Path) -> int:
    """Bytes the folder takes (files, not links)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run(argv: list[str], home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run the program with a fresh home and data folders, off screen, with ``extra`` set."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "APPDATA": str(home / "appdata"),
        "LOCALAPPDATA": str(home / "localappdata"),
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    # An installed package has its .pyc files (pip writes them); a run must not be kept from it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)


def check(condition: bool, message: str) -> None:
    """Stop with ``message`` unless ``condition``."""
    if not condition:
        sys.exit(f"smoke test failed: {message}")
    print(f"ok: {message}")


def timed(what: str, runs: list[float]) -> float:
    """Print the runs' figures; return their median."""
    median = statistics.median(runs)
    print(f"   {what}: median {median:.3f} s (min {min(runs):.3f}, max {max(runs):.3f})")
    return median


def measure_version(program: list[str], home: Path) -> float:
    """The median time of ``--version`` (after a warm-up run); it must print pyproject's version."""
    times, said = [], set()
    for turn in range(RUNS + 1):
        started = time.perf_counter()
        done = run([*program, "--version"], home)
        if turn:
            times.append(time.perf_counter() - started)
        said.add(done.stdout.strip())
    check(said == {f"member-reach {VERSION}"}, f"--version: {', '.join(sorted(said))}")
    return timed("--version", times)


def measure_first_show(program: list[str], home: Path) -> float:
    """The median time from the start to the window's first show, on a demo association."""
    database = home / "demo-start.sqlite3"
    if not database.exists():  # written by the first warm-up run
        made = run(
            [*program, "--demo", "--db", str(database), "--today", TODAY],
            home,
            **{QUIT_AFTER_SHOW: "1"},
        )
        check(made.returncode == 0, f"the demo opens and closes (exit {made.returncode})")
    times, exits = [], set()
    for turn in range(RUNS + 1):
        started = time.time()
        done = run(
            [*program, "--db", str(database), "--today", TODAY], home, **{QUIT_AFTER_SHOW: "1"}
        )
        shown = first_show_time(done.stdout)
        exits.add(done.returncode if shown is not None else "no first show")
        if turn and shown is not None:
            times.append(shown - started)
    check(exits == {0}, f"the window shows and closes (exit {', '.join(map(str, exits))})")
    return timed("first show", times)


def check_start_up(name: str, program: list[str], home: Path) -> None:
    """Check both start-up budgets of one way of running the app."""
    print(f"{name}: {' '.join(program)}")
    version = measure_version(program, home)
    check(
        version <= VERSION_SECONDS,
        f"{name} --version in {version:.2f} s (median of {RUNS}; at most {VERSION_SECONDS})",
    )
    shown = measure_first_show(program, home)
    check(
        shown <= FIRST_SHOW_SECONDS,
        f"{name} window shown in {shown:.2f} s (median of {RUNS}; at most {FIRST_SHOW_SECONDS})",
    )


def main() -> int:
    """Check the built folder against every budget; exit 1 with the first one missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pip-only",
        action="store_true",
        help="measure the package installed by pip only (no build needed)",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="member_reach-smoke-") as name:
        python = [sys.executable, "-m", "member_reach"]
        check_start_up("pip-installed", python, Path(name))
        check_import_on_two_cores(python, Path(name))
    if options.pip_only:
        return 0
    return check_frozen()


def check_frozen() -> int:
    """The frozen app's budgets: sizes, start-up, and its self-check."""
    folder = DIST / "member_reach"
    exe = program(folder)
    check(exe.is_file(), f"{exe} is built")
    size = folder_size(folder) / 1e6
    check(size <= FOLDER_MB, f"the folder takes {size:.0f} MB (at most {FOLDER_MB})")
    archives = sorted(DIST.glob("member_reach-*.tar.gz"))
    if archives:
        packed = archives[-1].stat().st_size / 1e6
        check(
            packed <= ARCHIVE_MB, f"{archives[-1].name} is {packed:.1f} MB (at most {ARCHIVE_MB})"
        )
    with tempfile.TemporaryDirectory(prefix="member_reach-smoke-") as name:
        home = Path(name)
        check_start_up("frozen", [str(exe)], home)
        check_import_on_two_cores([str(exe)], home)
        done = run([str(exe), "--self-check"], home)
        print(done.stdout, end="")
        unknown = [
            line
            for line in done.stderr.splitlines()
            if line.strip() and not any(known in line for known in KNOWN_QT_NOTICES)
        ]
        check(done.returncode == 0, f"--self-check exits {done.returncode}")
        check(
            not unknown,
            "--self-check leaves nothing on stderr but the known notices"
            + "".join(f"\n  {u}" for u in unknown),
        )
    return 0


def check_import_on_two_cores(program: list[str], home: Path) -> None:
    """A roster large enough for the reading worker imports whole, the worker reading part."""
    roster = home / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Member ID", "First Name", "Last Name", "Email", "Paid Thru"])
        for i in range(IMPORT_ROWS):
            writer.writerow([f"S-{i}", "Sam", f"Smoke{i}", f"s{i}@example.org", "2027-03-31"])
    argv = [*program, "--db", str(home / "import.sqlite3"), "--today", TODAY, "--json"]
    done = run([*argv, "import", "roster", str(roster)], home)
    check(done.returncode == 0, f"the import exits {done.returncode}: {done.stderr.strip()}")
    counts = json.loads(done.stdout.splitlines()[-1])
    check(
        (counts["rows_read"], counts["inserted"]) == (IMPORT_ROWS, IMPORT_ROWS),
        f"the import read {counts['rows_read']} rows and inserted {counts['inserted']}",
    )
    said = [
        line
        for log in home.rglob("member_reach.log")
        for line in log.read_text("utf-8").splitlines()
        if "rows read in chunks of" in line
    ]
    worker_chunks = int(said[-1].rsplit(":", 1)[1].split()[0]) if said else 0
    check(worker_chunks > 0, f"the worker process read {worker_chunks} chunks of the roster")
    print(f"import of {IMPORT_ROWS:,} rows: the worker process read {worker_chunks} chunks")


if __name__ == "__main__":
    sys.exit(main())
