"""Finishing calls still to make because of what another feature learnt about their member.

A roster that flags a member do-not-call closes their calls; a roster that shows a member renewed
finishes their calls on renewal campaigns, as renewed. The use case that owns the transaction
(the roster import) calls these and keeps its own undo record of each call's state before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from member_reach.store.bulk import chunks
from member_reach.store.models import CallLog, CallTask, Campaign

#: A call the roster showed renewed: finished, counted once toward its campaign's goal through
#: the renewal the import detected.
RENEWED: Final = "renewed"
#: Campaign kinds whose calls a renewal answers.
RENEWAL_KINDS: Final = ("renewal", "lapsed")
_STILL_TO_MAKE: Final = ("open", "reserved")


def calls_still_to_make(
    session: Session, person_ids: Sequence[int], kinds: Sequence[str] | None = None
) -> list[Any]:
    """The open or reserved calls of ``person_ids`` (on campaigns of ``kinds``, if given).

    Each row has the task's id, state, attempts, assignee, reserved_by, next_callback,
    reserved_until and person_id. The rows are locked as they are read (PostgreSQL), so a call
    logged meanwhile is not finished over its outcome.
    """
    found: list[Any] = []
    for people in chunks(list(person_ids)):
        statement = (
            select(
                CallTask.id,
                CallTask.state,
                CallTask.attempts,
                CallTask.assignee,
                CallTask.reserved_by,
                CallTask.next_callback,
                CallTask.reserved_until,
                CallTask.person_id,
            )
            .where(CallTask.person_id.in_(people), CallTask.state.in_(_STILL_TO_MAKE))
            .with_for_update(of=CallTask)
        )
        if kinds is not None:
            statement = statement.join(Campaign, Campaign.id == CallTask.campaign_id).where(
                Campaign.kind.in_(tuple(kinds))
            )
        found.extend(session.execute(statement).all())
    return found


def finish_calls(
    session: Session, task_ids: Sequence[int], state: str, now: dt.datetime
) -> dict[int, int]:
    """Put ``task_ids`` in ``state`` (closed, renewed), no longer reserved.

    Returns each call's last call log id (0 if none), so that undoing can tell whether the call
    was logged since.
    """
    last_log: dict[int, int] = {}
    for ids in chunks(list(task_ids)):
        for task_id, log_id in session.execute(
            select(CallLog.task_id, func.max(CallLog.id))
            .where(CallLog.task_id.in_(ids))
            .group_by(CallLog.task_id)
        ):
            last_log[task_id] = log_id
        session.execute(
            update(CallTask)
            .where(CallTask.id.in_(ids))
            .values(
                state=state,
                reserved_by="",
                reserved_until=None,
                updated_at=now,
                version=CallTask.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
    return last_log
