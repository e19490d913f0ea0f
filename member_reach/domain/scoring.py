"""Who to call first: an explainable priority score, and the one sentence that explains it.

Every factor adds points for a reason a director would give: a first-year member is the most
likely to lapse, a long-tenured one the most costly to lose, someone who came to events is
engaged, a higher dues payer is worth more, a member without an e-mail address can only be
reached by phone, and someone who said yes on an earlier call is warm. The weights live in
:data:`WEIGHTS`, the one place to change them; the reasons shown with each call are the top
factors in words ("Renews by 14 Jan · 9-year member · attended Expo 2025 · no e-mail on file").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from member_reach.domain.segments import completed_years


@dataclass(frozen=True)
class Weights:
    """Points per factor (see the module docstring); change them here and only here."""

    first_year: float = 30.0  # in the first term: the likeliest to lapse
    in_grace: float = 25.0  # already past expiry: the most urgent
    per_tenure_year: float = 2.0  # long-tenured members at risk ...
    tenure_cap: float = 20.0  # ... up to this many points
    long_tenure_years: int = 5  # from this many years, tenure is named in the reason
    per_event: float = 8.0  # each event attended (any role) ...
    event_cap: float = 24.0  # ... up to this many points
    per_100_dues: float = 3.0  # each 100 of annual dues ...
    dues_cap: float = 15.0  # ... up to this many points
    no_email: float = 10.0  # the phone is the only channel
    earlier_positive: float = 12.0  # said yes or showed interest on an earlier call
    soonest: float = 10.0  # expiring at the start of the window, falling to 0 at its end
    # Event outreach and prospects: sponsors and exhibitors first.
    role_points: tuple[tuple[str, float], ...] = (
        ("sponsor", 40.0),
        ("exhibitor", 30.0),
        ("speaker", 20.0),
        ("attendee", 0.0),
    )
    per_edition: float = 8.0  # each earlier edition or event attended ...
    edition_cap: float = 24.0  # ... up to this many points
    current_member: float = 10.0  # a member in good standing is likelier to come back
    lapsed_recently: float = 15.0  # a former member lapsed within a year is easiest to win back


#: The weights every list is ranked with.
WEIGHTS: Final = Weights()
#: How many factors the reason names after the renewal date.
REASONS_SHOWN: Final = 3


@dataclass(frozen=True)
class Candidate:
    """What ranking knows of one member.

    Attributes:
        expiry: the last day the membership covers (None for an unknown expiry).
        join_date: when the person first joined, if known.
        dues: the annual dues, if known.
        events: the names of events the person came to, the most recent first.
        has_email: whether an e-mail address is on file.
        positive_outcomes: earlier calls with a success or positive outcome.
        first_term: the member is in their first term (joined within a term length).
        win_back: a lapsed member past grace, called to win them back.
    """

    expiry: dt.date | None
    join_date: dt.date | None = None
    dues: Decimal | None = None
    events: tuple[str, ...] = ()
    has_email: bool = True
    positive_outcomes: int = 0
    first_term: bool = False
    win_back: bool = False


@dataclass(frozen=True)
class Ranked:
    """A candidate's score and the sentence that explains it."""

    priority: float
    reason: str
    factors: tuple[tuple[float, str], ...] = field(default=())


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _factors(
    c: Candidate, today: dt.date, start: dt.date, end: dt.date, w: Weights
) -> list[tuple[float, str]]:
    factors: list[tuple[float, str]] = []
    if c.win_back:
        pass  # lapsed past grace: no urgency points; named first (see rank)
    elif c.expiry is not None and c.expiry < today:
        factors.append((w.in_grace, ""))  # named first, with the date (see rank)
    elif c.expiry is not None and end > start:
        share = (end - max(c.expiry, start)).days / (end - start).days
        factors.append((round(w.soonest * max(0.0, min(1.0, share)), 2), ""))
    if c.first_term:
        factors.append((w.first_year, "first-year member"))
    years = completed_years(c.join_date, today)
    if years >= 1 and not c.first_term:
        label = f"{years}-year member" if years >= w.long_tenure_years else ""
        factors.append((min(w.tenure_cap, w.per_tenure_year * years), label))
    if c.events:
        more = len(c.events) - 1
        shown = f"attended {c.events[0]}" + (
            f" and {more} more event{'s' if more > 1 else ''}" if more else ""
        )
        factors.append((min(w.event_cap, w.per_event * len(c.events)), shown))
    if c.dues is not None and c.dues > 0:
        points = min(w.dues_cap, float(c.dues) / 100 * w.per_100_dues)
        factors.append(
            (round(points, 2), f"dues {c.dues:,.0f}" if points >= w.dues_cap / 2 else "")
        )
    if not c.has_email:
        factors.append((w.no_email, "no e-mail on file"))
    if c.positive_outcomes:
        factors.append((w.earlier_positive, "said yes on an earlier call"))
    return factors


def rank(
    candidate: Candidate,
    today: dt.date,
    window: tuple[dt.date, dt.date],
    weights: Weights = WEIGHTS,
) -> Ranked:
    """Score one candidate and explain it.

    Args:
        candidate: what is known of the member.
        today: the day the list is made.
        window: the campaign's first and last day (renewals due in it are ranked by date).
        weights: the points per factor.

    Returns:
        The priority (higher is called first) and the reason: the renewal date, then the
        factors that added the most points, in words.
    """
    start, end = window
    factors = _factors(candidate, today, start, end, weights)
    priority = round(sum(points for points, _ in factors), 2)
    named = sorted((f for f in factors if f[1]), key=lambda f: -f[0])
    words = [due_words(candidate, today)] if candidate.expiry is not None else []
    words += [label for _, label in named[:REASONS_SHOWN]]
    return Ranked(priority, sentence(words), tuple(factors))


def due_words(candidate: Candidate, today: dt.date) -> str:
    """The reason's first words: "Renews by 14 Jan", "Lapsed 2 Nov, in grace", a win-back."""
    if candidate.expiry is None:
        return ""
    if candidate.expiry >= today:
        return f"Renews by {_day(candidate.expiry)}"
    if candidate.win_back:
        return f"Win-back: lapsed {_day(candidate.expiry)} {candidate.expiry.year}"
    return f"Lapsed {_day(candidate.expiry)}, in grace"


def sentence(words: list[str]) -> str:
    """The reason: its parts joined by " · ", capitalised ("Renewal due" when empty)."""
    joined = " · ".join(w for w in words if w) or "Renewal due"
    return joined[:1].upper() + joined[1:]


@dataclass(frozen=True)
class OutreachCandidate:
    """What ranking knows of one person for event outreach or prospecting.

    Attributes:
        best_role: the highest role they had at the events counted (sponsor first), or "".
        last_event: the most recent of those events, or "".
        editions: how many of those events they came to.
        member: whether they are a member now.
        lapsed_on: for a former member, the day their membership ended.
        tenure_years: for a former member, how many years they had been a member.
        has_email: whether an e-mail address is on file.
        positive_outcomes: earlier calls with a success or positive outcome.
    """

    best_role: str = ""
    last_event: str = ""
    editions: int = 0
    member: bool = False
    lapsed_on: dt.date | None = None
    tenure_years: int = 0
    has_email: bool = True
    positive_outcomes: int = 0


def _outreach_factors(c: OutreachCandidate, today: dt.date, w: Weights) -> list[tuple[float, str]]:
    factors: list[tuple[float, str]] = []
    roles = dict(w.role_points)
    if c.best_role:
        label = f"{c.best_role} at {c.last_event}" if c.best_role != "attendee" else ""
        factors.append((roles.get(c.best_role, 0.0), label))
    if c.editions:
        if c.editions > 1:
            label = f"came to {c.editions} events"
        else:  # one event: already named with the role, unless an attendee
            label = f"came to {c.last_event}" if c.best_role in ("", "attendee") else ""
        factors.append((min(w.edition_cap, w.per_edition * c.editions), label))
    if c.member:
        factors.append((w.current_member, "current member"))
    if c.lapsed_on is not None:
        recent = (today - c.lapsed_on).days <= 366
        plural = "s" if c.tenure_years != 1 else ""
        years = f" after {c.tenure_years} year{plural}" if c.tenure_years >= 1 else ""
        label = f"lapsed {c.lapsed_on:%b %Y}{years}"
        factors.append((w.lapsed_recently if recent else 0.0, label))
        if c.tenure_years:
            factors.append((min(w.tenure_cap, w.per_tenure_year * c.tenure_years), ""))
    if not c.has_email:
        factors.append((w.no_email, "no e-mail on file"))
    if c.positive_outcomes:
        factors.append((w.earlier_positive, "said yes on an earlier call"))
    return factors


def rank_outreach(
    candidate: OutreachCandidate, today: dt.date, weights: Weights = WEIGHTS
) -> Ranked:
    """Score one person for event outreach or prospecting, and explain it.

    Returns:
        The priority and a reason such as "Sponsor at Expo 2025 · came to 3 events".
    """
    factors = _outreach_factors(candidate, today, weights)
    priority = round(sum(points for points, _ in factors), 2)
    named = sorted((f for f in factors if f[1]), key=lambda f: -f[0])
    words = [label for _, label in named[: REASONS_SHOWN + 1]]
    if not candidate.member and candidate.lapsed_on is None:
        words.append("not a member")
    sentence = " · ".join(words) or "Came to an earlier event"
    return Ranked(priority, sentence[:1].upper() + sentence[1:], tuple(factors))
