"""The import history: every roster, attendee and outcomes import, newest first.

Each says whether it may be undone now: the latest of its family that is not undone (see
:mod:`.import_undo`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.imports.import_undo import UNDOABLE, undo_families
from member_reach.store.models import ImportBatch


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


def import_history(session: Session, limit: int = 200) -> list[ImportEntry]:
    """The latest ``limit`` imports, newest first (dry runs leave no trace)."""
    batches = session.scalars(
        select(ImportBatch)
        .where(ImportBatch.kind.in_(UNDOABLE), ImportBatch.finished_at.is_not(None))
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    ).all()
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
            )
        )
    return entries


__all__ = ["ImportEntry", "import_history"]
