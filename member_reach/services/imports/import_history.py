"""The import history: every roster, attendee and outcomes import, newest first.

Each says whether it may be undone now: the latest of its family that is not undone (see
:mod:`.import_undo`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.services.imports.import_undo import UNDOABLE, undo_families
from member_reach.store.models import DetectedRenewal, ImportBatch

#: The key of an outcomes import's mapping that keeps its conflicts apart from its rejected rows.
CONFLICTS_KEY = "conflicts"


@dataclass(frozen=True)
class ImportEntry:
    """One import as the history lists it."""

    batch_id: int
    kind: str  # roster, events, outcomes
    file_name: str
    started_at: dt.datetime
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    flagged: int
    undone_at: dt.datetime | None
    can_undo: bool
    renewals: int = 0  # renewals detected (a roster import)
    # An outcomes import's conflicts, counted in ``rejected`` too (None: not kept apart, an
    # import made before they were)
    conflicts: int | None = None


def import_history(session: Session, limit: int = 200) -> list[ImportEntry]:
    """The latest ``limit`` imports, newest first (dry runs leave no trace)."""
    batches = session.scalars(
        select(ImportBatch)
        .where(ImportBatch.kind.in_(UNDOABLE), ImportBatch.finished_at.is_not(None))
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    ).all()
    renewals: dict[int | None, int] = {
        batch_id: count
        for batch_id, count in session.execute(
            select(DetectedRenewal.import_batch_id, func.count())
            .where(DetectedRenewal.import_batch_id.in_([b.id for b in batches]))
            .group_by(DetectedRenewal.import_batch_id)
        )
    }
    blocked: set[str] = set()  # families with a later import not undone
    entries = []
    for batch in batches:
        live = batch.undone_at is None
        can_undo = live and batch.kind not in blocked
        if live:
            blocked.update(k for k in UNDOABLE if batch.kind in undo_families(k))
        entries.append(
            ImportEntry(
                batch.id,
                batch.kind,
                batch.file_name,
                batch.started_at,
                batch.rows_read,
                batch.inserted,
                batch.updated,
                batch.unchanged,
                batch.rejected,
                batch.flagged,
                batch.undone_at,
                can_undo,
                renewals.get(batch.id, 0),
                _conflicts(batch),
            )
        )
    return entries


def _conflicts(batch: ImportBatch) -> int | None:
    value = (batch.mapping or {}).get(CONFLICTS_KEY) if batch.kind == "outcomes" else None
    return value if isinstance(value, int) else None


__all__ = ["CONFLICTS_KEY", "ImportEntry", "import_history"]
