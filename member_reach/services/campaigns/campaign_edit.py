"""Editing a campaign's brief after Create, each change recorded with who and when.

The goal (count and revenue), the deadline, why it matters, the talking points, the FAQ and the
hand-off owner can change while the campaign runs; so can its state (see campaign_state). Every
field changed is a :class:`CampaignEdit` row: what it was, what it became, who, when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.services.campaigns.campaign_builder import CodeChoice
from member_reach.services.campaigns.outcome_codes import set_outcome_code
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import CallLog, Campaign, CampaignEdit, OutcomeCode

#: The brief's fields that can be edited, and how a person calls them.
EDITABLE: Final[dict[str, str]] = {
    "goal_count": "goal",
    "goal_revenue": "revenue goal",
    "deadline": "deadline",
    "why_it_matters": "why it matters",
    "talking_points": "talking points",
    "faq": "questions and answers",
    "handoff_owner": "hand-off owner",
}
_TEXT_LIMITS: Final = {"handoff_owner": 255}


@dataclass(frozen=True)
class FieldChange:
    """One field of a campaign changed: its name, and its value before and after, as text."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class CampaignEdited:
    """What an edit changed (nothing when every value was already so)."""

    campaign_id: int
    name: str
    changes: tuple[FieldChange, ...]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _checked(field: str, value: object) -> object:
    """The value to store, or a one-line refusal."""
    if field == "goal_count":
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ServiceError("A goal is a whole number of successes, 0 or more.")
        return value or None  # 0: no goal
    if field == "goal_revenue":
        if value is not None and (not isinstance(value, Decimal) or value < 0):
            raise ServiceError("A revenue goal is an amount, 0 or more.")
        return value or None
    if field == "deadline":
        if value is not None and not isinstance(value, dt.date):
            raise ServiceError("A deadline is a date.")
        return value
    text = " ".join(str(value or "").split()) if field == "handoff_owner" else str(value or "")
    if len(text) > _TEXT_LIMITS.get(field, 20_000):
        raise ServiceError(f"The {EDITABLE[field]} is too long; shorten it.")
    return text.strip()


def edit_brief(
    session: Session,
    campaign: Campaign,
    values: Mapping[str, object],
    *,
    who: str,
    now: dt.datetime,
) -> CampaignEdited:
    """Set the brief fields in ``values`` (the others stay), recording each one that changed.

    Raises:
        ServiceError: a field that cannot be edited, or a value it cannot take (nothing changed).
    """
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise ServiceError(f"A campaign's {', '.join(unknown)} cannot be edited; nothing changed.")
    wanted = {field: _checked(field, value) for field, value in values.items()}
    changes = []
    for field, value in wanted.items():
        before = getattr(campaign, field)
        if _text(before) == _text(value):
            continue
        setattr(campaign, field, value)
        changes.append(FieldChange(field, _text(before), _text(value)))
    record_edits(session, campaign.id, changes, who=who, now=now)
    return CampaignEdited(campaign.id, campaign.name, tuple(changes))


def record_edits(
    session: Session,
    campaign_id: int,
    changes: list[FieldChange],
    *,
    who: str,
    now: dt.datetime,
) -> None:
    """Keep each change, with who made it and when."""
    name = " ".join(who.split())
    session.add_all(
        CampaignEdit(
            campaign_id=campaign_id,
            field=c.field,
            before=c.before,
            after=c.after,
            edited_by=name,
            edited_at=now,
        )
        for c in changes
    )
    session.flush()


def campaign_edits(
    session: Session, campaign: Campaign
) -> list[tuple[dt.datetime, str, FieldChange]]:
    """The campaign's recorded changes, the latest first: (when, who, change)."""
    rows = session.scalars(
        select(CampaignEdit)
        .where(CampaignEdit.campaign_id == campaign.id)
        .order_by(CampaignEdit.edited_at.desc(), CampaignEdit.id.desc())
    )
    return [(r.edited_at, r.edited_by, FieldChange(r.field, r.before, r.after)) for r in rows]


def _code_text(code: OutcomeCode) -> str:
    """An outcome code as the edit history keeps it: 'Renewed on the call (success, talked)'."""
    flags = [code.category]
    flags += [word for word, on in (
        ("talked", code.answered),
        ("hand-off", code.creates_handoff),
        ("asks a callback", code.asks_callback),
    ) if on]  # fmt: skip
    return f"{code.label} ({', '.join(flags)})"


def edit_codes(
    session: Session,
    campaign: Campaign,
    wanted: Sequence[CodeChoice],
    *,
    who: str,
    now: dt.datetime,
) -> CampaignEdited:
    """Make the campaign's outcome codes ``wanted``, in that order, recording each change.

    A code left out is deleted if no call was logged with it, else retired: no longer offered
    in the console or a new export, but kept on the calls that have it.

    Raises:
        ServiceError: a code without a name or with an unknown category (nothing changed).
    """
    existing = {c.code: c for c in campaign.outcome_codes}
    before = {key: _code_text(c) for key, c in existing.items() if not c.retired}
    made: list[OutcomeCode] = []
    for order, choice in enumerate(wanted):
        found = set_outcome_code(
            session, campaign, choice.code, choice.label, choice.category,
            answered=choice.answered, creates_handoff=choice.creates_handoff,
            asks_callback=choice.asks_callback,
        )  # fmt: skip
        found.retired, found.sort_order = False, order
        made.append(found)
    kept = {code.code for code in made}
    changes = [
        FieldChange(f"code {code.code}", before.get(code.code, ""), _code_text(code))
        for code in made
        if before.get(code.code, "") != _code_text(code)
    ]
    for key, code in existing.items():
        if key in kept or code.retired:
            continue
        used = session.scalar(select(func.count()).where(CallLog.outcome_code_id == code.id))
        if used:
            code.retired = True
            changes.append(FieldChange(f"code {key}", before[key], "retired"))
        else:
            session.delete(code)
            changes.append(FieldChange(f"code {key}", before[key], ""))
    session.flush()
    record_edits(session, campaign.id, changes, who=who, now=now)
    return CampaignEdited(campaign.id, campaign.name, tuple(changes))
