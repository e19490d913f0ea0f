"""The reading worker attacked: every kind of file, attendee lists, dry runs, cancels at any
moment, many imports in one process, and two imports at once from two processes.

As in test_reading_worker, only the thresholds are lowered so that small files are read on two
cores; everything else is real (files, processes, pipes, databases).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from roster_files import HEADER, ROWS, dump, many_rows, write_csv
from sqlalchemy import func, select

from member_reach.domain.jobs import Cancelled
from member_reach.services.imports import pipeline, reading_worker
from member_reach.services.imports.event_import import run_event_import
from member_reach.services.imports.import_types import EventChoice, ImportOptions
from member_reach.services.imports.pipeline import clean_rows, map_columns, read_file
from member_reach.services.imports.pipeline_types import CleanFile, ImportProgress
from member_reach.services.imports.roster_import import ROSTER, run_roster_import
from member_reach.store.database import Database, open_database
from member_reach.store.models import ImportBatch, Person

TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).parents[3]
SHEETS = ROOT / "tests" / "data" / "sheets"
WORKER_LOG = "rows read in chunks of"


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any file read on two cores, in chunks of 2 rows (a small file's chunks are many)."""
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 2)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)


def one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 10**9)


def slow(monkeypatch: pytest.MonkeyPatch) -> ImportProgress:
    """Progress told every 5 rows and slow to take it, so that the worker reads its share."""
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 5)
    return ImportProgress(lambda done, total: time.sleep(0.004))


def read_clean(
    db: Database, path: Path, progress: ImportProgress | None = None, **options: Any
) -> CleanFile:
    chosen = ImportOptions(**options)
    with db.session() as session, read_file(path, chosen, ImportProgress(None)) as source:
        mapped = map_columns(session, source, ROSTER, chosen)
        return clean_rows(mapped, progress or ImportProgress(None), known_rows={})


def outcome(clean: CleanFile) -> tuple[Any, ...]:
    people = [(g.rows, g.merged) for g in clean.people]
    issues = [(i.row, i.result, i.reason, i.cells) for i in clean.issues]
    return people, issues, clean.rows_read, dict(clean.structural), clean.row_hashes, clean.notes


def worker_chunks(caplog: pytest.LogCaptureFixture) -> int:
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(WORKER_LOG)]
    return sum(int(line.rsplit(":", 1)[1].split()[0]) for line in lines)


@pytest.mark.parametrize(
    "name",
    [
        "roster.xlsx",
        "roster.xls",
        "roster.ods",
        "roster_lo.xlsx",
        "roster_lo_cp1252.csv",
        "roster_lo_unicode.txt",
        "date1904.xlsx",
        "date1904.xls",
        "date1904.ods",
        "offset.xlsx",
        "offset.xls",
        "offset.ods",
        "salesforce.xlsx",
    ],
)
def test_every_kind_of_file_reads_alike_on_two_cores(
    db: Database, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_core(monkeypatch)
    one = outcome(read_clean(db, SHEETS / name))
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 1)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)
    assert outcome(read_clean(db, SHEETS / name)) == one
    assert one[2] > 0  # rows were read
    assert not multiprocessing.active_children()


def typed_workbook(path: Path, people: int) -> Path:
    """A workbook whose cells are typed as Excel types them: dates, numbers, booleans."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Guild of Engineers"])
    sheet.append([])
    sheet.append(HEADER)
    for i, row in enumerate([*ROWS, *many_rows(people), *ROWS]):
        cells: list[Any] = list(row)
        if i % 3 == 0 and not cells[7]:
            cells[7] = dt.datetime(2027, 1 + i % 12, 1 + i % 28)  # a date cell
        if i % 4 == 0:
            cells[5] = 6465550000 + i  # a phone typed as a number
        if i % 5 == 0:
            cells[9] = i % 2 == 0  # a yes/no as a boolean
        if i % 7 == 0:
            cells[6] = 40_000 + i  # a date as a serial number
        if i % 11 == 0:
            cells[7] = "31/02/2027"  # no date: flagged
        sheet.append(cells)
    book.save(path)
    return path


def test_a_typed_workbook_reads_alike_on_two_cores(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = typed_workbook(tmp_path / "roster.xlsx", 1_500)
    one_core(monkeypatch)
    one = outcome(read_clean(db, path))
    monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 5)
    monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)
    with caplog.at_level(logging.INFO):
        two = outcome(read_clean(db, path, slow(monkeypatch)))
    assert worker_chunks(caplog) >= 20
    assert two == one
    assert sum(1 for _, result, *_ in one[1] if result == "flagged") >= 100


ATTENDEE_HEADER = ["Display Name", "Email", "Participant Role", "Participant Status"]


def attendee_rows(count: int) -> list[list[str]]:
    statuses = ["Attended", "Registered", "No-show", "Cancelled", "Maybe"]  # Maybe: flagged
    return [
        [f"Person Number{i}", f"p{i}@example.org", "Attendee", statuses[i % len(statuses)]]
        for i in range(count)
    ]


def test_an_attendee_list_imports_alike_on_two_cores(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The attendee import reads each row's registration (``extra``) in this process."""
    run_roster_import(db, write_csv(tmp_path / "roster.csv", many_rows(600)), TODAY)
    path = write_csv(tmp_path / "expo.csv", attendee_rows(1_200), ATTENDEE_HEADER)
    options = ImportOptions(event=EventChoice("Expo 2026", dt.date(2026, 5, 12), "Expo"))
    alone = open_database(tmp_path / "one core.sqlite3")
    try:
        one_core(monkeypatch)
        run_roster_import(alone, write_csv(tmp_path / "roster.csv", many_rows(600)), TODAY)
        one = run_event_import(alone, path, TODAY, options)
        monkeypatch.setattr(pipeline, "WORKER_FROM_ROWS", 0)
        monkeypatch.setattr(reading_worker, "CHUNK_ROWS", 5)
        monkeypatch.setattr(reading_worker, "WORKER_LEFT_ROWS", 0)
        busy = slow(monkeypatch)
        with caplog.at_level(logging.INFO):
            two = run_event_import(db, path, TODAY, options, busy.progress)
        assert worker_chunks(caplog) >= 20
        assert (two.counts, two.issues) == (one.counts, one.issues)  # type: ignore[attr-defined]
        with db.session() as s, alone.session() as t:
            assert dump(s) == dump(t)
            assert len(dump(s)["attendance"]) >= 900
    finally:
        alone.close()


@pytest.mark.usefixtures("two_cores")
def test_a_dry_run_on_two_cores_reports_what_one_core_reports_and_writes_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "roster.csv", [*ROWS, *many_rows(1_500), *ROWS])
    busy = slow(monkeypatch)
    two = run_roster_import(db, path, TODAY, ImportOptions(dry_run=True), busy.progress)
    assert not multiprocessing.active_children()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
    one_core(monkeypatch)
    one = run_roster_import(db, path, TODAY, ImportOptions(dry_run=True))
    assert (two.counts, two.issues, two.merges) == (one.counts, one.issues, one.merges)
    assert two.counts.inserted >= 1_500


def cancel_at(busy: ImportProgress, rows: int) -> Any:
    def progress(done: int, total: int) -> None:
        busy.progress(done, total)  # type: ignore[misc]
        if done >= rows:
            raise Cancelled

    return progress


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files counted in /proc")
@pytest.mark.usefixtures("two_cores")
def test_many_imports_in_one_process_leave_no_thread_pipe_or_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    busy = slow(monkeypatch)
    database = open_database(tmp_path / "members.sqlite3")
    try:
        rows = many_rows(1_500)
        run_roster_import(database, write_csv(tmp_path / "0.csv", rows), TODAY)  # warmed up
        threads, fds = threading.active_count(), open_fds()
        with caplog.at_level(logging.INFO):
            for n in range(1, 6):
                for row in rows:
                    row[2] = f"Number{n}-{row[0]}"  # every row changed: read again
                path = write_csv(tmp_path / f"{n}.csv", rows)
                with pytest.raises(Cancelled):  # cancelled while reading, then imported
                    run_roster_import(database, path, TODAY, progress=cancel_at(busy, 500))
                run_roster_import(database, path, TODAY, progress=busy.progress)
        assert worker_chunks(caplog) > 0
        assert not multiprocessing.active_children()
        assert threading.active_count() == threads
        assert open_fds() == fds
    finally:
        database.close()


@pytest.mark.usefixtures("two_cores")
@pytest.mark.parametrize("at", [0, 10, 400, 1_490, 1_600, 3_000])
def test_a_cancel_at_any_moment_writes_nothing_and_leaves_no_process(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int
) -> None:
    """The bar counts rows read (its first half, 1,500 rows) then people written."""
    path = write_csv(tmp_path / "roster.csv", many_rows(1_500))
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 1)
    threads = threading.active_count()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= at:
            raise Cancelled

    with pytest.raises(Cancelled):
        run_roster_import(db, path, TODAY, progress=progress)
    assert seen[-1] >= at
    assert not multiprocessing.active_children()
    assert threading.active_count() == threads
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
    assert run_roster_import(db, path, TODAY).counts.inserted == 1_500  # and then it imports


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux: /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = Path(f"/proc/{current}/task").iterdir()
            children = [int(c) for t in tasks for c in (t / "children").read_text().split()]
        except OSError:
            continue
        found.update(children)
        todo.extend(children)
    return found


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "\nState:\tZ" in status.read_text()


def _start(db_path: Path, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "member_reach", "--db", str(db_path), "--today"]
        + [TODAY.isoformat(), "--json", "import", "roster", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="processes listed in /proc")
def test_two_large_imports_at_once_from_two_processes(tmp_path: Path) -> None:
    """With the real sizes: each reads on two cores; one waits for the other; a third, killed
    mid-file, leaves no worker behind."""
    db_path = tmp_path / "members.sqlite3"
    open_database(db_path).close()
    first = write_csv(tmp_path / "first.csv", many_rows(12_000))
    others = [[f"D-{i}", "Other", f"Person{i}", "", f"q{i}@example.org"] for i in range(12_000)]
    second = write_csv(tmp_path / "second.csv", [*others, *ROWS])
    processes = [_start(db_path, first), _start(db_path, second)]
    below: set[int] = set()
    while any(p.poll() is None for p in processes):
        for p in processes:
            below |= descendants(p.pid)
        time.sleep(0.05)
    results = []
    for p in processes:
        stdout, stderr = p.communicate(timeout=120)
        assert p.returncode == 0, stderr
        assert "Traceback" not in stderr
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    assert sorted(r["inserted"] for r in results) == [12_000, 12_007]
    assert len(below) >= 3  # the workers (and a resource tracker) were there
    deadline = time.monotonic() + 5
    while not all(gone(pid) for pid in below) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in below)
    killed = _start(db_path, write_csv(tmp_path / "third.csv", many_rows(30_000)))
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while not any("spawn_main" in _cmdline(pid) for pid in workers):
        assert killed.poll() is None and time.monotonic() < deadline
        workers = descendants(killed.pid)
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)
    deadline = time.monotonic() + 10 * reading_worker.PARENT_CHECK_S
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in workers)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


@pytest.mark.usefixtures("two_cores")
def test_two_imports_starting_workers_at_once_in_two_threads_keep_the_main_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker starts without the main script (``__main__`` stood in for while it starts):
    two imports on two databases, in two threads, starting their workers at the same moment,
    leave the program's own ``__main__`` in place."""
    main = sys.modules["__main__"]
    monkeypatch.setitem(sys.modules, "__main__", main)  # put back whatever happens
    monkeypatch.setattr(pipeline, "REPORT_EVERY", 1)
    path = write_csv(tmp_path / "roster.csv", many_rows(300))
    for attempt in range(6):
        together = threading.Barrier(2, timeout=30)

        def progress(done: int, total: int, together: threading.Barrier = together) -> None:
            if done == 2:  # the next row fills the first chunk: each starts its worker
                together.wait()

        databases = [open_database(tmp_path / f"{attempt}-{n}.sqlite3") for n in range(2)]

        def run(database: Database) -> None:
            run_roster_import(database, path, TODAY, progress=progress)

        threads = [threading.Thread(target=run, args=(d,)) for d in databases]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        for database in databases:
            database.close()
        assert sys.modules["__main__"] is main, f"attempt {attempt}"
    assert not multiprocessing.active_children()


KILLED_AT_START = """
import datetime, multiprocessing, os, signal, sys
from member_reach.services.imports import pipeline, reading_worker
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import open_database

pipeline.WORKER_FROM_ROWS, reading_worker.CHUNK_ROWS, reading_worker.WORKER_LEFT_ROWS = 0, 5, 0
pipeline.REPORT_EVERY = 1

def progress(done, total):
    children = multiprocessing.active_children()
    if children:  # the worker has just been started: it is still loading its modules
        print(children[0].pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

run_roster_import(open_database(sys.argv[1]), sys.argv[2], datetime.date(2026, 11, 23),
                  progress=progress)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="processes listed in /proc")
def test_the_import_killed_while_its_worker_starts_leaves_no_process(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", many_rows(2_000))
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_AT_START, str(tmp_path / "db.sqlite3"), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as parent:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        below = descendants(parent.pid) | {worker}
        parent.wait(30)
        assert parent.returncode == -signal.SIGKILL
        deadline = time.monotonic() + 20 * reading_worker.PARENT_CHECK_S
        while not all(gone(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(gone(pid) for pid in below)
        assert parent.stderr is not None
        assert "Traceback" not in parent.stderr.read()  # the worker's stderr is the same
