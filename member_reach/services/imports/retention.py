"""Retention: personal data kept only as long as the association's setting says (GDPR).

What is purged once older than ``retention_months`` (default 12):

* the records an import keeps to be undone (people's and calls' values before and after it):
  the import stays in the history, with one ``purged`` record in place of them, and can no
  longer be undone;
* the contact details a partner export keeps to check its worked file (its fingerprints stay:
  a late worked file is still checked, by fingerprint);
* the automatic backups of an SQLite database (``backups/`` beside it).

When: each time a roster import is saved, in its transaction (a failed import purges nothing).
The monthly roster import is when new undo records and backups appear; the app's start is not
the moment, because opening a database (possibly a shared office one, or only to look) should
never write to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dateutil.relativedelta import relativedelta
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
from member_reach.store.database import Database
from member_reach.store.integrity import automatic_backups
from member_reach.store.models import ExportBatch, ImportBatch, ImportChange

#: The table name of the record an import keeps in place of undo records purged.
PURGED: Final = "purged"


@dataclass(frozen=True)
class Purged:
    """What a retention pass removed."""

    imports: int  # imports whose undo records went
    undo_records: int
    exports: int  # partner exports whose kept contact details went
    backups: tuple[Path, ...] = ()


def retention_cutoff(session: Session, now: dt.datetime) -> dt.datetime:
    """The moment before which undo records, export details and backups are purged."""
    return now - relativedelta(months=load_settings(session).retention_months)


def purge_expired(session: Session, now: dt.datetime) -> Purged:
    """Purge undo records and export details older than the retention setting (no commit)."""
    cutoff = retention_cutoff(session, now)
    batches = session.scalars(
        select(ImportBatch.id).where(
            ImportBatch.started_at < cutoff,
            exists().where(
                ImportChange.batch_id == ImportBatch.id, ImportChange.table_name != PURGED
            ),
        )
    ).all()
    records = 0
    for chunk in chunks(list(batches)):
        records += session.execute(
            delete(ImportChange).where(ImportChange.batch_id.in_(chunk))
        ).rowcount  # type: ignore[attr-defined]
    session.add_all(
        ImportChange(batch_id=b, table_name=PURGED, record_id=0, action=PURGED) for b in batches
    )
    exports = 0
    for export in session.scalars(
        select(ExportBatch).where(ExportBatch.created_at < cutoff, ExportBatch.kind == "partner")
    ):
        if export.details.get("identity"):
            export.details = {k: v for k, v in export.details.items() if k != "identity"}
            exports += 1
    session.flush()
    return Purged(len(batches), records, exports)


def purge_old_backups(database: Database, cutoff: dt.datetime) -> tuple[Path, ...]:
    """Delete the automatic backups of an SQLite database taken before ``cutoff`` (UTC)."""
    if not database.is_sqlite or not database.url.database:
        return ()
    gone = []
    for backup in automatic_backups(Path(database.url.database).absolute()):
        taken = dt.datetime.fromtimestamp(backup.stat().st_mtime, dt.UTC).replace(tzinfo=None)
        if taken < cutoff:
            backup.unlink(missing_ok=True)
            gone.append(backup)
    return tuple(gone)


def refuse_if_purged(session: Session, batch: ImportBatch) -> None:
    """Refuse to undo an import whose undo records were purged.

    Raises:
        ServiceError: they were.
    """
    purged = session.scalar(
        select(exists().where(ImportChange.batch_id == batch.id, ImportChange.table_name == PURGED))
    )
    if purged:
        months = load_settings(session).retention_months
        raise ServiceError(
            f"Import {batch.id} ({batch.file_name}) cannot be undone: what it changed was kept "
            f"{months} months (Settings: retention) and has been purged."
        )


__all__ = [
    "PURGED",
    "Purged",
    "purge_expired",
    "purge_old_backups",
    "refuse_if_purged",
    "retention_cutoff",
]
