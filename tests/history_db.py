"""A past year of renewals with and without calls, written into a real database for tests.

Members came due between January and August 2026; a roster import (a batch in December 2025)
watched them. Half of them were on a renewal list and called. First-year members renewed far
more often after a call (70% against 40%), long-tenured ones renewed as often either way (90%),
so a model fitted on it must call the first-year members first.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy.orm import Session

from member_reach.store.models import (
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    ImportBatch,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
    PhoneNumber,
)

#: (join years before the expiry, chance to renew called, not called)
KINDS = {
    "first": (0, 0.70, 0.40),
    "middle": (3, 0.80, 0.72),
    "long": (12, 0.90, 0.90),
}


def _person(name: str, yearly: int, join: dt.date, end: dt.date) -> Person:
    person = Person(first_name=name, last_name="Past", display_name=f"{name} Past")
    person.phones.append(PhoneNumber(original="646 555 0100", e164="+16465550100"))
    key = f"{name.lower().replace(' ', '.')}@example.org"
    person.emails.append(EmailAddress(address=key, address_key=key, is_primary=True))
    person.membership = Membership(type_id=yearly, join_date=join, term_end=end, dues=Decimal(150))
    return person


def _codes(session: Session, campaign: Campaign) -> dict[str, int]:
    codes = {
        "renewed": OutcomeCode(campaign_id=campaign.id, code="renewed", category="success"),
        "declined": OutcomeCode(campaign_id=campaign.id, code="declined", category="negative"),
        "no_answer": OutcomeCode(
            campaign_id=campaign.id, code="no_answer", category="neutral", answered=False
        ),
    }
    session.add_all(codes.values())
    session.flush()
    return {code: row.id for code, row in codes.items()}


def write_history(session: Session, members: int = 1200, seed: int = 3) -> int:
    """Write the past year; returns the membership type's id (for members added after)."""
    rng = random.Random(seed)
    yearly = MembershipType(name="Individual", period_kind="rolling", term_months=12)
    session.add(yearly)
    session.add(
        ImportBatch(kind="roster", file_name="roster.csv", started_at=dt.datetime(2025, 12, 1, 9))
    )
    campaign = Campaign(name="Renewals 2026", kind="renewal", status="closed")
    session.add(campaign)
    session.flush()
    codes = _codes(session, campaign)
    people: list[tuple[Person, dt.date, bool, bool]] = []
    for number in range(members):
        kind = rng.choice(list(KINDS))
        years, if_called, if_not = KINDS[kind]
        expiry = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(240))
        join = expiry.replace(year=expiry.year - years - 1) + dt.timedelta(days=10)
        called = rng.random() < 0.5
        renewed = rng.random() < (if_called if called else if_not)
        end = expiry.replace(year=expiry.year + 1) if renewed else expiry
        people.append(
            (_person(f"{kind.title()} {number}", yearly.id, join, end), expiry, called, renewed)
        )
    session.add_all([person for person, *_ in people])
    session.flush()
    for number, (person, expiry, called, renewed) in enumerate(people):
        if renewed:
            session.add(
                DetectedRenewal(
                    person_id=person.id,
                    old_term_end=expiry,
                    new_term_end=expiry.replace(year=expiry.year + 1),
                    detected_on=expiry + dt.timedelta(days=12),
                )
            )
        if called:
            listed = dt.datetime.combine(expiry - dt.timedelta(days=20), dt.time(9))
            task = CallTask(
                campaign_id=campaign.id, person_id=person.id, ref=f"H-{number}", state="done"
            )
            task.created_at = listed
            code = "renewed" if renewed else rng.choice(("declined", "no_answer"))
            task.logs.append(CallLog(called_at=listed, outcome_code_id=codes[code]))
            session.add(task)
    session.flush()
    return yearly.id


def add_due(
    session: Session, yearly: int, name: str, join: dt.date, expiry: dt.date, email: bool = True
) -> int:
    """A member due on ``expiry``, on today's list; returns their id."""
    person = _person(name, yearly, join, expiry)
    if not email:
        person.emails.clear()
    session.add(person)
    session.flush()
    return person.id
