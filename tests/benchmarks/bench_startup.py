"""Start-up benchmark (issue 16): ``--version`` and the main window's first show, as ratios.

The budgets (packaging/README.md) are absolute: ``--version`` in at most 0.3 s and the window
shown at most 1.5 s after the process starts. Absolute times move with the machine and its load,
so this also times, in turns with the app (baseline, app, baseline, app...), what no start-up
can beat: ``python -c pass`` for ``--version``, and a bare PySide6 ``QMainWindow`` shown for the
window. The ratios say how much the app adds to that floor.

The app runs as pip installed it (``python -m member_reach``), on a demo association written
first, with ``MEMBER_REACH_QUIT_AFTER_SHOW=1`` (it prints the wall-clock time of its first show
and closes). Run: ``python tests/benchmarks/bench_startup.py [--runs N]``; always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from member_reach.ui.app.first_show import FIRST_SHOW_LINE, QUIT_AFTER_SHOW, first_show_time

TODAY = "2026-11-23"
BARE_WINDOW = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Shown(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show:
            print("{FIRST_SHOW_LINE}%.6f" % time.time(), flush=True)
            QTimer.singleShot(0, watched.close)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
shown = Shown()
window.installEventFilter(shown)
window.show()
app.exec()
"""


def environment(home: Path) -> dict[str, str]:
    """A fresh home, off screen, measuring the first show; .pyc files written as pip would."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        QUIT_AFTER_SHOW: "1",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds the whole process took."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def first_show(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from just before the process started to its first show."""
    started = time.time()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    shown = first_show_time(done.stdout)
    if shown is None:
        raise SystemExit(f"no first show printed by {argv}: {done.stderr[-500:]}")
    return shown - started


def in_turns(
    runs: int, baseline: Callable[[], float], app: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Time ``baseline`` and ``app`` in turns, after one warm-up run of each."""
    base_times: list[float] = []
    app_times: list[float] = []
    for turn in range(runs + 1):
        base, mine = baseline(), app()
        if turn:
            base_times.append(base)
            app_times.append(mine)
    return base_times, app_times


def report(what: str, base: list[float], mine: list[float], budget: float) -> None:
    """One line: medians, the ratio of medians, and the budget met or missed."""
    b, m = statistics.median(base), statistics.median(mine)
    verdict = "MEETS" if m <= budget else "MISSES"
    print(
        f"{what:<12} app {m:.3f} s (min {min(mine):.3f}, max {max(mine):.3f})  "
        f"floor {b:.3f} s  ratio {m / b:.2f}  budget {budget} s: {verdict}"
    )


def main() -> int:
    """Write a demo association, then time both figures against their floors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each (default 5)")
    runs = parser.parse_args().runs
    app = [sys.executable, "-m", "member_reach"]
    with tempfile.TemporaryDirectory(prefix="member_reach-bench-") as name:
        home = Path(name)
        env = environment(home)
        database = str(home / "demo.sqlite3")
        first_show([*app, "--demo", "--db", database, "--today", TODAY], env)
        print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
        base, mine = in_turns(
            runs,
            lambda: wall([sys.executable, "-c", "pass"], env),
            lambda: wall([*app, "--version"], env),
        )
        report("--version", base, mine, 0.3)
        base, mine = in_turns(
            runs,
            lambda: first_show([sys.executable, "-c", BARE_WINDOW], env),
            lambda: first_show([*app, "--db", database, "--today", TODAY], env),
        )
        report("first show", base, mine, 1.5)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
