"""Successes per campaign in one query: what the campaign list shows beside each goal.

A campaign's success count is the number of people it counts a success: a call logged with a
success outcome, or a renewal a roster import detected and attributed to the campaign; a person
counts once. A renewal of a member kept uncalled in the campaign's control group is counted
apart (in the report's comparison), never here. It is the ``successes`` of the campaign's report
(``reports.campaign_report``), without reading each campaign's calls.
"""

from __future__ import annotations

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from member_reach.services.campaigns.control_group import outside_control
from member_reach.store.models import CallLog, CallTask, DetectedRenewal, OutcomeCode


def success_counts(session: Session) -> dict[int, int]:
    """Per campaign id, how many people it counts a success (campaigns with none are absent)."""
    called = (
        select(CallTask.campaign_id.label("campaign_id"), CallTask.person_id.label("person_id"))
        .join(CallLog, CallLog.task_id == CallTask.id)
        .join(OutcomeCode, OutcomeCode.id == CallLog.outcome_code_id)
        .where(OutcomeCode.category == "success", CallTask.in_control.is_(False))
    )
    renewed = select(DetectedRenewal.campaign_id, DetectedRenewal.person_id).where(
        DetectedRenewal.campaign_id.is_not(None),
        outside_control(DetectedRenewal.campaign_id, DetectedRenewal.person_id),
    )
    people = union(called, renewed).subquery()  # UNION: each person once per campaign
    rows = session.execute(
        select(people.c.campaign_id, func.count()).group_by(people.c.campaign_id)
    )
    return {campaign_id: count for campaign_id, count in rows}
