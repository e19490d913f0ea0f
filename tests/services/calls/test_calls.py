"""Logging calls on SQLite and PostgreSQL: outcomes, attempts, do-not-call, hand-offs,
conflicts between two callers, 20 concurrent writers, and renewals attributed to campaigns."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from roster_files import ROWS, write_csv
from sqlalchemy import func, select

from member_reach.services.calls.calls import CallConflict, find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, DetectedRenewal, HandOff, Person

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 14, 5)
WINDOW = RenewalOptions(dt.date(2026, 11, 24), dt.date(2027, 12, 31))


def log(db: Database, member: str, code: str, when: dt.datetime = NOW, **extra: object) -> object:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, member)
        return log_call(s, campaign, task, find_code(s, campaign, code), when, **extra)  # type: ignore[arg-type]


def task_of(db: Database, member: str) -> CallTask:
    with db.session() as s:
        return find_task(s, find_campaign(s, "Winter renewals"), member)


def test_the_list_holds_the_roster_members_due(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        people = s.scalars(
            select(Person.display_name).join(CallTask).where(CallTask.campaign_id == campaign.id)
        ).all()
    assert sorted(people) == [
        "Acme Widgets Inc",
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "Katherine Johnson",
    ]


def test_a_success_finishes_the_task(campaign_db: Database) -> None:
    logged = log(campaign_db, "M-001", "renewed", caller="Ann", notes="paid by card")
    assert (logged.category, logged.attempts, logged.state) == ("success", 1, "done")
    with campaign_db.session() as s:
        [call] = s.scalars(select(CallLog)).all()
        assert (call.caller, call.notes, call.called_at) == ("Ann", "paid by card", NOW)
    with pytest.raises(ServiceError, match="already done"):
        log(campaign_db, "M-001", "voicemail")


def test_unanswered_attempts_close_the_task(campaign_db: Database) -> None:
    states = [log(campaign_db, "M-002", "no answer").state for _ in range(5)]
    assert states == ["open", "open", "open", "open", "closed"]
    assert task_of(campaign_db, "M-002").attempts == 5


def test_a_callback_is_remembered(campaign_db: Database) -> None:
    later = dt.datetime(2026, 11, 25, 10, 0)
    logged = log(campaign_db, "M-003", "callback", callback_at=later)
    assert logged.state == "open"
    assert task_of(campaign_db, "M-003").next_callback == later


def test_do_not_call_flags_the_person_everywhere(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        grace = s.scalars(select(Person).where(Person.last_name == "Hopper")).one()
        other = CallTask(
            campaign_id=find_campaign(s, "Winter renewals").id, person_id=grace.id, ref="X-1"
        )
        s.expunge_all()
    # Another campaign's open task for the same person closes too.
    with campaign_db.session() as s:
        from member_reach.store.models import Campaign

        gala = Campaign(name="Gala", kind="event")
        s.add(gala)
        s.flush()
        other.campaign_id = gala.id
        s.add(other)
    log(campaign_db, "M-003", "do not call")
    with campaign_db.session() as s:
        assert s.scalars(select(Person.do_not_call).where(Person.last_name == "Hopper")).one()
        assert s.scalar(select(CallTask.state).where(CallTask.ref == "X-1")) == "closed"


def test_interest_hands_off_to_staff(campaign_db: Database) -> None:
    logged = log(campaign_db, "M-001", "interested", notes="wants the chapter rate")
    assert logged.category == "positive" and logged.handoff_id is not None
    with campaign_db.session() as s:
        handoff = s.get(HandOff, logged.handoff_id)
        assert (handoff.owner, handoff.due_on, handoff.notes) == (
            "Maya (staff)",
            dt.date(2026, 11, 26),
            "wants the chapter rate",
        )
        assert handoff.campaign_id == find_campaign(s, "Winter renewals").id


def test_unknown_codes_and_members_say_what_to_do(campaign_db: Database) -> None:
    with pytest.raises(ServiceError, match="did you mean renewed"):
        log(campaign_db, "M-001", "renewd")
    with pytest.raises(ServiceError, match="'M-999' is not on campaign Winter renewals"):
        log(campaign_db, "M-999", "renewed")


def test_the_second_of_two_callers_gets_a_conflict(campaign_db: Database) -> None:
    first, second = campaign_db.sessions(), campaign_db.sessions()
    try:
        tasks = []
        for s in (first, second):
            campaign = find_campaign(s, "Winter renewals")
            tasks.append((campaign, find_task(s, campaign, "M-001")))
        (c1, t1), (c2, t2) = tasks
        log_call(first, c1, t1, find_code(first, c1, "voicemail"), NOW, caller="Ann")
        first.commit()
        with pytest.raises(CallConflict, match="changed by Ann at 14:05"):
            log_call(second, c2, t2, find_code(second, c2, "renewed"), NOW, caller="Bob")
    finally:
        first.close()
        second.close()
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 1
    assert task_of(campaign_db, "M-001").attempts == 1


def test_twenty_concurrent_writers_lose_no_update(campaign_db: Database) -> None:
    conflicts = []
    start = threading.Barrier(20)

    def caller(number: int) -> None:
        start.wait()
        while True:
            session = campaign_db.sessions()
            try:
                campaign = find_campaign(session, "Winter renewals")
                task = find_task(session, campaign, "M-002")
                code = find_code(session, campaign, "callback")
                log_call(
                    session,
                    campaign,
                    task,
                    code,
                    NOW,
                    caller=f"caller {number}",
                    callback_at=NOW + dt.timedelta(days=1),  # the callback code asks for one
                )
                session.commit()
                return
            except CallConflict:
                conflicts.append(number)  # reload and log again, as a caller would
            finally:
                session.close()

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    task = task_of(campaign_db, "M-002")
    with campaign_db.session() as s:
        logs = s.scalar(select(func.count()).where(CallLog.task_id == task.id))
    assert task.attempts == logs == 20  # 0 lost updates
    assert task.version == 21


def test_a_renewal_found_by_the_next_import_counts_for_the_campaign(
    campaign_db: Database, tmp_path: Path
) -> None:
    log(campaign_db, "M-001", "promised", caller="Ann")
    rows = [list(r) for r in ROWS]
    rows[0][7] = "01/31/2028"  # Ada renewed after the call
    rows[2][7] = "11/30/2027"  # Grace renewed with no call logged
    run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), dt.date(2026, 12, 2))
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        found = {
            r.person_id: r
            for r in s.scalars(
                select(DetectedRenewal).where(DetectedRenewal.campaign_id == campaign.id)
            )
        }
        people = {last: pid for last, pid in s.execute(select(Person.last_name, Person.id))}
    assert set(found) == {people["Lovelace"], people["Hopper"]}
    assert found[people["Lovelace"]].last_contact_at == NOW
    assert found[people["Hopper"]].last_contact_at is None


def test_outcome_codes_are_editable(campaign_db: Database) -> None:
    from member_reach.services.campaigns.outcome_codes import remove_outcome_code, set_outcome_code

    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        set_outcome_code(s, campaign, "Moved Away", "Moved out of the area", "negative")
        set_outcome_code(s, campaign, "voicemail", "Left a message", "neutral", answered=False)
        with pytest.raises(ServiceError, match="not a category"):
            set_outcome_code(s, campaign, "odd", "", "maybe")
    logged = log(campaign_db, "M-001", "moved away")
    assert (logged.code, logged.category, logged.state) == ("moved_away", "negative", "done")
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        assert find_code(s, campaign, "voicemail").label == "Left a message"
        with pytest.raises(ServiceError, match="logged on 1 call of"):
            remove_outcome_code(s, campaign, "moved_away")
        remove_outcome_code(s, campaign, "busy")
        with pytest.raises(ServiceError, match="not an outcome"):
            find_code(s, campaign, "busy")


# -- found by review ------------------------------------------------------------------------


def test_a_conflict_keeps_the_sessions_other_work(campaign_db: Database) -> None:
    other = campaign_db.sessions()
    try:
        campaign = find_campaign(other, "Winter renewals")
        stale = find_task(other, campaign, "M-002")
        log(campaign_db, "M-002", "voicemail")  # someone else, meanwhile
        ada = find_task(other, campaign, "M-001")
        log_call(other, campaign, ada, find_code(other, campaign, "renewed"), NOW, caller="Ann")
        with pytest.raises(CallConflict):
            log_call(other, campaign, stale, find_code(other, campaign, "declined"), NOW)
        other.commit()  # Ann's renewal, logged before the conflict, is kept
    finally:
        other.close()
    assert task_of(campaign_db, "M-001").state == "done"
    assert task_of(campaign_db, "M-002").attempts == 1


def test_a_member_id_of_digits_names_the_member_not_our_number(
    campaign_db: Database,
) -> None:
    from member_reach.store.models import ExternalId

    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        ada = find_task(s, campaign, "M-001")
        other = find_task(s, campaign, "M-002")
        s.add(ExternalId(person_id=ada.person_id, source="ams2", value=str(other.person_id)))
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        assert find_task(s, campaign, str(other.person_id)).id == ada.id


def test_a_reserved_call_is_not_logged_without_a_caller(campaign_db: Database) -> None:
    from member_reach.services.calls.task_assignment import reserve

    with campaign_db.session() as s:
        [ref] = reserve(s, find_campaign(s, "Winter renewals"), "Ann", 1, NOW)
    with pytest.raises(ServiceError, match="reserved by Ann"):
        log(campaign_db, ref, "declined")
