"""Reading a large file's rows on two cores: a worker process reads chunks of them too.

Reading a row into a record (names split, dates, phones and e-mails read and checked: see
:class:`~member_reach.domain.roster_rows.RowReader`) is most of a large import's time, and each
row is read on its own. So while this process goes through the file (rows hashed, structural
rows told apart, rows read), a worker process reads chunks of rows too, and the records come
back in the file's order for what must follow that order (continuation rows, flags, issues).

- **Small files are read here only:** the worker starts with the first full chunk of a file of
  at least ``worker_from`` rows (:data:`.pipeline.WORKER_FROM_ROWS`): starting a process costs
  about 0.3 s. A re-import whose rows are mostly unchanged fills few chunks, and may start none.
- **Both stay busy:** the worker is given at most :data:`IN_FLIGHT` chunks at a time; a chunk
  it has no room for is read here, so a slow worker (or a slow start) costs only its share.
- **"spawn" on every system:** the worker is a new interpreter, as Windows and macOS must start
  it, so Linux runs what they run (the frozen app calls ``multiprocessing.freeze_support``).
- **A worker that dies costs time, never rows:** its chunks are read here. A chunk it could not
  read is read here too, so an error is raised here as without a worker.
- **It stops** when told (the reading is done, failed or cancelled), and by itself when this
  process dies (it looks every :data:`PARENT_CHECK_S` seconds), so a kill leaves no process.

Only rows cross to the worker and records come back: the worker touches no file and no database.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import ModuleType, TracebackType
from typing import Any, Final, Generic, TypeVar

from member_reach.domain.mapping import ColumnMapping
from member_reach.domain.roster_rows import RosterRecord, RowOptions, RowReader, forget_readings

E = TypeVar("E")
Cells = Sequence[object]

#: Rows read a chunk (a chunk is read by one process).
CHUNK_ROWS: Final = 2_000
#: The worker is started only while about so many rows are left to go through: a re-import
#: whose unchanged rows are skipped fills its first chunk late, or never.
WORKER_LEFT_ROWS: Final = 4 * CHUNK_ROWS
#: Chunks the worker holds at most (one read, one waiting).
IN_FLIGHT: Final = 2
#: How often the worker checks that this process is alive, and this one that the worker is.
PARENT_CHECK_S: Final = 0.5

_log = logging.getLogger(__name__)


@dataclass
class _Chunk(Generic[E]):
    """Consecutive rows: each an entry, and its cells when it is read (None: not read)."""

    number: int
    entries: list[tuple[E, int, Cells | None]] = field(default_factory=list)
    size: int = 0  # the entries read
    records: list[RosterRecord] | None = None  # None: not read yet (the worker has it)

    def rows(self) -> list[tuple[int, Cells]]:
        return [(row, cells) for _, row, cells in self.entries if cells is not None]

    def results(self) -> Iterator[tuple[E, RosterRecord | None]]:
        records = iter(self.records or ())
        for entry, _, cells in self.entries:
            yield entry, (None if cells is None else next(records))


class RowReading(Generic[E]):
    """Reads rows in chunks, here and in a worker process; gives the records back in order.

    Use it as a context manager (the worker is stopped on leaving). Each row is :meth:`put`
    with an entry of the caller's (given back with its record) and its cells, or None for a row
    not read (its entry comes back in its place, with no record); :meth:`put` and
    :meth:`finish` return the entries whose turn has come.
    """

    def __init__(
        self,
        mapping: ColumnMapping,
        header: Sequence[str],
        options: RowOptions,
        estimate: int,
        worker_from: int,
    ) -> None:
        self.reader = RowReader(mapping, header, options)
        self._worker_args = (mapping, list(header), options)
        self._wants_worker = estimate >= worker_from
        self.estimate = estimate
        self.put_rows = 0  # rows put so far, read or not
        self.worker: _Worker | None = None
        self.pending: deque[_Chunk[E]] = deque()
        self.current: _Chunk[E] = _Chunk(0)
        self.chunks_in_worker = 0  # how many chunks the worker read (for the log)

    def __enter__(self) -> RowReading[E]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.worker is not None:
            self.worker.stop(quickly=kind is not None)
            _log.info(
                "rows read in chunks of %d: %d by the worker process",
                CHUNK_ROWS,
                self.chunks_in_worker,
            )

    def put(self, entry: E, row: int, cells: Cells | None) -> list[tuple[E, RosterRecord | None]]:
        """Add a row (``cells`` None: not read); return the entries whose turn has come.

        A row not read, with nothing before it still to come, comes back at once: it is held
        only behind rows being read (give such rows a light entry: a re-import's unchanged
        rows are most of the file).
        """
        current = self.current
        self.put_rows += 1
        if cells is None and not current.entries and not self.pending:
            return [(entry, None)]
        current.entries.append((entry, row, cells))
        if cells is None:
            return []
        current.size += 1
        if current.size < CHUNK_ROWS:
            return []
        self._dispatch()
        return self._ready(wait=False)

    def finish(self) -> list[tuple[E, RosterRecord | None]]:
        """Read what is left; return every entry not returned yet, in order.

        Rather than wait for the worker, this process reads the chunks it has not started
        (the last first): the worker reads them too, and those records are dropped.
        """
        self._dispatch()
        if self.worker is not None:
            self._receive(wait=False)
            waiting = [chunk for chunk in self.pending if chunk.records is None]
            for chunk in reversed(waiting[1:]):  # the first one the worker is reading
                if chunk.records is None:
                    chunk.records = self._read_here(chunk)
                    self._receive(wait=False)
        return self._ready(wait=True)

    def _dispatch(self) -> None:
        chunk = self.current
        self.current = _Chunk(chunk.number + 1)
        if not chunk.entries:
            return
        self.pending.append(chunk)
        if self.worker is not None and self.worker.in_flight >= IN_FLIGHT:
            self._receive(wait=False)  # it may have room by now
            if chunk.records is not None:  # it died: everything was read here
                return
        worker = self._worker_for(chunk)
        if worker is not None and worker.send(chunk.number, chunk.rows()):
            return
        chunk.records = self._read_here(chunk)

    def _worker_for(self, chunk: _Chunk[E]) -> _Worker | None:
        """The worker, when it can take ``chunk`` (started with the first full chunk)."""
        if chunk.size < CHUNK_ROWS or not self._wants_worker:
            return None
        if self.worker is None:
            if self.estimate - self.put_rows < WORKER_LEFT_ROWS:  # too late to pay its start
                return None
            self.worker = _Worker.start(*self._worker_args)
        worker = self.worker
        return worker if worker.alive and worker.in_flight < IN_FLIGHT else None

    def _read_here(self, chunk: _Chunk[E]) -> list[RosterRecord]:
        read = self.reader.read
        records = [read(row, cells) for row, cells in chunk.rows()]
        if self._wants_worker:  # a large file: its phones, e-mails and dates are mostly new
            forget_readings()  # (as the worker does): their memory would add to the peak
        return records

    def _ready(self, wait: bool) -> list[tuple[E, RosterRecord | None]]:
        ready: list[tuple[E, RosterRecord | None]] = []
        while self.pending:
            head = self.pending[0]
            if head.records is None:
                self._receive(wait)
                if head.records is None:
                    break
            self.pending.popleft()
            ready.extend(head.results())
        return ready

    def _receive(self, wait: bool) -> None:
        """Take the worker's records (waiting for the oldest chunk if ``wait``)."""
        worker = self.worker
        assert worker is not None  # a chunk without records was sent to it
        by_number = {c.number: c for c in self.pending if c.records is None}
        for number, records in worker.receive(wait):
            chunk = by_number.pop(number, None)
            if chunk is None:  # read here meanwhile
                continue
            if records is None:  # the worker could not read it: read here (and raise here)
                chunk.records = self._read_here(chunk)
            else:
                chunk.records = records
                self.chunks_in_worker += 1
        if not worker.alive:  # its chunks are read here
            for chunk in by_number.values():
                chunk.records = self._read_here(chunk)


class _Worker:
    """The worker process, and the pipes to and from it.

    Plain pipes, not ``multiprocessing`` queues (a queue brings a lock and a feeder thread).
    On Linux and macOS "spawn" starts ``multiprocessing``'s resource tracker all the same, with
    the first worker: one more process (about 13 MB) that stays until this one ends (it ends
    with it, a kill included). Each side sends from a thread of its own (:class:`_Sender`), so
    that neither waits for the other to read.
    """

    def __init__(self, process: BaseProcess, tasks: _Sender, results: Connection) -> None:
        self.process = process
        self.tasks = tasks
        self.results = results
        self.in_flight = 0
        self.alive = True

    @classmethod
    def start(cls, mapping: ColumnMapping, header: list[str], options: RowOptions) -> _Worker:
        context = multiprocessing.get_context("spawn")
        task_end, tasks = context.Pipe(duplex=False)
        results, result_end = context.Pipe(duplex=False)
        process = context.Process(
            target=serve,
            args=(task_end, result_end, mapping, header, options),
            name="member_reach row reader",
            daemon=True,  # never outlives this process's normal end
        )
        worker = cls(process, _Sender(tasks), results)
        try:
            with _main_script_left_out():
                process.start()
        except OSError:  # no process could be started (a locked-down machine): read here
            _log.warning("the row reader process could not start: rows read in one process")
            worker.alive = False
        task_end.close()  # the worker's ends: its death then reads as the end of its pipe
        result_end.close()
        return worker

    def send(self, number: int, rows: list[tuple[int, Cells]]) -> bool:
        """Give the worker a chunk; False when it is gone (the chunk is read here)."""
        if not self.alive:
            return False
        self.tasks.put((number, rows))
        self.in_flight += 1
        return True

    def receive(self, wait: bool) -> Iterator[tuple[int, list[RosterRecord] | None]]:
        """The chunks read since last time; with ``wait``, at least one (unless it died)."""
        while self.in_flight and self.alive:
            try:
                if not self.results.poll(PARENT_CHECK_S if wait else 0):
                    if not self.process.is_alive():
                        raise EOFError
                    if wait:
                        continue
                    return
                number, records = self.results.recv()
            except (EOFError, OSError):
                _log.warning("the row reader process stopped: its rows are read here")
                self.alive = False
                return
            self.in_flight -= 1
            wait = False  # one was waited for: take the rest without waiting
            yield number, records

    def stop(self, quickly: bool = False) -> None:
        """End the worker, and wait a moment for it.

        With all its chunks taken back it ends by itself when told; ``quickly`` (the reading
        failed or was cancelled), or with chunks still out, it is ended at once: it holds no
        file and no database, and its records would never be read.
        """
        if self.process.is_alive() and not (quickly or self.in_flight):
            self.tasks.put(None)
            self.process.join(timeout=2 * PARENT_CHECK_S)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=2 * PARENT_CHECK_S)
        self.tasks.close(wait=2 * PARENT_CHECK_S)  # a sender stuck on a live pipe: never hang
        self.results.close()


class _Sender:
    """Sends what it is given down a pipe, from a thread: the giver never waits on the pipe."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._send, name="row reader pipe", daemon=True)
        self.thread.start()

    def put(self, item: Any) -> None:
        self.queue.put(item)

    def _send(self) -> None:
        while (item := self.queue.get()) is not _CLOSE:
            try:
                self.connection.send(item)
            except (OSError, ValueError):  # the other end is gone: nothing more to send
                return

    def close(self, wait: float | None = None) -> None:
        """Send what was given (for ``wait`` seconds at most), then close the pipe."""
        self.queue.put(_CLOSE)
        self.thread.join(wait)
        self.connection.close()


_CLOSE: Final = object()
#: One worker started at a time in this process: each stands in for ``__main__`` meanwhile.
_STARTING: Final = threading.Lock()


@contextmanager
def _main_script_left_out() -> Iterator[None]:
    """Start the worker without the program's main script.

    "spawn" runs the parent's main script again in the child (as ``__mp_main__``) unless it is
    a package's ``__main__``. The worker needs nothing from it, and a script that imports
    without an ``if __name__ == "__main__"`` guard would start a second import there, which
    would wait for the first one's lock forever. The preparation data are taken while the
    process starts, from ``sys.modules["__main__"]``: a bare module stands in for that moment.
    Two imports starting workers at once in two threads would otherwise each put back what
    they found, one of them the bare module, for good.
    """
    with _STARTING:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = main


def serve(
    tasks: Connection,
    results: Connection,
    mapping: ColumnMapping,
    header: list[str],
    options: RowOptions,
    parent_alive: Callable[[], bool] | None = None,
) -> None:
    """The worker's loop: read each chunk given, send its records back, until told to stop.

    A chunk it cannot read is sent back as None (it is read again by the parent, whose error
    says what is wrong). It ends by itself when its parent is gone. The values' readings kept
    for speed are forgotten after each chunk: in a file of people each value is mostly new.
    """
    reader = RowReader(mapping, header, options)
    if parent_alive is None:
        parent = multiprocessing.parent_process()
        parent_alive = parent.is_alive if parent is not None else (lambda: True)
    sender = _Sender(results)
    try:
        while True:
            try:
                if not tasks.poll(PARENT_CHECK_S):
                    if not parent_alive():
                        return
                    continue
                task = tasks.recv()
            except (EOFError, OSError, KeyboardInterrupt):
                return
            if task is None:
                return
            number, rows = task
            try:
                records: list[RosterRecord] | None = [reader.read(r, cells) for r, cells in rows]
            except Exception:  # noqa: BLE001 - read again by the parent, which says what is wrong
                records = None
            sender.put((number, records))
            forget_readings()
    finally:
        sender.close(wait=2 * PARENT_CHECK_S)
