"""A campaign's outcome codes: the defaults of its kind, and the director's edits."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from member_reach.domain.outcomes import CATEGORIES, DEFAULT_CODES
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import CallLog, Campaign, OutcomeCode


def add_default_codes(session: Session, campaign: Campaign, kind: str) -> None:
    """Give a new campaign the default outcome codes of its kind."""
    for order, code in enumerate(DEFAULT_CODES[kind]):
        session.add(
            OutcomeCode(
                campaign_id=campaign.id,
                code=code.code,
                label=code.label,
                category=code.category,
                answered=code.answered,
                creates_handoff=code.creates_handoff,
                asks_callback=code.asks_callback,
                sort_order=order,
            )
        )


def set_outcome_code(
    session: Session,
    campaign: Campaign,
    code: str,
    label: str,
    category: str,
    *,
    answered: bool = True,
    creates_handoff: bool = False,
    asks_callback: bool = False,
) -> OutcomeCode:
    """Add an outcome code to a campaign, or change the one of that code.

    Raises:
        ServiceError: the code is empty or the category is not one of the five.
    """
    key = "_".join(code.lower().split())
    if not key:
        raise ServiceError("Give the outcome a short code, e.g. 'renewed'.")
    if category not in CATEGORIES:
        raise ServiceError(
            f"'{category}' is not a category; choose one of {', '.join(CATEGORIES)}."
        )
    found = session.scalar(
        select(OutcomeCode).where(OutcomeCode.campaign_id == campaign.id, OutcomeCode.code == key)
    )
    if found is None:
        last = session.scalar(
            select(func.max(OutcomeCode.sort_order)).where(OutcomeCode.campaign_id == campaign.id)
        )
        found = OutcomeCode(campaign_id=campaign.id, code=key, sort_order=(last or 0) + 1)
        session.add(found)
    found.label = label.strip() or key.replace("_", " ").capitalize()
    found.category = category
    found.answered = answered
    found.creates_handoff = creates_handoff
    found.asks_callback = asks_callback
    session.flush()
    return found


def remove_outcome_code(session: Session, campaign: Campaign, code: str) -> None:
    """Remove an outcome code nobody has logged yet.

    Raises:
        ServiceError: no such code, or calls were logged with it.
    """
    found = session.scalar(
        select(OutcomeCode).where(OutcomeCode.campaign_id == campaign.id, OutcomeCode.code == code)
    )
    if found is None:
        raise ServiceError(f"{campaign.name} has no outcome '{code}'.")
    used = session.scalar(select(func.count()).where(CallLog.outcome_code_id == found.id)) or 0
    if used:
        raise ServiceError(
            f"'{code}' was logged on {used:,} call{'s' if used != 1 else ''} of {campaign.name}; "
            "it cannot be removed "
            "(change its label instead)."
        )
    session.delete(found)
    session.flush()
