"""Warm leads and callbacks as work lists: what staff still owe the members they talked to.

* A **hand-off** (a warm lead a call handed to a staff owner) stays open until someone closes it
  with how it ended (:data:`HANDOFF_OUTCOMES`) and a note; it is overdue once its due day has
  passed. It can be given to another owner while open. Closing one already closed is refused:
  nothing is applied twice, even when two people close it at once.
* A **callback due** is a call still to make on an active campaign whose callback time falls
  today or earlier; its caller is whoever logged the call that asked for it (else the call's
  assignee, else whoever holds it).

"Mine" is everything whose owner or caller is the given name, ignoring case and spacing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from sqlalchemy import Row, Select, func, nulls_last, select, update
from sqlalchemy.orm import Session

from member_reach.domain.values import MAX_RECORD_NUMBER
from member_reach.services.calls.calls import zone_of
from member_reach.services.common.errors import ServiceError
from member_reach.services.common.person_columns import first_external_id
from member_reach.services.common.phone_facts import phones_of
from member_reach.store.limits import check_text
from member_reach.store.models import CallLog, CallTask, Campaign, HandOff, Person

#: How a hand-off can end, and how each reads.
HANDOFF_OUTCOMES: Final = {
    "joined": "Joined",
    "renewed": "Renewed",
    "not_interested": "Not interested",
    "passed_on": "Passed on",
}
_STILL_TO_MAKE: Final = ("open", "reserved")


def same_person(first: str, second: str) -> bool:
    """Whether two names given by people are the same name (case and spacing aside)."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def handoff_outcome(text: str) -> str:
    """The outcome code ``text`` names ("Not interested", "not-interested" ...).

    Raises:
        ServiceError: no such outcome; the message lists them.
    """
    wanted = "_".join(text.lower().replace("-", " ").split())
    for code, label in HANDOFF_OUTCOMES.items():
        if wanted in (code, "_".join(label.lower().split())):
            return code
    raise ServiceError(
        f"'{text}' is not how a hand-off ends: it is one of {', '.join(HANDOFF_OUTCOMES)}."
    )


@dataclass(frozen=True)
class HandOffLine:
    """A warm lead: who, from which campaign, what was said, whose it is and by when."""

    id: int
    member_id: int
    external_id: str
    name: str
    campaign: str  # "" when its campaign is gone
    owner: str
    due: dt.date | None
    overdue: bool
    notes: str
    state: str  # open, done
    outcome: str = ""  # how it ended (a HANDOFF_OUTCOMES code), "" while open
    closed_at: dt.datetime | None = None
    closed_by: str = ""
    close_notes: str = ""


@dataclass(frozen=True)
class CallbackLine:
    """A call someone asked to be called back on, due today or already overdue."""

    ref: str
    member_id: int
    external_id: str
    name: str
    campaign: str
    callback_at: dt.datetime  # UTC, as stored
    caller: str
    overdue: bool  # the time has passed
    zone: str = ""  # the member's time zone, when it can be told


@dataclass(frozen=True)
class FollowUp:
    """The open hand-offs and the callbacks due, everyone's."""

    handoffs: tuple[HandOffLine, ...]
    callbacks: tuple[CallbackLine, ...]

    def of(self, name: str) -> FollowUp:
        """Only what belongs to ``name`` (their hand-offs, their callbacks)."""
        return FollowUp(
            tuple(h for h in self.handoffs if same_person(h.owner, name)),
            tuple(c for c in self.callbacks if same_person(c.caller, name)),
        )


@dataclass(frozen=True)
class FollowUpCounts:
    """What the dashboard shows of the follow-up."""

    open_handoffs: int
    overdue_handoffs: int
    callbacks_due: int  # today and overdue
    callbacks_overdue: int


@dataclass(frozen=True)
class HandOffChange:
    """What closing or reassigning a hand-off did."""

    id: int
    name: str
    owner: str
    outcome: str  # "" when reassigned


def day_end(day: dt.date) -> dt.datetime:
    """The moment ``day`` ends on this computer's clock, in UTC without tzinfo (as stored)."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    return midnight.astimezone(dt.UTC).replace(tzinfo=None)


def _handoff_query() -> Select[HandOff, str, str, str]:
    return (
        select(
            HandOff,
            Person.display_name,
            first_external_id().label("external_id"),
            Campaign.name,
        )
        .join(Person, Person.id == HandOff.person_id)
        .outerjoin(Campaign, Campaign.id == HandOff.campaign_id)
        .order_by(nulls_last(HandOff.due_on.asc()), HandOff.id)
    )


def _line(row: Row[HandOff, str, str, str], today: dt.date) -> HandOffLine:
    handoff, name, external, campaign = row
    open_ = handoff.status == "open"
    return HandOffLine(
        id=handoff.id,
        member_id=handoff.person_id,
        external_id=external or "",
        name=name,
        campaign=campaign or "",
        owner=handoff.owner,
        due=handoff.due_on,
        overdue=open_ and handoff.due_on is not None and handoff.due_on < today,
        notes=handoff.notes,
        state=handoff.status,
        outcome=handoff.outcome,
        closed_at=handoff.closed_at,
        closed_by=handoff.closed_by,
        close_notes=handoff.close_notes,
    )


def open_handoffs(
    session: Session, today: dt.date, *, owner: str = "", overdue_only: bool = False
) -> list[HandOffLine]:
    """The hand-offs still open (``owner``'s only, if given), the earliest due first.

    ``overdue_only`` keeps those whose due day is before ``today``.
    """
    statement = _handoff_query().where(HandOff.status == "open")
    if overdue_only:
        statement = statement.where(HandOff.due_on < today)
    lines = [_line(row, today) for row in session.execute(statement)]
    return [line for line in lines if not owner or same_person(line.owner, owner)]


def campaign_handoffs(session: Session, campaign_id: int, today: dt.date) -> list[HandOffLine]:
    """Every hand-off a campaign's calls made, open or closed, the earliest due first."""
    statement = _handoff_query().where(HandOff.campaign_id == campaign_id)
    return [_line(row, today) for row in session.execute(statement)]


def handoff_sheet_rows(session: Session, campaign_id: int, today: dt.date) -> list[tuple[Any, ...]]:
    """A campaign's hand-offs as the results workbook lists them, and how each ended."""
    rows = []
    for line in campaign_handoffs(session, campaign_id, today):
        ended = HANDOFF_OUTCOMES.get(line.outcome, line.outcome)
        if not ended:
            ended = "open, overdue" if line.overdue else "open"
        rows.append(
            (
                line.name,
                line.external_id,
                line.notes,
                line.owner,
                line.due,
                ended,
                line.closed_at.date() if line.closed_at else None,
                line.closed_by,
                line.close_notes,
            )
        )
    return rows


def callbacks_due(
    session: Session, until: dt.datetime, now: dt.datetime, *, caller: str = ""
) -> list[CallbackLine]:
    """Calls still to make on active campaigns whose callback falls before ``until``.

    ``until`` is usually :func:`day_end` of today; the earliest first; ``caller``'s only, if given.
    """
    last_caller = (
        select(CallLog.caller)
        .where(CallLog.task_id == CallTask.id)
        .order_by(CallLog.called_at.desc(), CallLog.id.desc())
        .limit(1)
        .correlate(CallTask)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            CallTask.ref,
            CallTask.person_id,
            first_external_id(),
            Person.display_name,
            Campaign.name,
            CallTask.next_callback,
            func.coalesce(last_caller, ""),
            CallTask.assignee,
            CallTask.reserved_by,
        )
        .join(Person, Person.id == CallTask.person_id)
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .where(
            CallTask.state.in_(_STILL_TO_MAKE),
            CallTask.next_callback.is_not(None),
            CallTask.next_callback < until,
            Campaign.status == "active",
        )
        .order_by(CallTask.next_callback, CallTask.id)
    ).all()
    lines = [
        CallbackLine(
            ref,
            person_id,
            external or "",
            name,
            campaign,
            when,
            who or assignee or holder,
            when < now,
        )  # fmt: skip
        for ref, person_id, external, name, campaign, when, who, assignee, holder in rows
    ]
    lines = [line for line in lines if not caller or same_person(line.caller, caller)]
    return _with_zones(session, lines, now)


def _with_zones(
    session: Session, lines: list[CallbackLine], now: dt.datetime
) -> list[CallbackLine]:
    """The lines with each member's time zone (from their number and address), when known."""
    numbers = phones_of(session, [line.member_id for line in lines], keep=False)
    wanted = {line.member_id for line in lines}
    regions = {
        person_id: region or ""
        for person_id, region in session.execute(
            select(Person.id, Person.region).where(Person.id.in_(wanted))
        )
    }
    return [
        replace(
            ln, zone=zone_of(numbers.get(ln.member_id, []), regions.get(ln.member_id) or "", now)
        )
        for ln in lines
    ]


def follow_up(session: Session, today: dt.date, now: dt.datetime) -> FollowUp:
    """Everyone's open hand-offs and callbacks due by the end of ``today``."""
    return FollowUp(
        tuple(open_handoffs(session, today)),
        tuple(callbacks_due(session, day_end(today), now)),
    )


def follow_up_counts(session: Session, today: dt.date, now: dt.datetime) -> FollowUpCounts:
    """How many hand-offs are open and overdue, and how many callbacks are due and overdue."""
    lists = follow_up(session, today, now)
    return FollowUpCounts(
        len(lists.handoffs),
        sum(h.overdue for h in lists.handoffs),
        len(lists.callbacks),
        sum(c.overdue for c in lists.callbacks),
    )


def _open_handoff(session: Session, handoff_id: int) -> tuple[HandOff, str]:
    found = (
        session.execute(
            select(HandOff, Person.display_name)
            .join(Person, Person.id == HandOff.person_id)
            .where(HandOff.id == handoff_id)
        ).first()
        if 0 < handoff_id <= MAX_RECORD_NUMBER
        else None
    )
    if found is None:
        raise ServiceError(f"There is no hand-off number {handoff_id}.")
    handoff, name = found
    if handoff.status != "open":
        raise ServiceError(_already_closed(handoff, name))
    return handoff, name


def _already_closed(handoff: HandOff, name: str) -> str:
    how = HANDOFF_OUTCOMES.get(handoff.outcome, handoff.outcome or "done").lower()
    by = f" by {handoff.closed_by}" if handoff.closed_by else ""
    when = f" on {handoff.closed_at:%Y-%m-%d}" if handoff.closed_at else ""
    return f"The hand-off of {name} was already closed ({how}){by}{when}; nothing was changed."


def close_handoff(
    session: Session,
    handoff_id: int,
    outcome: str,
    now: dt.datetime,
    *,
    by: str = "",
    notes: str = "",
) -> HandOffChange:
    """Close an open hand-off with how it ended and a note, recorded under ``by`` at ``now``.

    Raises:
        ServiceError: no such hand-off, an unknown outcome, or it is closed already (also when
            someone else closed it a moment before: only one close is applied).
    """
    code = handoff_outcome(outcome)
    handoff, name = _open_handoff(session, handoff_id)
    written = session.execute(
        update(HandOff)
        .where(HandOff.id == handoff_id, HandOff.status == "open")
        .values(
            status="done",
            outcome=code,
            closed_at=now,
            closed_by=" ".join(by.split()),
            close_notes=notes.strip(),
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(written, "rowcount", 0):
        session.refresh(handoff)
        raise ServiceError(_already_closed(handoff, name))
    return HandOffChange(handoff_id, name, handoff.owner, code)


def reassign_handoff(
    session: Session, handoff_id: int, owner: str, now: dt.datetime
) -> HandOffChange:
    """Give an open hand-off to ``owner``.

    Raises:
        ServiceError: no such hand-off, no name given, or it is closed already.
    """
    who = " ".join(owner.split())
    if not who:
        raise ServiceError("Give the name of the person the hand-off goes to.")
    check_text(who, HandOff.owner, "name of the person the hand-off goes to")
    _handoff, name = _open_handoff(session, handoff_id)
    written = session.execute(
        update(HandOff)
        .where(HandOff.id == handoff_id, HandOff.status == "open")
        .values(owner=who, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if not getattr(written, "rowcount", 0):
        raise ServiceError(f"The hand-off of {name} was closed meanwhile; nothing was changed.")
    return HandOffChange(handoff_id, name, who, "")


def owners(session: Session) -> list[str]:
    """The names hand-offs and campaigns' warm leads have gone to, for choosing a new owner."""
    names: Sequence[str] = session.scalars(
        select(HandOff.owner).union(select(Campaign.handoff_owner))
    ).all()
    return sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=str.casefold)
