"""The call console: a staff caller's next call, and the outcome they log.

**The next call** is, in this order:

1. the call the caller already holds (reserved by them and not yet logged): they pick up where
   they left off;
2. a callback that is due (its time has come), the earliest first;
3. the most important open call not assigned to someone else.

A member not reached (no answer, voicemail, busy) is tried again after :data:`RETRY_AFTER` at
the earliest, and a callback not before its time. Only people it is now calling hours for are
offered (the member's local time, from their phone
and address; see :mod:`member_reach.domain.calling_hours`): a member whose zone cannot be told,
or who has no number to dial, waits for a person to look at them on the campaign's page. Calls
to people flagged do-not-call are never offered. The call offered is reserved for the caller
(``reserve_days``), so two callers never ring the same member; skipping it releases it.

:class:`CallsWaiting` says why there is no call to make now: none left, or how many wait for
their local calling hours or a later callback, and when the first of them can be rung. One step
at the console (log or skip, then the next call) is :func:`.console_turns.take_turn`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Exists, Select, and_, func, or_, select, update
from sqlalchemy.orm import Session

from member_reach.domain.calling_hours import (
    callable_now,
    local_time_in,
    suggested_callback,
    utc_to_wall_time,
)
from member_reach.services.calls.calls import LoggedCall, find_code, log_call, zone_of
from member_reach.services.calls.console_waiting import RETRY_AFTER, first_callable_at
from member_reach.services.calls.task_assignment import free_for, release_expired
from member_reach.services.campaigns.campaign_state import refuse_unless_active
from member_reach.services.campaigns.campaigns import goal_text, list_campaigns
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.phone_facts import phones_of
from member_reach.services.common.settings import load_settings
from member_reach.store.bulk import chunks
from member_reach.store.limits import check_text
from member_reach.store.models import CallLog, CallTask, Campaign, OutcomeCode, Person

_SCAN: int = 200  # candidates read at a time, best first, until one may be called now


@dataclass(frozen=True)
class ConsoleCode:
    """An outcome the caller can choose."""

    code: str
    label: str
    category: str
    creates_handoff: bool
    asks_callback: bool = False  # logging it needs the time to call back


@dataclass(frozen=True)
class ConsoleCampaign:
    """A campaign as the console offers it: its brief and outcome codes."""

    campaign_id: int
    name: str
    goal: str
    deadline: dt.date | None
    why_it_matters: str
    talking_points: str
    faq: str
    handoff_owner: str
    codes: tuple[ConsoleCode, ...]


@dataclass(frozen=True)
class ConsoleCall:
    """The call to make now.

    Attributes:
        task_id, ref: the call.
        person_id, name: who to ring.
        phones: their numbers as shown, the primary first.
        local_time: their local time now ("14:05"), zone: its zone.
        reason: why this call (from the campaign's ranking).
        attempts: calls made on it so far.
        callback_due: the callback asked for, when this is one.
        resumed: the caller already held this call.
        callback_slot: a sensible time to call back, should they ask (UTC).
    """

    task_id: int
    ref: str
    person_id: int
    name: str
    phones: tuple[str, ...]
    local_time: str
    zone: str
    reason: str
    attempts: int
    callback_due: dt.datetime | None
    resumed: bool
    callback_slot: dt.datetime | None = None


@dataclass(frozen=True)
class CallsWaiting:
    """Why there is no call to make now."""

    open_calls: int  # still to make on this campaign (for anyone)
    outside_hours: int  # for this caller, but not calling hours where the member is
    unknown_time: int  # for this caller, but where the member is (so their time) is unknown
    callbacks_later: int  # callbacks asked for a later time
    held_by_others: int  # reserved by other callers
    tried_recently: int = 0  # tried within RETRY_AFTER without an answer or a callback due
    for_others: int = 0  # assigned to another caller or a partner
    do_not_call: int = 0  # to people since flagged do-not-call
    skipped: int = 0  # skipped by this caller this sitting
    next_at: dt.datetime | None = None  # when the first waiting call can be rung (UTC)


def active_campaigns(session: Session) -> list[tuple[int, str, int]]:
    """(id, name, calls still to make) of the active campaigns, newest first."""
    return [
        (c.campaign_id, c.name, c.open_tasks)
        for c in list_campaigns(session)
        if c.status == "active"
    ]


def console_campaign(session: Session, campaign: Campaign) -> ConsoleCampaign:
    """The campaign's brief and outcome codes."""
    codes = session.scalars(
        select(OutcomeCode)
        .where(OutcomeCode.campaign_id == campaign.id, OutcomeCode.retired.is_(False))
        .order_by(OutcomeCode.sort_order, OutcomeCode.id)
    )
    return ConsoleCampaign(
        campaign.id,
        campaign.name,
        goal_text(campaign),
        campaign.deadline,
        campaign.why_it_matters,
        campaign.talking_points,
        campaign.faq,
        campaign.handoff_owner,
        tuple(
            ConsoleCode(c.code, c.label, c.category, c.creates_handoff, c.asks_callback)
            for c in codes
        ),
    )


def _who(caller: str) -> str:
    who = " ".join(caller.split())
    if not who:
        raise ServiceError("Give your name in Settings › This computer before making calls.")
    return check_text(who, CallTask.reserved_by, "caller's name")


def console_call(
    session: Session, task: CallTask, now: dt.datetime, *, resumed: bool
) -> ConsoleCall:
    """``task`` as the console shows it (numbers, local time, reason, attempts)."""
    person = task.person
    numbers = phones_of(session, [person.id], keep=False).get(person.id, [])
    zone = zone_of(numbers, person.region or "", now)
    settings = load_settings(session)
    slot = suggested_callback(now, zone, settings.calling_hours_start, settings.calling_hours_end)
    return ConsoleCall(
        task.id,
        task.ref,
        person.id,
        person.display_name,
        tuple(p.display for p in numbers),
        f"{utc_to_wall_time(now, zone):%H:%M}" if zone else "",
        zone,
        task.reason,
        task.attempts,
        task.next_callback,
        resumed,
        slot,
    )


def next_call(
    session: Session,
    campaign: Campaign,
    caller: str,
    now: dt.datetime,
    skipped: Collection[int] = (),
) -> ConsoleCall | CallsWaiting:
    """Reserve and return the caller's next call, or say why there is none now.

    Args:
        session: the unit of work.
        campaign: the campaign worked.
        caller: who calls (the name set on this computer).
        now: the time now (UTC).
        skipped: calls the caller skipped this sitting: not offered again.

    Raises:
        ServiceError: no caller name.
    """
    refuse_unless_active(campaign, "given to callers")
    who = _who(caller)
    release_expired(session, now)
    settings = load_settings(session)
    hours = (settings.calling_hours_start, settings.calling_hours_end)
    tried = (
        select(CallLog.id)
        .where(CallLog.task_id == CallTask.id, CallLog.called_at > now - RETRY_AFTER)
        .exists()
    )
    statement = _candidates(campaign, who, now, tried, skipped)
    outside = unknown = 0
    until = now + dt.timedelta(days=settings.reserve_days)
    for chunk in chunks(session.execute(statement).all(), _SCAN):
        phones = phones_of(session, [person_id for _, person_id, _, _ in chunk], keep=False)
        for task_id, person_id, region, state in chunk:
            zones = next((p.zones for p in phones.get(person_id, []) if p.e164), ())
            place = local_time_in(now, zones, region or "")
            if not place.known:
                unknown += 1
            elif not callable_now(now, place.zones, *hours):
                outside += 1
            elif state == "reserved" or _reserve(session, task_id, who, until):
                task = session.get_one(CallTask, task_id, populate_existing=True)  # as reserved
                return console_call(session, task, now, resumed=state == "reserved")
    waiting = _waiting(session, campaign, who, now, tried)
    first = first_callable_at(session, campaign.id, who, now, skipped, hours)
    return replace(
        waiting, outside_hours=outside, unknown_time=unknown, skipped=len(skipped), next_at=first
    )


def _candidates(
    campaign: Campaign, who: str, now: dt.datetime, tried: Exists, skipped: Collection[int]
) -> Select[int, int, str, str]:
    """The calls the caller may be offered, best first: (task id, person id, region, state)."""
    held = and_(CallTask.state == "reserved", CallTask.reserved_by == who)
    free = free_for(who)  # not assigned to someone else, not with a partner
    callback_due = and_(CallTask.next_callback.is_not(None), CallTask.next_callback <= now)
    statement = (
        select(CallTask.id, CallTask.person_id, Person.region, CallTask.state)
        .join(Person, Person.id == CallTask.person_id)
        .where(
            CallTask.campaign_id == campaign.id,
            or_(held, free),
            Person.do_not_call.is_(False),
            or_(CallTask.next_callback.is_(None), CallTask.next_callback <= now),
            or_(callback_due, ~tried),  # not tried again within hours, unless called back
        )
        .order_by(
            CallTask.state != "reserved",  # the call the caller holds first
            CallTask.next_callback.is_(None),  # then due callbacks
            CallTask.next_callback,
            CallTask.priority.desc(),
            CallTask.id,
        )
    )
    if skipped:
        statement = statement.where(CallTask.id.not_in(list(skipped)))
    return statement


def held_call(
    session: Session, campaign: Campaign, task_id: int, caller: str, now: dt.datetime
) -> ConsoleCall | None:
    """The call the caller holds, read again after its member's details changed.

    None when it is no longer theirs (closed by a do-not-call, released, taken over).
    """
    task = session.get(CallTask, task_id)
    if (
        task is None
        or task.campaign_id != campaign.id
        or task.state != "reserved"
        or task.reserved_by != _who(caller)
    ):
        return None
    return console_call(session, task, now, resumed=True)


def _reserve(session: Session, task_id: int, who: str, until: dt.datetime) -> bool:
    """Reserve a call if it is still open: False when another caller took it meanwhile.

    The update itself checks the state, so two callers asking at once never both get it (on
    PostgreSQL the second waits for the first and then finds it taken).
    """
    taken = session.execute(
        update(CallTask)
        .where(CallTask.id == task_id, CallTask.state == "open")
        .values(
            state="reserved", reserved_by=who, reserved_until=until, version=CallTask.version + 1
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(taken, "rowcount", 0))


def _waiting(
    session: Session, campaign: Campaign, who: str, now: dt.datetime, tried: Exists
) -> CallsWaiting:
    def count(*where: Any) -> int:
        statement = (
            select(func.count(CallTask.id))
            .join(Person, Person.id == CallTask.person_id)
            .where(CallTask.campaign_id == campaign.id, *where)
        )
        return int(session.scalar(statement) or 0)

    to_make = CallTask.state.in_(("open", "reserved"))
    callable_ = Person.do_not_call.is_(False)
    return CallsWaiting(
        open_calls=count(to_make),
        outside_hours=0,
        unknown_time=0,
        callbacks_later=count(to_make, callable_, CallTask.next_callback > now),
        held_by_others=count(CallTask.state == "reserved", CallTask.reserved_by != who),
        tried_recently=count(
            CallTask.state == "open",
            callable_,
            or_(CallTask.next_callback.is_(None), CallTask.next_callback <= now),
            tried,
        ),
        for_others=count(CallTask.state == "open", CallTask.assignee.not_in(("", who))),
        do_not_call=count(to_make, Person.do_not_call.is_(True)),
    )


def _held(session: Session, campaign: Campaign, task_id: int, who: str) -> CallTask:
    task = session.get(CallTask, task_id)
    if task is None or task.campaign_id != campaign.id:
        raise ServiceError("That call is no longer on this campaign; take the next call.")
    if task.state != "reserved" or task.reserved_by != who:
        raise ServiceError(
            f"The call to {task.person.display_name} is no longer yours "
            f"(it is {task.state}{' by ' + task.reserved_by if task.reserved_by else ''}); "
            "take the next call."
        )
    return task


def log_console_call(
    session: Session,
    campaign: Campaign,
    task_id: int,
    code: str,
    now: dt.datetime,
    *,
    caller: str,
    notes: str = "",
    callback_at: dt.datetime | None = None,
    amount: Decimal | None = None,
) -> LoggedCall:
    """Log the outcome of the call the caller holds.

    Raises:
        ServiceError: the call is no longer theirs, the code is unknown, or a callback is asked
            for a time already past.
        CallConflict: someone changed the call meanwhile.
    """
    who = _who(caller)
    task = _held(session, campaign, task_id, who)
    if callback_at is not None and callback_at <= now:
        raise ServiceError("The callback time has already passed: choose a later one.")
    return log_call(
        session,
        campaign,
        task,
        find_code(session, campaign, code),
        now,
        caller=who,
        notes=notes.strip(),
        callback_at=callback_at,
        amount_promised=amount,
    )


def skip_call(session: Session, campaign: Campaign, task_id: int, caller: str) -> None:
    """Put the call the caller holds back for someone else (or later)."""
    task = _held(session, campaign, task_id, _who(caller))
    task.state, task.reserved_by, task.reserved_until = "open", "", None
    session.flush()
