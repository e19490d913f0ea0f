"""A campaign's life after Create: pause, resume, close and reopen it.

Only an **active** campaign gives calls: a paused or closed one is out of the console (a caller
who holds one of its calls may still log it: the call was made) and cannot be exported for a
partner or a dialer. Pausing keeps everything as it is, to resume later; closing ends the
campaign (reopen it to work it again). Its calls, logs and figures stay whatever its state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_edit import FieldChange, record_edits
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import Campaign

#: Each action: the states it applies to, and the state it leads to.
ACTIONS: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "pause": (("active",), "paused"),
    "resume": (("paused",), "active"),
    "close": (("active", "paused"), "closed"),
    "reopen": (("closed",), "active"),
}
#: What a person reads for each state.
STATE_WORDS: Final[dict[str, str]] = {
    "active": "active",
    "paused": "paused",
    "closed": "closed",
    "draft": "a draft",
}


_DONE: Final = {"pause": "paused", "resume": "resumed", "close": "closed", "reopen": "reopened"}


@dataclass(frozen=True)
class StateChange:
    """A campaign's state before and after an action."""

    campaign_id: int
    name: str
    before: str
    after: str


def change_state(
    session: Session,
    campaign: Campaign,
    action: str,
    *,
    who: str,
    now: dt.datetime,
) -> StateChange:
    """Pause, resume, close or reopen ``campaign`` (recorded with ``who`` and ``now``).

    Raises:
        ServiceError: the action is unknown, or does not apply to the campaign's state (it is
            already paused, a closed one must be reopened, ...).
    """
    if action not in ACTIONS:
        raise ServiceError(
            f"'{action}' is not something a campaign does: pause, resume, close or reopen it."
        )
    allowed, after = ACTIONS[action]
    before = campaign.status
    if before == after:
        raise ServiceError(
            f"{campaign.name} is already {STATE_WORDS.get(after, after)}; nothing changed."
        )
    if before not in allowed:
        first = {"closed": ": reopen it first", "paused": ": resume it first"}.get(before, "")
        raise ServiceError(
            f"{campaign.name} is {STATE_WORDS.get(before, before)}, so it cannot be "
            f"{_DONE[action]}{first}; nothing changed."
        )
    campaign.status = after
    record_edits(session, campaign.id, [FieldChange("status", before, after)], who=who, now=now)
    return StateChange(campaign.id, campaign.name, before, after)


def refuse_unless_active(campaign: Campaign, doing: str) -> None:
    """Refuse ``doing`` (e.g. "exported") on a campaign that is not active.

    Raises:
        ServiceError: the campaign is paused or closed.
    """
    if campaign.status == "active":
        return
    again = "resume it" if campaign.status == "paused" else "reopen it"
    raise ServiceError(
        f"{campaign.name} is {STATE_WORDS.get(campaign.status, campaign.status)}: its calls are "
        f"not {doing} until you {again} on the Campaigns page."
    )
