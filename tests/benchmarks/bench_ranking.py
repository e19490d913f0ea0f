"""Backtest of the learned ranking: does it make the number with half the calls? (issue 18 §2)

Run: ``python tests/benchmarks/bench_ranking.py [--seeds 1,2,3,4,5]``. For each seed it
generates an association of 10,000 members and three years of monthly renewal lists in which
a random half of the due members were called, fits the app's own model on that history
(:func:`member_reach.domain.uplift_model.fit_uplift`, as the app does), then, on the next
month's list, counts the calls each ranking needs before the expected extra renewals reach
half of what calling everyone would give. Rankings: the learned one, expiry order, and the
fixed weights (:func:`member_reach.domain.scoring.rank`). The generator's parameters are the
issue's and are not tuned; see tests/benchmarks/README.md. A script, not a test: it prints the
figures and always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from member_reach.domain.scoring import Candidate, rank
from member_reach.domain.segments import FIRST_YEAR, TENURE_1_5, SegmentFacts, tenure_segment
from member_reach.domain.uplift_model import HistoryRecord, Profile, UpliftModel, fit_uplift

MEMBERS: Final = 10_000
FIRST_YEAR_SHARE: Final = 0.15
MAX_TENURE: Final = 20.0
BASE: Final = {FIRST_YEAR: 0.55, TENURE_1_5: 0.75}
BASE_LONG: Final = 0.88
EVENT_SHARE, EVENT_BONUS = 0.30, 0.05
NO_EMAIL_SHARE, NO_EMAIL_MALUS = 0.10, -0.10
EFFECT: Final = {FIRST_YEAR: 0.20, TENURE_1_5: 0.10}
EFFECT_LONG: Final = 0.02
GRACE_EFFECT: Final = 0.25
ANSWER, ANSWER_NO_EMAIL = 0.45, 0.60
HISTORY_MONTHS: Final = 36
CALLED_SHARE: Final = 0.5
#: Our choice (not the issue's): the share of each monthly list already past expiry, in grace.
GRACE_SHARE: Final = 0.15
TODAY: Final = dt.date(2026, 11, 23)
WINDOW: Final = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


@dataclass(frozen=True)
class Member:
    """One generated member: tenure in years, event-goer, e-mail, the month their term ends."""

    tenure: float
    event_goer: bool
    has_email: bool
    month: int  # 0–11
    day: int  # 1–28


def make_members(rng: random.Random) -> list[Member]:
    """The association: tenure uniform over 0–20 years with 15% in their first year."""
    members = []
    for _ in range(MEMBERS):
        first = rng.random() < FIRST_YEAR_SHARE
        tenure = rng.uniform(0.0, 1.0) if first else rng.uniform(1.0, MAX_TENURE)
        members.append(
            Member(
                tenure,
                rng.random() < EVENT_SHARE,
                rng.random() >= NO_EMAIL_SHARE,
                rng.randrange(12),
                rng.randint(1, 28),
            )
        )
    return members


def segment(member: Member) -> str:
    """The member's tenure segment, by the app's own rule (completed years)."""
    years = math.floor(member.tenure)
    return tenure_segment(SegmentFacts(first_term=years < 1, tenure_years=years))


def profile(member: Member, in_grace: bool) -> Profile:
    """The cell the model puts the member in."""
    return Profile(segment(member), member.event_goer, not member.has_email, in_grace)


def chances(member: Member, in_grace: bool) -> tuple[float, float, float]:
    """The true chance to renew without a call, with an answered call, and to answer."""
    key = segment(member)
    base = BASE.get(key, BASE_LONG) + EVENT_BONUS * member.event_goer
    base += NO_EMAIL_MALUS * (not member.has_email)
    effect = EFFECT.get(key, EFFECT_LONG) + GRACE_EFFECT * in_grace
    answer = ANSWER if member.has_email else ANSWER_NO_EMAIL
    return base, min(1.0, base + effect), answer


def true_gain(member: Member, in_grace: bool) -> float:
    """The expected extra renewals a call to this member gives (answer rate × effect)."""
    base, called, answer = chances(member, in_grace)
    return answer * (called - base)


def history(members: list[Member], rng: random.Random) -> list[HistoryRecord]:
    """Three years of monthly lists: the due members, a random half of them called."""
    records = []
    for back in range(1, HISTORY_MONTHS + 1):
        month = (WINDOW[0].month - 1 - back) % 12
        for member in members:
            if member.month != month:
                continue
            in_grace = rng.random() < GRACE_SHARE
            base, if_answered, answer = chances(member, in_grace)
            called = rng.random() < CALLED_SHARE
            answered = called and rng.random() < answer
            renewed = rng.random() < (if_answered if answered else base)
            records.append(HistoryRecord(profile(member, in_grace), called, answered, renewed))
    return records


@dataclass(frozen=True)
class Due:
    """One member on next month's list."""

    member: Member
    in_grace: bool
    expiry: dt.date


def next_list(members: list[Member], rng: random.Random) -> list[Due]:
    """Next month's list: the members due in the window, some of them already in grace."""
    due = []
    for member in members:
        if member.month != WINDOW[0].month - 1:
            continue
        in_grace = rng.random() < GRACE_SHARE
        expiry = WINDOW[0].replace(day=member.day)
        if in_grace:  # expired within the month before the list was made
            expiry = TODAY - dt.timedelta(days=member.day)
        due.append(Due(member, in_grace, expiry))
    return due


def fixed_weights(due: Due) -> float:
    """The present hand-set weights' priority."""
    join = due.expiry - dt.timedelta(days=round(365.25 * due.member.tenure))
    candidate = Candidate(
        expiry=due.expiry,
        join_date=join,
        events=("Expo",) if due.member.event_goer else (),
        has_email=due.member.has_email,
        first_term=due.member.tenure < 1,
    )
    return rank(candidate, TODAY, WINDOW).priority


def calls_needed(order: list[Due]) -> int:
    """Calls in this order until the expected extra renewals reach half of calling everyone."""
    gains = [true_gain(d.member, d.in_grace) for d in order]
    target, total = sum(gains) / 2, 0.0
    for calls, gain in enumerate(gains, start=1):
        total += gain
        if total >= target:
            return calls
    return len(gains)


def rankings(model: UpliftModel) -> dict[str, Callable[[list[Due]], list[Due]]]:
    """Each ranking: the list in the order it would be called."""
    return {
        "learned": lambda due: sorted(
            due, key=lambda d: (-model.uplift(profile(d.member, d.in_grace)), d.expiry)
        ),
        "expiry order": lambda due: sorted(due, key=lambda d: d.expiry),
        "fixed weights": lambda due: sorted(due, key=lambda d: (-fixed_weights(d), d.expiry)),
    }


def run_seed(seed: int) -> dict[str, int]:
    """The calls each ranking needs for one seed."""
    rng = random.Random(seed)
    members = make_members(rng)
    records = history(members, rng)
    model = fit_uplift(records)
    assert model.ready, "three years of history must be enough to learn from"
    due = next_list(members, rng)
    return {name: calls_needed(order(due)) for name, order in rankings(model).items()}


def main() -> None:
    """Run every seed and print the calls needed per ranking, then the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="1,2,3,4,5")
    seeds = [int(s) for s in parser.parse_args().seeds.split(",")]
    results = {}
    for seed in seeds:
        started = time.perf_counter()
        results[seed] = run_seed(seed)
        figures = "  ".join(f"{name}: {calls:4d}" for name, calls in results[seed].items())
        print(f"seed {seed}: {figures}  ({time.perf_counter() - started:.1f} s)")
    names = list(next(iter(results.values())))
    means = {name: statistics.fmean(r[name] for r in results.values()) for name in names}
    print("mean:   " + "  ".join(f"{name}: {means[name]:6.1f}" for name in names))
    worse = [s for s, r in results.items() if r["learned"] > r["fixed weights"]]
    ratio = means["learned"] / means["expiry order"]
    print(
        f"learned ≤ 50% of expiry order: {'MEETS' if ratio <= 0.5 else 'MISSES'}; "
        f"never more than fixed weights: {'MEETS' if not worse else f'MISSES (seeds {worse})'}"
    )
    print(f"calls needed, learned / expiry order: {ratio:.3f}")


if __name__ == "__main__":
    main()
