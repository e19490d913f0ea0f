"""Filler in a roster's phone column ("n/a", "-", "000-000-0000") is no phone, and no problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from roster_files import PHONE_FILLER as FILLER
from roster_files import filler_roster
from sqlalchemy import select

from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import Person, PhoneNumber

TODAY = dt.date(2026, 11, 23)


def test_filler_is_not_stored_as_a_phone_nor_flagged(db: Database, tmp_path: Path) -> None:
    report = run_roster_import(db, filler_roster(tmp_path / "roster.csv"), TODAY)
    assert report.counts.inserted == len(FILLER) + 1 and report.counts.rejected == 0
    assert [i for i in report.issues if "phone" in i.reason] == []  # not an invalid phone
    with db.session() as s:
        stored = s.execute(select(PhoneNumber.original, PhoneNumber.e164)).all()
        assert stored == [("(646) 555-0101", "+16465550101")]
        people = s.scalars(select(Person).where(Person.first_name == "Filler")).all()
        assert len(people) == len(FILLER) and all(not p.phones for p in people)
