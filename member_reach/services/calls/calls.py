"""Working the calls: logging an outcome, with what each outcome does to the task and person.

* Every call is a :class:`CallLog`; the task counts its attempts.
* A success, negative or do-not-call outcome finishes the task (state ``done``); a positive one
  too, and when its code hands off, a :class:`HandOff` to the campaign's owner is due in
  ``handoff_days``. A neutral outcome keeps the task open; a callback sets the next call; after
  ``max_unanswered`` unanswered attempts the task closes.
* A do-not-call outcome flags the person everywhere: their other open tasks close too.
* An amount goes with a success (dues paid on the call) or a positive outcome (pledged); with
  any other outcome nothing is logged.
* Two people logging on one task at once never lose an update: the task's version is checked
  when it is written, and the second gets :class:`CallConflict` ("changed by Ann at 14:05").
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from member_reach.domain.calling_hours import local_time_in, wall_time_to_utc
from member_reach.domain.remedies import Remedy
from member_reach.domain.values import record_number
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.phone_facts import ShownPhone, phones_of
from member_reach.services.common.settings import AssociationSettings, load_settings
from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    ExternalId,
    HandOff,
    OutcomeCode,
    Person,
)

FINISHING = frozenset({"success", "positive", "negative", "do-not-call"})
#: The outcomes that take an amount: dues paid on the call (success), or pledged (positive).
WITH_AMOUNT = frozenset({"success", "positive"})
_AMOUNT_LIMIT = Decimal("1e10")  # as the database holds it: Numeric(12, 2)


class CallConflict(ServiceError):
    """Someone else changed the task first; ``str()`` says who and when."""


@dataclass(frozen=True)
class LoggedCall:
    """What logging one call did."""

    task_ref: str
    person_id: int
    code: str
    category: str
    attempts: int
    state: str
    handoff_id: int | None = None
    call_log_id: int | None = None


def find_code(
    session: Session, campaign: Campaign, code: str, *, retired_ok: bool = False
) -> OutcomeCode:
    """The campaign's outcome code ``code`` (ignoring case and spaces).

    A retired code is refused unless ``retired_ok`` (a worked file of an export made while it
    was offered).

    Raises:
        ServiceError: no such code (the message suggests the closest ones), or it is retired.
    """
    codes = list(session.scalars(select(OutcomeCode).where(OutcomeCode.campaign_id == campaign.id)))
    wanted = "_".join(code.lower().replace("-", " ").split())
    for candidate in codes:
        if candidate.code.lower() == wanted or candidate.label.lower() == code.strip().lower():
            if candidate.retired and not retired_ok:
                raise ServiceError(
                    f"'{candidate.code}' is retired on {campaign.name}: choose another outcome."
                )
            return candidate
    names = [c.code for c in codes if not c.retired]
    close = difflib.get_close_matches(wanted, names, n=2, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise ServiceError(
        f"'{code}' is not an outcome of {campaign.name}: {hint}its codes are {', '.join(names)}."
    )


def find_task(session: Session, campaign: Campaign, member: str) -> CallTask:
    """The campaign's task for a member given by number, member id or task reference.

    Raises:
        ServiceError: the member is not on the campaign.
    """
    text = member.strip()
    found = session.scalar(
        select(CallTask).where(CallTask.campaign_id == campaign.id, CallTask.ref == text)
    )
    if found is None:  # the AMS's member id before our own number: "7" is member 7's id
        found = session.scalar(
            select(CallTask)
            .join(ExternalId, ExternalId.person_id == CallTask.person_id)
            .where(
                CallTask.campaign_id == campaign.id, func.lower(ExternalId.value) == text.lower()
            )
            .limit(1)
        )
    if found is None and (number := record_number(text)) is not None:
        found = session.scalar(
            select(CallTask).where(
                CallTask.campaign_id == campaign.id, CallTask.person_id == number
            )
        )
    if found is None:
        raise ServiceError(
            f"'{text}' is not on campaign {campaign.name}: give the Ref, Member ID or member "
            "number of one of its calls, as the campaign's calls on the Campaigns page show them.",
            remedy=Remedy.LOOK_UP_CALL,
        )
    return found


def amount_problem(code: OutcomeCode, amount: Decimal | None) -> str:
    """Why ``amount`` cannot go with an outcome of ``code``, or "" when it can (or is None).

    An amount is what the member paid on the call (a success outcome) or pledged (positive),
    never less than nothing.
    """
    if amount is None:
        return ""
    if not amount.is_finite() or amount >= _AMOUNT_LIMIT:
        return f"an amount is under {_AMOUNT_LIMIT:,.2f}"
    if amount < 0:
        return f"an amount cannot be less than nothing ({amount:,.2f})"
    if code.category not in WITH_AMOUNT:
        return (
            f"an amount goes with a success or positive outcome (dues paid or pledged); "
            f"'{code.code}' is {code.category}"
        )
    return ""


def _unanswered(session: Session, task: CallTask) -> int:
    return (
        session.scalar(
            select(func.count(CallLog.id))
            .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
            .where(CallLog.task_id == task.id, OutcomeCode.answered.is_(False))
        )
        or 0
    )


def _last_change(session: Session, task_id: int) -> str:
    """Who changed a task and when: "by Ann at 14:05" for Ann's call, else "at 14:05"."""
    changed = session.execute(
        select(CallTask.updated_at).where(CallTask.id == task_id)
    ).scalar_one_or_none()
    row = session.execute(
        select(CallLog.caller, CallLog.called_at)
        .where(CallLog.task_id == task_id)
        .order_by(CallLog.called_at.desc(), CallLog.id.desc())
        .limit(1)
    ).first()
    if row is not None and row[0] and row[1] == changed:
        return f"by {row[0]} at {row[1]:%H:%M}"
    return f"at {changed:%H:%M}" if changed is not None else "by someone else"


def _refuse_unloggable(
    campaign: Campaign, task: CallTask, code: OutcomeCode, callback_at: dt.datetime | None
) -> None:
    """Refuse a call already finished, and an outcome that asks for a callback without one."""
    if task.in_control:
        raise ServiceError(
            f"{task.person.display_name} is in {campaign.name}'s control group: kept uncalled so "
            "the report can tell what the calls changed. Nothing was logged; log the call on "
            "another campaign if they were called anyway."
        )
    if task.state in ("done", "closed"):
        raise ServiceError(
            f"The call to {task.person.display_name} on {campaign.name} is already {task.state}; "
            "nothing was logged."
        )
    if code.asks_callback and callback_at is None:
        raise ServiceError(
            f"“{code.label or code.code}” needs the time to call back (call {task.ref}): give it; "
            "nothing was logged.",
            remedy=Remedy.GIVE_CALLBACK,
        )


def log_call(
    session: Session,
    campaign: Campaign,
    task: CallTask,
    code: OutcomeCode,
    now: dt.datetime,
    *,
    caller: str = "",
    notes: str = "",
    callback_at: dt.datetime | None = None,
    amount_promised: Decimal | None = None,
    import_batch_id: int | None = None,
    settings: AssociationSettings | None = None,
) -> LoggedCall:
    """Log one call on ``task`` and apply what its outcome means (see the module docstring).

    The task must have been read in this session; if another session changed it since, nothing
    is written and :class:`CallConflict` says who changed it and when.

    Raises:
        CallConflict: the task changed meanwhile.
        ServiceError: the task is already finished, its outcome asks for a callback and none
            is given, or ``amount_promised`` does not go with the outcome (see
            :func:`amount_problem`).
    """
    if problem := amount_problem(code, amount_promised):
        raise ServiceError(f"{problem[0].upper()}{problem[1:]}: nothing was logged.")
    _refuse_unloggable(campaign, task, code, callback_at)
    refuse_if_reserved_by_another(task, caller, now)
    settings = settings or load_settings(session)  # an import reads them once for all its rows
    state = state_after(task.state, code, _unanswered(session, task), settings.max_unanswered)
    # The task is written first: a conflict leaves nothing of this call written and the rest
    # of the session's work untouched.
    _write_task(session, task, state, callback_at, now)
    log = CallLog(
        task_id=task.id,
        called_at=now,
        caller=caller,
        outcome_code_id=code.id,
        notes=notes,
        callback_at=callback_at,
        amount_promised=amount_promised,
        import_batch_id=import_batch_id,
    )
    session.add(log)
    session.flush()
    handoff = _after_effects(session, campaign, task, code, log, now, settings)
    return LoggedCall(
        task.ref,
        task.person_id,
        code.code,
        code.category,
        task.attempts,
        task.state,
        handoff,
        log.id,
    )


def _write_task(
    session: Session,
    task: CallTask,
    state: str,
    callback_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    """Count the call on its task, checked against the version this session read.

    The task is then read back as written.

    Raises:
        CallConflict: another session changed the task since; nothing was written.
    """
    written = session.execute(
        update(CallTask)
        .where(CallTask.id == task.id, CallTask.version == task.version)
        .values(
            state=state,
            attempts=CallTask.attempts + 1,
            reserved_until=None,
            reserved_by="",
            next_callback=callback_at,
            updated_at=now,
            version=CallTask.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(written, "rowcount", 0):
        raise CallConflict(
            f"The call to this member was changed {_last_change(session, task.id)}; "
            "reload it and log again."
        )
    session.expire(task)  # read back what was just written


def state_after(state: str, code: OutcomeCode, unanswered_before: int, max_unanswered: int) -> str:
    """A task's state after a call with ``code`` (see the module docstring).

    ``unanswered_before`` counts the task's unanswered calls before this one.
    """
    if code.category in FINISHING:
        return "done"
    if not code.answered and unanswered_before + 1 >= max_unanswered:
        return "closed"
    return "open" if state == "reserved" else state  # a call ends a reservation


def refuse_if_reserved_by_another(task: CallTask, caller: str, now: dt.datetime) -> None:
    """Refuse a call on a task another caller reserved and still holds.

    Raises:
        ServiceError: says who holds it and until when.
    """
    until = task.reserved_until
    if (
        task.state == "reserved"
        and task.reserved_by not in ("", caller)
        and until is not None
        and until > now
    ):
        raise ServiceError(
            f"The call to {task.person.display_name} is reserved by {task.reserved_by} until "
            f"{until.day} {until:%b %H:%M}; ask them, or release it first."
        )


def _after_effects(
    session: Session,
    campaign: Campaign,
    task: CallTask,
    code: OutcomeCode,
    log: CallLog,
    now: dt.datetime,
    settings: AssociationSettings,
) -> int | None:
    if code.category == "do-not-call":
        session.execute(update(Person).where(Person.id == task.person_id).values(do_not_call=True))
        session.execute(
            update(CallTask)
            .where(
                CallTask.person_id == task.person_id,
                CallTask.id != task.id,
                CallTask.state.in_(("open", "reserved")),
            )
            .values(state="closed", version=CallTask.version + 1)
        )
    if code.creates_handoff:
        handoff = HandOff(
            call_log_id=log.id,
            person_id=task.person_id,
            campaign_id=campaign.id,
            owner=campaign.handoff_owner or log.caller or "unassigned",
            due_on=now.date() + dt.timedelta(days=settings.handoff_days),
            notes=log.notes,
        )
        session.add(handoff)
        session.flush()
        return handoff.id
    return None


def zone_of(numbers: Sequence[ShownPhone], region: str, now: dt.datetime) -> str:
    """The member's time zone from their first certain number and address ("" when unknown)."""
    zones = next((p.zones for p in numbers if p.e164), ())
    where = local_time_in(now, zones, region)
    return where.zones[0] if where.known else ""


def callback_in_member_time(
    session: Session, task: CallTask, wall: dt.datetime, now: dt.datetime
) -> tuple[dt.datetime, str]:
    """A callback time read off the member's clock (naive), in UTC, and the member's zone.

    When the member's zone cannot be told, the time is this computer's and the zone is "".
    """
    numbers = phones_of(session, [task.person_id], keep=False).get(task.person_id, [])
    zone = zone_of(numbers, task.person.region or "", now)
    return wall_time_to_utc(wall, zone), zone
