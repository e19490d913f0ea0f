"""A campaign's control group: the step after ranking that keeps a share of the list uncalled.

The list is ranked and capped first (whatever the ranking); this step then draws the control
from it (:mod:`member_reach.domain.control_groups`: at random within fifths of the ranked list,
from the seed recorded with the campaign). The members drawn stay on the campaign as calls in
the state "control": never in the console, a partner export or a dialer file, and their
renewals are counted apart from the goal, for the report's comparison
(:mod:`member_reach.services.reports.control_report`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from member_reach.domain.control_groups import (
    MAX_PERCENT,
    control_size,
    draw_control,
    new_seed,
    top_up_control_size,
)
from member_reach.services.campaigns.call_lists import Selected
from member_reach.services.common.errors import ServiceError
from member_reach.store.models import CallTask, Campaign

#: The state of a call kept uncalled in the control group.
CONTROL_STATE = "control"


@dataclass(frozen=True)
class ControlChoice:
    """The director's choice: the share of the list kept uncalled, and (for a redo) the seed."""

    percent: int = 0
    seed: int | None = None

    def checked(self) -> ControlChoice:
        """The choice with a seed, once checked.

        Raises:
            ServiceError: the share is outside 0–MAX_PERCENT.
        """
        if not 0 <= self.percent <= MAX_PERCENT:
            raise ServiceError(
                f"Keep between 0% and {MAX_PERCENT}% of the list uncalled (10% is usual)."
            )
        return ControlChoice(self.percent, self.seed if self.seed is not None else new_seed())


def ranked_ids(selected: Sequence[Selected]) -> list[int]:
    """The people of a list in its order: the highest priority first (ties as listed)."""
    return [s.person_id for s in sorted(selected, key=lambda s: -s.priority)]


def draw_for_list(selected: Sequence[Selected], choice: ControlChoice) -> frozenset[int]:
    """The person ids a new campaign's control keeps uncalled (empty without a share)."""
    if choice.percent <= 0 or choice.seed is None:
        return frozenset()
    wanted = control_size(len(selected), choice.percent)
    return draw_control(ranked_ids(selected), wanted, choice.seed)


def draw_for_top_up(
    session: Session, campaign: Campaign, added: Sequence[Selected]
) -> frozenset[int]:
    """The person ids of ``added`` a top-up keeps uncalled, so the campaign keeps its share.

    The draw is made the same way, from the campaign's seed, salted with the list's size
    before the top-up (so it too can be made again).
    """
    if campaign.control_percent <= 0 or campaign.control_seed is None or not added:
        return frozenset()
    before, in_control = session.execute(
        select(func.count(), func.count().filter(CallTask.in_control)).where(
            CallTask.campaign_id == campaign.id
        )
    ).one()
    wanted = top_up_control_size(before, in_control, len(added), campaign.control_percent)
    return draw_control(ranked_ids(added), wanted, campaign.control_seed, salt=before)


def outside_control(campaign_id: Any, person_id: Any) -> Any:
    """The SQL condition: this person is not in that campaign's control group.

    A control member's renewal is counted apart, never toward the campaign's goal, its
    successes or its revenue.
    """
    return ~exists().where(
        CallTask.campaign_id == campaign_id,
        CallTask.person_id == person_id,
        CallTask.in_control.is_(True),
    )


__all__ = [
    "CONTROL_STATE",
    "outside_control",
    "ControlChoice",
    "draw_for_list",
    "draw_for_top_up",
    "ranked_ids",
]
