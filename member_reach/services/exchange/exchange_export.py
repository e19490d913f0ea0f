"""Exporting a campaign's calls: a workbook for a call partner, a CSV for a dialer.

Only what a caller needs leaves the database: who to call, how, when (their local time and the
calling hours), their expiry and membership, the last contact and the reason for the call. No
dues history, no other campaign's notes. People flagged do-not-call are never exported.

Each export is recorded (:class:`ExportBatch`) with, per row, a fingerprint of the identity cells
the partner must not change, so the worked file can be checked row by row when it comes back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Row, Select, func, select, update
from sqlalchemy.orm import Session, aliased

from member_reach.domain.calling_hours import local_time_in
from member_reach.services.campaigns.campaign_state import refuse_unless_active
from member_reach.services.campaigns.campaigns import goal_text
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.person_columns import first_external_id, primary_email
from member_reach.services.common.phone_facts import phones_of
from member_reach.services.common.settings import load_settings
from member_reach.sheets import SheetError
from member_reach.store.bulk import chunks
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    ExportBatch,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
)

#: The identity columns of the partner workbook, in order.
IDENTITY: Final = (
    "Ref",
    "Member ID",
    "Name",
    "Organisation",
    "Phone",
    "Other phone",
    "E-mail",
    "Time zone",
    "Call between",
    "Expiry",
    "Member since",
    "Type",
    "Last contact",
    "Why this call",
)
#: The columns whose change the re-import reports (the fingerprint covers them).
FINGERPRINTED: Final = ("Ref", "Member ID", "Name", "Phone", "Other phone", "E-mail")
KEPT_SEPARATOR: Final = "\x1f"  # joins a call's kept identity cells (see export_partner)
TEXT_COLUMNS: Final = frozenset({"Ref", "Member ID", "Phone", "Other phone"})


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    export_id: int
    rows: int
    file: str


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip().replace(KEPT_SEPARATOR, " ")


def fingerprint(values: Sequence[object]) -> str:
    """A short hash of a row's identity cells, as the partner received them."""
    text = "\x1f".join("" if v is None else str(v).strip() for v in values)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def open_calls(campaign_id: int, assignee: str | None = None) -> Select[*tuple[Any, ...]]:
    """The calls an export takes: open or reserved, never a do-not-call person's, best first.

    Calls with a partner go again only in that partner's file (``assignee``).
    """
    statement = (
        select(CallTask.ref, CallTask.reason, CallTask.person_id)
        .join(Person, Person.id == CallTask.person_id)
        .where(
            CallTask.campaign_id == campaign_id,
            CallTask.state.in_(("open", "reserved")),
            Person.do_not_call.is_(False),
        )
        .order_by(CallTask.priority.desc(), CallTask.id)
    )
    if assignee:
        return statement.where(CallTask.assignee == assignee)
    return statement.where(CallTask.with_export_id.is_(None))


def _people_of(
    session: Session, calls: Select[*tuple[Any, ...]]
) -> Sequence[Row[*tuple[Any, ...]]]:
    """Each call's ref, reason and person id with all its person's cells but the phones.

    Then the member id, name, organisation, whether an organisation, region, e-mail, expiry,
    member since, membership type and last contact. One query: a person has one membership at
    most. Plain rows, read through the connection: no ORM result handling.
    """
    earlier = aliased(CallTask)
    last_contact = (
        select(func.max(CallLog.called_at))
        .join(earlier, earlier.id == CallLog.task_id)
        .where(earlier.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    session.flush()
    return (
        session.connection()
        .execute(
            calls.add_columns(
                first_external_id(),
                Person.display_name,
                Person.organisation,
                Person.is_organisation,
                Person.region,
                primary_email(),
                Membership.term_end,
                Membership.join_date,
                MembershipType.name,
                last_contact,
            )
            .outerjoin(Membership, Membership.person_id == Person.id)
            .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        )
        .all()
    )


def identity_rows(
    session: Session, calls: Select[*tuple[Any, ...]], now: dt.datetime
) -> list[tuple[Any, ...]]:
    """The identity cells of each call's row (see :data:`IDENTITY`).

    Args:
        session: the unit of work.
        calls: a statement selecting the calls' ref, reason and person id, joined to their
            person (:func:`open_calls`).
        now: the time now (UTC), for the members' local times.
    """
    rows = _people_of(session, calls)
    phones = phones_of(session, calls.with_only_columns(CallTask.person_id).order_by(None))
    settings = load_settings(session)
    hours = f"{settings.calling_hours_start:02d}:00–{settings.calling_hours_end:02d}:00"
    places: dict[tuple[tuple[str, ...], str], tuple[str, str]] = {}
    rows_out = []
    for ref, reason, person_id, member_id, name, organisation, is_org, region, email, *rest in rows:
        expiry, since, kind, last = rest
        numbers = phones.get(person_id, [])
        zones = next((p.zones for p in numbers if p.e164), ())
        place = places.get((zones, region))
        if place is None:  # the same for every member with these zones and region
            where = local_time_in(now, zones, region)
            place = (
                (where.zones[0], f"{hours} local")
                if where.known
                else ("unknown: check the number", hours)
            )
            places[(zones, region)] = place
        rows_out.append(
            (
                ref,
                member_id or "",
                name,
                organisation if not is_org else "",
                numbers[0].display if numbers else "",
                numbers[1].display if len(numbers) > 1 else "",
                email or "",
                *place,
                expiry,
                since,
                kind or "",
                last.date() if last is not None else None,
                reason,
            )
        )
    return rows_out


def _brief(campaign: Campaign) -> list[tuple[str, str]]:
    return [
        ("Campaign", campaign.name),
        ("Goal", goal_text(campaign)),
        ("Deadline", campaign.deadline.isoformat() if campaign.deadline else ""),
        ("Why it matters", campaign.why_it_matters),
        ("Talking points", campaign.talking_points),
        ("Questions and answers", campaign.faq),
        ("Warm leads go to", campaign.handoff_owner),
        (
            "New contacts",
            "Someone a call leads you to? Add them on the New contacts sheet: their name, "
            "phone or e-mail, and what came of the call.",
        ),
    ]


def _partner_details(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """What the record of a partner export keeps of its rows, to check the worked file by."""
    positions = [IDENTITY.index(c) for c in FINGERPRINTED]
    return {
        "columns": list(IDENTITY),
        "fingerprints": {r[0]: fingerprint([r[i] for i in positions]) for r in rows},
        # The identity cells as exported: an edit is told from what the partner received,
        # not from what the office changed since. One text per call, the cells joined by
        # KEPT_SEPARATOR: read back twice as fast as a list per call.
        "identity": {
            r[0]: KEPT_SEPARATOR.join([_cell_text(r[i]) for i in positions]) for r in rows
        },
    }


def _codes(session: Session, campaign: Campaign) -> list[tuple[str, str, str]]:
    """The campaign's outcome codes as the workbook lists them: (code, label, category)."""
    codes = session.execute(
        select(OutcomeCode.code, OutcomeCode.label, OutcomeCode.category)
        .where(OutcomeCode.campaign_id == campaign.id, OutcomeCode.retired.is_(False))
        .order_by(OutcomeCode.sort_order, OutcomeCode.id)
    ).all()
    return [(c, label, category) for c, label, category in codes]


def refuse_empty_password(password: str | None) -> None:
    """Refuse an empty password before anything is written (it would protect nothing).

    Raises:
        ServiceError: ``password`` is given but empty (or only spaces).
    """
    if password is not None and not password.strip():
        raise ServiceError("A workbook cannot be encrypted with an empty password: give one.")


def export_partner(
    session: Session,
    campaign: Campaign,
    path: Path,
    now: dt.datetime,
    *,
    assignee: str | None = None,
    password: str | None = None,
    created_by: str = "",
) -> ExportResult:
    """Write the partner workbook of a campaign's open calls and record the export.

    Args:
        session: the unit of work (the export record is added to it).
        campaign: the campaign.
        path: the .xlsx to write.
        now: the time now (UTC), for the members' local times.
        assignee: only the calls assigned to this partner (default: every open call not with
            a partner). The calls with that partner are with this newer file from now on.
        password: encrypt the workbook with this password to open.
        created_by: who exported, for the record.

    Raises:
        ServiceError: the password is empty, the file cannot be written, or there is no open
            call to export.
    """
    refuse_empty_password(password)
    refuse_unless_active(campaign, "exported")
    rows = identity_rows(session, open_calls(campaign.id, assignee), now)
    if not rows:
        who = f" assigned to {assignee}" if assignee else ""
        raise ServiceError(f"{campaign.name} has no open calls{who} to export.")

    def follow(batch: ExportBatch) -> None:  # the partner's calls are in its newest file now
        for refs in chunks([r[0] for r in rows]):
            session.execute(
                update(CallTask)
                .where(CallTask.ref.in_(refs), CallTask.with_export_id.is_not(None))
                .values(with_export_id=batch.id, version=CallTask.version + 1)
                .execution_options(synchronize_session=False)
            )

    return record_partner_export(
        session,
        campaign,
        path,
        now,
        rows,
        assignee=assignee or "",
        password=password,
        created_by=created_by,
        before_writing=follow if assignee else None,
    )


def record_partner_export(
    session: Session,
    campaign: Campaign,
    path: Path,
    now: dt.datetime,
    rows: list[tuple[Any, ...]],
    *,
    columns: Sequence[str] = IDENTITY,
    assignee: str = "",
    password: str | None = None,
    created_by: str = "",
    before_writing: Callable[[ExportBatch], None] | None = None,
) -> ExportResult:
    """Record a partner export of ``rows`` (cells under ``columns``) and write its workbook.

    ``before_writing`` runs once the export is recorded, before the file is written: what it
    changes is rolled back with the record when the file cannot be written.

    Raises:
        ServiceError: the file cannot be written or encrypted.
    """
    # openpyxl is loaded by the first export, not with the pages that offer one.
    from member_reach.sheets.partner_workbook import PartnerExport, write_partner_workbook

    batch = ExportBatch(
        campaign_id=campaign.id,
        kind="partner",
        created_at=now,
        file_name=path.name,
        created_by=created_by,
        assignee=assignee,
        rows=len(rows),
        details=_partner_details(rows),
    )
    batch.details["columns"] = list(columns)
    session.add(batch)
    session.flush()
    if before_writing is not None:
        before_writing(batch)
    export = PartnerExport(
        export_id=batch.id,
        campaign_id=campaign.id,
        campaign=campaign.name,
        columns=tuple(columns),
        rows=rows,
        codes=_codes(session, campaign),
        brief=_brief(campaign),
        text_columns=TEXT_COLUMNS,
    )
    try:  # encrypted before it takes its name; an empty password is refused, never ignored
        write_partner_workbook(path, export, password)
    except SheetError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None
    return ExportResult(batch.id, len(rows), str(path))


@dataclass(frozen=True)
class ExportEntry:
    """One export as the Exchange page lists it."""

    export_id: int
    campaign: str
    kind: str  # partner, calls, results
    file_name: str
    created_at: dt.datetime
    assignee: str
    rows: int


def list_exports(session: Session, limit: int = 200) -> list[ExportEntry]:
    """The latest exports, newest first."""
    rows = session.execute(
        select(
            ExportBatch.id,
            Campaign.name,
            ExportBatch.kind,
            ExportBatch.file_name,
            ExportBatch.created_at,
            ExportBatch.assignee,
            ExportBatch.rows,
        )
        .outerjoin(Campaign, Campaign.id == ExportBatch.campaign_id)
        .order_by(ExportBatch.id.desc())
        .limit(limit)
    )
    return [ExportEntry(i, c or "", k, f, at, a or "", n) for i, c, k, f, at, a, n in rows]
