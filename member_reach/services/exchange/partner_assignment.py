"""Calls given to a call partner: which may go, the export that gives them, bringing them back.

A partner gets the open calls nobody in the office holds. Left out, and counted by reason so
the director sees why: calls a staff caller holds (reserved), calls with a callback a staff
caller booked (a callback the partner booked goes back to the partner), calls handed off to
staff (an open hand-off of the member on the campaign), calls already with a partner, and calls
assigned to another caller or partner.

:func:`export_to_partner` assigns the best of them to the partner and writes their workbook, in
the transaction of the export's record: a file that cannot be written leaves nothing assigned.
From then on the calls are *with the partner* (``with_export_id``): out of the console and of
the next export (but the partner's own, ``export partner --assignee``) until the worked file
reports them (:func:`back_from_partner`) or they are released (:func:`release_from_partner`).
A call the worked file does not report stays with the partner: partners send the same file
back as they work through it, and a call they have not reached is still theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Select, and_, case, func, select, update
from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_state import refuse_unless_active
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.undo_sets import write_set
from member_reach.services.exchange.exchange_export import (
    IDENTITY,
    ExportResult,
    identity_rows,
    record_partner_export,
    refuse_empty_password,
)
from member_reach.store.bulk import chunks
from member_reach.store.limits import check_text
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    ExportBatch,
    HandOff,
    OutcomeCode,
    Person,
)

#: Why a call still to make cannot go to a partner, in the order they are told.
LEFT_OUT: Final = ("held", "callback", "handed_off", "with_partner", "assigned")
#: The column of earlier calls on the same call, when the director chooses to send it.
EARLIER_CALLS: Final = "Previous call notes"
_EARLIER_MAX: Final = 5  # calls shown in it, the latest first
#: The undo record of a call a worked file brought back from its partner.
PARTNER_RECORD: Final = "partner_call"


@dataclass(frozen=True)
class PartnerChoice:
    """The calls of a campaign that may go to a partner, and those left out, by reason.

    Attributes:
        free: open calls nobody holds or was given.
        assigned: open calls assigned to a caller or partner (not exported yet), per name: a
            partner's own go to it.
        left_out: calls still to make left out whoever the partner, by reason (see
            :data:`LEFT_OUT`; "assigned" is added per partner by :meth:`left_out_for`).
    """

    campaign_id: int
    campaign: str
    free: int
    assigned: Mapping[str, int]
    left_out: Mapping[str, int]

    def available(self, partner: str) -> int:
        """How many calls may go to ``partner``."""
        return self.free + self.assigned.get(_name(partner), 0)

    def left_out_for(self, partner: str) -> dict[str, int]:
        """The calls left out for ``partner``, by reason, in the order of :data:`LEFT_OUT`."""
        others = sum(self.assigned.values()) - self.assigned.get(_name(partner), 0)
        counts = {**self.left_out, "assigned": others}
        return {reason: counts[reason] for reason in LEFT_OUT if counts.get(reason)}


def _name(partner: str) -> str:
    return check_text(" ".join(partner.split()), CallTask.assignee, "partner's name")


def _why_not() -> Any:
    """Why a call still to make cannot go to a partner ("" when it can, but its assignee)."""
    staff_callback = (
        select(CallLog.id)
        .where(
            CallLog.task_id == CallTask.id,
            CallLog.callback_at == CallTask.next_callback,
            CallLog.import_batch_id.is_(None),  # logged in the office, not from a worked file
        )
        .exists()
    )
    handed_off = (
        select(HandOff.id)
        .where(
            HandOff.person_id == CallTask.person_id,
            HandOff.campaign_id == CallTask.campaign_id,
            HandOff.status == "open",
        )
        .exists()
    )
    return case(
        (CallTask.state == "reserved", "held"),
        (CallTask.with_export_id.is_not(None), "with_partner"),
        (handed_off, "handed_off"),
        (and_(CallTask.next_callback.is_not(None), staff_callback), "callback"),
        else_="",
    )


def _still_to_make(campaign_id: int) -> Any:
    return and_(
        CallTask.campaign_id == campaign_id,
        CallTask.state.in_(("open", "reserved")),
        Person.do_not_call.is_(False),
    )


def partner_choice(session: Session, campaign: Campaign) -> PartnerChoice:
    """Count the campaign's calls that may go to a partner, and those left out, by reason."""
    why = (
        select(_why_not().label("why"), CallTask.assignee.label("assignee"))
        .join(Person, Person.id == CallTask.person_id)
        .where(_still_to_make(campaign.id))
        .subquery()
    )
    free, assigned, left_out = 0, dict[str, int](), dict.fromkeys(LEFT_OUT, 0)
    for reason, assignee, count in session.execute(
        select(why.c.why, why.c.assignee, func.count()).group_by(why.c.why, why.c.assignee)
    ):
        if reason:
            left_out[reason] += count
        elif assignee:
            assigned[assignee] = assigned.get(assignee, 0) + count
        else:
            free += count
    return PartnerChoice(campaign.id, campaign.name, free, assigned, left_out)


def left_out_text(left_out: Mapping[str, int]) -> str:
    """``12 left out: 5 held by callers, 4 callbacks booked by staff, 3 handed off to staff``."""
    words = {
        "held": "held by callers",
        "callback": "callbacks booked by staff",
        "handed_off": "handed off to staff",
        "with_partner": "already with a partner",
        "assigned": "assigned to other callers or partners",
    }
    told = [f"{n:,} {words[reason]}" for reason, n in left_out.items() if n]
    if not told:
        return "none left out"
    return f"{sum(left_out.values()):,} left out: {', '.join(told)}"


def partner_calls(campaign_id: int, partner: str) -> Select[*tuple[Any, ...]]:
    """The calls that may go to ``partner``: (ref, reason, person id), the best first."""
    return (
        select(CallTask.ref, CallTask.reason, CallTask.person_id)
        .join(Person, Person.id == CallTask.person_id)
        .where(
            _still_to_make(campaign_id),
            CallTask.state == "open",
            _why_not() == "",
            CallTask.assignee.in_(("", _name(partner))),
        )
        .order_by(CallTask.priority.desc(), CallTask.id)
    )


def _earlier_calls(session: Session, refs: Sequence[str]) -> dict[str, str]:
    """The calls logged on each call so far, the latest first: date, outcome, notes."""
    told: dict[str, list[str]] = {}
    for chunk in chunks(list(refs)):
        for ref, called_at, code, notes in session.execute(
            select(CallTask.ref, CallLog.called_at, OutcomeCode.code, CallLog.notes)
            .join(CallTask, CallTask.id == CallLog.task_id)
            .outerjoin(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .where(CallTask.ref.in_(chunk))
            .order_by(CallLog.called_at.desc(), CallLog.id.desc())
        ):
            lines = told.setdefault(ref, [])
            if len(lines) < _EARLIER_MAX:
                said = " ".join((notes or "").split())
                lines.append(f"{called_at:%Y-%m-%d} {code or ''}{': ' + said if said else ''}")
    return {ref: " | ".join(lines) for ref, lines in told.items()}


def export_to_partner(
    session: Session,
    campaign: Campaign,
    path: Path,
    now: dt.datetime,
    partner: str,
    *,
    count: int | None = None,
    password: str | None = None,
    earlier_calls: bool = False,
    created_by: str = "",
) -> ExportResult:
    """Give ``partner`` the best ``count`` calls nobody holds (all, without) and write them.

    Args:
        session: the unit of work: the export's record and the calls given are written in it,
            before the file (a file not written rolls both back).
        campaign: the campaign.
        path: the .xlsx to write.
        now: the time now (UTC), for the members' local times.
        partner: who the calls go to (their assignee from now on).
        count: how many calls at most, the best first.
        password: encrypt the workbook with this password to open.
        earlier_calls: add a column with the calls logged on each call so far.
        created_by: who exported, for the record.

    Raises:
        ServiceError: no partner name, an empty password, a count below one, no call may go to
            the partner, or the file cannot be written.
    """
    refuse_unless_active(campaign, "exported")
    who = _name(partner)
    if not who:
        raise ServiceError("Give the name of the partner the calls go to.")
    refuse_empty_password(password)
    if count is not None and count < 1:
        raise ServiceError("Give the partner at least one call.")
    rows = identity_rows(session, partner_calls(campaign.id, who).limit(count), now)
    if not rows:
        left = left_out_text(partner_choice(session, campaign).left_out_for(who))
        raise ServiceError(f"{campaign.name} has no open call nobody holds to give {who} ({left}).")
    refs = [row[0] for row in rows]
    columns: tuple[str, ...] = IDENTITY
    if earlier_calls:
        said = _earlier_calls(session, refs)
        rows = [(*row, said.get(row[0], "")) for row in rows]
        columns = (*IDENTITY, EARLIER_CALLS)

    return record_partner_export(
        session,
        campaign,
        path,
        now,
        rows,
        columns=columns,
        assignee=who,
        password=password,
        created_by=created_by,
        before_writing=lambda batch: _give(session, campaign, refs, who, batch.id),
    )


def _give(session: Session, campaign: Campaign, refs: list[str], who: str, export: int) -> None:
    """Assign the calls to the partner, with the export: all of them, or none.

    Raises:
        ServiceError: a caller took one meanwhile (the caller rolls back).
    """
    given = 0
    for chunk in chunks(refs):
        result = session.execute(
            update(CallTask)
            .where(
                CallTask.ref.in_(chunk),
                CallTask.state == "open",
                CallTask.with_export_id.is_(None),
            )
            .values(assignee=who, with_export_id=export, version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )
        given += int(getattr(result, "rowcount", 0) or 0)
    if given != len(refs):
        raise ServiceError(
            f"Calls of {campaign.name} were taken by callers while the export was prepared; "
            "nothing was exported. Export again."
        )


def release_from_partner(
    session: Session, campaign: Campaign, partner: str = "", refs: Sequence[str] = ()
) -> list[str]:
    """Bring calls back from partners: the given ones, or all of ``partner``'s.

    They are no longer assigned: back in the console and the next export.

    Raises:
        ServiceError: neither a partner nor calls are named, or a call named is not with a
            partner (or not with that one); nothing is released then.
    """
    who = _name(partner)
    if not who and not refs:
        raise ServiceError("Name the partner (or the calls) to bring back.")
    statement = select(CallTask.id, CallTask.ref).where(
        CallTask.campaign_id == campaign.id, CallTask.with_export_id.is_not(None)
    )
    if who:
        statement = statement.where(CallTask.assignee == who)
    if refs:
        statement = statement.where(CallTask.ref.in_(list(refs)))
    found = session.execute(statement.order_by(CallTask.id)).all()
    missing = sorted(set(refs) - {ref for _, ref in found})
    if missing:
        where = f"with {who}" if who else "with a partner"
        raise ServiceError(
            f"Not {where} on {campaign.name}: {', '.join(missing)}; nothing was released."
        )
    _back([task_id for task_id, _ in found], session)
    return [ref for _, ref in found]


def release_export(session: Session, export_id: int) -> tuple[str, list[str]]:
    """Bring back the calls still with the partner of a partner export, on its campaign.

    Returns the partner and the calls' references (none: nothing was with them any more).

    Raises:
        ServiceError: the export is not a partner's, or its campaign no longer exists.
    """
    export = session.get(ExportBatch, export_id)
    campaign = session.get(Campaign, export.campaign_id) if export is not None else None
    if export is None or export.kind != "partner" or not export.assignee or campaign is None:
        raise ServiceError(f"Export {export_id} gave no calls to a partner.")
    return export.assignee, release_from_partner(session, campaign, export.assignee)


def _back(task_ids: Sequence[int], session: Session) -> None:
    for chunk in chunks(list(task_ids)):
        session.execute(
            update(CallTask)
            .where(CallTask.id.in_(chunk))
            .values(assignee="", with_export_id=None, version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )


def back_from_partner(
    session: Session,
    batch_id: int,
    task_ids: Sequence[int],
    *,
    dry_run: bool = False,
    already: Sequence[tuple[int, int, str]] = (),
) -> int:
    """Bring back from their partner the calls a worked file reported; return how many.

    They are kept in one undo record (a set of :data:`PARTNER_RECORD`) of the outcomes import
    ``batch_id``: undoing the import gives them back to the partner's export. A dry run only
    counts them. ``already``: calls the import brought back itself (task id, export id,
    partner: see outcome_writing), kept in the same record and counted.
    """
    rows: list[Any] = list(already)
    for chunk in chunks(list(task_ids)):
        rows += session.execute(
            select(CallTask.id, CallTask.with_export_id, CallTask.assignee).where(
                CallTask.id.in_(chunk), CallTask.with_export_id.is_not(None)
            )
        ).all()
    if dry_run:
        return len(rows)
    _back([task_id for task_id, _, _ in rows[len(already) :]], session)
    session.flush()  # the undo records the session holds come first, as they were made
    write_set(  # one record for them all (see undo_sets): mostly one export, one partner
        session.connection(),
        batch_id,
        PARTNER_RECORD,
        ("with_export_id", "assignee"),
        (),
        ((task_id, None, (export_id, assignee), ()) for task_id, export_id, assignee in rows),
    )
    return len(rows)


def with_partner(session: Session, export_id: int) -> int:
    """How many calls are still with the partner of ``export_id``'s file (any of its exports)."""
    export = session.get_one(ExportBatch, export_id)
    return int(
        session.scalar(
            select(func.count(CallTask.id)).where(
                CallTask.campaign_id == export.campaign_id,
                CallTask.with_export_id.is_not(None),
                CallTask.assignee == export.assignee,
            )
        )
        or 0
    )


def still_out(session: Session) -> dict[int, int]:
    """Per partner export, how many of its calls are still with the partner (none: absent)."""
    rows = session.execute(
        select(CallTask.with_export_id, func.count(CallTask.id))
        .where(CallTask.with_export_id.is_not(None))
        .group_by(CallTask.with_export_id)
    )
    return {export: int(count) for export, count in rows if export is not None}
