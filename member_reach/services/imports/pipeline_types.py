"""What the import stages pass along, each stage's result the next one's input.

See :mod:`.pipeline` for the stages. :class:`ImportKind` says what differs between a roster and an
attendee list in a shared stage; :class:`ImportProgress` is the one bar they fill.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from sqlalchemy.orm import Session

from member_reach.domain.column_guesses import Confidence
from member_reach.domain.columns import LABELS, Field, column_letter
from member_reach.domain.dates import DateOrder
from member_reach.domain.jobs import Progress
from member_reach.domain.mapping import ColumnMapping, describe_mapping
from member_reach.domain.remedies import Remedy
from member_reach.domain.roster_merge import PersonRows
from member_reach.domain.roster_rows import RosterRecord, RowOptions
from member_reach.services.imports.file_reading import Sample
from member_reach.services.imports.import_types import ImportCounts, ImportOptions, RowIssue
from member_reach.services.imports.mapping_profiles import ChosenMapping
from member_reach.services.imports.people_index import PersonSnapshot
from member_reach.services.imports.roster_changes import PersonChange
from member_reach.sheets import CellValue, Row, Table
from member_reach.store.models import ImportBatch
from member_reach.store.models.base import utcnow


class ImportProgress:
    """One bar for a whole import: reading fills its first half, writing the second."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.read_total = 0

    def reading(self, done: int, total: int) -> None:
        """``done`` rows of about ``total`` read; raises Cancelled if the person cancelled."""
        self.read_total = total
        if self.progress is not None:
            self.progress(done, 2 * total)

    def writing(self, done: int, total: int) -> None:
        """``done`` people of ``total`` written; raises Cancelled if the person cancelled."""
        if self.progress is not None:
            base = self.read_total
            self.progress(base + done * base // max(total, 1), 2 * base)

    def finish(self) -> None:
        """The bar full: everything written (a cancel here still rolls it all back)."""
        if self.progress is not None:
            self.progress(2 * self.read_total, 2 * self.read_total)


@dataclass(frozen=True)
class ImportKind:
    """What differs between a roster and an attendee list in the stages they share.

    Attributes:
        name: the import batch's kind ("roster", "events").
        source: the system the file's member ids come from (ids of other systems never match).
        choose_mapping: the columns' fields: the person's, else the kind's own choice (from
            the column names and the first rows' values).
        advice: how to put right a file whose columns hold no name.
        learn_date_orders: each date column's order learnt from its values (else one order).
        remedy: what the advice asks for, for the command line's hint.
    """

    name: str
    source: str
    choose_mapping: Callable[[Session, list[str], ImportOptions, Sample], ChosenMapping]
    advice: str
    learn_date_orders: bool
    remedy: Remedy | None = None


@dataclass
class SourceFile:
    """A file open at its header (the read stage's result); its rows are read as consumed."""

    path: Path
    table: Table
    rows: Iterator[Row]  # one iterator: dropping a second one would close the table
    estimate: int
    reopen: Callable[[], Table] | None = None

    def cells_of(self, numbers: Iterable[int]) -> dict[int, tuple[CellValue, ...]]:
        """The cells of the rows numbered ``numbers``, read again from the file.

        A row the file no longer has (changed since) is left out.
        """
        wanted = set(numbers)
        found: dict[int, tuple[CellValue, ...]] = {}
        if not wanted or self.reopen is None:
            return found
        with self.reopen() as table:
            for row in table.rows:
                if row.number in wanted:
                    found[row.number] = row.cells
                    if len(found) == len(wanted):
                        break
        return found


@dataclass(frozen=True)
class ColumnNote:
    """Why a column was mapped as it was (or proposed, or ignored), for reports.

    Attributes:
        column: the column's name.
        field: the field it feeds, or is proposed for (None: ignored).
        confidence: how sure the guess was.
        evidence: why, in words.
        taken: the import reads the column as ``field`` (False: a proposal to confirm, or an
            ignored column).
        letter: the column's letter in a spreadsheet ("C"), which names a column without a name.
    """

    column: str
    field: Field | None
    confidence: Confidence
    evidence: str
    taken: bool
    letter: str = ""

    @property
    def to_confirm(self) -> bool:
        """A proposal of low confidence the import did not take."""
        return not self.taken and self.field is not None and self.confidence is Confidence.LOW

    def describe(self) -> str:
        """One line: "'Email 2' → Other e-mail? (low: 100% e-mail addresses; name not ...)"."""
        target = LABELS[self.field] if self.field is not None else "ignored"
        mark = "?" if self.to_confirm else ""
        name = self.column or f"column {self.letter}"
        return f"'{name}' → {target}{mark} ({self.confidence}: {self.evidence})"


@dataclass
class MappedFile:
    """What each column feeds and how its values are read (the map stage's result).

    Attributes:
        source: the file, still open.
        chosen: the mapping, and the saved profile it came from.
        date_orders: each date column's order, by 0-based column.
        row_options: how cells are read (phone region, date orders, 1904 dates).
        key: what decides how a row is read: a row's hash holds under the same key only.
        sample: the first rows, read to learn the date orders (cleaned first).
    """

    source: SourceFile
    chosen: ChosenMapping
    date_orders: dict[int, DateOrder]
    row_options: RowOptions
    key: bytes
    sample: list[Row] = field(default_factory=list)

    @property
    def mapping(self) -> ColumnMapping:
        """The columns' fields."""
        return self.chosen.mapping

    @property
    def table(self) -> Table:
        """The table read."""
        return self.source.table

    def rows(self) -> Iterator[Row]:
        """Every data row, the sample first."""
        return chain(self.sample, self.source.rows)

    def mapping_lines(self) -> list[str]:
        """The mapping, one column per line."""
        return describe_mapping(self.mapping, self.table.header)

    def column_notes(self) -> list[ColumnNote]:
        """Each guessed column's field, confidence and evidence (in the columns' order)."""
        header, taken = self.table.header, self.mapping.columns
        return [
            ColumnNote(
                header[i] if i < len(header) else "",
                taken.get(i, g.field),
                g.confidence,
                g.evidence,
                i in taken,
                column_letter(i),
            )
            for i, g in sorted(self.chosen.guesses.items())
        ]


#: A kind's own reading of a data row besides its person (an attendee's registration): the
#: problem it found, or "".
RowExtra = Callable[[MappedFile, Row, RosterRecord], str]


@dataclass
class CleanFile:
    """Every row counted, the people read from the file grouped (the clean stage's result).

    Attributes:
        mapped: how the file was read.
        rows_read: data rows, those skipped as unchanged included.
        structural: rows that are structure, by kind (blank row, repeated header, footer...).
        issues: the rows rejected or flagged, with their reasons and cells.
        people: the file's people, each with their rows.
        row_hashes: each row read cleanly, by number: its hash, to skip it next time.
        skipped: rows imported before and unchanged since, as (row, person id, hash).
        notes: what was noticed about the file as a whole (a member id column that is no id).
        late_rows: the rows flagged once every row was read whose cells are still to be read
            again (see :meth:`read_late_cells`): 100,000 rows' cells kept until the end would
            be about 90 MB.
    """

    mapped: MappedFile
    rows_read: int = 0
    structural: Counter[str] = field(default_factory=Counter)
    issues: list[RowIssue] = field(default_factory=list)
    people: list[PersonRows] = field(default_factory=list)
    row_hashes: dict[int, str] = field(default_factory=dict)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    late_rows: set[int] = field(default_factory=set)

    def flag_late(self, flags: Mapping[int, str]) -> None:
        """Flag rows once every row is read (the rows keep their hash: see :func:`.clean_rows`).

        A row not flagged before gets its cells from :meth:`read_late_cells`, once the file is
        closed (a workbook's sheet is not loaded twice at once).
        """
        if not flags:
            return
        at = {issue.row: n for n, issue in enumerate(self.issues)}
        for row, reason in flags.items():
            n = at.get(row)
            if n is None:
                self.issues.append(RowIssue(row, "flagged", reason, ()))
                self.late_rows.add(row)
            else:
                before = self.issues[n]
                self.issues[n] = replace(before, reason=f"{before.reason}; {reason}")
        self.issues.sort(key=lambda issue: issue.row)

    def read_late_cells(self) -> None:
        """Give the rows flagged late their cells, read again from the file (now closed)."""
        if not self.late_rows:
            return
        cells = self.mapped.source.cells_of(self.late_rows)
        self.issues = [
            replace(i, cells=cells.get(i.row, ())) if i.row in self.late_rows else i
            for i in self.issues
        ]
        self.late_rows.clear()

    @property
    def skipped_people(self) -> set[int]:
        """People whose rows did not change since they were last imported."""
        return {person_id for _, person_id, _ in self.skipped}

    def count(self, result: str) -> int:
        """The rows ``rejected`` or ``flagged``."""
        return sum(1 for i in self.issues if i.result == result)


@dataclass
class Matched:
    """Each person of the file found on file, or new (the match stage's result).

    Attributes:
        clean: the file's people.
        kind: the kind of import (its member ids' source).
        on_file: person id → the file's rows of that person (two people of the file found to
            be one on file are one).
        new: the people not on file.
        snapshots: what the database holds of each person on file.
    """

    clean: CleanFile
    kind: ImportKind
    on_file: dict[int, PersonRows] = field(default_factory=dict)
    new: list[PersonRows] = field(default_factory=list)
    snapshots: dict[int, PersonSnapshot] = field(default_factory=dict)


@dataclass
class Plan:
    """What importing changes (the plan stage's result).

    Attributes:
        matched: the file's people, found on file or new.
        changes: one per person, in the order of their first row.
        new_types: the membership types the file names that are new: placeholder id →
            (name, period kind, term months).
        counts: what the import counts (the rows, and the people by change).
    """

    matched: Matched
    changes: list[PersonChange]
    new_types: dict[int, tuple[str, str, int | None]]
    counts: ImportCounts

    @property
    def clean(self) -> CleanFile:
        """The file's rows and people."""
        return self.matched.clean


@dataclass
class Written:
    """The import batch written (the write stage's result)."""

    batch: ImportBatch

    @property
    def batch_id(self) -> int:
        """The batch's number: what undo takes."""
        return self.batch.id

    def finish(self) -> None:
        """Mark the batch finished, once the kind's own writes are done too."""
        self.batch.finished_at = utcnow()
