"""How many rows an xlsx sheet holds, read from its XML before python-calamine loads it.

python-calamine loads a whole sheet into memory (about 1.3 GB for a million rows of fifteen
columns) before the first row can be looked at. An xlsx sheet declares its used range in a
``<dimension ref="A1:O1000001"/>`` element at the top of its XML, so the size can be known from
a few kilobytes. The declaration can overstate (Excel counts formatted empty rows), so a sheet
only counts as that large when its XML is also big enough to hold that many rows.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import BinaryIO, Final
from xml.etree import ElementTree

from member_reach.sheets.detect import ZIP_ERRORS

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}([0-9]+))?\"")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: The fewest bytes of XML a row holding one value takes (``<row r="9"><c r="A9"><v>1</v>``).
MIN_ROW_BYTES: Final = 24


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML inside the archive."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")}
    paths: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL_ID))
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            paths[sheet.get("name", "")] = posixpath.normpath(path)
    return paths


def declared_rows(source: str | BinaryIO) -> dict[str, int]:
    """The last row each sheet's XML declares and has room for; {} when it cannot be told.

    Args:
        source: the xlsx file (a path, or an open binary file, left at its start).
    """
    try:
        with zipfile.ZipFile(source) as archive:
            found: dict[str, int] = {}
            for name, member in _sheet_paths(archive).items():
                info = archive.getinfo(member)
                with archive.open(info) as xml:
                    match = _DIMENSION.search(xml.read(16 * 1024))
                if match is None or match.group(1) is None:
                    continue
                rows = int(match.group(1))
                found[name] = min(rows, info.file_size // MIN_ROW_BYTES)
            return found
    except (*ZIP_ERRORS, KeyError, ElementTree.ParseError, ValueError):
        return {}
    finally:
        if not isinstance(source, str):
            source.seek(0)


#: The most characters a cell holds: Excel's own limit (no spreadsheet program writes more).
MAX_CELL_CHARS: Final = 32_767
#: The longest run of XML bytes without a ``<`` such a cell can make (4 bytes a character in
#: UTF-8, or an entity for each), with room to spare.
MAX_TEXT_BYTES: Final = 8 * MAX_CELL_CHARS
_CHUNK = 1 << 20


def _longest_run(stream: BinaryIO, limit: int) -> bool:
    """Whether ``stream`` holds more than ``limit`` bytes in a row without a ``<`` (streamed).

    A run longer than ``limit`` holds a whole block of ``limit // 2`` bytes without a ``<``
    starting at any grid of that step: each chunk is first looked at on such a grid (a few
    ``find`` calls a megabyte), and split into its runs only when a block has no ``<``.
    """
    run, step = 0, max(1, limit // 2)
    while chunk := stream.read(_CHUNK):
        first = chunk.find(b"<")
        if first == -1:
            run += len(chunk)
            if run > limit:
                return True
            continue
        if run + first > limit:
            return True
        last = chunk.rfind(b"<")
        suspect = any(chunk.find(b"<", at, at + step) == -1 for at in range(first, last, step))
        if suspect and max(map(len, chunk[first:last].split(b"<"))) > limit:
            return True
        run = len(chunk) - last - 1
        if run > limit:
            return True
    return False


def oversized_text(source: str | BinaryIO) -> str | None:
    """The part of an xlsx holding a text longer than any cell can be, or None.

    The shared strings and every sheet are read as a stream (memory stays small whatever they
    unpack to); a part whose unpacked size is below :data:`MAX_TEXT_BYTES` is not read at all.
    A shared-strings "bomb" (a small file whose one string unpacks to hundreds of megabytes)
    is found before python-calamine loads it into memory.

    Args:
        source: the xlsx file (a path, or an open binary file, left at its start).
    """
    try:
        with zipfile.ZipFile(source) as archive:
            parts = ["xl/sharedStrings.xml", *_sheet_paths(archive).values()]
            names = set(archive.namelist())
            for part in parts:
                if part not in names:
                    continue
                info = archive.getinfo(part)
                if info.file_size <= MAX_TEXT_BYTES:
                    continue
                with archive.open(info) as xml:
                    if _longest_run(xml, MAX_TEXT_BYTES):  # type: ignore[arg-type]
                        return part
            return None
    except (*ZIP_ERRORS, KeyError, ElementTree.ParseError, ValueError):
        return None
    finally:
        if not isinstance(source, str):
            source.seek(0)
