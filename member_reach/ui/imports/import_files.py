"""The files an import takes: which ones, chosen with the file dialog or dropped on a window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtWidgets import QWidget

from member_reach.ui.core.file_dialogs import FileFolders, FileKind, open_file_name

#: File name endings the wizard offers and the window accepts when a file is dropped on it.
IMPORTABLE = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv")


def is_importable(path: Path) -> bool:
    """Whether ``path``'s name ends like a spreadsheet or CSV file the import reads."""
    return path.suffix.lower() in IMPORTABLE


def dropped_files(data: QMimeData) -> list[Path]:
    """The local files in a drag or drop (none for text, web links or other programs' items)."""
    urls = data.urls() if data.hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


def dropped_file(data: QMimeData) -> Path | None:
    """The one spreadsheet or CSV file being dragged, if that is what it is."""
    files = dropped_files(data)
    if len(files) != 1 or len(data.urls()) != 1:
        return None
    return files[0] if is_importable(files[0]) else None


def choose_import_file(
    parent: QWidget | None, folders: FileFolders, kind: FileKind, start: str = ""
) -> str:
    """Ask for a roster or attendee list with the system's dialog ("" when cancelled).

    The dialog starts in the folder the last file of ``kind`` came from (else ``start``) and
    offers the spreadsheets and CSV files the import reads.
    """
    patterns = " ".join(f"*{suffix}" for suffix in IMPORTABLE)
    translate = QCoreApplication.translate
    return open_file_name(
        parent,
        folders,
        kind,
        translate("ImportFiles", "Choose the file to import"),
        translate("ImportFiles", "Spreadsheets and CSV files ({patterns});;All files (*)").format(
            patterns=patterns
        ),
        start,
    )
