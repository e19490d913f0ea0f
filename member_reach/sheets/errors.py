"""The error the readers report to people: one line naming the file, and the sheet and row."""

from __future__ import annotations

from pathlib import Path

from member_reach.domain.file_access import IN_USE, READ_REFUSED, in_use
from member_reach.domain.remedies import Remedy


class SheetError(Exception):
    """A file could not be read as a table; ``str()`` is one line naming the file.

    Attributes:
        path: the file.
        sheet: the sheet concerned, or "".
        row: the 1-based row concerned, or None.
        column: the column concerned ("C", or its name), or "".
        reason: the message without the file/sheet/row prefix.
        remedy: what the message asks for (a password, a sheet), or None; the command line
            adds its option for it, the message itself never names one.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        *,
        sheet: str = "",
        row: int | None = None,
        column: str = "",
        remedy: Remedy | None = None,
    ):
        self.path = path
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = " ".join(reason.split())
        self.remedy = remedy
        where = [path.name]
        if sheet:
            where.append(f"sheet '{sheet}'")
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column}")
        super().__init__(f"{', '.join(where)}: {self.reason}")


def unreadable(path: Path, exc: OSError) -> SheetError:
    """The one-line error of a file the system would not let us open or read.

    A file open in Excel on Windows says so and what to do; a refusal on another system
    (no permission, or a lock) says both, since it cannot be told which.
    """
    if in_use(exc):
        return SheetError(path, IN_USE)
    if isinstance(exc, PermissionError):
        return SheetError(path, READ_REFUSED)
    return SheetError(path, f"cannot be read ({exc.strerror or exc})")
