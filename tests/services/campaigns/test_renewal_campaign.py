"""Renewal call lists on SQLite and PostgreSQL: who is selected, who is left out and why,
ranking, capacity, win-back, and the campaign written with its tasks and outcome codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from member_reach.services.campaigns.campaign_detail import TaskLine, campaign_detail
from member_reach.services.campaigns.campaigns import (
    Brief,
    create_renewal_campaign,
    find_campaign,
    list_campaigns,
)
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database
from member_reach.store.models import (
    Attendance,
    CallLog,
    CallTask,
    Campaign,
    DetectedRenewal,
    EmailAddress,
    Event,
    ExternalId,
    Membership,
    MembershipType,
    OutcomeCode,
    Person,
    PhoneNumber,
)

D = dt.date
TODAY = D(2026, 11, 23)
DECEMBER = RenewalOptions(D(2026, 12, 1), D(2026, 12, 31))


class Roster:
    """A small association, one person per rule."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, int] = {}
        with db.session() as s:
            yearly = MembershipType(name="Individual", period_kind="rolling", term_months=12)
            life = MembershipType(name="Life", period_kind="lifetime", term_months=None)
            s.add_all([yearly, life])
            s.flush()
            self.yearly, self.life = yearly.id, life.id
            other = Campaign(name="Gala outreach", kind="event", status="active")
            closed = Campaign(name="Old renewals", kind="renewal", status="closed")
            s.add_all([other, closed])
            s.flush()
            self.other, self.closed = other.id, closed.id

    def add(
        self,
        key: str,
        expiry: dt.date | None,
        *,
        join: dt.date = dt.date(2018, 3, 1),  # noqa: B008 (a date is immutable)
        phone: bool = True,
        email: bool = True,
        dues: str = "150",
        lifetime: bool = False,
        **person: object,
    ) -> int:
        with self.db.session() as s:
            p = Person(
                first_name=key.title(),
                last_name="Tester",
                display_name=f"{key.title()} Tester",
                **person,
            )
            if phone:
                p.phones.append(PhoneNumber(original="646 555 0100", e164="+16465550100"))
            if email:
                p.emails.append(
                    EmailAddress(
                        address=f"{key}@example.org",
                        address_key=f"{key}@example.org",
                        is_primary=True,
                    )
                )
            p.external_ids.append(ExternalId(source="roster", value=f"M-{key}"))
            s.add(p)
            s.flush()
            s.add(
                Membership(
                    person_id=p.id,
                    type_id=self.life if lifetime else self.yearly,
                    join_date=join,
                    term_end=expiry,
                    dues=Decimal(dues),
                )
            )
            self.ids[key] = p.id
            return p.id

    def task(self, key: str, campaign_id: int, state: str = "open") -> int:
        with self.db.session() as s:
            task = CallTask(
                campaign_id=campaign_id,
                person_id=self.ids[key],
                state=state,
                ref=f"T-{key}-{campaign_id}",
            )
            s.add(task)
            s.flush()
            return task.id

    def called(self, key: str, when: dt.datetime, category: str = "neutral") -> None:
        task_id = self.task(key, self.closed, state="done")
        with self.db.session() as s:
            code = OutcomeCode(campaign_id=self.closed, code=f"c-{key}", category=category)
            s.add(code)
            s.flush()
            s.add(CallLog(task_id=task_id, called_at=when, outcome_code_id=code.id))


@pytest.fixture
def roster(db: Database) -> Roster:
    r = Roster(db)
    r.add("due", D(2026, 12, 15))
    r.add("grace", D(2026, 11, 10))
    r.add("lapsed", D(2026, 9, 1))
    r.add("later", D(2027, 3, 31))
    r.add("dnc", D(2026, 12, 5), do_not_call=True)
    r.add("nophone", D(2026, 12, 6), phone=False)
    r.add("gone", D(2026, 12, 7), deceased=True)
    r.add("recent", D(2026, 12, 8))
    r.called("recent", dt.datetime(2026, 11, 18, 10, 0))
    r.add("earlier", D(2026, 12, 9))
    r.called("earlier", dt.datetime(2026, 10, 30, 10, 0), category="positive")
    r.add("busy", D(2026, 12, 10))
    r.task("busy", r.other)
    r.add("free", D(2026, 12, 11))
    r.task("free", r.closed, state="done")
    r.add("forever", None, lifetime=True)
    r.add("renewed", D(2027, 12, 12))
    with r.db.session() as s:
        s.add(
            DetectedRenewal(
                person_id=r.ids["renewed"],
                old_term_end=D(2026, 12, 12),
                new_term_end=D(2027, 12, 12),
                detected_on=D(2026, 11, 20),
            )
        )
    r.add("winback", D(2025, 12, 20), join=D(2015, 12, 5))
    r.add("newbie", D(2026, 12, 30), join=D(2026, 1, 1), email=False)
    return r


def names(plan_or_list: object) -> list[str]:
    return [s.name.split()[0].lower() for s in plan_or_list]  # type: ignore[attr-defined]


def test_selection_and_exclusions(roster: Roster, db: Database) -> None:
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
    assert sorted(names(plan.selected)) == ["due", "earlier", "free", "grace", "newbie"]
    assert plan.excluded_counts() == {
        "do_not_call": 1,
        "deceased_or_archived": 1,
        "no_phone": 1,
        "on_another_campaign": 1,
        "contacted_recently": 1,
        "already_renewed": 1,
    }
    ids = roster.ids
    assert plan.excluded["contacted_recently"] == [ids["recent"]]
    assert plan.excluded["on_another_campaign"] == [ids["busy"]]
    why = {s.name.split()[0].lower(): s.why_selected for s in plan.selected}
    assert why["grace"] == "grace" and why["due"] == "due"


def test_ranking_and_reasons(roster: Roster, db: Database) -> None:
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
    ranked = names(plan.selected)
    # grace: 25 in grace + 16 for 8 years + 4.5 dues = 45.5; newbie: 30 first year + 10 no
    # e-mail + 4.5 dues + 0.3 (renews at the window's end) = 44.8; earlier: 12 earlier yes
    # + 16 + 4.5 + 7.3 (renews 9 Dec) = 39.8; then free (11 Dec) before due (15 Dec).
    assert ranked == ["grace", "newbie", "earlier", "free", "due"]
    reasons = {s.name.split()[0].lower(): s.reason for s in plan.selected}
    assert reasons["newbie"] == "Renews by 30 Dec · first-year member · no e-mail on file"
    assert reasons["grace"].startswith("Lapsed 10 Nov, in grace · 8-year member")
    assert "said yes on an earlier call" in reasons["earlier"]
    priorities = [s.priority for s in plan.selected]
    assert priorities == sorted(priorities, reverse=True)


def test_capacity_keeps_the_most_important_and_reports_the_rest(
    roster: Roster, db: Database
) -> None:
    options = RenewalOptions(DECEMBER.start, DECEMBER.end, capacity=2)
    with db.session() as s:
        plan = plan_renewals(s, TODAY, options)
    assert names(plan.selected) == ["grace", "newbie"]
    assert len(plan.over_capacity) == 3  # never silently lost


def test_grace_days_and_win_back(roster: Roster, db: Database) -> None:
    with db.session() as s:
        no_grace = plan_renewals(
            s, TODAY, RenewalOptions(DECEMBER.start, DECEMBER.end, grace_days=5)
        )
        assert "grace" not in names(no_grace.selected)
        win_back = plan_renewals(
            s, TODAY, RenewalOptions(DECEMBER.start, DECEMBER.end, win_back_years=2)
        )
    chosen = {x.name.split()[0].lower(): x for x in win_back.selected}
    assert chosen["winback"].why_selected == "win-back"  # joined 5 Dec: anniversary in December
    assert chosen["winback"].reason.startswith("Win-back: lapsed 20 Dec 2025")
    assert "lapsed" not in chosen  # lapsed 1 Sep, joined 1 Mar: no anniversary in December


def test_a_lifetime_member_is_never_on_a_renewal_list(roster: Roster, db: Database) -> None:
    wide = RenewalOptions(D(1990, 1, 1), D(2060, 12, 31))
    with db.session() as s:
        plan = plan_renewals(s, TODAY, wide)
    assert "forever" not in names(plan.selected) + names(plan.over_capacity)


def test_the_campaign_is_written_with_tasks_codes_and_brief(roster: Roster, db: Database) -> None:
    with db.session() as s:
        created, _ = create_renewal_campaign(
            s, TODAY, DECEMBER, brief=Brief(goal_count=3, why_it_matters="Dues fund the journal")
        )
    assert created.name == "Renewals 1 Dec 2026 – 31 Dec 2026" and created.tasks == 5
    assert created.excluded["no_phone"] == 1
    with db.session() as s:
        campaign = find_campaign(s, created.name.upper())
        assert find_campaign(s, str(created.campaign_id)).id == campaign.id
        shown = campaign_detail(s, campaign)
        assert shown.goal_count == 3 and shown.deadline == D(2026, 12, 31)
        assert shown.why_it_matters == "Dues fund the journal"
        assert [c.category for c in shown.outcome_codes][:3] == [
            "success",
            "positive",
            "positive",
        ]
        assert {c.code for c in shown.outcome_codes} >= {
            "renewed",
            "promised",
            "no_answer",
            "voicemail",
            "declined",
            "do_not_call",
        }
        task = shown.tasks[0]
        assert {f.name for f in fields(TaskLine)} >= {
            "member_id",
            "external_id",
            "name",
            "email",
            "priority",
            "reason",
            "state",
        }
        assert (task.name, task.external_id, task.email, task.state) == (
            "Grace Tester",
            "M-grace",
            "grace@example.org",
            "open",
        )
        newbie = next(t for t in shown.tasks if t.name == "Newbie Tester")
        assert newbie.email == ""
        assert task.time_zone == "America/New_York" and task.phone == "+16465550100"
        morning = campaign_detail(s, campaign, dt.datetime(2026, 11, 23, 13, 0))  # 08:00 in NY
        night = campaign_detail(s, campaign, dt.datetime(2026, 11, 23, 3, 0))  # 22:00 in NY
        assert all(t.callable_now for t in morning.tasks)
        assert not any(t.callable_now for t in night.tasks)
        refs = s.scalars(select(CallTask.ref).where(CallTask.campaign_id == campaign.id)).all()
        assert len(set(refs)) == 5
        [summary] = [c for c in list_campaigns(s) if c.campaign_id == campaign.id]
        assert (summary.open_tasks, summary.done_tasks) == (5, 0)
    # The next list for the same window leaves them out: nobody is called for two campaigns.
    with db.session() as s:
        again = plan_renewals(s, TODAY, DECEMBER)
    assert again.selected == [] and again.excluded_counts()["on_another_campaign"] == 6


def test_errors_say_what_to_do(roster: Roster, db: Database) -> None:
    with db.session() as s:
        create_renewal_campaign(s, TODAY, DECEMBER, name="December")
    with db.session() as s, pytest.raises(ServiceError, match="already a campaign called"):
        create_renewal_campaign(s, TODAY, DECEMBER, name=" december ")
    with db.session() as s, pytest.raises(ServiceError, match="swap the dates"):
        plan_renewals(s, TODAY, RenewalOptions(D(2026, 12, 31), D(2026, 12, 1)))
    with db.session() as s, pytest.raises(ServiceError, match="no campaign 'Nope'"):
        find_campaign(s, "Nope")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 3


def test_event_attendance_counts_in_the_ranking(roster: Roster, db: Database) -> None:
    with db.session() as s:
        expo = Event(name="Expo 2025", series="Expo", starts_on=D(2025, 5, 1))
        s.add(expo)
        s.flush()
        s.add(
            Attendance(
                event_id=expo.id, person_id=roster.ids["free"], role="attendee", attended=True
            )
        )
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
    free = next(x for x in plan.selected if x.name.startswith("Free"))
    assert "attended Expo 2025" in free.reason


def test_a_member_without_expiry_is_due_on_the_join_anniversary(
    roster: Roster, db: Database
) -> None:
    roster.add("anniv", None, join=D(2019, 12, 20))
    roster.add("offcycle", None, join=D(2019, 6, 20))
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
    chosen = {x.name.split()[0].lower(): x for x in plan.selected}
    assert chosen["anniv"].why_selected == "anniversary"
    assert chosen["anniv"].expiry == D(2026, 12, 19)
    assert chosen["anniv"].reason.startswith("Renews by 19 Dec")
    assert "offcycle" not in chosen


# -- found by review ------------------------------------------------------------------------


def test_a_types_own_grace_period_counts(roster: Roster, db: Database) -> None:
    with db.session() as s:
        long_grace = MembershipType(
            name="Patron", period_kind="rolling", term_months=12, grace_days=60
        )
        s.add(long_grace)
        s.flush()
        type_id = long_grace.id
    pid = roster.add("patron", D(2026, 10, 9))  # 45 days ago
    with db.session() as s:
        s.get(
            Membership, s.scalars(select(Membership.id).where(Membership.person_id == pid)).one()
        ).type_id = type_id
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
        chosen = {x.name.split()[0].lower(): x.why_selected for x in plan.selected}
        assert chosen["patron"] == "grace"
        strict = plan_renewals(
            s, TODAY, RenewalOptions(DECEMBER.start, DECEMBER.end, grace_days=30)
        )
    assert "patron" not in names(strict.selected)  # --grace-days overrides the type's


def test_a_window_reaching_into_the_past_holds_no_lapsed_member(
    roster: Roster, db: Database
) -> None:
    with db.session() as s:
        plan = plan_renewals(s, TODAY, RenewalOptions(D(2026, 1, 1), D(2026, 12, 31)))
    assert "lapsed" not in names(plan.selected)  # expired 1 Sep, grace over
    assert "grace" in names(plan.selected)


def test_a_fixed_type_without_expiry_renews_on_its_renewal_day(
    roster: Roster, db: Database
) -> None:
    with db.session() as s:
        calendar = MembershipType(
            name="Calendar", period_kind="fixed", term_months=None, renewal_month=1, renewal_day=1
        )
        s.add(calendar)
        s.flush()
        type_id = calendar.id
    pid = roster.add("calendar", None, join=D(2020, 6, 10))
    with db.session() as s:
        s.get(
            Membership, s.scalars(select(Membership.id).where(Membership.person_id == pid)).one()
        ).type_id = type_id
    with db.session() as s:
        june = plan_renewals(s, TODAY, RenewalOptions(D(2027, 6, 1), D(2027, 6, 30)))
        january = plan_renewals(s, TODAY, RenewalOptions(D(2026, 12, 15), D(2027, 1, 15)))
    assert "calendar" not in names(june.selected)
    chosen = {x.name.split()[0].lower(): x for x in january.selected}
    assert chosen["calendar"].expiry == D(2026, 12, 31)
