"""The error the readers report to people: one line naming the file, and the sheet and row."""

from __future__ import annotations

from pathlib import Path


class SheetError(Exception):
    """A file could not be read as a table; ``str()`` is one line naming the file.

    Attributes:
        path: the file.
        sheet: the sheet concerned, or "".
        row: the 1-based row concerned, or None.
        column: the column concerned ("C", or its name), or "".
        reason: the message without the file/sheet/row prefix.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        *,
        sheet: str = "",
        row: int | None = None,
        column: str = "",
    ):
        self.path = path
        self.sheet = sheet
        self.row = row
        self.column = column
        self.reason = " ".join(reason.split())
        where = [path.name]
        if sheet:
            where.append(f"sheet '{sheet}'")
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column}")
        super().__init__(f"{', '.join(where)}: {self.reason}")
