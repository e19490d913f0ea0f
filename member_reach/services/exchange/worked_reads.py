"""A worked file read once for its preview and its apply.

The Exchange page checks a worked file (a dry run) before the person applies it, and applying
read the same file again: python-calamine's parse and the rows made of it are about half of the
apply. So the rows a dry run read are kept, by the SHA-256 of the file's bytes (and the password
it was opened with), and the apply of the same bytes uses them; a file saved again since (other
bytes) is read again. Only the rows are kept, never what was checked against the database:
the apply checks every row again. One file is kept at most, and given up once applied.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.outcome_checking import Importer
from member_reach.services.exchange.worked_file import (
    WorkedFile,
    export_by_refs,
    file_mark,
    marked_export,
    newest_partner_export,
    read_new_contacts,
    read_worked_file,
)
from member_reach.store.models import ExportBatch, ImportBatch

#: The file's SHA-256 and the password it was read with.
Key = tuple[str, str | None]


@dataclass(frozen=True)
class WorkedRead:
    """What reading a worked file found: its Calls rows, its New contacts, its export's mark."""

    calls: WorkedFile
    contacts: tuple[WorkedFile | None, str]  # the sheet (None: none), or why it is not read
    mark: str | None


_lock = threading.Lock()
_kept: dict[Key, WorkedRead] = {}


def keep(key: Key, read: WorkedRead) -> None:
    """Keep the rows of the file just read (in place of any other file's)."""
    with _lock:
        _kept.clear()
        _kept[key] = read


def take(key: Key, *, again: bool) -> WorkedRead | None:
    """The rows read of the file with ``key`` (None: not kept).

    Kept for another time if ``again``, else given up.
    """
    with _lock:
        return _kept.get(key) if again else _kept.pop(key, None)


def forget() -> None:
    """Give up the rows kept (the next import reads its file)."""
    with _lock:
        _kept.clear()


def read_for_import(
    session: Session,
    path: Path,
    password: str | None,
    batch: ImportBatch,
    now: dt.datetime,
    dry_run: bool,
) -> tuple[WorkedRead, Importer]:
    """The file's rows (read, or kept from its dry run) and what checking them needs.

    ``batch`` (its file's SHA-256 set) is added to the session. A dry run keeps the rows it
    read for the apply that follows; an apply gives them up.
    """
    key = (batch.file_sha256, password)
    read = take(key, again=dry_run)
    if read is None:
        read, importer, marked = _read(session, path, password, batch, now)
        if dry_run:
            keep(key, read)
    else:
        session.add(batch)
        session.flush()
        export = marked_export(session, read.mark)
        marked = export is not None
        importer = Importer(session, export, batch, now) if export is not None else None
    if marked and importer is not None:
        return read, importer
    export = export_by_refs(session, path, [row.ref for row in read.calls.rows if row.ref])
    if importer is None or importer.export.id != export.id:
        importer = Importer(session, export, batch, now)
    return read, importer


def _read(
    session: Session, path: Path, password: str | None, batch: ImportBatch, now: dt.datetime
) -> tuple[WorkedRead, Importer | None, bool]:
    """Read the file, and what checking it needs, while python-calamine parses its Calls sheet.

    The parse does not hold the GIL: meanwhile the export the file's mark names (else, as a
    guess, the newest partner export) and its calls are read, and the New contacts sheet. The
    file's own errors come first. Also says whether the file's mark named its export.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="worked-file") as pool:
        reading = pool.submit(read_worked_file, path, password)
        try:
            mark = file_mark(path, password)
            export = marked_export(session, mark)
            session.add(batch)
            session.flush()
            contacts = read_new_contacts(path, password)
            if export is not None:
                importer: Importer | None = Importer(session, export, batch, now)
            else:
                importer = _guess(session, newest_partner_export(session), batch, now)
        finally:
            calls = reading.result()
    return WorkedRead(calls, contacts, mark), importer, export is not None


def _guess(
    session: Session, export: ExportBatch | None, batch: ImportBatch, now: dt.datetime
) -> Importer | None:
    """What checking a file of ``export`` needs (None: no export, or its campaign is gone)."""
    if export is None:
        return None
    try:
        return Importer(session, export, batch, now)
    except ServiceError:  # told again if the file's Ref values name it
        return None


__all__ = ["Key", "WorkedRead", "forget", "keep", "read_for_import", "take"]
