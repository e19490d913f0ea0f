"""Pausing Python's cycle collector while a file's rows are turned into objects.

Reading and checking a 10,000-row file makes hundreds of thousands of tuples, lists and row
objects that all live until the job ends. CPython's collector counts them as they are made
and, every so often, walks every object the application holds (SQLAlchemy's, Qt's, the rows
already read) looking for cycles there are none of: about a third of a worked file's import
time, measured on the partner exchange benchmark. Paused, nothing is lost: reference counting
still frees what is dropped, and the cycles the job leaves are collected once it ends.

The pause is process-wide (the collector has no per-thread switch), so pauses from two
threads nest: the collector runs again when the last one ends, and only if it ran before the
first one began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (nesting, and across threads)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


__all__ = ["gc_paused"]
