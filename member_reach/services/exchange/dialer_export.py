"""A dialer's CSV of a campaign's open calls: who to ring, their numbers as a dialer takes them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_state import refuse_unless_active
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import (
    IDENTITY,
    ExportResult,
    identity_rows,
    open_calls,
)
from member_reach.sheets import SheetError
from member_reach.sheets.issues_writer import neutralise
from member_reach.sheets.saving import check_target, saved_whole
from member_reach.store.models import Campaign, ExportBatch

_DIALER: Final = ("Ref", "Member ID", "Name", "Phone", "Other phone", "Time zone", "Why this call")


def _dialable(shown: object) -> str:
    """A phone as a dialer takes it: ``+1 646-555-0100`` → ``+16465550100``."""
    text = str(shown or "")
    if not text.startswith("+"):
        return text
    return "+" + "".join(ch for ch in text if ch.isdigit())


def export_calls_csv(
    session: Session, campaign: Campaign, path: Path, now: dt.datetime, created_by: str = ""
) -> ExportResult:
    """Write a dialer's CSV of the open calls (UTF-8 with BOM, as Excel expects) and record it.

    Every text cell that a spreadsheet would run as a formula is neutralised.

    Raises:
        ServiceError: the file cannot be written, or there is no open call.
    """
    refuse_unless_active(campaign, "exported")
    rows = identity_rows(session, open_calls(campaign.id), now)
    if not rows:
        raise ServiceError(f"{campaign.name} has no open calls to export.")
    picks = [IDENTITY.index(c) for c in _DIALER]
    phones = {IDENTITY.index("Phone"), IDENTITY.index("Other phone")}
    try:
        check_target(path, suffix="")
        with (
            saved_whole(path) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = csv.writer(handle)
            writer.writerow(_DIALER)
            for row in rows:
                writer.writerow(
                    [neutralise(_dialable(row[i]) if i in phones else row[i]) for i in picks]
                )
    except SheetError as exc:
        raise ServiceError(str(exc)) from None
    batch = ExportBatch(
        campaign_id=campaign.id,
        kind="calls",
        created_at=now,
        file_name=path.name,
        created_by=created_by,
        rows=len(rows),
        details={"columns": list(_DIALER)},
    )
    session.add(batch)
    session.flush()
    return ExportResult(batch.id, len(rows), str(path))
