"""Rows read on two cores: a worker process reads chunks of a large file's rows.

What it reads must be exactly what one process reads (every record, flag, rejection,
continuation row and row hash, in the file's order); a worker killed or an import cancelled
loses no row and leaves no process; a worker whose parent is killed ends by itself. Small
files are read with small chunks here (:data:`CHUNK_ROWS` and the pipeline's threshold
lowered), so that the worker reads many chunks of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from roster_files import ROWS, dump, many_rows, write_csv

from member_reach.domain.columns import Field
from member_reach.domain.jobs import Cancelled
from member_reach.domain.mapping import ColumnMapping
from member_reach.domain.roster_rows import RowOptions
from member_reach.services.imports import pipeline, reading_worker
from member_reach.services.imports.import_types import ImportOptions
from member_reach.services.imports.pipeline import clean_rows, map_columns, read_file
from member_reach.services.imports.pipeline_types import CleanFile, ImportProgress
from member_reach.services.imports.reading_worker import serve
from member_reach.services.imports.roster_import import ROSTER, run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import Person

TODAY = dt.date(2026, 11, 23)
WORKER_LOG = "rows read in chunks of"


def messy_rows(people: int = 60) -> list[list[str]]:
    """The messy roster, rows continued by a row of details, and many plain people."""
    continued = [
        ["M-101", "Ada", "Byron", "", "", "", "", "01/31/2027", "", "yes"],
        ["", "", "", "", "ada.byron@example.org", "(646) 555-0111", "", "", "", ""],
        ["", "", "", "", "", "646 555 0199", "", "", "", ""],  # a second phone: kept apart
    ]
    nameless = [["", "", "", "", "", "646 555 0198", "", "", "", ""]]  # under a blank row
    return [*ROWS, *continued, [], *nameless, *many_rows(people), *ROWS[:3], *continued]


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any file read on two cores, in chunks of 5 rows."""
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 5)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)


def read_clean(db: Database, path: Path, progress: ImportProgress | None = None) -> CleanFile:
    with db.session() as session, read_file(path, ImportOptions(), ImportProgress(None)) as source:
        mapped = map_columns(session, source, ROSTER, ImportOptions())
        return clean_rows(mapped, progress or ImportProgress(None), known_rows={})


def outcome(clean: CleanFile) -> tuple[Any, ...]:
    """What the clean stage found, comparable between two reads."""
    people = [(g.rows, g.merged) for g in clean.people]
    issues = [(i.row, i.result, i.reason, i.cells) for i in clean.issues]
    return people, issues, clean.rows_read, dict(clean.structural), clean.row_hashes, clean.notes


@pytest.fixture
def busy(monkeypatch: pytest.MonkeyPatch) -> ImportProgress:
    """Progress told every 5 rows, and slow to take it: this process is the busier one.

    A process takes a moment to start, and this process would read a small file's every
    chunk meanwhile, each faster than it could be sent: so that the worker reads many chunks
    of a small file, this one is slowed down.
    """
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 5)
    return ImportProgress(lambda done, total: time.sleep(0.005))


def worker_chunks(caplog: pytest.LogCaptureFixture) -> int:
    """How many chunks the worker read, as the import logged it (0: no worker)."""
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(WORKER_LOG)]
    return int(lines[-1].rsplit(":", 1)[1].split()[0]) if lines else 0


def test_two_cores_read_what_one_reads(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    busy: ImportProgress,
) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(1_000))
    one = outcome(read_clean(db, path))
    assert worker_chunks(caplog) == 0
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 5)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)
    with caplog.at_level(logging.INFO):
        two = outcome(read_clean(db, path, busy))
    assert worker_chunks(caplog) >= 20  # the worker read chunks of it, between this one's
    assert two == one
    flagged = {row for row, result, *_ in one[1] if result == "flagged"}
    assert len(one[1]) >= 5 and flagged  # a file with problems to find, found alike


@pytest.mark.usefixtures("two_cores")
def test_an_import_on_two_cores_writes_what_one_core_writes(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    busy: ImportProgress,
) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(1_000))
    with caplog.at_level(logging.INFO):
        two = run_roster_import(db, path, TODAY, progress=busy.progress)
    assert worker_chunks(caplog) >= 20
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 10**9)
    alone = open_database(tmp_path / "one core.sqlite3")
    try:
        one = run_roster_import(alone, path, TODAY)
        assert (two.counts, two.issues, two.merges) == (one.counts, one.issues, one.merges)
        with db.session() as s, alone.session() as t:
            assert dump(s) == dump(t)
    finally:
        alone.close()
    again = run_roster_import(db, path, TODAY)  # rows unchanged: skipped, none read again
    assert (again.counts.inserted, again.counts.updated) == (0, 0)


def kill_the_worker(after_rows: int) -> Any:
    """A progress callback that kills the worker process once ``after_rows`` rows are read."""
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done >= after_rows and not killed:
            (worker,) = multiprocessing.active_children()
            os.kill(worker.pid or 0, signal.SIGKILL if hasattr(signal, "SIGKILL") else 9)
            worker.join(5)
            killed.append(done)

    progress.killed = killed  # type: ignore[attr-defined]
    return progress


@pytest.mark.usefixtures("two_cores")
def test_a_worker_killed_mid_file_loses_no_row(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(2_500))
    progress = kill_the_worker(after_rows=1_000)
    killed = outcome(read_clean(db, path, ImportProgress(progress)))
    assert progress.killed  # it was killed while rows were still to read
    assert not multiprocessing.active_children()
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 10**9)
    assert killed == outcome(read_clean(db, path))


@pytest.mark.usefixtures("two_cores")
def test_a_cancel_stops_the_worker_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(2_500))
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        if done >= 1_000:
            seen.append(len(multiprocessing.active_children()))
            raise Cancelled

    with pytest.raises(Cancelled):
        run_roster_import(db, path, TODAY, progress=progress)
    assert seen == [1]  # the worker was reading when the person cancelled
    assert not multiprocessing.active_children()
    with db.session() as s:
        assert s.query(Person).count() == 0


CHILD = textwrap.dedent(
    """
    import sys, time
    from member_reach.services.imports import pipeline, reading_worker
    from member_reach.services.imports.roster_import import run_roster_import
    from member_reach.store.database import open_database
    import multiprocessing, datetime

    pipeline.WORKER_FROM_ROWS, reading_worker.CHUNK_ROWS, reading_worker.WORKER_LEFT_ROWS = 0, 5, 0

    def progress(done, total):
        children = multiprocessing.active_children()
        if done >= 1000 and children:
            print(children[0].pid, flush=True)
            time.sleep(60)  # killed here

    run_roster_import(open_database(sys.argv[1]), sys.argv[2], datetime.date(2026, 11, 23),
                      progress=progress)
    """
)


def gone(pid: int) -> bool:
    """The process has ended (a zombie nobody reaps counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "\nState:\tZ" in status.read_text()


@pytest.mark.skipif(sys.platform == "win32", reason="signals and os.kill(pid, 0) are POSIX")
def test_the_worker_ends_when_the_import_is_killed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(2_500))
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "db.sqlite3"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the resource tracker's word on the semaphores left
        text=True,
    ) as parent:
        try:
            assert parent.stdout is not None
            worker = int(parent.stdout.readline())
            assert not gone(worker)
            parent.send_signal(signal.SIGKILL)
            parent.wait(10)
            deadline = time.monotonic() + 10 * reading_worker.PARENT_CHECK_S
            while not gone(worker) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert gone(worker)
        finally:
            parent.kill()


def test_the_worker_sends_back_a_chunk_it_cannot_read() -> None:
    task_end, tasks = multiprocessing.Pipe(duplex=False)
    results, result_end = multiprocessing.Pipe(duplex=False)
    tasks.send((0, [(2, ("ada@example.org",))]))
    tasks.send((1, [(3, None)]))  # no cells at all: it cannot be read
    tasks.send(None)
    mapping = ColumnMapping({0: Field.EMAIL})
    serve(task_end, result_end, mapping, ["Email"], RowOptions(), parent_alive=lambda: True)
    first, second = results.recv(), results.recv()
    assert first[0] == 0 and first[1][0].emails == ["ada@example.org"]
    assert second == (1, None)
    with pytest.raises(EOFError):  # nothing more: it closed its end, done
        results.recv()


def test_the_worker_ends_when_its_parent_is_gone() -> None:
    task_end, _tasks = multiprocessing.Pipe(duplex=False)
    _results, result_end = multiprocessing.Pipe(duplex=False)
    started = time.monotonic()
    serve(task_end, result_end, ColumnMapping({}), [], RowOptions(), parent_alive=lambda: False)
    assert time.monotonic() - started < 3 * reading_worker.PARENT_CHECK_S


def test_the_worker_ends_when_its_pipe_is_closed() -> None:
    task_end, tasks = multiprocessing.Pipe(duplex=False)
    _results, result_end = multiprocessing.Pipe(duplex=False)
    tasks.close()  # the parent's end gone: a kill closes it so
    started = time.monotonic()
    serve(task_end, result_end, ColumnMapping({}), [], RowOptions(), parent_alive=lambda: True)
    assert time.monotonic() - started < 3 * reading_worker.PARENT_CHECK_S


@pytest.mark.usefixtures("two_cores")
def test_an_import_starts_one_worker_and_ends_it(
    db: Database, tmp_path: Path, busy: ImportProgress
) -> None:
    path = write_csv(tmp_path / "roster.csv", messy_rows(1_000))
    seen: list[list[str]] = []

    def progress(done: int, total: int) -> None:
        busy.progress(done, total)  # type: ignore[misc]
        seen.append([child.name for child in multiprocessing.active_children()])

    run_roster_import(db, path, TODAY, progress=progress)
    assert ["member_reach row reader"] in seen
    assert all(names in ([], ["member_reach row reader"]) for names in seen)
    assert not multiprocessing.active_children()


def test_a_re_import_of_few_changed_rows_starts_no_worker(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """With the real sizes: a first import of 12,000 rows uses the worker; next month's, whose
    2,500 changed rows come last (their first chunk fills too late to pay a start), does not."""
    rows = many_rows(12_000)
    database = open_database(tmp_path / "members.sqlite3")
    try:
        with caplog.at_level(logging.INFO):
            run_roster_import(database, write_csv(tmp_path / "november.csv", rows), TODAY)
        assert worker_chunks(caplog) > 0
        caplog.clear()
        for row in rows[-2_500:]:
            row[4] = row[4].replace("example.org", "example.net")
        with caplog.at_level(logging.INFO):
            again = run_roster_import(database, write_csv(tmp_path / "december.csv", rows), TODAY)
        assert again.counts.updated == 2_500
        assert not [r for r in caplog.records if r.getMessage().startswith(WORKER_LOG)]
    finally:
        database.close()
