"""openpyxl's own temporary files, kept in a private folder the app cleans.

While openpyxl builds a workbook it writes each sheet's XML (names, phones, e-mails: plain text,
whatever the workbook's password) to a temporary file of its own in the system's temp folder,
removed once the workbook is saved. A process killed meanwhile left them there for good. Here
they go to a folder only this account can read, under the app's temporary-file names, and the
next write removes those a killed process left (see domain.partial_files).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import openpyxl.worksheet._writer as sheet_writer

from member_reach.domain.partial_files import partial_name

_NAME = "openpyxl-sheet"


def private_folder() -> Path:
    """The folder openpyxl's sheets are written to: the temp folder's, this account's only."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"member_reach-sheets-{uid}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _temporary_file(suffix: str = "") -> str:
    """Openpyxl's ``create_temporary_file``, in the private folder under a name the app cleans."""
    path = private_folder() / (partial_name(_NAME, os.getpid()) + suffix)
    with open(path, "x", encoding="utf-8"):
        pass
    sheet_writer.ALL_TEMP_FILES.append(str(path))  # openpyxl removes it once the sheet is in
    return str(path)


def install() -> None:
    """Make openpyxl write its sheets' temporary files in the private folder."""
    sheet_writer.create_temporary_file = _temporary_file
