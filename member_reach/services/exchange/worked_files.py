"""The partner's worked files brought back: each outcomes import, and the export it answered.

Read from the import records (a dry run leaves none; a file that applied nothing keeps none):
when, the file, what it applied, its conflicts and rejected rows, and, from the export named in
its mapping, the campaign and workbook it was the answer to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.exchange.outcome_checking import EXPORT_KEY
from member_reach.services.imports.import_history import CONFLICTS_KEY
from member_reach.store.models import Campaign, ExportBatch, ImportBatch


@dataclass(frozen=True)
class WorkedFileEntry:
    """One worked file brought back, as the Exchange page lists it."""

    batch_id: int
    file_name: str
    imported_at: dt.datetime
    applied: int  # outcomes applied
    added: int  # new contacts the partner added
    conflicts: int | None  # None: an import made before conflicts were kept apart
    rejected: int  # rows rejected (conflicts not included, when kept apart)
    unchanged: int
    export_file: str  # the export it answered ("" when not known)
    campaign: str
    exported_at: dt.datetime | None
    undone_at: dt.datetime | None


def worked_files(session: Session, limit: int = 200) -> list[WorkedFileEntry]:
    """The latest worked files brought back, newest first."""
    batches = session.scalars(
        select(ImportBatch)
        .where(ImportBatch.kind == "outcomes", ImportBatch.finished_at.is_not(None))
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    ).all()
    wanted = {_export_id(b) for b in batches} - {None}
    exports: dict[int | None, tuple[str, str, dt.datetime | None]] = {
        export_id: (file_name, campaign or "", created_at)
        for export_id, file_name, campaign, created_at in session.execute(
            select(ExportBatch.id, ExportBatch.file_name, Campaign.name, ExportBatch.created_at)
            .outerjoin(Campaign, Campaign.id == ExportBatch.campaign_id)
            .where(ExportBatch.id.in_(wanted))
        )
    }
    entries = []
    for batch in batches:
        conflicts = (batch.mapping or {}).get(CONFLICTS_KEY)
        conflicts = conflicts if isinstance(conflicts, int) else None
        export_file, campaign, exported_at = exports.get(_export_id(batch), ("", "", None))
        entries.append(
            WorkedFileEntry(
                batch.id,
                batch.file_name,
                batch.started_at,
                batch.updated,
                batch.inserted,
                conflicts,
                batch.rejected - (conflicts or 0),
                batch.unchanged,
                export_file,
                campaign,
                exported_at,
                batch.undone_at,
            )
        )
    return entries


def _export_id(batch: ImportBatch) -> int | None:
    value = (batch.mapping or {}).get(EXPORT_KEY)
    return value if isinstance(value, int) else None
