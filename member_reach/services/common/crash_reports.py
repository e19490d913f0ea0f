"""What is kept when the app fails: a crash file per run for native crashes, and error details.

:func:`start_crash_file` points :mod:`faulthandler` at a new file in ``<data>/crashes`` (the last
:data:`KEEP_CRASH_FILES` are kept); a clean exit removes it again when it stayed empty, so the
folder holds only runs that crashed. :func:`error_details` is the text a person copies for their
support contact: the version, the platform, and where the error happened in the code, with the
error's kind but not its message (which may quote a member's data) unless
:data:`DEBUG_ENV` is set.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import faulthandler
import logging
import os
import platform
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from member_reach import APP_NAME, __version__
from member_reach.services.common.logs import start_logging
from member_reach.store.paths import data_dir
from member_reach.store.processes import pid_alive

#: Set to 1 to see an unexpected error's message and traceback (the command line raises it).
DEBUG_ENV = "MEMBER_REACH_DEBUG"
KEEP_CRASH_FILES = 10
CRASH_PREFIX = "crash-"
CRASH_SUFFIX = ".txt"


def debugging() -> bool:
    """Whether ``MEMBER_REACH_DEBUG`` asks for errors' messages and tracebacks."""
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def crashes_dir() -> Path:
    """The folder of the crash files (in the user's data folder; not created here)."""
    return data_dir() / "crashes"


@dataclass
class CrashFile:
    """The file :mod:`faulthandler` writes a native crash of this run to."""

    path: Path
    handle: IO[str]

    def close(self) -> None:
        """Stop writing crashes to the file; remove it if nothing was written (a clean run)."""
        if faulthandler.is_enabled():
            faulthandler.disable()
        with contextlib.suppress(OSError, ValueError):
            self.handle.close()
        with contextlib.suppress(OSError):
            if self.path.stat().st_size == 0:
                self.path.unlink()


def _crash_files(folder: Path) -> list[Path]:
    try:
        found = [
            p
            for p in folder.iterdir()
            if p.name.startswith(CRASH_PREFIX) and p.name.endswith(CRASH_SUFFIX)
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def _left_empty(path: Path) -> bool:
    """Whether ``path`` is the empty crash file of a run killed before it could remove it."""
    try:
        if path.stat().st_size:
            return False
        pid = int(path.stem.rsplit("-", 1)[1])
    except (OSError, IndexError, ValueError):
        return False
    # Windows cannot tell a running process this way, but refuses to remove its open file.
    return pid != os.getpid() and not (os.name == "posix" and pid_alive(pid))


def prune_crash_files(folder: Path, keep: int = KEEP_CRASH_FILES) -> list[Path]:
    """Remove all but the newest ``keep`` crash files in ``folder``; return those removed.

    The empty files of runs that were killed (they held no crash) go first.
    """
    files = _crash_files(folder)
    empty = [path for path in files if _left_empty(path)]
    files = [path for path in files if path not in empty]
    removed = empty + files[: max(0, len(files) - keep)]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    return removed


def start_crash_file(
    folder: Path | None = None, now: dt.datetime | None = None
) -> CrashFile | None:
    """Write native crashes of this run (every thread's stack) to a new file in ``folder``.

    Older crash files beyond the last :data:`KEEP_CRASH_FILES` (this run's counted) are removed;
    the file is removed again at a clean exit (:meth:`CrashFile.close`, registered with
    :mod:`atexit`). A folder that cannot be written leaves the run without one (None), and so
    does a :mod:`faulthandler` already enabled (``python -X faulthandler``, or pytest's): it
    keeps writing where it was told to.
    """
    if faulthandler.is_enabled():
        return None
    folder = folder or crashes_dir()
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{CRASH_PREFIX}{stamp}-{os.getpid()}{CRASH_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        prune_crash_files(folder, KEEP_CRASH_FILES - 1)
        handle = path.open("w", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(handle, all_threads=True)
    crash_file = CrashFile(path, handle)
    atexit.register(crash_file.close)
    return crash_file


def environment_lines(extra: tuple[str, ...] = ()) -> list[str]:
    """The version and platform lines that head every error's details."""
    return [
        f"member_reach {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        *extra,
        f"frozen: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
    ]


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the errors it was raised from or while handling, oldest first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return chain[::-1]


def error_kind(error: BaseException) -> str:
    """The error's class, with its module unless built in (``sqlite3.OperationalError``)."""
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def error_details(
    error: BaseException,
    trace: TracebackType | None = None,
    *,
    extra: tuple[str, ...] = (),
    with_message: bool | None = None,
) -> str:
    """The text to send to support: version, platform, and where ``error`` happened.

    Each error of the chain is given by its kind and its stack (file, line, function and the
    line of code); its message only when ``with_message`` (default: :func:`debugging`), since a
    message may quote the rows being worked on.
    """
    with_message = debugging() if with_message is None else with_message
    lines = environment_lines(extra)
    for number, item in enumerate(_chain(error)):
        if number:
            lines.append("which led to:")
        stack = trace if item is error and trace is not None else item.__traceback__
        lines.append("Traceback (most recent call last):")
        lines.extend(traceback.StackSummary.extract(traceback.walk_tb(stack)).format())
        message = f": {item}" if with_message and str(item) else ""
        lines.append(f"{error_kind(item)}{message}")
    return "\n".join(line.rstrip("\n") for line in lines)


def log_unexpected(
    error: BaseException,
    trace: TracebackType | None = None,
    *,
    where: str = "",
    extra: tuple[str, ...] = (),
) -> str:
    """Log an error nobody foresaw with its details (see :func:`error_details`); return them."""
    details = error_details(error, trace, extra=extra)
    logging.getLogger(APP_NAME).error(
        "unexpected error%s\n%s", f" in {where}" if where else "", details
    )
    return details


def start_run() -> tuple[Path | None, CrashFile | None]:
    """Start this run's log and crash file (GUI and command line): their paths, None if refused."""
    return start_logging(), start_crash_file()
