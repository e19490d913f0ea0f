"""A dry run keeps the rows it read for the apply that follows (the Exchange page's preview,
then Apply); a file saved again since, or opened with another password, is read again, and the
apply checks every row against the database again. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.worked_reads import forget, take
from member_reach.services.imports.file_reading import file_sha256
from member_reach.sheets.crypto import encrypt_file
from member_reach.store.database import Database
from member_reach.store.models import CallLog, OutcomeCode
from tests.services.exchange.test_exchange_import import NOW, apply, fill, refs, state


def _codes_logged(db: Database) -> list[str]:
    with db.session() as s:
        return list(
            s.scalars(
                select(OutcomeCode.code)
                .join(CallLog, CallLog.outcome_code_id == OutcomeCode.id)
                .order_by(CallLog.id)
            )
        )


def test_the_apply_uses_the_rows_its_dry_run_read(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    forget()
    ids = refs(exported)
    worked = fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "voicemail"}})
    key = (file_sha256(worked), None)
    assert take(key, again=True) is None
    assert apply(campaign_db, worked, dry_run=True).count("applied") == 1  # type: ignore[attr-defined]
    kept = take(key, again=True)
    assert kept is not None and [r.outcome for r in kept.calls.rows if r.outcome] == ["voicemail"]
    report = apply(campaign_db, worked)
    assert report.count("applied") == 1  # type: ignore[attr-defined]
    assert take(key, again=True) is None  # given up once applied
    assert _codes_logged(campaign_db) == ["voicemail"]


def test_a_file_saved_again_after_its_dry_run_is_read_again(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "voicemail"}})
    apply(campaign_db, worked, dry_run=True)
    fill(exported, worked, {ids["Ada Lovelace"]: {"Outcome": "renewed"}})  # the same name
    assert apply(campaign_db, worked).count("applied") == 1  # type: ignore[attr-defined]
    assert _codes_logged(campaign_db) == ["renewed"]
    assert state(campaign_db, ids["Ada Lovelace"]) == ("done", 1)


def test_the_apply_checks_the_kept_rows_against_the_database_again(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "voicemail"}})
    assert apply(campaign_db, worked, dry_run=True).count("applied") == 1  # type: ignore[attr-defined]
    with campaign_db.session() as s:  # meanwhile a staff caller finishes the call
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, ids["Ada Lovelace"])
        log_call(s, campaign, task, find_code(s, campaign, "renewed"), NOW, caller="Ann")
    report = apply(campaign_db, worked)
    assert report.count("applied") == 0 and report.count("conflict") == 1  # type: ignore[attr-defined]


def test_rows_kept_with_a_password_are_not_given_without_it(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "locked.xlsx", {ids["Ada Lovelace"]: {"Outcome": "renewed"}})
    encrypt_file(worked, "Renew-2026!")
    preview = apply(campaign_db, worked, password="Renew-2026!", dry_run=True)
    assert preview.count("applied") == 1  # type: ignore[attr-defined]
    with pytest.raises(ServiceError, match="password"):
        apply(campaign_db, worked)
    with pytest.raises(ServiceError, match="password"):
        apply(campaign_db, worked, password="wrong")
    assert apply(campaign_db, worked, password="Renew-2026!").count("applied") == 1  # type: ignore[attr-defined]
