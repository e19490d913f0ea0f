"""One step at the console: write what the caller did with the call, then read the next one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from member_reach.services.calls.call_console import (
    CallsWaiting,
    ConsoleCall,
    ConsoleCampaign,
    console_campaign,
    held_call,
    log_console_call,
    next_call,
    skip_call,
)
from member_reach.services.calls.calls import LoggedCall
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database


@dataclass(frozen=True)
class Step:
    """What the caller did with the call on screen.

    Attributes:
        kind: "log" (with ``code``, ``notes``, ``callback_at``, ``amount``), "skip", or
            "refresh" (its member's details changed: read it again as it is).
        task_id: the call.
    """

    kind: str
    task_id: int
    code: str = ""
    notes: str = ""
    callback_at: dt.datetime | None = None
    amount: Decimal | None = None  # paid or pledged, for a success or a positive outcome


@dataclass(frozen=True)
class Turn:
    """What one step at the console brings.

    The campaign's brief, the call to make now (or why none), and what was logged.

    ``next_error`` says why the next call could not be read after the step was written (what
    was logged stays logged); ``brief`` and ``found`` are then None.
    """

    brief: ConsoleCampaign | None
    found: ConsoleCall | CallsWaiting | None
    logged: LoggedCall | None = None
    next_error: str = ""


def take_turn(
    database: Database,
    campaign_id: int,
    caller: str,
    now: dt.datetime,
    step: Step | None,
    skipped: list[int],
) -> Turn:
    """Write the step (each in its own transaction), then read the call to make now.

    A skipped call is added to ``skipped``.

    Raises:
        ServiceError: the step is refused (nothing written), or, with no step written, the next
            call cannot be read.
    """
    logged = None
    if step is not None and step.kind != "refresh":
        with database.session() as session:
            campaign = find_campaign(session, str(campaign_id))
            if step.kind == "skip":
                skip_call(session, campaign, step.task_id, caller)
                skipped.append(step.task_id)
            else:
                logged = log_console_call(
                    session,
                    campaign,
                    step.task_id,
                    step.code,
                    now,
                    caller=caller,
                    notes=step.notes,
                    callback_at=step.callback_at,
                    amount=step.amount,
                )
    try:
        with database.session() as session:
            campaign = find_campaign(session, str(campaign_id))
            found: ConsoleCall | CallsWaiting | None = None
            if step is not None and step.kind == "refresh":  # the same call, as it is
                found = held_call(session, campaign, step.task_id, caller, now)
            if found is None:
                found = next_call(session, campaign, caller, now, skipped)
            return Turn(console_campaign(session, campaign), found, logged)
    except ServiceError as exc:  # what was logged stays logged, and is said so
        if step is None or step.kind == "refresh":
            raise
        return Turn(None, None, logged, str(exc))
