"""The demo association: realistic counts, dates around `today`, events, contacts, determinism."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session

from member_reach.domain.status import Status, StatusRules, derive_status, status_cutoffs
from member_reach.services.demo.demo import DemoSummary, create_demo_database, generate_demo
from member_reach.services.members.members import contact_count, status_counts
from member_reach.store.database import Database, open_database
from member_reach.store.errors import StoreError
from member_reach.store.models import (
    Attendance,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

TODAY = dt.date(2026, 11, 23)
DIGEST_TABLES = (
    "membership_type",
    "person",
    "external_id",
    "membership",
    "email_address",
    "phone_number",
    "event",
    "attendance",
    "setting",
)


def _count(session: Session, model: type[object]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _check_counts(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with db.session() as s:
        assert summary.people == _count(s, Person)
        assert summary.members == _count(s, Membership)
        assert summary.contacts == contact_count(s) == summary.people - summary.members
        assert summary.events == _count(s, Event) == 3
        assert summary.attendances == _count(s, Attendance)
        assert summary.membership_types == _count(s, MembershipType) == 4
        # Every person has an AMS number; members M-…, contacts C-….
        assert _count(s, ExternalId) == summary.people
        prefixes = Counter(v[:2] for v in s.scalars(select(ExternalId.value)))
        source = set(s.scalars(select(ExternalId.source)))
    assert 1900 <= summary.people <= 2100
    assert 200 <= summary.contacts <= 500  # prospects and event-only contacts
    assert prefixes == {"M-": summary.members, "C-": summary.contacts}
    assert source == {"demo-ams"}


def _check_statuses(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with db.session() as s:
        counts = status_counts(s, TODAY)
    assert sum(counts.values()) == summary.members
    assert 0.10 <= counts["lapsed"] / summary.members <= 0.20
    assert 0.01 <= counts["grace"] / summary.members <= 0.06
    assert counts["new"] >= 20
    assert counts["lifetime"] >= 20
    assert counts["unknown"] == 0
    assert counts["current"] > summary.members / 2


def _check_roster_status(demo: tuple[Database, DemoSummary]) -> None:
    """The AMS's own label must not contradict the dates (an AMS says what it computed)."""
    db, _ = demo
    with db.session() as s:
        rows = s.execute(
            select(
                MembershipType.period_kind,
                Membership.join_date,
                Membership.term_end,
                Membership.roster_status,
            ).join(MembershipType, MembershipType.id == Membership.type_id)
        ).all()
    cutoffs = status_cutoffs(TODAY, StatusRules())
    expected = {
        Status.NEW: "Active",
        Status.CURRENT: "Active",
        Status.GRACE: "Grace Period",
        Status.LAPSED: "Lapsed",
        Status.LIFETIME: "Lifetime",
    }
    for kind, join, end, label in rows:
        assert label == expected[derive_status(kind, join, end, cutoffs)]


def _check_terms(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        types = {t.name: t for t in s.scalars(select(MembershipType))}
        rows = s.execute(
            select(
                MembershipType.name,
                Membership.join_date,
                Membership.term_start,
                Membership.term_end,
                Membership.dues,
            ).join(MembershipType, MembershipType.id == Membership.type_id)
        ).all()
    assert (types["Individual"].period_kind, types["Individual"].term_months) == ("rolling", 12)
    assert (types["Student"].period_kind, types["Student"].term_months) == ("rolling", 12)
    corporate = types["Corporate"]
    assert corporate.period_kind == "fixed"
    assert (corporate.renewal_month, corporate.renewal_day) == (1, 1)
    assert corporate.rollover_month is not None
    assert types["Lifetime"].period_kind == "lifetime"
    assert types["Lifetime"].term_months is None
    fifteen_years_ago = TODAY - relativedelta(years=15)
    for name, join, start, end, dues in rows:
        assert isinstance(dues, Decimal) and dues > 0
        assert fifteen_years_ago <= join <= TODAY
        if name == "Lifetime":
            assert end is None
        elif name == "Corporate":
            assert (end.month, end.day) == (12, 31)
            assert join <= start <= end
        else:
            # Rolling: the term ends on an anniversary of joining (Feb 29 ends on Feb 28).
            anniversary = join + relativedelta(years=end.year - join.year)
            assert end == anniversary and end > join
            assert start in (end - relativedelta(years=1), join)


def _check_renewal_months(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        ends = list(s.scalars(select(Membership.term_end).where(Membership.term_end >= TODAY)))
        joins = list(s.scalars(select(Membership.join_date)))
    assert {end.month for end in ends} == set(range(1, 13))
    assert min(joins) < TODAY - relativedelta(years=12)  # joins spread over 15 years


def _check_people(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        orgs = s.execute(
            select(Person.organisation, Person.display_name, MembershipType.name)
            .where(Person.is_organisation.is_(True))
            .outerjoin(Membership, Membership.person_id == Person.id)
            .outerjoin(MembershipType, MembershipType.id == Membership.type_id)
        ).all()
        do_not_call = _count_where(s, Person.do_not_call.is_(True))
        without_email = _count_where(
            s, ~select(EmailAddress.id).where(EmailAddress.person_id == Person.id).exists()
        )
        countries = set(s.scalars(select(Person.country)))
        emails = s.execute(select(EmailAddress.address, EmailAddress.address_key)).all()
    assert sum(1 for *_, type_name in orgs if type_name == "Corporate") >= 50
    assert all(org and display == org for org, display, _ in orgs)
    assert 10 <= do_not_call <= 200
    assert 50 <= without_email <= 500
    assert countries >= {"US", "CA", "GB", "DE", "AU"}
    assert all(key == address.strip().lower() for address, key in emails)
    assert any(address != key for address, key in emails)  # some typed with capitals
    assert len({key for _, key in emails}) == len(emails)


def _count_where(session: Session, clause: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(Person).where(clause)) or 0)


def _check_phones(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        rows = s.execute(
            select(PhoneNumber.original, PhoneNumber.e164, Person.country).join(
                Person, Person.id == PhoneNumber.person_id
            )
        ).all()
    assert len(rows) > 1500
    regions: Counter[str] = Counter()
    for original, e164, country in rows:
        parsed = phonenumbers.parse(e164)
        assert phonenumbers.is_valid_number(parsed), e164
        regions[phonenumbers.region_code_for_number(parsed)] += 1
        assert phonenumbers.region_code_for_number(parsed) == country
        # The original, as a person typed it, reads back as the same number.
        again = phonenumbers.parse(original, country)
        assert phonenumbers.format_number(again, phonenumbers.PhoneNumberFormat.E164) == e164
    assert len(regions) >= 4
    assert len({original for original, _, _ in rows if not original.startswith("+")}) > 100
    formats = {"".join("9" if c.isdigit() else c for c in original) for original, *_ in rows}
    assert len(formats) >= 10  # typed in many ways


def _check_events(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        events = list(s.scalars(select(Event).order_by(Event.starts_on)))
        roles = {
            (event_id, role, attended): n
            for event_id, role, attended, n in s.execute(
                select(
                    Attendance.event_id, Attendance.role, Attendance.attended, func.count()
                ).group_by(Attendance.event_id, Attendance.role, Attendance.attended)
            )
        }
        registered = s.execute(
            select(Attendance.event_id, Attendance.registered_on, Event.starts_on).join(Event)
        ).all()
    assert len({e.series for e in events}) == 1
    past, coming = events[:2], events[2]
    assert all(e.starts_on is not None and e.starts_on <= TODAY for e in past)
    assert coming.starts_on is not None and coming.starts_on > TODAY
    assert all(e.starts_on and e.ends_on and e.ends_on >= e.starts_on for e in events)
    for event in past:
        assert roles.get((event.id, "attendee", True), 0) >= 200
        assert roles.get((event.id, "exhibitor", True), 0) >= 10
        assert roles.get((event.id, "sponsor", True), 0) >= 5
    assert sum(n for (eid, _, came), n in roles.items() if eid == coming.id and not came) >= 30
    assert not any(came for (eid, _, came) in roles if eid == coming.id)
    for _event_id, registered_on, starts_on in registered:
        assert registered_on is not None and registered_on <= min(starts_on, TODAY)


def _check_event_visitors(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.session() as s:
        visits = s.execute(
            select(Attendance.person_id, Attendance.event_id, Membership.id)
            .outerjoin(Membership, Membership.person_id == Attendance.person_id)
            .join(Event, Event.id == Attendance.event_id)
            .where(Event.starts_on <= TODAY)
        ).all()
    non_members = {pid for pid, _, membership in visits if membership is None}
    editions_per_person = Counter(p for p, _ in {(p, e) for p, e, _ in visits})
    assert len(non_members) >= 50  # event-only contacts: prospects for the "prospects" campaign
    assert sum(1 for n in editions_per_person.values() if n == 2) >= 50


def _check_refuses_a_second_demo(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with pytest.raises(ValueError, match="empty database"), db.session() as s:
        generate_demo(s, TODAY)
    with db.session() as s:
        assert _count(s, Person) == summary.people


def test_demo_association(db: Database) -> None:
    """One generation per backend, checked from every side (generating is the slow part)."""
    with db.session() as session:
        summary = generate_demo(session, TODAY)
    demo = (db, summary)
    _check_counts(demo)
    _check_statuses(demo)
    _check_roster_status(demo)
    _check_terms(demo)
    _check_renewal_months(demo)
    _check_people(demo)
    _check_phones(demo)
    _check_events(demo)
    _check_event_visitors(demo)
    _check_refuses_a_second_demo(demo)


@pytest.mark.parametrize(
    "today",
    [dt.date(2027, 1, 12), dt.date(2028, 2, 29), dt.date(2026, 5, 12)],
    ids=["corporate-grace-in-january", "leap-day", "conference-day"],
)
def test_other_days_keep_the_shape(tmp_path: Path, today: dt.date) -> None:
    """Dates follow `today`: statuses, renewal months and events keep their proportions."""
    database = open_database(tmp_path / "demo.sqlite3")
    try:
        with database.session() as s:
            summary = generate_demo(s, today)
            counts = status_counts(s, today)
            months = {end.month for end in s.scalars(select(Membership.term_end)) if end}
            starts = sorted(s.scalars(select(Event.starts_on)))
            registered = s.scalars(select(func.max(Attendance.registered_on))).one()
    finally:
        database.close()
    assert 0.10 <= counts["lapsed"] / summary.members <= 0.20
    assert counts["grace"] > 0 and counts["new"] > 0
    assert months == set(range(1, 13))
    assert starts[1] is not None and starts[1] <= today < starts[2]
    assert registered is not None and registered <= today


def _digest(db: Database) -> str:
    digest = hashlib.sha256()
    with db.engine.connect() as connection:
        for table in DIGEST_TABLES:
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")).mappings()
            for row in rows:
                kept = {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
                digest.update(repr(sorted(kept.items())).encode())
    return digest.hexdigest()


def test_same_seed_and_day_give_the_same_rows(tmp_path: Path) -> None:
    first = create_demo_database(tmp_path / "a.sqlite3", TODAY)
    second = create_demo_database(tmp_path / "b.sqlite3", TODAY)
    other = open_database(tmp_path / "c.sqlite3")
    try:
        with other.session() as s:
            generate_demo(s, TODAY, seed=7)
        assert _digest(first) == _digest(second)
        assert _digest(first) != _digest(other)
    finally:
        for database in (first, second, other):
            database.close()


def test_create_reports_progress_and_returns_an_open_database(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    database = create_demo_database(
        tmp_path / "demo.sqlite3", TODAY, progress=lambda done, total: calls.append((done, total))
    )
    try:
        with database.session() as s:
            assert _count(s, Person) > 1900
    finally:
        database.close()
    assert len(calls) >= 5
    totals = {total for _, total in calls}
    assert len(totals) == 1
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert dones[0] == 0 and dones[-1] == totals.pop()


def test_create_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "precious.sqlite3"
    path.write_bytes(b"not mine to overwrite")
    with pytest.raises(StoreError, match="already exists"):
        create_demo_database(path, TODAY)
    assert path.read_bytes() == b"not mine to overwrite"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.sqlite3"]


class Cancelled(Exception):
    """What a progress dialog's cancel button raises from the progress callback."""


def test_create_removes_the_file_when_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "cancelled.sqlite3"

    def cancel(done: int, total: int) -> None:
        if done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        create_demo_database(path, TODAY, progress=cancel)
    assert list(tmp_path.iterdir()) == []
