"""Just enough of the OLE2 compound file format to tell what an old Office file holds.

Old Excel workbooks (.xls) and password-encrypted workbooks of any age are OLE2 "compound
files": a small file system of streams. This module lists the top-level stream names and reads
the beginning of one stream, so we can tell an .xls from an encrypted .xlsx or a Word document
and read the .xls date system, without loading the whole file.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SPECIAL = 0xFFFFFFFA  # sector ids from here up are markers (end of chain, free, ...)
_HEADER_DIFAT = 109
_ENTRY_SIZE = 128
_STREAM = 2
_ROOT = 5


class OleError(Exception):
    """The compound file is damaged (a chain leads outside the file or loops)."""


class CompoundFile:
    """A read-only view of an OLE2 compound file.

    Args:
        file: the file, open in binary mode and seekable; it is not closed here.
    """

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        file.seek(0, 2)
        self._size = file.tell()
        file.seek(0)
        header = file.read(512)
        if len(header) < 512 or not header.startswith(MAGIC):
            raise OleError("not a compound file")
        self._version = struct.unpack_from("<H", header, 0x1A)[0]
        self._sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
        self._mini_size = 1 << struct.unpack_from("<H", header, 0x20)[0]
        if self._sector_size not in (512, 4096) or self._mini_size != 64:
            raise OleError("unexpected sector size")
        (self._first_dir,) = struct.unpack_from("<I", header, 0x30)
        (self._mini_cutoff,) = struct.unpack_from("<I", header, 0x38)
        (self._first_minifat,) = struct.unpack_from("<I", header, 0x3C)
        first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
        self._max_sectors = self._size // self._sector_size + 1
        self._fat = self._fat_sector_ids(header, first_difat, difat_count)
        self._fat_cache: dict[int, bytes] = {}
        self._entries = self._read_directory()

    def names(self) -> set[str]:
        """Return the names of the streams and storages in the file (e.g. "Workbook")."""
        return {name for name, kind, _start, _size in self._entries[1:] if kind and name}

    def read_stream(self, name: str, limit: int, offset: int = 0) -> bytes:
        """Return up to ``limit`` bytes from ``offset`` in the stream called ``name``.

        Raises:
            KeyError: there is no such stream.
            OleError: the file is damaged.
        """
        for entry_name, kind, start, size in self._entries:
            if kind == _STREAM and entry_name.lower() == name.lower():
                wanted = max(0, min(size, offset + limit))
                if size < self._mini_cutoff:
                    return self._read_mini(start, wanted)[offset:]
                return self._read_chain(start, wanted, offset)
        raise KeyError(name)

    def _sector(self, sector_id: int) -> bytes:
        if sector_id >= self._max_sectors:
            raise OleError(f"sector {sector_id} is outside the file")
        self._file.seek((sector_id + 1) * self._sector_size)
        data = self._file.read(self._sector_size)
        if len(data) < self._sector_size:
            raise OleError(f"sector {sector_id} is cut short")
        return data

    def _fat_sector_ids(self, header: bytes, first_difat: int, difat_count: int) -> list[int]:
        ids = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", header, 0x4C))
        per = self._sector_size // 4
        sector_id = first_difat
        for _ in range(min(difat_count, self._max_sectors)):
            if sector_id >= _SPECIAL:
                break
            values = struct.unpack(f"<{per}I", self._sector(sector_id))
            ids.extend(values[:-1])
            sector_id = values[-1]
        return [i for i in ids if i < _SPECIAL]

    def _next(self, sector_id: int) -> int:
        per = self._sector_size // 4
        index, offset = divmod(sector_id, per)
        if index >= len(self._fat):
            raise OleError("broken sector chain")
        fat_sector = self._fat_cache.get(index)
        if fat_sector is None:
            fat_sector = self._fat_cache[index] = self._sector(self._fat[index])
        return int(struct.unpack_from("<I", fat_sector, offset * 4)[0])

    def _chain(self, start: int) -> list[int]:
        chain: list[int] = []
        sector_id = start
        while sector_id < _SPECIAL:
            if len(chain) > self._max_sectors:
                raise OleError("sector chain loops")
            chain.append(sector_id)
            sector_id = self._next(sector_id)
        return chain

    def _read_chain(self, start: int, end: int, offset: int) -> bytes:
        """Return bytes ``offset`` to ``end`` of the stream starting at sector ``start``."""
        parts: list[bytes] = []
        skip = offset // self._sector_size
        position = 0
        sector_id = start
        steps = 0
        while sector_id < _SPECIAL and position < end:
            steps += 1
            if steps > self._max_sectors:
                raise OleError("sector chain loops")
            if steps > skip:
                parts.append(self._sector(sector_id))
            position += self._sector_size
            sector_id = self._next(sector_id)
        first = skip * self._sector_size
        return b"".join(parts)[offset - first : end - first]

    def _read_directory(self) -> list[tuple[str, int, int, int]]:
        entries: list[tuple[str, int, int, int]] = []
        for sector_id in self._chain(self._first_dir):
            data = self._sector(sector_id)
            for offset in range(0, len(data) - _ENTRY_SIZE + 1, _ENTRY_SIZE):
                raw = data[offset : offset + _ENTRY_SIZE]
                name_length, kind = struct.unpack_from("<HB", raw, 0x40)
                name = raw[: max(0, min(name_length, 64) - 2)].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<IQ", raw, 0x74)
                if self._version == 3:
                    size &= 0xFFFFFFFF
                entries.append((name, kind, start, size))
        if not entries or entries[0][1] != _ROOT:
            raise OleError("no root entry")
        return entries

    def _read_mini(self, start: int, limit: int) -> bytes:
        root_start = self._entries[0][2]
        container = self._chain(root_start)
        minifat = self._chain(self._first_minifat)
        per = self._sector_size // 4
        parts: list[bytes] = []
        got = 0
        mini_id = start
        steps = 0
        while mini_id < _SPECIAL and got < limit:
            steps += 1
            position = mini_id * self._mini_size
            index, offset = divmod(position, self._sector_size)
            if index >= len(container) or steps > self._max_sectors * 8:
                raise OleError("broken mini stream")
            parts.append(self._sector(container[index])[offset : offset + self._mini_size])
            got += self._mini_size
            fat_index, fat_offset = divmod(mini_id, per)
            if fat_index >= len(minifat):
                raise OleError("broken mini stream")
            table = self._sector(minifat[fat_index])
            mini_id = struct.unpack_from("<I", table, fat_offset * 4)[0]
        return b"".join(parts)[:limit]


@dataclass(frozen=True)
class XlsGlobals:
    """What the global records of an .xls Workbook stream say.

    Attributes:
        encrypted: a FILEPASS record: the workbook needs a password to open.
        date1904: the DATEMODE record says dates count from 1904.
        sheet_offsets: where each sheet's records start in the stream (BOUNDSHEET records).
    """

    encrypted: bool = False
    date1904: bool = False
    sheet_offsets: tuple[int, ...] = ()


def _records(stream: bytes) -> Iterator[tuple[int, bytes]]:
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, stream[position + 4 : position + 4 + length]
        position += 4 + length


def xls_globals(workbook_stream: bytes) -> XlsGlobals:
    """Read the global records at the start of an .xls Workbook stream.

    Args:
        workbook_stream: the first bytes of the stream (64 KiB is plenty).
    """
    date1904 = False
    offsets: list[int] = []
    for kind, body in _records(workbook_stream):
        if kind == 0x002F:  # FILEPASS: the rest of the stream is encrypted
            return XlsGlobals(encrypted=True)
        if kind == 0x0022 and len(body) >= 2:  # DATEMODE
            date1904 = struct.unpack_from("<H", body)[0] == 1
        elif kind == 0x0085 and len(body) >= 4:  # BOUNDSHEET: offset of the sheet's BOF
            offsets.append(struct.unpack_from("<I", body)[0])
        elif kind == 0x000A:  # EOF of the globals substream
            break
    return XlsGlobals(False, date1904, tuple(offsets))


def xls_sizes_valid(compound: CompoundFile, stream: str, offsets: tuple[int, ...]) -> bool:
    """Return False when a sheet's DIMENSIONS record gives an impossible size.

    python-calamine trusts that record to reserve memory for the cells: a damaged one (first
    row after the last, or beyond the 65,536 rows of the format) makes it ask for terabytes and
    abort the whole process, so such a file must be refused before it is handed over.
    """
    for offset in offsets:
        for kind, body in _records(compound.read_stream(stream, 4096, offset)):
            if kind == 0x0200 and len(body) >= 12:  # DIMENSIONS (BIFF8)
                first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", body)
                if not (first_row <= end_row <= 0x10000 and end_col <= 0x100):
                    return False
                break
            if kind == 0x000A:  # EOF of the sheet substream
                break
    return True
