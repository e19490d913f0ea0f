"""A small association whose year's call plan is worked out by hand (tests of the Plan).

Today is 1 January 2027; the plan spans January to March. Settings: grace 30 days (the
default), one staff caller, one hour a week, one call an hour (so that a small association
still has months needing a partner).

Renewals due (the renewal list's rules):
  A  Individual, expiry 15 Jan 2027            -> January (Individual)
  D  Individual, expired 20 Dec 2026 (12 days; grace 30: in grace) -> January, today
  E  Student (grace 10 days), expired 20 Dec 2026: lapsed        -> not counted
  B  Individual, expiry 10 Feb 2027            -> February (Individual)
  C  Student, expiry 28 Feb 2027               -> February (Student)
  F  Individual, no expiry, joined 5 Mar 2020  -> March, its anniversary (Individual)
  G  Individual, expiry 31 Mar 2027, do not call -> left out
  H  Individual, expiry 15 Mar 2027, no phone    -> left out
  I  Life member: never due;  J, M, N expire after March.
  January 2, February 2, March 1.

Event outreach: Expo 2027 starts 10 Mar 2027, so its calls fall in February. Expo 2026 was
attended by A (a member), K (a contact) and L (registered for Expo 2027 already): 2 to call.

The past year's calls (from 2 Jan 2026), on a closed campaign:
  J  joined 2018, e-mail: 6 declined, 10 no answer      (long tenure)
  M  joined Aug 2026, no e-mail, came to Gala 2026 (June 2026): 3 renewed, 4 no answer
     (first year, event-goer, no e-mail)
  N  joined 2019, expiry then 1 Oct 2026 (a renewal detected on 20 Oct moved it), called
     10 Oct 2026: 1 renewed (long tenure, in grace)
  and one call on 1 Dec 2025, more than a year ago: not counted.
  Calls 24, conversations 10, successes 4: 2.4 calls per conversation (24 calls >= 20: this
  association's own); 4 successes < 5, so the default 4 conversations per success.

Month by month (people; calls = ceil(people x 2.4); hours = calls / 1; staff hours = 1 x 1 x
days / 7; staff calls = floor(staff hours x 1); hand over = calls - staff calls):
  January:  2 people, ceil(4.8) = 5 calls, 5.0 hours; 31/7 = 4.43 -> 4.4 h, 4 calls; hand 1;
            successes 2/4 = 0.5
  February: 2 + 2 = 4 people, ceil(9.6) = 10 calls, 10.0 hours; 28/7 = 4.0 h, 4 calls; hand 6;
            successes 1.0
  March:    1 person, ceil(2.4) = 3 calls, 3.0 hours; 4.4 h, 4 calls; hand 0; successes 0.2
            (0.25 rounded half to even)
"""

from __future__ import annotations

import datetime as dt

from member_reach.services.common.settings import set_setting
from member_reach.store.database import Database
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    Event,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
    PhoneNumber,
)

D = dt.date
TODAY = D(2027, 1, 1)


def _person(s: object, key: str, *, phone: bool = True, email: bool = True, **extra: object) -> int:
    p = Person(first_name=key, last_name="Tester", display_name=f"{key} Tester", **extra)
    if phone:
        p.phones.append(PhoneNumber(original="646 555 0100", e164="+16465550100"))
    if email:
        address = f"{key.lower()}@example.org"
        p.emails.append(EmailAddress(address=address, address_key=address, is_primary=True))
    s.add(p)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    return p.id


def _calls(s: object, task: CallTask, code: OutcomeCode, day: dt.date, count: int) -> None:
    for n in range(count):
        at = dt.datetime.combine(day, dt.time(10 + n % 8))
        s.add(CallLog(task_id=task.id, called_at=at, outcome_code_id=code.id, caller="Sam"))  # type: ignore[attr-defined]


def build(db: Database) -> dict[str, int]:
    """Write the association; return the people's ids by letter."""
    ids: dict[str, int] = {}
    with db.session() as s:
        for key, value in (
            ("plan_callers", 1),
            ("caller_hours_per_week", 1),
            ("calls_per_hour", 1),
        ):
            set_setting(s, key, value)
        yearly = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        student = MembershipType(
            name="Student", period_kind="rolling", term_months=12, grace_days=10
        )
        life = MembershipType(name="Life", period_kind="lifetime", term_months=None)
        s.add_all([yearly, student, life])
        s.flush()
        members = (
            ("A", yearly, D(2019, 1, 15), D(2027, 1, 15), {}),
            ("B", yearly, D(2019, 2, 10), D(2027, 2, 10), {}),
            ("C", student, D(2024, 2, 28), D(2027, 2, 28), {}),
            ("D", yearly, D(2018, 12, 20), D(2026, 12, 20), {}),
            ("E", student, D(2025, 12, 20), D(2026, 12, 20), {}),
            ("F", yearly, D(2020, 3, 5), None, {}),
            ("G", yearly, D(2018, 3, 31), D(2027, 3, 31), {"do_not_call": True}),
            ("H", yearly, D(2018, 3, 15), D(2027, 3, 15), {"phone": False}),
            ("I", life, D(2001, 3, 1), None, {}),
            ("J", yearly, D(2018, 5, 1), D(2027, 5, 1), {}),
            ("M", yearly, D(2026, 8, 1), D(2027, 7, 31), {"email": False}),
            ("N", yearly, D(2019, 10, 1), D(2027, 10, 1), {}),
        )
        for key, kind, join, expiry, extra in members:
            ids[key] = _person(s, key, **extra)
            s.add(Membership(person_id=ids[key], type_id=kind.id, join_date=join, term_end=expiry))
        ids["K"] = _person(s, "K")
        ids["L"] = _person(s, "L")
        s.add(
            DetectedRenewal(
                person_id=ids["N"],
                old_term_end=D(2026, 10, 1),
                new_term_end=D(2027, 10, 1),
                detected_on=D(2026, 10, 20),
            )
        )
        past = Event(name="Expo 2026", series="Expo", starts_on=D(2026, 3, 10))
        coming = Event(name="Expo 2027", series="Expo", starts_on=D(2027, 3, 10))
        gala = Event(name="Gala 2026", series="Gala", starts_on=D(2026, 6, 1))
        s.add_all([past, coming, gala])
        s.flush()
        for key in ("A", "K", "L"):
            s.add(Attendance(event_id=past.id, person_id=ids[key], attended=True))
        s.add(Attendance(event_id=coming.id, person_id=ids["L"], registered_on=D(2026, 12, 1)))
        s.add(Attendance(event_id=gala.id, person_id=ids["M"], attended=True))
        campaign = Campaign(name="Past renewals", kind="renewal", status="closed")
        s.add(campaign)
        s.flush()
        codes = {
            code: OutcomeCode(
                campaign_id=campaign.id, code=code, label=code, category=category, answered=answered
            )
            for code, category, answered in (
                ("renewed", "success", True),
                ("declined", "negative", True),
                ("no_answer", "neutral", False),
            )
        }
        s.add_all(codes.values())
        tasks = {}
        for number, key in enumerate(("J", "M", "N"), start=1):
            tasks[key] = CallTask(
                campaign_id=campaign.id, person_id=ids[key], state="done", ref=f"P-{number}"
            )
        s.add_all(tasks.values())
        s.flush()
        _calls(s, tasks["J"], codes["declined"], D(2026, 6, 15), 6)
        _calls(s, tasks["J"], codes["no_answer"], D(2026, 6, 16), 10)
        _calls(s, tasks["J"], codes["declined"], D(2025, 12, 1), 1)  # more than a year ago
        _calls(s, tasks["M"], codes["renewed"], D(2026, 10, 1), 3)
        _calls(s, tasks["M"], codes["no_answer"], D(2026, 10, 2), 4)
        _calls(s, tasks["N"], codes["renewed"], D(2026, 10, 10), 1)
    return ids
