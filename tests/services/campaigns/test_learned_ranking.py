"""The learned ranking on SQLite and PostgreSQL: the history read from past lists, calls and
detected renewals; a renewal campaign ranked by it, with the evidence in each reason; and the
fixed weights kept while the history is too small."""

from __future__ import annotations

import datetime as dt

from history_db import KINDS, add_due, write_history
from sqlalchemy import select

from member_reach.domain.scoring import Candidate
from member_reach.domain.segments import FIRST_YEAR, LONG_TENURE
from member_reach.services.campaigns.campaigns import create_renewal_campaign
from member_reach.services.campaigns.learned_ranking import explain_ranking, profile_of
from member_reach.services.campaigns.ranking_history import history_records
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign

TODAY = dt.date(2026, 11, 23)
DECEMBER = RenewalOptions(dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def _due_members(db: Database, yearly: int) -> dict[str, int]:
    d = dt.date
    with db.session() as s:
        return {
            "veteran": add_due(s, yearly, "Vera Veteran", d(2009, 12, 5), d(2026, 12, 4)),
            "newcomer": add_due(s, yearly, "Nina New", d(2025, 12, 20), d(2026, 12, 19)),
            "middle": add_due(s, yearly, "Mo Middle", d(2023, 12, 2), d(2026, 12, 1)),
        }


def test_history_records_follow_the_lists_calls_and_renewals(db: Database) -> None:
    with db.session() as s:
        write_history(s)
    with db.session() as s:
        records = history_records(s, TODAY)
        tasks = len(s.scalars(select(CallTask.id)).all())
    assert len(records) == 1200
    assert sum(r.called for r in records) == tasks  # every task in the history was called
    by_tenure = {r.profile.tenure for r in records}
    assert by_tenure == {FIRST_YEAR, "tenure_1_5", LONG_TENURE}
    first = [r for r in records if r.profile.tenure == FIRST_YEAR]
    called = [r.renewed for r in first if r.called]
    uncalled = [r.renewed for r in first if not r.called]
    _, if_called, if_not = KINDS["first"]
    assert abs(sum(called) / len(called) - if_called) < 0.1
    assert abs(sum(uncalled) / len(uncalled) - if_not) < 0.1
    assert not any(r.profile.in_grace for r in records)  # every list was made before expiry


def test_a_renewal_campaign_is_ranked_by_the_learned_model(db: Database) -> None:
    with db.session() as s:
        yearly = write_history(s)
    ids = _due_members(db, yearly)
    with db.session() as s:
        created, plan = create_renewal_campaign(s, TODAY, DECEMBER, name="December")
        assert plan.model is not None and plan.model.ready
        tasks = s.scalars(select(CallTask).where(CallTask.campaign_id == created.campaign_id)).all()
        order = [t.person_id for t in sorted(tasks, key=lambda t: -t.priority)]
        reasons = {t.person_id: t.reason for t in tasks}
    assert order[0] == ids["newcomer"]
    assert order.index(ids["middle"]) < order.index(ids["veteran"])
    assert reasons[ids["newcomer"]].startswith("Renews by 19 Dec · first-year members here ")
    assert "after a call," in reasons[ids["newcomer"]]
    assert reasons[ids["veteran"]].startswith("Renews by 4 Dec · members of more than 5 years")


def test_too_little_history_keeps_the_fixed_weights(db: Database) -> None:
    with db.session() as s:
        yearly = write_history(s, members=300)
    ids = _due_members(db, yearly)
    with db.session() as s:
        plan = plan_renewals(s, TODAY, DECEMBER)
        explanation = explain_ranking(s, TODAY)
        campaigns = s.scalars(select(Campaign.name)).all()
    assert plan.model is not None and not plan.model.ready
    reasons = {p.person_id: p.reason for p in plan.selected}
    assert reasons[ids["newcomer"]] == "Renews by 19 Dec · first-year member"
    assert "here renewed" not in " ".join(reasons.values())
    assert not explanation.model.ready
    assert explanation.model.overall.called < explanation.needed[0]
    assert explanation.history_from == dt.date(2025, 12, 1)
    assert campaigns == ["Renewals 2026"]


def test_explanation_lists_the_factors_with_their_counts(db: Database) -> None:
    with db.session() as s:
        write_history(s)
        explanation = explain_ranking(s, TODAY)
    assert explanation.model.ready
    factors = {f.key: f for f in explanation.factors}
    assert explanation.factors[0].key == FIRST_YEAR  # the call helped first-year members most
    first = factors[FIRST_YEAR].tally
    assert first.members == first.called + first.uncalled > 300
    assert factors[LONG_TENURE].difference is not None
    assert abs(factors[LONG_TENURE].difference) < 0.1


def test_no_roster_seen_means_no_history(db: Database) -> None:
    with db.session() as s:
        assert history_records(s, TODAY) == []
        explanation = explain_ranking(s, TODAY)
    assert explanation.history_from is None
    assert explanation.factors == []


def test_a_control_group_counts_on_the_side_without_a_call(db: Database) -> None:
    with db.session() as s:
        write_history(s)
    with db.session() as s:
        before = sum(r.called for r in history_records(s, TODAY))
        kept = s.scalars(select(CallTask).order_by(CallTask.id).limit(30)).all()
        for task in kept:  # their calls stay logged: the control flag alone decides
            task.in_control = True
    with db.session() as s:
        records = history_records(s, TODAY)
    assert len(records) == 1200  # still in the history: on the side without a call
    assert sum(r.called for r in records) == before - 30


def test_a_member_in_grace_is_judged_by_the_events_before_the_expiry() -> None:
    # As the history judges members: an event since the expiry does not hide an earlier one.
    lapsed = Candidate(expiry=dt.date(2026, 11, 1), join_date=dt.date(2019, 3, 1))
    days = (dt.date(2025, 6, 1), dt.date(2026, 11, 20))
    profile = profile_of(lapsed, days, TODAY)
    assert profile.event_goer and profile.in_grace
    assert not profile_of(lapsed, days[1:], TODAY).event_goer  # only the later one: not yet
