"""Write tests/schemas/schema_<head>.sqlite3: a small database at the current schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from member_reach.store.database import open_database
from member_reach.store.migrate import head_revision
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
    PersonEdit,
    PhoneNumber,
    Setting,
)

SAMPLE_PEOPLE = [
    ("Ada", "Lovelace", "M-0001", dt.date(2027, 1, 31)),
    ("Alan", "Turing", "M-0002", dt.date(2026, 11, 5)),
    ("Grace", "Hopper", "M-0003", dt.date(2025, 6, 30)),
]


def make(path: Path) -> None:
    """Create the sample database at ``path``."""
    db = open_database(path)
    with db.session() as s:
        kind = MembershipType(
            name="Individual", period_kind="rolling", term_months=12, default_dues=Decimal("195.00")
        )
        event = Event(
            name="Annual Conference 2025",
            series="Annual Conference",
            starts_on=dt.date(2025, 10, 14),
        )
        campaign = Campaign(name="December renewals", kind="renewal", goal_count=2)
        # 0009: a campaign keeping 10% uncalled, drawn from a recorded seed, and a member of it
        # kept uncalled, in its control group.
        measured = Campaign(
            name="January renewals", kind="renewal", control_percent=10, control_seed=20261201
        )
        control = CallTask(campaign=measured, ref="T-CONTROL", state="control", in_control=True)
        campaign.outcome_codes.append(
            OutcomeCode(code="RENEWED", label="Renewed", category="success")
        )
        s.add_all([kind, event, campaign, Setting(key="grace_days", value="45")])
        for first, last, ext, end in SAMPLE_PEOPLE:
            person = Person(first_name=first, last_name=last)
            person.external_ids.append(ExternalId(source="ams", value=ext))
            person.emails.append(
                EmailAddress(
                    address=f"{first}@example.org", address_key=f"{first}@example.org".lower()
                )
            )
            person.phones.append(PhoneNumber(original="212-555-0100", e164="+12125550100"))
            person.membership = Membership(type=kind, join_date=dt.date(2019, 2, 1), term_end=end)
            s.add(person)
            s.add(Attendance(event=event, person=person, role="attendee", attended=True))
            task = CallTask(campaign=campaign, person=person, ref=f"T-{ext}")
            task.logs.append(CallLog(caller="Sam", notes="left voicemail"))
            s.add(task)
            if ext == "M-0003":
                control.person = person
            s.add(
                PersonEdit(
                    person=person, field="do_not_call", before="no", after="yes", edited_by="Sam"
                )
            )
        s.add(control)
    db.close()


if __name__ == "__main__":
    target = Path(__file__).with_name(f"schema_{head_revision()}.sqlite3")
    target.unlink(missing_ok=True)
    make(target)
    print(f"wrote {target}")
