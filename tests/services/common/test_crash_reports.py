"""A native crash leaves its stack in a crash file of that run; clean runs leave none."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from member_reach import __version__
from member_reach.services.common.crash_reports import (
    KEEP_CRASH_FILES,
    crashes_dir,
    error_details,
    prune_crash_files,
)
from member_reach.store.paths import data_dir

ROOT = Path(__file__).resolve().parents[3]

_CHILD = textwrap.dedent(
    """
    import sys
    from member_reach.services.common.crash_reports import start_run

    log, crash = start_run()
    print(crash.path, flush=True)

    def open_the_roster():
        import faulthandler
        faulthandler._sigsegv()  # what a crash in a native library does

    if sys.argv[1] == "crash":
        open_the_roster()
    """
)


def _child(how: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": ""}
    return subprocess.run(
        [sys.executable, "-c", _CHILD, how],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_segfault_writes_the_stack_to_the_runs_crash_file() -> None:
    done = _child("crash")
    assert done.returncode != 0
    path = Path(done.stdout.strip())
    assert path.parent == crashes_dir() == data_dir() / "crashes"
    assert path.name.startswith("crash-") and path.suffix == ".txt"
    assert path.exists(), list(path.parent.iterdir())
    text = path.read_text(encoding="utf-8")
    assert "Segmentation fault" in text
    assert "open_the_roster" in text  # the Python stack of the crashing thread


def test_a_clean_run_leaves_no_crash_file() -> None:
    done = _child("clean")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert path.parent == crashes_dir()
    assert not path.exists()
    assert list(crashes_dir().iterdir()) == []


def test_only_the_last_ten_crash_files_are_kept(tmp_path: Path) -> None:
    for number in range(15):
        path = tmp_path / f"crash-202611{number + 1:02d}-090000-{100 + number}.txt"
        path.write_text("Fatal Python error", encoding="utf-8")
        stamp = dt.datetime(2026, 11, number + 1).timestamp()
        os.utime(path, (stamp, stamp))
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    removed = prune_crash_files(tmp_path)
    assert len(removed) == 5
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("crash-"))
    assert len(left) == KEEP_CRASH_FILES
    assert left[0].startswith("crash-20261106")  # the oldest five went
    assert other.exists()


def test_empty_files_of_killed_runs_go_and_those_of_running_ones_stay(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    killed = tmp_path / f"crash-20261101-090000-{gone.pid}.txt"
    killed.write_text("")
    running = tmp_path / f"crash-20261102-090000-{os.getppid()}.txt"
    running.write_text("")
    crashed = tmp_path / f"crash-20261103-090000-{gone.pid}.txt"
    crashed.write_text("Fatal Python error: Segmentation fault")
    assert prune_crash_files(tmp_path) == [killed]
    assert running.exists() and crashed.exists()


def test_a_new_run_keeps_ten_with_its_own() -> None:
    folder = crashes_dir()
    folder.mkdir(parents=True)
    for number in range(12):
        (folder / f"crash-202611{number + 1:02d}-090000-{100 + number}.txt").write_text("x")
    done = _child("crash")
    assert Path(done.stdout.strip()).exists()
    assert len(list(folder.iterdir())) == KEEP_CRASH_FILES


ROW = "Ada Lovelace, +44 20 7946 0018"  # a member's data, as an error's text may quote it


def _fail() -> None:
    raise KeyError(f"no call for {ROW}")


def test_error_details_name_the_code_not_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEMBER_REACH_DEBUG", raising=False)
    try:
        try:
            _fail()
        except KeyError as exc:
            raise RuntimeError(ROW) from exc
    except RuntimeError as exc:
        error = exc
    details = error_details(error)
    debug = error_details(error, with_message=True)
    assert details.splitlines()[0] == f"member_reach {__version__}"
    assert "Python " in details
    assert "in _fail" in details and 'raise KeyError(f"no call for {ROW}")' in details
    assert details.index("KeyError") < details.index("which led to:")
    assert details.index("which led to:") < details.index("RuntimeError")
    assert "Ada" not in details and "7946" not in details
    assert ROW in debug
    monkeypatch.setenv("MEMBER_REACH_DEBUG", "1")
    assert ROW in error_details(error)
