"""Guards against a broken Qt binding being installed.

PySide6-Essentials 6.12.0 drops a reference to ``True`` on every signal emitted from Python, and
the interpreter aborts after a few hundred emits; pyproject.toml excludes that release. This test
fails if a release with the same defect gets installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(int)


def test_emitting_signals_keeps_reference_counts_intact() -> None:
    emitter = Emitter()
    received: list[int] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):  # fewer than it takes to abort, enough to see the leak
        emitter.changed.emit(number)
    assert sys.getrefcount(True) >= before - 5
    assert len(received) == 200
