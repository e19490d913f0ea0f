"""When the caller's first waiting call can be rung.

With no call to make now, the console says when the next one comes: the earliest moment one of
the calls it would offer this caller is both ready (its callback time has come, or it was not
tried within :data:`RETRY_AFTER`) and within calling hours where the member is. Members whose
local time cannot be told never become callable by themselves, so they do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from member_reach.domain.calling_hours import local_time_in, next_callable, region_zones
from member_reach.services.calls.task_assignment import free_for
from member_reach.services.common.phone_facts import phones_of
from member_reach.store.bulk import chunks
from member_reach.store.models import CallLog, CallTask, Person

#: A member not reached is tried again after this at the earliest (unless a callback is due).
RETRY_AFTER: dt.timedelta = dt.timedelta(hours=4)
_CHUNK = 200


def _ready_at(
    now: dt.datetime, callback: dt.datetime | None, last: dt.datetime | None
) -> dt.datetime:
    """When a call is ready to offer, calling hours aside (the console's rules)."""
    if callback is not None:
        return max(callback, now)  # a callback waits for its time, and is rung when due
    if last is not None and last > now - RETRY_AFTER:
        return last + RETRY_AFTER
    return now


def first_callable_at(
    session: Session,
    campaign_id: int,
    who: str,
    now: dt.datetime,
    skipped: Collection[int],
    hours: tuple[int, int],
) -> dt.datetime | None:
    """The first time (UTC) one of the caller's waiting calls can be rung; None if none can.

    Args:
        session: the unit of work.
        campaign_id: the campaign worked.
        who: the caller.
        now: the time now (UTC).
        skipped: calls the caller skipped this sitting (not offered again, so not counted).
        hours: the calling hours (from, until), in the member's local time.
    """
    last = (
        select(CallLog.task_id, func.max(CallLog.called_at).label("at"))
        .group_by(CallLog.task_id)
        .subquery()
    )
    statement = (
        select(CallTask.id, CallTask.person_id, Person.region, CallTask.next_callback, last.c.at)
        .join(Person, Person.id == CallTask.person_id)
        .outerjoin(last, last.c.task_id == CallTask.id)
        .where(
            CallTask.campaign_id == campaign_id,
            or_(
                and_(CallTask.state == "reserved", CallTask.reserved_by == who),
                free_for(who),  # not assigned to someone else, not with a partner
            ),
            Person.do_not_call.is_(False),
        )
    )
    if skipped:
        statement = statement.where(CallTask.id.not_in(list(skipped)))
    waiting = sorted(
        (_ready_at(now, callback, at), person_id, region or "")
        for _, person_id, region, callback, at in session.execute(statement)
    )
    best: dt.datetime | None = None
    for chunk in chunks(waiting, _CHUNK):
        if best is not None and chunk[0][0] >= best:
            break  # sorted: nothing later can come sooner
        phones = phones_of(session, [person_id for _, person_id, _ in chunk], keep=False)
        for ready, person_id, region in chunk:
            if best is not None and ready >= best:
                break
            zones = next((p.zones for p in phones.get(person_id, []) if p.e164), ())
            if not local_time_in(ready, zones, region).known:
                continue  # waits for a person to check where the member is
            found = next_callable(ready, region_zones(zones, region), *hours)
            if found is not None and (best is None or found < best):
                best = found
    return best
