"""Taking a partner's worked file back: every filled outcome applied once, every doubt reported.

The file is recognised by the mark its export left (a hidden sheet, else a document property),
else by its Ref values. Rows are matched by Ref, else by member id; columns by their headings,
so a partner may reorder them. Each filled Outcome becomes a call log with the partner as
caller, with notes, callback and hand-off as when a staff caller logs it.

Nothing is applied silently when in doubt; the row is reported instead:

* the call was finished, or the member renewed, since the export;
* identity cells were edited (their fingerprint differs from the export's);
* the outcome code is unknown (the closest codes are suggested);
* the same Ref is on several rows (none of them is applied);
* the call's outcome was applied from an earlier import of this export and the row now says
  something else (notes edited, a re-save's ``Err:509``): not applied a second time.

Rows the partner added (no Ref, no member id) become contacts flagged as prospects. Excel's
damage to a phone or id cell is reported but does not stop the outcome: the Ref names the call.
Importing the same file again changes nothing. The whole import is one batch that can be undone.
Each row is checked by :mod:`.row_checking`; those that pass are written by
:mod:`.outcome_writing`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from member_reach.domain.jobs import Progress
from member_reach.services.calls.outcome_writing import (
    CheckedCall,
    RowResult,
    given_back,
    log_calls,
)
from member_reach.services.common.gc_pause import gc_paused
from member_reach.services.common.import_guard import Guard, import_session
from member_reach.services.exchange.partner_assignment import back_from_partner, with_partner
from member_reach.services.exchange.partner_contacts import add_contact
from member_reach.services.exchange.row_checking import check_row
from member_reach.services.exchange.worked_reads import read_for_import
from member_reach.services.imports.file_reading import file_sha256
from member_reach.services.imports.import_history import CONFLICTS_KEY
from member_reach.sheets.partner_layout import NEW_CONTACTS_SHEET
from member_reach.store.database import Database
from member_reach.store.models import ImportBatch
from member_reach.store.models.base import utcnow


@dataclass
class OutcomesReport:
    """What importing a worked file did (or would do, for a dry run)."""

    file: str
    campaign: str = ""
    export_id: int | None = None
    rows: int = 0
    results: list[RowResult] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False
    #: Calls the file reported, back from the partner (see partner_assignment); and the
    #: partner's calls it did not report, still with the partner.
    released: int = 0
    with_partner: int = 0

    def count(self, result: str) -> int:
        """How many rows ended as ``result``."""
        return sum(1 for r in self.results if r.result == result)


def import_outcomes(
    session: Session,
    path: Path,
    now: dt.datetime,
    password: str | None = None,
    dry_run: bool = False,
) -> OutcomesReport:
    """Apply a partner's worked file within ``session`` (the caller commits or rolls back).

    Raises:
        ServiceError: the file cannot be read or is not a member_reach export.
    """
    with gc_paused():  # see gc_pause: a third of the time on 10,000 rows
        return _import_outcomes(session, Path(path), now, password, dry_run)


def _import_outcomes(
    session: Session, path: Path, now: dt.datetime, password: str | None, dry_run: bool
) -> OutcomesReport:
    batch = ImportBatch(kind="outcomes", file_name=path.name, file_sha256=file_sha256(path))
    read, importer = read_for_import(session, path, password, batch, now, dry_run)
    file, (contacts, problem) = read.calls, read.contacts
    added_rows = contacts.rows if contacts is not None else []
    batch.rows_read = len(file.rows) + len(added_rows)
    report = OutcomesReport(
        str(path),
        importer.campaign.name,
        importer.export.id,
        len(file.rows) + len(added_rows) + bool(problem),  # a sheet not read counts as one
        dry_run=dry_run,
    )
    name = path.name
    importer.note_refs(file.rows)
    checked = [check_row(importer, file, row, name) for row in file.rows]
    if problem:  # the sheet is there but cannot be read: said, and the rest still applies
        checked.append(RowResult(0, "", "rejected", problem, NEW_CONTACTS_SHEET))
    if contacts is not None:
        checked += [
            add_contact(importer, contacts, r, name, NEW_CONTACTS_SHEET) for r in added_rows
        ]
    calls = [c for c in checked if isinstance(c, CheckedCall)]
    # A dry run has checked everything a real one would. Writing brings the plain calls back
    # from their partner too (their state as read, the version checked); the others after.
    back = given_back(calls) if dry_run else log_calls(importer, calls, path.name)
    reported = [c.task.id for c in calls if not c.failed and not c.plain]
    report.released = back_from_partner(session, batch.id, reported, dry_run=dry_run, already=back)
    still = with_partner(session, importer.export.id)  # a dry run has brought none back yet
    report.with_partner = still - report.released if dry_run else still
    report.results = [
        c.result() if isinstance(c, CheckedCall) else c for c in checked if c is not None
    ]
    counts = Counter(r.result for r in report.results)
    _count(batch, counts)
    report.batch_id = None if dry_run else batch.id
    if not dry_run and not (counts["applied"] or counts["added"]):
        # Nothing changed: no batch is kept, so it never stands in the way of undoing the
        # import that did apply this file.
        session.delete(batch)
        session.flush()
        report.batch_id = None
    return report


def _count(batch: ImportBatch, counts: Counter[str]) -> None:
    """Put the rows' results on the batch; its conflicts are kept apart too (counted rejected)."""
    batch.inserted, batch.updated = counts["added"], counts["applied"]
    batch.unchanged, batch.rejected = counts["unchanged"], counts["rejected"] + counts["conflict"]
    batch.mapping = {**(batch.mapping or {}), CONFLICTS_KEY: counts["conflict"]}
    batch.finished_at = utcnow()


def run_outcomes_import(
    database: Database,
    path: Path,
    now: dt.datetime,
    password: str | None = None,
    dry_run: bool = False,
    guard: Guard | None = None,
    progress: Progress | None = None,
) -> OutcomesReport:
    """Import a worked file in one transaction; a dry run reports and rolls everything back.

    The transaction holds the database's import lock from its start (see :mod:`import_guard`);
    ``progress`` is told (0, 0) while it waits for another import, and may cancel.
    """
    with import_session(database, progress, guard) as session:
        report = import_outcomes(session, path, now, password, dry_run)
        if dry_run:
            session.rollback()
    return report


__all__ = ["OutcomesReport", "RowResult", "import_outcomes", "run_outcomes_import"]
