"""The groups of members a director talks about: first-year, long tenure, event-goers, lapsed.

One definition serves the learned ranking (which compares renewal with and without a call per
segment), the plan's hit rate per conversation by segment, and the reasons shown with each call,
so "first-year members" means the same thing on every page. A member belongs to one tenure
segment (first year, 1–5 years, longer) and to any of the others that apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

#: Years after which a member counts as long-tenured (more than this many completed years).
LONG_TENURE_YEARS: Final = 5
#: An event attended within this many years makes a member an event-goer.
EVENT_YEARS: Final = 2

FIRST_YEAR: Final = "first_year"
TENURE_1_5: Final = "tenure_1_5"
LONG_TENURE: Final = "long_tenure"
EVENT_GOER: Final = "event_goer"
NO_EMAIL: Final = "no_email"
IN_GRACE: Final = "in_grace"
LAPSED: Final = "lapsed"

#: Every segment in the order pages list them, with the words used for it in sentences.
SEGMENT_LABELS: Final[dict[str, str]] = {
    FIRST_YEAR: "first-year members",
    TENURE_1_5: "members of 1–5 years",
    LONG_TENURE: f"members of more than {LONG_TENURE_YEARS} years",
    EVENT_GOER: "event-goers",
    NO_EMAIL: "members without e-mail",
    IN_GRACE: "members in grace",
    LAPSED: "lapsed members (win-back)",
}
#: The three tenure segments; every member is in exactly one of them.
TENURE_SEGMENTS: Final = (FIRST_YEAR, TENURE_1_5, LONG_TENURE)


@dataclass(frozen=True)
class SegmentFacts:
    """What decides a member's segments.

    Attributes:
        first_term: the member is in their first term (first year).
        tenure_years: completed years of membership (0 when unknown).
        last_event: the day of the last event they came to, if any.
        has_email: whether an e-mail address is on file.
        in_grace: past expiry but within the grace period.
        lapsed: past the grace period (a win-back call).
    """

    first_term: bool
    tenure_years: int
    last_event: dt.date | None = None
    has_email: bool = True
    in_grace: bool = False
    lapsed: bool = False


def completed_years(since: dt.date | None, on: dt.date) -> int:
    """Whole years from ``since`` to ``on`` (0 when unknown or later)."""
    if since is None or since > on:
        return 0
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def tenure_segment(facts: SegmentFacts) -> str:
    """The member's one tenure segment."""
    if facts.first_term or facts.tenure_years < 1:
        return FIRST_YEAR
    return TENURE_1_5 if facts.tenure_years <= LONG_TENURE_YEARS else LONG_TENURE


def recent_event(last_event: dt.date | None, today: dt.date) -> bool:
    """Whether an event on ``last_event`` lies within :data:`EVENT_YEARS` before ``today``."""
    if last_event is None or last_event > today:
        return False
    try:
        since = today.replace(year=today.year - EVENT_YEARS)
    except ValueError:  # 29 February
        since = today.replace(year=today.year - EVENT_YEARS, day=28)
    return last_event >= since


def segments_of(facts: SegmentFacts, today: dt.date) -> tuple[str, ...]:
    """Every segment the member is in, in :data:`SEGMENT_LABELS` order."""
    found = {tenure_segment(facts)}
    if recent_event(facts.last_event, today):
        found.add(EVENT_GOER)
    if not facts.has_email:
        found.add(NO_EMAIL)
    if facts.in_grace:
        found.add(IN_GRACE)
    if facts.lapsed:
        found.add(LAPSED)
    return tuple(key for key in SEGMENT_LABELS if key in found)
