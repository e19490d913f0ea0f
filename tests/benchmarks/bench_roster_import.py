"""Speed benchmark of ``member-reach import roster`` against a bare read of the same file.

    python tests/benchmarks/bench_roster_import.py [--rows N] [--formats xlsx,csv] [--out DIR]

For each format it writes a messy 100,000-row roster (make_roster.py), then measures:

- the bare read: python-calamine ``CalamineWorkbook.from_path(path)`` +
  ``get_sheet_by_index(0).to_python()`` for xlsx; a plain ``csv.reader`` over the whole file for
  csv (calamine does not read CSV); best of 3, in this process;
- the bare read once more in a child process, for its peak memory;
- the full import, ``member_reach.__main__.main([... "import", "roster", path])`` into a fresh
  SQLite database, in a child process: the time of the ``main()`` call (the interpreter and the
  ``member_reach`` modules are loaded before the clock starts) and the child's peak memory
  (``VmHWM`` on Linux, see ``_peak_mb``; ``ru_maxrss`` elsewhere);
- the re-import of the same, unchanged file into the same database, the same way;
- beside ours, when pandas is installed (the ``bench`` extra, never a dependency of the app): a
  naive script, ``pandas.read_excel(engine="openpyxl")`` (and ``engine="calamine"``;
  ``read_csv`` for csv) then ``DataFrame.to_sql`` into a new SQLite file, in a child process,
  timed the same way. It cleans, checks and matches nothing: a yardstick, not a target.

Targets (the roster-import issue): import <= 5x the bare read (on the way to 2.5x), re-import
<= 2.0x, peak memory <= 400 MB. This is a report, not a test: the exit status is 0 whatever the
figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TODAY = "2026-11-23"
IMPORT_RATIO_TARGET = 5.0  # on the way to 2.5x
REIMPORT_RATIO_TARGET = 2.0
PEAK_MB_TARGET = 400.0
BARE_REPEATS = 3
CHILD_TIMEOUT_S = 3600
FORMATS = ("xlsx", "csv")


# --- the child process: one bare read or one import, then its peak memory -------------------


def _peak_mb() -> float | None:
    """This process's peak resident memory so far, in MiB.

    On Linux, ``ru_maxrss`` of a child started by fork + exec starts at the *parent's* peak (the
    kernel carries the high-water mark of the parent's address space over the exec), so after
    this script has read a big file itself every child would report at least that. The peak of
    the child's own address space, ``VmHWM`` in /proc/self/status, is free of it; ``ru_maxrss``
    is the fallback where there is no /proc (macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bare_read(path: Path) -> int:
    """Read the whole file the bare way; return the number of rows, header included."""
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
    count = 0
    with path.open(encoding="utf-8", newline="") as file:
        for _ in csv.reader(file):
            count += 1
    return count


def naive_pandas(path: Path, engine: str, db_path: Path) -> int:
    """The naive script: pandas reads the file and writes it to SQLite as it is; its rows."""
    import sqlite3

    import pandas as pd

    frame = pd.read_csv(path) if engine == "csv" else pd.read_excel(path, engine=engine)
    connection = sqlite3.connect(db_path)
    try:
        frame.to_sql("roster", connection, index=False)
        connection.commit()
    finally:
        connection.close()
    return len(frame)


class ChildPeaks:
    """The peak memory of this process and every process it starts, together (Linux: /proc).

    A large import reads rows in a worker process, and ``multiprocessing`` starts a resource
    tracker beside it. Every 20 ms the resident memory (``VmRSS``) of this process and of each
    process below it is read and summed; the peak is the highest sum, or this process's own
    peak (``VmHWM``) when that is higher. Each process's own peak is kept too, for the report.
    Without /proc nothing is read (the import's own peak is then all the figure counts).
    """

    def __init__(self) -> None:
        import threading

        self.peaks: dict[int, float] = {}
        self.highest_sum = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> ChildPeaks:
        if Path("/proc/self/task").is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            total = 0.0
            for pid in [os.getpid(), *_descendants(os.getpid())]:
                status = _status(pid)
                total += status.get("VmRSS", 0.0)
                if pid != os.getpid() and "VmHWM" in status:
                    self.peaks[pid] = status["VmHWM"]
            self.highest_sum = max(self.highest_sum, total)


def _status(pid: int) -> dict[str, float]:
    """A process's VmRSS and VmHWM in MiB ({} once it has ended)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text("ascii").splitlines()
    except OSError:
        return {}
    return {
        key: int(rest.split()[0]) / 1024
        for key, _, rest in (line.partition(":") for line in lines)
        if key in ("VmRSS", "VmHWM")
    }


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, their children ...), from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text("ascii").split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def _child_import(argv: list[str]) -> tuple[Any, float]:
    """Run the command line in this process; stdout and stderr go where the parent sent them."""
    import member_reach.__main__
    import member_reach.cli  # noqa: F401 - loaded before the clock starts, as the app would be

    started = time.perf_counter()
    try:
        code: Any = member_reach.__main__.main(argv)
    except SystemExit as exc:  # argparse: wrong usage
        code = exc.code
    except Exception:  # reported to the parent, which carries on
        import traceback

        traceback.print_exc()
        code = "exception"
    return code, time.perf_counter() - started


def child_main(spec_json: str) -> int:
    """Do what the parent asked (see ``_run_child``) and write the result JSON file."""
    spec = json.loads(spec_json)
    result: dict[str, Any] = {"start_mb": _peak_mb()}
    if spec["kind"] in ("bare", "pandas"):
        started = time.perf_counter()
        if spec["kind"] == "bare":
            result["rows"] = bare_read(Path(spec["path"]))
        else:
            result["rows"] = naive_pandas(Path(spec["path"]), spec["engine"], Path(spec["db"]))
        result["seconds"] = time.perf_counter() - started
        result["exit"] = 0
    else:
        with ChildPeaks() as children:
            result["exit"], result["seconds"] = _child_import(spec["argv"])
        result["processes_mb"] = sorted(children.peaks.values())
        result["highest_sum_mb"] = children.highest_sum
    sys.stdout.flush()
    sys.stderr.flush()
    own = _peak_mb()
    result["peak_mb"] = max(own, result.get("highest_sum_mb", 0.0)) if own is not None else None
    Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


# --- the parent ----------------------------------------------------------------------------


@dataclass
class Run:
    """One child run: its exit, time, peak memory, and what the import printed."""

    exit: Any = None
    seconds: float | None = None
    peak_mb: float | None = None
    summary: dict[str, Any] | None = None
    stderr: str = ""

    @property
    def ok(self) -> bool:
        """Whether it exited 0 (and, for an import, printed its JSON summary)."""
        return self.exit == 0 and self.seconds is not None


@dataclass
class Report:
    """The figures of one format."""

    fmt: str
    rows: int
    path: Path
    generate_s: float = 0.0
    file_mb: float = 0.0
    distinct_ids: int = 0
    bare_s: float = 0.0
    bare: Run = field(default_factory=Run)
    first: Run = field(default_factory=Run)
    again: Run = field(default_factory=Run)
    pandas: dict[str, Run] = field(default_factory=dict)  # by engine; empty without pandas


def _run_child(spec: dict[str, Any], work: Path, name: str) -> Run:
    """Run this script as ``--child`` in a fresh interpreter; collect what it reports."""
    result_path = work / f"{name}.result.json"
    out_path, err_path = work / f"{name}.stdout", work / f"{name}.stderr"
    result_path.unlink(missing_ok=True)
    spec = {**spec, "result": str(result_path)}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        try:
            subprocess.run(command, stdout=out, stderr=err, timeout=CHILD_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            return Run(exit=f"timeout after {CHILD_TIMEOUT_S} s", stderr=_tail(err_path))
    run = Run(stderr=_tail(err_path))
    if not result_path.exists():
        run.exit = "child crashed"
        return run
    data = json.loads(result_path.read_text(encoding="utf-8"))
    run.exit, run.peak_mb = data["exit"], data["peak_mb"]
    run.seconds = data["seconds"] if data["exit"] == 0 else None
    if spec["kind"] == "import" and run.exit == 0:
        run.summary = _last_json_line(out_path)
        if run.summary is None:
            run.exit, run.seconds = "no JSON summary on the last line of stdout", None
    return run


def _tail(path: Path, limit: int = 4000) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    return text if len(text) <= limit else "..." + text[-limit:]


def _last_json_line(path: Path) -> dict[str, Any] | None:
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    if not lines:
        return None
    try:
        summary = json.loads(lines[-1])
    except ValueError:
        return None
    return summary if isinstance(summary, dict) else None


def _best_of(repeats: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _distinct_ids(path: Path) -> int:
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    else:
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
    return len({row[0] for row in rows[1:]})


def _best_run(runs: list[Run]) -> Run:
    """The fastest of runs of one kind, with the highest peak memory of them all."""
    if not all(run.ok for run in runs):
        return next(run for run in runs if not run.ok)
    best = min(runs, key=lambda run: run.seconds or 0.0)
    peaks = [run.peak_mb for run in runs if run.peak_mb is not None]
    return Run(best.exit, best.seconds, max(peaks) if peaks else None, best.summary, best.stderr)


def _fresh(db_path: Path) -> None:
    for stale in (db_path, *(Path(f"{db_path}{s}") for s in ("-wal", "-shm", "-journal"))):
        stale.unlink(missing_ok=True)


def bench_format(fmt: str, rows: int, work: Path, seed: int, repeat: int = 3) -> Report:
    """Generate, read bare, import and re-import one format; print progress as it goes."""
    from make_roster import make_roster

    report = Report(fmt=fmt, rows=rows, path=work / f"roster_{rows}.{fmt}")
    _say(f"[{fmt}] generating {rows:,} rows -> {report.path}")
    started = time.perf_counter()
    make_roster(report.path, rows, seed)
    report.generate_s = time.perf_counter() - started
    report.file_mb = report.path.stat().st_size / 1_000_000
    report.distinct_ids = _distinct_ids(report.path)
    _say(f"[{fmt}] generated in {report.generate_s:.1f} s, {report.file_mb:.1f} MB")

    report.bare_s = _best_of(BARE_REPEATS, lambda: bare_read(report.path))
    _say(f"[{fmt}] bare read, best of {BARE_REPEATS}: {report.bare_s:.2f} s")
    report.bare = _run_child({"kind": "bare", "path": str(report.path)}, work, f"{fmt}-bare")

    # Imports are timed like the bare read, best of ``repeat``: the machine is shared and noisy.
    db_path = work / f"bench_{fmt}.sqlite3"
    argv = ["--db", str(db_path), "--today", TODAY, "--json", "import", "roster"]
    argv.append(str(report.path))
    firsts: list[Run] = []
    for attempt in range(repeat):
        _fresh(db_path)
        _say(f"[{fmt}] importing into a new {db_path} ({attempt + 1} of {repeat})")
        firsts.append(_run_child({"kind": "import", "argv": argv}, work, f"{fmt}-import"))
    report.first = _best_run(firsts)
    _report_failure(fmt, "import", report.first)
    if report.first.ok:
        agains = []
        for attempt in range(repeat):
            _say(f"[{fmt}] re-importing the unchanged file ({attempt + 1} of {repeat})")
            agains.append(_run_child({"kind": "import", "argv": argv}, work, f"{fmt}-reimport"))
        report.again = _best_run(agains)
        _report_failure(fmt, "re-import", report.again)
    else:
        report.again = Run(exit="skipped: the first import failed")
    report.pandas = bench_pandas(report, work, repeat)
    return report


def _engines(fmt: str) -> list[str]:
    """The naive pandas scripts to time for a format (none when pandas is not installed)."""
    import importlib.util

    if importlib.util.find_spec("pandas") is None:
        return []
    return ["csv"] if fmt == "csv" else ["openpyxl", "calamine"]


def bench_pandas(report: Report, work: Path, repeat: int) -> dict[str, Run]:
    """Time the naive pandas scripts on the same file, best of ``repeat`` each."""
    runs: dict[str, Run] = {}
    engines = _engines(report.fmt)
    if not engines:
        _say(
            f"[{report.fmt}] pandas is not installed: no naive pandas figure (pip install .[bench])"
        )
    for engine in engines:
        db_path = work / f"pandas_{report.fmt}_{engine}.sqlite3"
        tries = []
        for attempt in range(repeat):
            _fresh(db_path)
            _say(f"[{report.fmt}] naive pandas ({engine}) + to_sql ({attempt + 1} of {repeat})")
            spec = {
                "kind": "pandas",
                "path": str(report.path),
                "engine": engine,
                "db": str(db_path),
            }
            tries.append(_run_child(spec, work, f"{report.fmt}-pandas-{engine}"))
        runs[engine] = _best_run(tries)
        _report_failure(report.fmt, f"pandas ({engine})", runs[engine])
    return runs


def _report_failure(fmt: str, what: str, run: Run) -> None:
    if run.ok:
        return
    _say(f"[{fmt}] {what} failed ({_why('', run).strip()}); its stderr:")
    _say("    " + (run.stderr or "(empty)").replace("\n", "\n    "))


def _say(text: str) -> None:
    print(text, flush=True)


# --- the report ----------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(run: Run, bare_s: float) -> float | None:
    return None if run.seconds is None or bare_s <= 0 else run.seconds / bare_s


def _times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _peak(report: Report) -> float | None:
    peaks = [run.peak_mb for run in (report.first, report.again) if run.ok and run.peak_mb]
    return max(peaks) if peaks else None


def print_table(reports: list[Report]) -> None:
    """The figures side by side, one line per format."""
    columns = (
        ("format", 6),
        ("rows", 9),
        ("file MB", 7),
        ("gen s", 6),
        ("bare s", 7),
        ("bare MB", 7),
        ("import s", 8),
        (f"ratio (<={IMPORT_RATIO_TARGET})", 13),
        ("re-import s", 11),
        (f"ratio (<={REIMPORT_RATIO_TARGET})", 13),
        (f"peak MB (<={PEAK_MB_TARGET:.0f})", 15),
    )
    print()
    print("  ".join(name.rjust(width) for name, width in columns))
    for r in reports:
        cells = (
            r.fmt,
            f"{r.rows:,}",
            f"{r.file_mb:.1f}",
            f"{r.generate_s:.1f}",
            f"{r.bare_s:.2f}",
            _mb(r.bare.peak_mb),
            _seconds(r.first.seconds),
            _times(_ratio(r.first, r.bare_s)),
            _seconds(r.again.seconds),
            _times(_ratio(r.again, r.bare_s)),
            _mb(_peak(r)),
        )
        print("  ".join(cell.rjust(width) for cell, (_, width) in zip(cells, columns, strict=True)))
    print()


def _why(what: str, run: Run) -> str:
    """Why a run gave no figure: "import exit 2", "re-import skipped: ..."."""
    return f"{what} exit {run.exit}" if isinstance(run.exit, int) else f"{what} {run.exit}"


def _verdict(value: float | None, target: float, failed: str) -> str:
    if value is None:
        return f"MISSES (no figure: {failed})"
    return "MEETS" if value <= target else "MISSES"


def print_verdicts(report: Report) -> None:
    """MEETS / MISSES per target, then the counts the imports printed."""
    fmt = report.fmt
    partial = _partial(report)
    import_ratio = _ratio(report.first, report.bare_s)
    again_ratio = _ratio(report.again, report.bare_s)
    peak = _peak(report)
    print(
        f"{fmt}: import <= {IMPORT_RATIO_TARGET}x bare read: {_times(import_ratio)} "
        f"{_verdict(import_ratio, IMPORT_RATIO_TARGET, _why('import', report.first))}{partial}"
    )
    print(
        f"{fmt}: re-import <= {REIMPORT_RATIO_TARGET}x bare read: {_times(again_ratio)} "
        f"{_verdict(again_ratio, REIMPORT_RATIO_TARGET, _why('re-import', report.again))}"
        f"{partial}"
    )
    print(
        f"{fmt}: peak memory <= {PEAK_MB_TARGET:.0f} MB: {_mb(peak)} MB "
        f"{_verdict(peak, PEAK_MB_TARGET, 'no import finished')}{partial}"
    )
    print(
        f"{fmt}: the file: {report.rows:,} data rows, {report.distinct_ids:,} distinct Member IDs "
        f"({report.rows - report.distinct_ids:,} repeated rows)"
    )
    for label, run in (("import", report.first), ("re-import", report.again)):
        print(f"{fmt}: {label}: {_counts(run)}")
    for engine, run in report.pandas.items():
        reader = "read_csv" if engine == "csv" else f'read_excel(engine="{engine}")'
        print(
            f"{fmt}: beside ours ({_seconds(report.first.seconds)} s), naive pandas {reader} + "
            f"to_sql: {_seconds(run.seconds)} s ({_times(_ratio(run, report.bare_s))} bare read, "
            f"{_mb(run.peak_mb)} MB)"
        )
    if report.again.summary is not None:
        changed = [k for k in ("inserted", "updated") if report.again.summary.get(k) != 0]
        print(
            f"{fmt}: re-import of the unchanged file changes nothing (inserted 0, updated 0): "
            + ("yes" if not changed else f"NO ({', '.join(changed)} not 0)")
        )
    print()


def _number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else repr(value)


def _partial(report: Report) -> str:
    """A warning when an import did not read every data row of the file (figures not valid)."""
    short = [
        f"{label} read {_number(run.summary.get('rows_read'))} of {report.rows:,} rows"
        for label, run in (("import", report.first), ("re-import", report.again))
        if run.summary is not None and run.summary.get("rows_read") != report.rows
    ]
    return f" (NOT the whole file: {'; '.join(short)})" if short else ""


_COUNT_KEYS = (
    "rows_read",
    "inserted",
    "updated",
    "unchanged",
    "rejected",
    "renewals_detected",
    "batch_id",
)


def _counts(run: Run) -> str:
    if run.summary is None:
        return f"no counts ({_why('', run).strip()})"
    return " ".join(f"{key}={run.summary.get(key, '?')}" for key in _COUNT_KEYS)


def _as_json(report: Report) -> dict[str, Any]:
    def run_json(run: Run) -> dict[str, Any]:
        return {
            "exit": run.exit,
            "seconds": run.seconds,
            "peak_mb": run.peak_mb,
            "summary": run.summary,
        }

    return {
        "format": report.fmt,
        "rows": report.rows,
        "file": str(report.path),
        "file_mb": report.file_mb,
        "generate_s": report.generate_s,
        "distinct_ids": report.distinct_ids,
        "bare_s": report.bare_s,
        "bare_child": run_json(report.bare),
        "import": run_json(report.first),
        "reimport": run_json(report.again),
        "import_ratio": _ratio(report.first, report.bare_s),
        "reimport_ratio": _ratio(report.again, report.bare_s),
        "peak_mb": _peak(report),
        "pandas": {engine: run_json(run) for engine, run in report.pandas.items()},
    }


# --- the command line ----------------------------------------------------------------------


def _formats(text: str) -> list[str]:
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in FORMATS]
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(f"formats are a comma list of {', '.join(FORMATS)}")
    return wanted


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The benchmark's own options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="data rows (default 100000)")
    parser.add_argument(
        "--formats", type=_formats, default=list(FORMATS), help="xlsx,csv (default: both)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="keep the rosters, databases, logs and results.json here (default: a temp dir)",
    )
    parser.add_argument("--seed", type=int, default=7, help="roster seed (default 7)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="imports and re-imports timed, best kept (default 3)"
    )
    args = parser.parse_args(argv)
    if args.rows < 2:
        parser.error("--rows must be at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; always 0."""
    args = parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # for make_roster
    with tempfile.TemporaryDirectory(prefix="bench_roster_") as temp:
        work = Path(args.out) if args.out else Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        _say(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs")
        reports = [
            bench_format(fmt, args.rows, work, args.seed, max(1, args.repeat))
            for fmt in args.formats
        ]
        print_table(reports)
        for report in reports:
            print_verdicts(report)
        if args.out:
            results = work / "results.json"
            results.write_text(json.dumps([_as_json(r) for r in reports], indent=2) + "\n")
            _say(f"results: {results}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(child_main(sys.argv[2]))
    sys.exit(main())
