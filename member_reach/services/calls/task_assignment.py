"""Sharing a campaign's calls among callers: assign, reserve and release.

As CiviCRM does for survey respondents:

* **Assign** hands open, unassigned calls (the most important first) to a staff caller or a
  partner; a partner's export takes the calls assigned to it.
* **Reserve** gives a caller the next calls to make: the most important open calls not assigned
  to someone else. A reservation lasts ``reserve_days`` (setting); expired ones are released
  before any new reservation, so a caller who went home does not keep calls from the others.
* **Release** puts reserved calls back in the pool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from member_reach.services.common.errors import ServiceError
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
from member_reach.store.limits import check_text
from member_reach.store.models import CallTask, Campaign


def release_expired(session: Session, now: dt.datetime) -> int:
    """Put every reservation that ran out back in the pool; return how many."""
    result = session.execute(
        update(CallTask)
        .where(CallTask.state == "reserved", CallTask.reserved_until < now)
        .values(state="open", reserved_until=None, reserved_by="", version=CallTask.version + 1)
        .execution_options(synchronize_session="fetch")  # loaded tasks see the release
    )
    return int(getattr(result, "rowcount", 0) or 0)


def free_for(who: str) -> ColumnElement[bool]:
    """Open calls ``who`` may take: not assigned to someone else, not with a partner."""
    return and_(
        CallTask.state == "open",
        CallTask.with_export_id.is_(None),
        or_(CallTask.assignee == "", CallTask.assignee == who),
    )


#: How many times a share looks again for calls when others took the ones it found.
_ROUNDS = 20


def _take(
    session: Session,
    campaign: Campaign,
    count: int,
    free: ColumnElement[bool],
    values: dict[str, Any],
) -> list[str]:
    """Give up to ``count`` of the campaign's ``free`` calls ``values``, the most important first.

    Each call is taken by an UPDATE that checks again that it is free, so two sessions sharing
    calls at once never take the same one and never fail: the calls another session took
    meanwhile are skipped and the next ones taken instead (on PostgreSQL the second waits for
    the first, then finds them taken). Return the references taken, most important first.
    """
    session.flush()  # the session's own changes first: loaded calls are expired at the end
    taken: list[str] = []
    tried: set[int] = set()
    for _round in range(_ROUNDS):
        wanted = count - len(taken)
        found = session.execute(
            select(CallTask.id, CallTask.ref)
            .where(CallTask.campaign_id == campaign.id, free)
            .order_by(CallTask.priority.desc(), CallTask.id)
            .limit(wanted + len(tried))
        ).all()
        picks = [(i, ref) for i, ref in found if i not in tried][:wanted]
        if not picks:
            break
        tried.update(i for i, _ref in picks)
        got: set[int] = set()
        for ids in chunks([i for i, _ref in picks]):
            got.update(
                session.scalars(
                    update(CallTask)
                    .where(CallTask.id.in_(ids), free)
                    .values(**values, version=CallTask.version + 1)
                    .returning(CallTask.id)
                    .execution_options(synchronize_session=False)
                )
            )
        taken += [ref for i, ref in picks if i in got]
        if len(taken) >= count:
            break
    session.expire_all()  # loaded calls see what was taken
    return taken


def _who(name: str) -> str:
    who = " ".join(name.split())
    if not who:
        raise ServiceError("Give the caller's or partner's name.")
    # Written by bulk UPDATEs, which the flush's length check does not see.
    return check_text(who, CallTask.reserved_by, "caller's or partner's name")


def assign(session: Session, campaign: Campaign, assignee: str, count: int) -> list[str]:
    """Assign up to ``count`` open, unassigned calls to ``assignee``; return their references."""
    who = _who(assignee)
    if count < 1:
        raise ServiceError("Assign at least one call.")
    free = and_(CallTask.state == "open", CallTask.assignee == "")
    return _take(session, campaign, count, free, {"assignee": who})


def reserve(
    session: Session, campaign: Campaign, caller: str, count: int, now: dt.datetime
) -> list[str]:
    """Reserve the next ``count`` calls for ``caller``; return their references."""
    who = _who(caller)
    if count < 1:
        raise ServiceError("Reserve at least one call.")
    release_expired(session, now)
    until = now + dt.timedelta(days=load_settings(session).reserve_days)
    values = {"state": "reserved", "reserved_by": who, "reserved_until": until}
    return _take(session, campaign, count, free_for(who), values)


def release(
    session: Session, campaign: Campaign, caller: str = "", refs: Sequence[str] = ()
) -> list[str]:
    """Release reserved calls: the given ones, or all of ``caller``'s, or all of the campaign's."""
    statement = select(CallTask).where(
        CallTask.campaign_id == campaign.id, CallTask.state == "reserved"
    )
    if refs:
        statement = statement.where(CallTask.ref.in_(list(refs)))
    if caller:
        statement = statement.where(CallTask.reserved_by == _who(caller))
    tasks = list(session.scalars(statement.order_by(CallTask.id)))
    missing = sorted(set(refs) - {t.ref for t in tasks})
    if missing:
        raise ServiceError(
            f"Not reserved on {campaign.name}: {', '.join(missing)}; nothing was released."
        )
    for task in tasks:  # the assignment (a partner's, a caller's) stays
        task.state, task.reserved_by, task.reserved_until = "open", "", None
    session.flush()
    return [t.ref for t in tasks]
