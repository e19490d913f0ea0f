"""A campaign's calls as its page lists them, and the names calls can be assigned to.

Each call carries what happened on it so far: the last outcome logged (its label), how many
calls were logged, the callback asked for, and with whom the call is (the partner it went out
to, the caller holding it, the one it is assigned to, or the last who rang).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_detail import TaskLine, campaign_tasks
from member_reach.store.models import CallLog, CallTask, Campaign, ExportBatch, OutcomeCode


@dataclass(frozen=True)
class CallRow:
    """One call of a campaign with what was logged on it.

    Attributes:
        task: the call as :func:`campaign_tasks` reads it (state, assignee, time zone...).
        last_outcome: the label of the last outcome logged, "" before any.
        last_category: that outcome's category ("success", "neutral"...), "" before any.
        attempts: how many calls were logged on it.
        callback_at: when the member asked to be called back (UTC), None when not asked.
        last_caller: who logged the last call, "" before any.
        partner: the partner whose export holds the call, "" when not with a partner.
    """

    task: TaskLine
    last_outcome: str
    last_category: str
    attempts: int
    callback_at: dt.datetime | None
    last_caller: str
    partner: str

    @property
    def with_whom(self) -> str:
        """Who has the call: its partner, the caller holding it, its assignee, the last caller."""
        task = self.task
        if self.partner:
            return self.partner
        if task.state == "reserved" and task.reserved_by:
            return task.reserved_by
        return task.assignee or self.last_caller


@dataclass(frozen=True)
class _Logged:
    attempts: int = 0
    outcome: str = ""
    category: str = ""
    caller: str = ""


def _logged(session: Session, campaign: Campaign) -> dict[str, _Logged]:
    """Per call (its Ref): the calls logged and the last one's outcome and caller."""
    last = (
        select(CallLog.task_id, func.count().label("n"), func.max(CallLog.id).label("last_id"))
        .join(CallTask, CallTask.id == CallLog.task_id)
        .where(CallTask.campaign_id == campaign.id)
        .group_by(CallLog.task_id)
        .subquery()
    )
    rows = session.execute(
        select(
            CallTask.ref,
            last.c.n,
            OutcomeCode.label,
            OutcomeCode.code,
            OutcomeCode.category,
            CallLog.caller,
        )
        .select_from(CallTask)
        .join(last, last.c.task_id == CallTask.id)
        .join(CallLog, CallLog.id == last.c.last_id)
        .outerjoin(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
    )
    return {
        ref: _Logged(n, label or (code or "").replace("_", " ").capitalize(), cat or "", who or "")
        for ref, n, label, code, cat, who in rows
    }


def campaign_calls(
    session: Session, campaign: Campaign, now: dt.datetime | None = None
) -> list[CallRow]:
    """The campaign's calls, the highest priority first, with what was logged on each."""
    logged = _logged(session, campaign)
    extra = {
        ref: (callback, partner or "")
        for ref, callback, partner in session.execute(
            select(CallTask.ref, CallTask.next_callback, ExportBatch.assignee)
            .outerjoin(ExportBatch, ExportBatch.id == CallTask.with_export_id)
            .where(CallTask.campaign_id == campaign.id)
        )
    }
    rows = []
    for task in campaign_tasks(session, campaign, now):
        done = logged.get(task.ref, _Logged())
        callback, partner = extra.get(task.ref, (None, ""))
        rows.append(
            CallRow(
                task=task,
                last_outcome=done.outcome,
                last_category=done.category,
                attempts=done.attempts,
                callback_at=callback,
                last_caller=done.caller,
                partner=(partner or task.assignee) if task.with_partner else "",
            )
        )
    return rows


@dataclass(frozen=True)
class KnownNames:
    """The names calls were given to or logged by, each list sorted and without repeats."""

    callers: tuple[str, ...]
    partners: tuple[str, ...]


def _distinct(values: Iterable[str | None]) -> set[str]:
    return {v.strip() for v in values if v and v.strip()}


def known_names(session: Session) -> KnownNames:
    """Who calls went to before, in every campaign.

    The callers who logged calls in the office, held them or were given them, and the partners
    workbooks went out to (a partner is not listed as a caller too).
    """
    partners = _distinct(
        session.scalars(
            select(ExportBatch.assignee).where(ExportBatch.kind == "partner").distinct()
        )
    )
    staff = select(CallLog.caller).where(CallLog.import_batch_id.is_(None)).distinct()
    callers = _distinct(session.scalars(staff))
    callers |= _distinct(session.scalars(select(CallTask.assignee).distinct()))
    callers |= _distinct(session.scalars(select(CallTask.reserved_by).distinct()))
    folded = {p.casefold() for p in partners}
    return KnownNames(
        callers=tuple(sorted((c for c in callers if c.casefold() not in folded), key=str.casefold)),
        partners=tuple(sorted(partners, key=str.casefold)),
    )
