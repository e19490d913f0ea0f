"""Speed benchmark of the demo association in the middle of its month (what ``--demo`` opens).

Target (issue 16, "First start shows the value"): built in at most 2 s on the development
machine. Run: ``python tests/benchmarks/bench_demo.py [--runs N] [--today YYYY-MM-DD]``.

Each run writes the demo to a new SQLite file (``create_demo_database(..., mid_month=True)``:
about 2,000 people, a renewal campaign with its calls, a partner export and its worked file
back, an event campaign). The baseline, measured in the same runs, is the bare part every
database pays: a new file created and migrated, empty. The two are timed in turn (baseline,
demo, baseline, demo …) so a machine that slows down slows both; the report gives the median
wall and CPU seconds of each and the ratio demo / baseline run by run. CPU time stays readable
on a shared machine whose wall clock is not. A script, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from member_reach.services.demo.demo import create_demo_database
from member_reach.store.database import open_database

TARGET_S = 2.0


def _timed(build: Callable[[Path], object], path: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    database = build(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    database.close()  # type: ignore[attr-defined]
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    """Time the baseline and the demo ``--runs`` times each; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as name:
        folder = Path(name)
        create_demo_database(folder / "warm-up.sqlite3", args.today, mid_month=True).close()
        bare: list[tuple[float, float]] = []
        demo: list[tuple[float, float]] = []
        for run in range(args.runs):
            bare.append(_timed(open_database, folder / f"bare-{run}.sqlite3"))
            demo.append(
                _timed(
                    lambda p: create_demo_database(p, args.today, mid_month=True),
                    folder / f"demo-{run}.sqlite3",
                )
            )
    for label, times in (("empty database (baseline)", bare), ("demo, mid-month", demo)):
        walls, cpus = [w for w, _ in times], [c for _, c in times]
        print(
            f"{label:28} wall median {statistics.median(walls):.3f} s "
            f"(min {min(walls):.3f}, max {max(walls):.3f}); "
            f"CPU median {statistics.median(cpus):.3f} s"
        )
    ratios = [d[0] / b[0] for b, d in zip(bare, demo, strict=True)]
    print(f"demo / baseline, wall, run by run: median {statistics.median(ratios):.1f}x")
    median = statistics.median(w for w, _ in demo)
    verdict = "within" if median <= TARGET_S else "over"
    print(f"demo median {median:.3f} s: {verdict} the {TARGET_S:.1f} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
