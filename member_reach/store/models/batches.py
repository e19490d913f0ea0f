"""Records of files in and out (with what they changed), renewals, mapping profiles, settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from member_reach.store.models.base import Base, utcnow


class ImportBatch(Base):
    """One file imported: what it was, how it was mapped, what it counted."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # roster, events, outcomes
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    sheet: Mapped[str] = mapped_column(default="")
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    rows_read: Mapped[int] = mapped_column(default=0)
    inserted: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    flagged: Mapped[int] = mapped_column(default=0)
    undone_at: Mapped[dt.datetime | None]

    changes: Mapped[list[ImportChange]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="ImportChange.id"
    )


class ImportChange(Base):
    """One row's change by an import: enough to undo the batch."""

    __tablename__ = "import_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int | None]
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(8))  # insert, update, delete
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]

    batch: Mapped[ImportBatch] = relationship(back_populates="changes")


class ImportedRow(Base):
    """A roster row as it was last imported: a hash of its cells and the person it became.

    Lets a re-import skip rows that did not change since (see services.imports.pipeline); a
    person's rows of their latest import are the ones that count. Undoing a batch deletes its
    rows, so the hashes of the import before it count again.
    """

    __tablename__ = "imported_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    row_hash: Mapped[str] = mapped_column(String(32))


class ExportBatch(Base):
    """One file written for a partner, a dialer or the board."""

    __tablename__ = "export_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # partner, calls, results
    file_name: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    assignee: Mapped[str] = mapped_column(String(120), default="")
    rows: Mapped[int] = mapped_column(default=0)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DetectedRenewal(Base):
    """A term extension: expiry moved forward between two imports, or a logged renewal."""

    __tablename__ = "detected_renewal"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    old_term_end: Mapped[dt.date | None]
    new_term_end: Mapped[dt.date]
    detected_on: Mapped[dt.date]
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    last_contact_at: Mapped[dt.datetime | None]
    # The dues the roster states for the new term, when it has a dues column.
    dues: Mapped[Decimal | None]


class MappingProfile(Base):
    """A saved column mapping, found again by the fingerprint of a file's headers."""

    __tablename__ = "mapping_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    header_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    date_order: Mapped[str] = mapped_column(String(3), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Setting(Base):
    """One association-wide setting (declared in domain.settings_registry), as JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
