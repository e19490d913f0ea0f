"""Files another program holds open, as the system reports them (the one edge simulated).

Windows refuses to open (or replace) a workbook Excel has open with a :class:`PermissionError`
whose ``winerror`` is 32; this machine cannot lock a file so, so :func:`lock` makes Python's
``open`` (and ``os.replace``) raise exactly that error for the named paths.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

SHARING_VIOLATION = 32
IN_USE = "is open in another program (Excel?). Close it there and try again."


def sharing_violation(path: Path) -> PermissionError:
    """The error Windows raises for a file Excel holds open."""
    error = PermissionError(
        13,
        "The process cannot access the file because it is being used by another process",
        str(path),
    )
    error.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]
    return error


def lock(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make every open of ``paths``, and every replace onto them, fail as on Windows."""
    locked = {os.path.abspath(p) for p in paths}
    real_open, real_replace = io.open, os.replace

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and os.path.abspath(file) in locked:
            raise sharing_violation(Path(file))
        return real_open(file, *args, **kwargs)

    def guarded_replace(source: Any, target: Any, **kwargs: Any) -> None:
        if os.path.abspath(target) in locked:
            raise sharing_violation(Path(target))
        real_replace(source, target, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "replace", guarded_replace)
