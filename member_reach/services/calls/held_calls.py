"""The call a caller still holds from an earlier sitting, shown at once when the console opens."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.services.calls.call_console import (
    ConsoleCall,
    ConsoleCampaign,
    console_call,
    console_campaign,
)
from member_reach.store.models import CallTask, Campaign


class HeldCall(NamedTuple):
    """A call the caller holds, and the brief of its campaign."""

    brief: ConsoleCampaign
    call: ConsoleCall


def call_held_by(session: Session, caller: str, now: dt.datetime) -> HeldCall | None:
    """The call ``caller`` holds on an active campaign (the latest reserved), if any.

    Nothing is reserved or changed: a caller with no call held gets None.
    """
    who = " ".join(caller.split())
    if not who:
        return None
    task = session.scalars(
        select(CallTask)
        .join(Campaign, Campaign.id == CallTask.campaign_id)
        .where(
            CallTask.state == "reserved",
            CallTask.reserved_by == who,
            Campaign.status == "active",
        )
        .order_by(CallTask.updated_at.desc(), CallTask.id.desc())
        .limit(1)
    ).first()
    if task is None:
        return None
    campaign = session.get_one(Campaign, task.campaign_id)
    return HeldCall(
        console_campaign(session, campaign), console_call(session, task, now, resumed=True)
    )
