"""The names of the files the app writes before they are whole, and when one is left over.

Every file the app writes (a workbook, a CSV, a backup) is first written beside its target under
a hidden temporary name, ``.members.xlsx.partial-4242-1a2b3c4d`` (the target's name, the process
that writes it, a random token), and renamed to its target once whole. A process killed while
writing leaves that file behind; the next write into the same folder removes it once it is
stale: untouched for :data:`QUIET_FOR` and its process gone, or older than :data:`STALE_AFTER`.
Only names of this exact shape are ever removed: a file of the person's own never matches.

A process number means something on this computer only: in a shared folder another computer's
write may look like a dead process's. Its file is still being written, so it is younger than
:data:`QUIET_FOR`; were it removed all the same, that write fails in one line and nothing is
lost (the target is only ever replaced by a rename).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

#: How old a temporary file must be to be removed whatever its process (PIDs are reused).
STALE_AFTER: Final = dt.timedelta(hours=12)
#: How long a dead process's temporary file must have been left untouched to be removed.
QUIET_FOR: Final = dt.timedelta(minutes=2)
_PARTIAL: Final = re.compile(
    r"^\.(?P<target>.+)\.partial-(?P<pid>[0-9]{1,10})(?:-[0-9a-f]{8})?(?:-journal|-wal|-shm)?$"
)


def partial_name(target: str, pid: int) -> str:
    """The hidden temporary name a file called ``target`` is written under by process ``pid``."""
    return f".{target}.partial-{pid}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class PartialFile:
    """A temporary file's name read back: the file it was to become and who wrote it."""

    target: str
    pid: int


def read_partial_name(name: str) -> PartialFile | None:
    """The target and process of a temporary file's name; None for any other name."""
    found = _PARTIAL.match(name)
    if found is None:
        return None
    return PartialFile(found["target"], int(found["pid"]))


def is_stale(partial: PartialFile, age: dt.timedelta, own_pid: int, pid_alive: bool) -> bool:
    """Whether a temporary file is left over from a process that will never finish it.

    Args:
        partial: the file's name, read back.
        age: how long ago it was last written.
        own_pid: this process (its own files are being written now, by another thread).
        pid_alive: whether a process numbered ``partial.pid`` runs (True when it cannot be told).
    """
    if partial.pid == own_pid:
        return False
    return age > STALE_AFTER or (age > QUIET_FOR and not pid_alive)


def stale_partials(
    entries: Iterable[tuple[str, dt.timedelta]], own_pid: int, pid_alive: Callable[[int], bool]
) -> list[str]:
    """The names among ``entries`` (name, age) that are temporary files left over."""
    stale = []
    for name, age in entries:
        partial = read_partial_name(name)
        if partial is not None and is_stale(partial, age, own_pid, pid_alive(partial.pid)):
            stale.append(name)
    return stale
