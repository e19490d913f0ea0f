"""The system's file dialogs, each starting in the folder last used for its kind of file.

A director keeps rosters in one folder, the partner's workbooks in another and backups in a
third: each dialog opens where the last file of its kind was picked, kept in the window's
settings between sessions (``files/<kind>``); a kind never used yet starts where the caller
suggests (beside the database, the user's documents).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

FileKind = Literal[
    "roster",  # a roster to import
    "attendees",  # an event's attendee list to import
    "worked_file",  # a partner's worked file coming back
    "partner_export",  # a workbook for a call partner
    "results",  # a campaign's results workbook, its calls for a partner
    "lists",  # the lists and the rows to check of an import
    "database",  # a database file to open or create
    "backup",  # a backup of the database
]
_GROUP = "files"


class FileFolders:
    """The last folder used for each kind of file.

    Args:
        settings: where the folders are kept between sessions; None keeps them in memory only
            (a window built for a test, a page on its own).
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings
        self._memory: dict[str, str] = {}

    def folder(self, kind: FileKind) -> str:
        """The folder the last file of ``kind`` was picked in ("" when none yet)."""
        if self._settings is None:
            return self._memory.get(kind, "")
        value = self._settings.value(f"{_GROUP}/{kind}", "")
        folder = value if isinstance(value, str) else ""
        return folder if folder and Path(folder).is_dir() else ""

    def remember(self, kind: FileKind, chosen: str) -> None:
        """Start the next dialog of ``kind`` in the folder of ``chosen`` (a file's path)."""
        folder = str(Path(chosen).parent)
        if self._settings is None:
            self._memory[kind] = folder
        else:
            self._settings.setValue(f"{_GROUP}/{kind}", folder)

    def start_folder(self, kind: FileKind, fallback: str | Path = "") -> str:
        """Where an open dialog of ``kind`` starts: the folder last used, else ``fallback``."""
        return self.folder(kind) or str(fallback) or platformdirs.user_documents_dir()

    def start_file(self, kind: FileKind, suggested: str | Path) -> str:
        """Where a save dialog of ``kind`` starts: ``suggested``'s name in the folder last used.

        Without a folder for ``kind`` yet, ``suggested`` as given (a bare name: in the user's
        documents).
        """
        path = Path(suggested)
        folder = self.folder(kind)
        if folder:
            return str(Path(folder) / path.name)
        if not path.is_absolute():
            return str(Path(platformdirs.user_documents_dir()) / path)
        return str(path)


def open_file_name(
    parent: QWidget | None,
    folders: FileFolders,
    kind: FileKind,
    caption: str,
    filters: str,
    fallback: str | Path = "",
) -> str:
    """Ask for a file to open, starting in the folder last used for ``kind``.

    Args:
        parent: the window the dialog belongs to.
        folders: the folders last used, where the folder of the file chosen is kept.
        kind: the kind of file.
        caption: the dialog's title.
        filters: the file types offered ("Workbooks (*.xlsx);;All files (*)").
        fallback: the folder to start in while no file of ``kind`` was picked yet.

    Returns:
        The path chosen, or "" when the person cancelled.
    """
    name, _ = QFileDialog.getOpenFileName(
        parent, caption, folders.start_folder(kind, fallback), filters
    )
    if name:
        folders.remember(kind, name)
    return name


def save_file_name(
    parent: QWidget | None,
    folders: FileFolders,
    kind: FileKind,
    caption: str,
    suggested: str | Path,
    filters: str,
    *,
    options: QFileDialog.Option | None = None,
) -> tuple[str, str]:
    """Ask where to save, starting in the folder last used for ``kind``.

    Args:
        parent: the window the dialog belongs to.
        folders: the folders last used, where the folder of the file chosen is kept.
        kind: the kind of file.
        caption: the dialog's title.
        suggested: the file name offered (a path: used while no file of ``kind`` was saved).
        filters: the file types offered.
        options: the dialog's options, if any.

    Returns:
        The path chosen ("" if cancelled) and the filter chosen.
    """
    start = folders.start_file(kind, suggested)
    if options is None:
        name, chosen = QFileDialog.getSaveFileName(parent, caption, start, filters)
    else:
        name, chosen = QFileDialog.getSaveFileName(parent, caption, start, filters, options=options)
    if name:
        folders.remember(kind, name)
    return name, chosen
