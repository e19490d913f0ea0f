"""Saving a file whole or not at all: written beside its target, then put in its place.

Every file the app writes for a person (the rows to check, the partner and results workbooks, an
encrypted copy, the dialer's CSV) goes through :func:`saved_whole`: a half-written file never
takes the place of a good one, the temporary file never outlives a failure, and a file that
cannot be written (open in Excel, a read-only folder, a full disk) gets one line naming it.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook

from member_reach.sheets.errors import SheetError


def check_target(path: Path, suffix: str = ".xlsx") -> None:
    """Refuse a target that cannot be written before the work of filling it begins.

    Raises:
        SheetError: the folder does not exist, or the name does not end in ``suffix``.
    """
    if not path.parent.is_dir():
        raise SheetError(path, f"cannot be written: the folder {path.parent} does not exist")
    if suffix and path.suffix.lower() != suffix:
        raise SheetError(path, f"cannot be written: give a file name ending in {suffix}")


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return (
            "permission denied (close it if it is open in Excel or another program, "
            "or choose a folder you may write to)"
        )
    if isinstance(exc, IsADirectoryError):
        return "a folder has that name"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


@contextmanager
def saved_whole(path: Path, doing: str = "written") -> Iterator[Path]:
    """Give a temporary path beside ``path`` to write; once written, it replaces ``path``.

    On any failure (in the ``with`` block or replacing the target) the temporary file is
    removed and ``path`` is left as it was.

    Args:
        path: the file to write.
        doing: the verb of the one-line error ("written", "encrypted").

    Raises:
        SheetError: the file cannot be written (an :class:`OSError`, in one line naming it);
            any other error is raised as it is, once the temporary file is removed.
    """
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SheetError(path, f"cannot be {doing}: {_why(exc)}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def save_workbook(book: Workbook, path: Path) -> None:
    """Save ``book`` to ``path`` whole or not at all (see :func:`saved_whole`).

    Raises:
        SheetError: the folder does not exist, the name does not end in .xlsx, or the file
            cannot be written.
    """
    check_target(path)
    try:
        with saved_whole(path) as partial:
            book.save(partial)
    except BaseException:
        book.close()  # a write-only workbook left open complains when it is collected
        raise
