"""Saving a file whole or not at all: written beside its target, then put in its place.

Every file the app writes for a person (the rows to check, the partner and results workbooks, an
encrypted copy, the dialer's CSV) goes through :func:`saved_whole`: a half-written file never
takes the place of a good one, the temporary file never outlives a failure, and a file that
cannot be written (open in Excel, a read-only folder, a full disk) gets one line naming it.

A workbook with a password is encrypted in memory and written encrypted to the temporary file:
the one rename puts the encrypted file in place, so the plain workbook never exists under its
name, not even for a moment, and a process killed at any point leaves either nothing or the
encrypted file there. The temporary files a killed process leaves behind (hidden
``.name.partial-PID-token`` files, :mod:`member_reach.domain.partial_files`) are removed by the
next write into the same folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook

from member_reach.domain.file_access import IN_USE, in_use
from member_reach.domain.partial_files import partial_name, stale_partials
from member_reach.sheets import openpyxl_temp
from member_reach.sheets.errors import SheetError

EMPTY_PASSWORD = "cannot be encrypted with an empty password: give one"


openpyxl_temp.install()  # openpyxl's plain sheets never outlive a killed export


def check_target(path: Path, suffix: str = ".xlsx", password: str | None = None) -> None:
    """Refuse a target that cannot be written before the work of filling it begins.

    Args:
        path: the file to write.
        suffix: the ending its name must have ("" for any).
        password: the password it is to be encrypted with, if any: an empty one is refused.

    Raises:
        SheetError: the folder does not exist, the name does not end in ``suffix``, or the
            password is empty.
    """
    if password is not None and not password.strip():
        raise SheetError(path, EMPTY_PASSWORD)
    if not path.parent.is_dir():
        raise SheetError(path, f"cannot be written: the folder {path.parent} does not exist")
    if suffix and path.suffix.lower() != suffix:
        raise SheetError(path, f"cannot be written: give a file name ending in {suffix}")


def _why(exc: OSError) -> str:
    if in_use(exc):
        return f"it {IN_USE}"
    if isinstance(exc, PermissionError):
        return (
            "permission denied (close it if it is open in Excel or another program, "
            "or choose a folder you may write to)"
        )
    if isinstance(exc, IsADirectoryError):
        return "a folder has that name"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the folder is read-only (choose a folder you may write to)"
    return exc.strerror or str(exc)


def _os_error_in(exc: BaseException) -> OSError | None:
    """The :class:`OSError` behind ``exc``: itself, or one it was raised while handling.

    A full disk under a library's writer (openpyxl's zip, lxml's serialiser) comes out as the
    library's own error raised while the :class:`OSError` was being handled.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _remove(path: Path) -> None:
    """Remove a temporary file if it is there (a read-only folder refuses even that)."""
    with contextlib.suppress(OSError):
        path.unlink()


def _pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs; True when it cannot be told (Windows: the age decides)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_partials(folder: Path) -> list[str]:
    """Remove the temporary files killed processes left in ``folder``; return their names.

    Only hidden ``.name.partial-PID-token`` files whose process is gone (or that are older
    than :data:`~member_reach.domain.partial_files.STALE_AFTER`) are removed; a folder that
    cannot be listed is left alone.
    """
    now = dt.datetime.now().timestamp()
    entries: list[tuple[str, dt.timedelta]] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith(".") and ".partial-" in entry.name:
                    with contextlib.suppress(OSError):
                        age = now - entry.stat(follow_symlinks=False).st_mtime
                        entries.append((entry.name, dt.timedelta(seconds=age)))
    except OSError:
        return []
    stale = stale_partials(entries, os.getpid(), _pid_alive)
    for name in stale:
        _remove(folder / name)
    return stale


@contextmanager
def saved_whole(path: Path, doing: str = "written") -> Iterator[Path]:
    """Give a temporary path beside ``path`` to write; once written, it replaces ``path``.

    On any failure (in the ``with`` block or replacing the target) the temporary file is
    removed and ``path`` is left as it was.

    Args:
        path: the file to write.
        doing: the verb of the one-line error ("written", "encrypted").

    Raises:
        SheetError: the file cannot be written (an :class:`OSError`, or an error raised while
            handling one, in one line naming it); any other error is raised as it is, once the
            temporary file is removed.
    """
    remove_stale_partials(path.parent)
    remove_stale_partials(openpyxl_temp.private_folder())  # sheets of a killed export
    partial = path.with_name(partial_name(path.name, os.getpid()))
    try:
        yield partial
        os.replace(partial, path)
    except BaseException as exc:
        _remove(partial)
        cause = _os_error_in(exc)
        if cause is None:
            raise
        raise SheetError(path, f"cannot be {doing}: {_why(cause)}") from None


def encrypt_into(plain: io.BytesIO, password: str, out: io.BufferedWriter) -> None:
    """Write the .xlsx in ``plain`` to ``out`` encrypted with a password to open.

    Excel's "Encrypt with Password" (AES-256): Excel and LibreOffice ask for the password when
    the file is opened; :func:`~member_reach.sheets.crypto.decrypt` reads it back.
    """
    from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped]

    OOXMLFile(plain).encrypt(password, out)


def save_bytes(path: Path, content: io.BytesIO, password: str | None = None) -> None:
    """Write ``content`` (an .xlsx when encrypted) to ``path`` whole, encrypted with ``password``.

    The encryption is done on the way to the temporary file: the plain content never reaches
    the disk and the encrypted file takes the target's name in one rename.

    Raises:
        SheetError: the password is empty, or the file cannot be encrypted or written.
    """
    if password is not None and not password.strip():
        raise SheetError(path, EMPTY_PASSWORD)
    with saved_whole(path) as partial, partial.open("wb") as out:
        if password is None:
            out.write(content.getbuffer())
            return
        try:
            encrypt_into(content, password, out)
        except OSError:
            raise
        except Exception as exc:  # msoffcrypto's own errors: see sheets.crypto
            raise SheetError(path, f"cannot be encrypted: {exc}") from None


def save_workbook(book: Workbook, path: Path, password: str | None = None) -> None:
    """Save ``book`` to ``path`` whole or not at all, encrypted with ``password`` if given.

    The workbook is made in memory, then written (encrypted) through :func:`saved_whole`.

    Raises:
        SheetError: the folder does not exist, the name does not end in .xlsx, the password
            is empty, or the file cannot be written.
    """
    check_target(path, password=password)
    content = io.BytesIO()
    try:
        book.save(content)
    except BaseException as exc:
        book.close()  # a write-only workbook left open complains when it is collected
        cause = _os_error_in(exc)  # openpyxl's own temporary files: a full system disk
        if cause is None:
            raise
        raise SheetError(path, f"cannot be written: {_why(cause)}") from None
    save_bytes(path, content, password)
