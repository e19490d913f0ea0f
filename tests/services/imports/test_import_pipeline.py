"""The import pipeline on both databases: read → map → clean → match → plan → write → report.

The stages are seen by what they do (the SQL each one sends, the progress each one reports),
not by patching them: each stage runs once, in order, for a roster and for an attendee list;
a cancel at the reading or the writing stage leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from roster_files import ROWS, dump, many_rows, write_csv
from sqlalchemy import event, func, select

from member_reach.domain.jobs import Cancelled
from member_reach.services.imports.event_import import (
    EVENTS,
    Registrations,
    event_report,
    import_events,
    plan_attendance,
    run_event_import,
)
from member_reach.services.imports.import_types import EventChoice, ImportCounts, ImportOptions
from member_reach.services.imports.pipeline import (
    clean_rows,
    map_columns,
    match_people,
    plan_changes,
    read_file,
)
from member_reach.services.imports.pipeline_types import ImportProgress
from member_reach.services.imports.roster_import import (
    ROSTER,
    absent_members,
    import_roster,
    load_row_hashes,
    roster_report,
    run_roster_import,
)
from member_reach.services.imports.roster_lists import (
    calls_renewals_would_close,
    unchanged_duplicates,
)
from member_reach.store.database import Database
from member_reach.store.models import (
    Event,
    ImportBatch,
    ImportChange,
    ImportedRow,
    MappingProfile,
)

TODAY = dt.date(2026, 11, 23)
EXPO = EventChoice("Expo 2026", TODAY.replace(year=2027))

#: The tables each stage reads: its own signature in the SQL it sends.
READS = {
    "setting": "map",
    "mapping_profile": "map",
    "imported_row": "clean",
    "external_id": "match",
    "email_address": "match",
    "person": "match",
    "phone_number": "match",
    "membership": "match",
    "membership_type": "plan",
    "event": "plan",
    "call_task": "report",  # a dry run's calls a renewal would close
}
_VERB_TABLE = re.compile(
    r'^\s*(?:(SELECT)\b.*?\bFROM|(INSERT)\s+INTO|(UPDATE)|(DELETE)\s+FROM)\s+"?(\w+)',
    re.IGNORECASE | re.DOTALL,
)


class Timeline:
    """What an import did, in order: the SQL it sent and the progress it reported."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.events: list[tuple[str, Any]] = []
        event.listen(db.engine, "before_cursor_execute", self._sql)

    def _sql(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        found = _VERB_TABLE.match(statement)
        if found is not None:
            verb = next(v for v in found.groups()[:4] if v).upper()
            self.events.append(("sql", (verb, found.group(5).lower())))

    def progress(self, done: int, total: int) -> None:
        """The import's progress callback."""
        self.events.append(("progress", (done, total)))

    def close(self) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._sql)

    def stages(self) -> list[str]:
        """The stages seen, each once per stretch of time it ran.

        The read stage's one report is the row count (0 done); reading fills the first half of
        the bar and writing the second; from the first write on, everything is the write stage.
        """
        seen: list[str] = []
        for kind, what in self.events:
            if seen and seen[-1] == "write":
                continue
            if kind == "progress":
                done, total = what
                stage = "read" if done == 0 else "clean" if done <= total // 2 else "write"
            else:
                verb, table = what
                stage = READS[table] if verb == "SELECT" else "write"
            if not seen or seen[-1] != stage:
                seen.append(stage)
        return seen

    def read_again_after_writing(self) -> bool:
        """Whether any row was read (first half of the bar) once writing had begun."""
        writing = False
        for kind, what in self.events:
            if kind == "sql" and what[0] != "SELECT":
                writing = True
            elif kind == "progress" and writing and what[0] <= what[1] // 2:
                return True
        return False

    def writes(self) -> list[tuple[str, str]]:
        """The statements that change the database."""
        return [what for kind, what in self.events if kind == "sql" and what[0] != "SELECT"]


@pytest.fixture
def seeded(db: Database, tmp_path: Path) -> Database:
    run_roster_import(db, write_csv(tmp_path / "roster.csv", ROWS), TODAY)
    return db


@pytest.fixture
def timeline(seeded: Database) -> Iterator[Timeline]:
    """What the imports a test runs do (from after the seed import on)."""
    recorder = Timeline(seeded)
    yield recorder
    recorder.close()


def attendee_list(path: Path, count: int = 30) -> Path:
    """An attendee list: Ada (on the roster) and ``count`` new people, with their roles."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Email", "Role", "Status", "Register date"])
        writer.writerow(["Ada Lovelace", "ada@example.org", "Speaker", "Registered", "2026-10-01"])
        for i in range(count):
            writer.writerow([f"Guest Number{i}", f"g{i}@example.org", "Attendee", "", ""])
    return path


def changed_roster(path: Path) -> Path:
    """Next month's roster: Ada renewed, Alan's name changed, and 30 new members."""
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"
    rows[1][2] = "Turing-Smith"
    return write_csv(path, [*rows, *many_rows(30)])


def state(db: Database) -> dict[str, Any]:
    """Everything an import may change, and its own records."""
    with db.session() as s:
        tables: dict[str, Any] = dump(s)
        for model in (ImportBatch, ImportChange, ImportedRow, MappingProfile, Event):
            tables[model.__tablename__] = s.scalar(select(func.count()).select_from(model))
    return tables


# -- each stage once, in order -----------------------------------------------------------------


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_a_roster_runs_each_stage_once_in_order(
    seeded: Database, timeline: Timeline, tmp_path: Path, dry_run: bool
) -> None:
    path = changed_roster(tmp_path / "december.csv")
    with seeded.session() as s:
        report = import_roster(s, path, TODAY, ImportOptions(dry_run=dry_run), timeline.progress)
    expected = ["read", "map", "clean", "match", "plan"] + (["report"] if dry_run else ["write"])
    assert timeline.stages() == expected and not timeline.read_again_after_writing()
    assert bool(timeline.writes()) is not dry_run
    assert (report.counts.inserted, report.counts.updated, report.renewals_detected) == (30, 2, 1)
    assert report.dry_run is dry_run and (report.batch_id is None) is dry_run
    last_done, last_total = [what for kind, what in timeline.events if kind == "progress"][-1]
    assert (last_done == last_total) is not dry_run  # the bar ends full once written


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_an_attendee_list_runs_each_stage_once_in_order(
    seeded: Database, timeline: Timeline, tmp_path: Path, dry_run: bool
) -> None:
    path = attendee_list(tmp_path / "expo.csv")
    with seeded.session() as s:
        options = ImportOptions(event=EXPO, dry_run=dry_run)
        report = import_events(s, path, TODAY, options, timeline.progress)
    expected = ["read", "map", "clean", "match", "plan"] + ([] if dry_run else ["write"])
    assert timeline.stages() == expected and not timeline.read_again_after_writing()
    assert bool(timeline.writes()) is not dry_run
    assert (report.counts.inserted, report.counts.rows_read) == (30, 31)
    assert report.roles == {"speaker": 1, "attendee": 30} and report.event_created


def test_a_roster_followed_stage_by_stage_gives_the_import_s_report(
    seeded: Database, tmp_path: Path
) -> None:
    path = changed_roster(tmp_path / "december.csv")
    options = ImportOptions(dry_run=True)
    bar = ImportProgress(None)
    with seeded.session() as s:
        with read_file(path, options, bar) as source:
            assert (source.table.header_row, source.estimate) == (3, 11 + 30)
            mapped = map_columns(s, source, ROSTER, options)
            assert "'Paid Thru' → Expiry" in mapped.mapping_lines()
            clean = clean_rows(mapped, bar, known_rows=load_row_hashes(s))
        # 5 rows unchanged since November are counted, not read again
        assert (clean.rows_read, len(clean.skipped), len(clean.people)) == (39, 5, 33)
        matched = match_people(s, clean, ROSTER)
        assert (len(matched.on_file), len(matched.new)) == (3, 30)
        absent = absent_members(s, matched)
        unchanged = unchanged_duplicates(s, matched)
        plan = plan_changes(s, matched)
        closed = calls_renewals_would_close(s, plan)
        staged = roster_report(plan, absent, None, "", closed, unchanged)
    whole = run_roster_import(seeded, path, TODAY, options)
    assert plan.counts == ImportCounts(39, 30, 2, 1, 1, 1)  # what the batch would record
    assert staged.counts == ImportCounts(39, 30, 2, 5, 1, 1)  # and the skipped people
    assert staged == whole


def test_an_attendee_list_followed_stage_by_stage_gives_the_import_s_report(
    seeded: Database, tmp_path: Path
) -> None:
    path = attendee_list(tmp_path / "expo.csv", count=3)
    options = ImportOptions(event=EXPO, dry_run=True)
    bar = ImportProgress(None)
    registrations = Registrations()
    with seeded.session() as s:
        with read_file(path, options, bar) as source:
            mapped = map_columns(s, source, EVENTS, options)
            clean = clean_rows(mapped, bar, extra=registrations.read)
        assert sorted(registrations) == [2, 3, 4, 5] and not clean.row_hashes  # not hashed
        matched = match_people(s, clean, EVENTS)
        assert (len(matched.on_file), len(matched.new)) == (1, 3)
        plan = plan_changes(s, matched)
        attendance = plan_attendance(s, plan, registrations, EXPO, TODAY)
        staged = event_report(plan, attendance, None, "")
    whole = run_event_import(seeded, path, TODAY, options)
    assert staged.counts == whole.counts == ImportCounts(4, 3, 0, 1, 0, 0)
    assert staged.roles == whole.roles == {"speaker": 1, "attendee": 3}


# -- a cancel writes nothing ---------------------------------------------------------------------


class CancelAt:
    """A progress callback that cancels at a stage's first report, as the GUI's does."""

    def __init__(self, stage: str, timeline: Timeline) -> None:
        self.stage = stage
        self.timeline = timeline
        self.seen: list[str] = []

    def __call__(self, done: int, total: int) -> None:
        self.timeline.progress(done, total)
        stage = "read" if done == 0 else "clean" if done <= total // 2 else "write"
        self.seen.append(stage)
        if stage == self.stage:
            raise Cancelled


Run = Callable[[Database, Path, Any], object]
KINDS: dict[str, tuple[Callable[[Path], Path], Run]] = {
    "roster": (
        lambda folder: changed_roster(folder / "december.csv"),
        lambda db, path, progress: run_roster_import(db, path, TODAY, None, progress),
    ),
    "attendee list": (
        lambda folder: attendee_list(folder / "expo.csv"),
        lambda db, path, progress: run_event_import(
            db, path, TODAY, ImportOptions(event=EXPO), progress
        ),
    ),
}


@pytest.mark.parametrize("stage", ["read", "write"])
@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
def test_a_cancel_while_reading_or_writing_leaves_the_database_as_it_was(
    seeded: Database,
    timeline: Timeline,
    tmp_path: Path,
    kind: tuple[Callable[[Path], Path], Run],
    stage: str,
) -> None:
    make_file, run = kind
    path = make_file(tmp_path)
    before = state(seeded)
    timeline.events.clear()
    cancel = CancelAt(stage, timeline)
    with pytest.raises(Cancelled):
        run(seeded, path, cancel)
    assert cancel.seen[-1] == stage and cancel.seen.count(stage) == 1
    if stage == "write":  # people, batch and changes were written: then rolled back
        assert {"import_batch", "person", "import_change"} <= {t for _, t in timeline.writes()}
    else:
        assert timeline.writes() == [] and timeline.stages() == ["read"]
    assert state(seeded) == before
    run(seeded, path, None)  # and the same file imports whole afterwards
    assert state(seeded) != before
