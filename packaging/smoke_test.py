"""The frozen app's smoke test: ``python packaging/smoke_test.py`` after ``packaging/build.py``.

Runs the built program as a user's computer would (a fresh temporary home, no Python around it)
and fails on the first budget missed:

- the folder at most 200 MB on disk, its .tar.gz at most 80 MB;
- ``--version`` prints pyproject's version in at most 0.3 s (median of 5);
- ``--self-check`` exits 0 with nothing on stderr but Qt's known offscreen notices
  (``member_reach.self_check.KNOWN_QT_NOTICES``); it connects to PostgreSQL when
  ``MEMBER_REACH_TEST_PG`` is set.
"""

from __future__ import annotations

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

DIST = ROOT / "dist"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

FOLDER_MB = 200
ARCHIVE_MB = 80
VERSION_SECONDS = 0.3


def program(folder: Path) -> Path:
    """The command-line program of the built folder."""
    name = "member-reach.exe" if sys.platform == "win32" else "member_reach"
    return folder / name


def folder_size(folder: Path) -> int:
    """Bytes the folder takes (files, not links)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run the program with a fresh home and data folders, off screen."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "APPDATA": str(home / "appdata"),
        "LOCALAPPDATA": str(home / "localappdata"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)


def check(condition: bool, message: str) -> None:
    """Stop with ``message`` unless ``condition``."""
    if not condition:
        sys.exit(f"smoke test failed: {message}")
    print(f"ok: {message}")


def main() -> int:
    """Check the built folder against every budget; exit 1 with the first one missed."""
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
        times = []
        for _ in range(5):
            started = time.perf_counter()
            done = run([str(exe), "--version"], home)
            times.append(time.perf_counter() - started)
            check(
                done.stdout.strip() == f"member-reach {VERSION}",
                f"--version: {done.stdout.strip()}",
            )
        median = statistics.median(times)
        check(
            median <= VERSION_SECONDS,
            f"--version in {median:.2f} s (median of 5; at most {VERSION_SECONDS})",
        )
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


if __name__ == "__main__":
    sys.exit(main())
