"""Telling what a file really is from its content, whatever its name says.

Association management systems name files freely: an ".xls" export is often an HTML page or a
CSV, and a ".csv" dropped by mistake may be a PDF. :func:`sniff` looks at the bytes and says
what the file is, and in words a director understands when it cannot be read.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from member_reach.sheets import text
from member_reach.sheets.errors import SheetError, unreadable
from member_reach.sheets.ole import MAGIC as OLE_MAGIC
from member_reach.sheets.ole import CompoundFile, OleError, xls_globals, xls_sizes_valid

HEAD_SIZE = 64 * 1024
#: Formats python-calamine reads.
WORKBOOK_FORMATS = frozenset({"xlsx", "xlsm", "xlsb", "xls", "ods"})

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document"),
)
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument."
#: What reading a damaged zip archive can raise (bad headers, bad deflate data, odd names...).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    KeyError,
    ValueError,  # UnicodeDecodeError of a member name among them
    NotImplementedError,  # an unsupported compression method or zip version
    RuntimeError,  # an encrypted member
)
_HTML_START = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta|style)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Sniffed:
    """What a file is.

    Attributes:
        format: "xlsx", "xlsm", "xlsb", "ods", "xls", "encrypted", "html", "csv",
            "spreadsheetml" (Excel 2003 XML), "xml", "damaged", "document" (another office
            document), "binary" or "empty".
        description: the format in words, e.g. "a damaged Excel workbook".
        encoding: for text formats, the encoding guessed from the first bytes.
        date1904: for .xls, whether the workbook counts dates from 1904.
    """

    format: str
    description: str
    encoding: str = ""
    date1904: bool = False


def detect_format(path: Path) -> str:
    """Return what the file at ``path`` is, judging from its content rather than its name.

    Returns:
        "xlsx" or "xlsm" (a zip holding xl/), "xlsb", "ods" (a zip whose mimetype is an
        OpenDocument spreadsheet), "xls" (OLE2 with a Workbook stream), "encrypted" (OLE2 with an
        EncryptedPackage, or an .xls with a password to open), "html", "csv" (any other text),
        "spreadsheetml", "xml", "damaged", "document", "binary" or "empty".

    Raises:
        SheetError: the file does not exist or cannot be opened.
    """
    return sniff(path).format


def sniff(path: Path) -> Sniffed:
    """Return what the file at ``path`` is, with a description for messages.

    Raises:
        SheetError: the file does not exist or cannot be opened.
    """
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_SIZE)
            complete = not file.read(1)
    except FileNotFoundError:
        raise SheetError(path, "file not found") from None
    except IsADirectoryError:
        raise SheetError(path, "is a folder, not a file") from None
    except PermissionError as error:
        raise unreadable(path, error) from None
    except OSError as error:
        raise SheetError(path, f"cannot be opened ({error.strerror or error})") from None
    if head and not head.strip(b"\x00"):
        return Sniffed("damaged", "a file of zero bytes only")
    if not head.strip(b" \t\r\n") or head in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        return Sniffed("empty", "an empty file")
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path)
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(path, head)
    return _sniff_other(head, complete)


def _sniff_ole(path: Path) -> Sniffed:
    try:
        with path.open("rb") as file:
            compound = CompoundFile(file)
            names = compound.names()
            if "EncryptedPackage" in names:
                return Sniffed("encrypted", "a password-protected workbook")
            stream = "Workbook" if "Workbook" in names else "Book" if "Book" in names else ""
            if stream:
                found = xls_globals(compound.read_stream(stream, HEAD_SIZE))
                if found.encrypted:
                    return Sniffed("encrypted", "a password-protected workbook")
                if not xls_sizes_valid(compound, stream, found.sheet_offsets):
                    return Sniffed("damaged", "a damaged Excel 97-2003 workbook")
                return Sniffed("xls", "an Excel 97-2003 workbook", date1904=found.date1904)
    except (OleError, struct.error, KeyError):
        return Sniffed("damaged", "a damaged Excel 97-2003 workbook")
    if "WordDocument" in names:
        return Sniffed("document", "a Word document")
    if "PowerPoint Document" in names:
        return Sniffed("document", "a PowerPoint presentation")
    return Sniffed("document", "an Office file that holds no workbook")


def _sniff_zip(path: Path, head: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except ZIP_ERRORS:
        return _damaged_zip(head)
    if "xl/workbook.xml" in names:
        if b"macroEnabled" in types:
            return Sniffed("xlsm", "an Excel macro-enabled workbook")
        return Sniffed("xlsx", "an Excel workbook")
    if "xl/workbook.bin" in names:
        return Sniffed("xlsb", "an Excel binary workbook")
    if mimetype.startswith(_ODF_MIMETYPE + b"spreadsheet"):
        return Sniffed("ods", "an OpenDocument spreadsheet")
    if mimetype.startswith(_ODF_MIMETYPE) or "word/document.xml" in names:
        return Sniffed("document", "a text document")
    if "ppt/presentation.xml" in names:
        return Sniffed("document", "a PowerPoint presentation")
    return Sniffed("document", "a zip archive that holds no workbook")


def _damaged_zip(head: bytes) -> Sniffed:
    """Name a zip archive that cannot be opened after what its first entries show."""
    if b"xl/" in head:
        return Sniffed("damaged", "a damaged Excel workbook")
    if _ODF_MIMETYPE + b"spreadsheet" in head:
        return Sniffed("damaged", "a damaged OpenDocument spreadsheet")
    return Sniffed("damaged", "a damaged zip archive")


def _sniff_other(head: bytes, complete: bool) -> Sniffed:
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return Sniffed("binary", description)
    encoding = text.sniff_encoding(head, complete)
    if encoding is None:
        return Sniffed("binary", "binary data")
    start = head[:4096].decode(encoding, "replace").lstrip("\ufeff")
    if _HTML_START.match(start):
        return Sniffed("html", "a web page (HTML)", encoding)
    if start.lstrip().startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in start or "Excel.Sheet" in start:
            return Sniffed("spreadsheetml", "an Excel 2003 XML spreadsheet", encoding)
        return Sniffed("xml", "an XML file", encoding)
    return Sniffed("csv", "a text file", encoding)
