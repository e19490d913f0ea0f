"""Sharing calls: assign, reserve, release, expiry of reservations, on both databases."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.calls.task_assignment import assign, release, release_expired, reserve
from member_reach.services.campaigns.campaign_detail import campaign_tasks
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database
from member_reach.store.models import CallTask

NOW = dt.datetime(2026, 11, 23, 14, 0)


def tasks(db: Database) -> dict[str, tuple[str, str]]:
    with db.session() as s:
        rows = campaign_tasks(s, find_campaign(s, "Winter renewals"))
    return {t.external_id or t.name: (t.state, t.reserved_by or t.assignee) for t in rows}


def share(db: Database, action: str, *args: object) -> list[str]:
    functions = {"assign": assign, "reserve": reserve, "release": release}
    with db.session() as s:
        return functions[action](s, find_campaign(s, "Winter renewals"), *args)  # type: ignore[operator, no-any-return]


def test_reserve_takes_the_most_important_calls(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        ordered = [t.ref for t in campaign_tasks(s, find_campaign(s, "Winter renewals"))]
    assert share(campaign_db, "reserve", "Ann", 2, NOW) == ordered[:2]
    assert share(campaign_db, "reserve", "Bob", 2, NOW) == ordered[2:4]
    states = tasks(campaign_db)
    assert sorted(states.values()).count(("reserved", "Ann")) == 2
    with pytest.raises(ServiceError, match="at least one"):
        share(campaign_db, "reserve", "Ann", 0, NOW)


def test_a_reserved_call_is_only_logged_by_its_caller(campaign_db: Database) -> None:
    [ref] = share(campaign_db, "reserve", "Ann", 1, NOW)
    with (
        campaign_db.session() as s,
        pytest.raises(ServiceError, match="reserved by Ann until 26 Nov"),
    ):
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, ref)
        log_call(s, campaign, task, find_code(s, campaign, "voicemail"), NOW, caller="Bob")
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, ref)
        logged = log_call(s, campaign, task, find_code(s, campaign, "voicemail"), NOW, caller="Ann")
    assert logged.state == "open"  # the call ends the reservation
    with campaign_db.session() as s:
        task = find_task(s, find_campaign(s, "Winter renewals"), ref)
        assert (task.reserved_by, task.reserved_until) == ("", None)


def test_reservations_run_out(campaign_db: Database) -> None:
    share(campaign_db, "reserve", "Ann", 5, NOW)
    with campaign_db.session() as s:
        assert release_expired(s, NOW + dt.timedelta(days=2)) == 0
    # Three days later Bob reserves: Ann's reservations ran out and come to him.
    assert len(share(campaign_db, "reserve", "Bob", 5, NOW + dt.timedelta(days=3, hours=1))) == 5
    assert {who for _, who in tasks(campaign_db).values()} == {"Bob"}


def test_release(campaign_db: Database) -> None:
    refs = share(campaign_db, "reserve", "Ann", 3, NOW)
    share(campaign_db, "reserve", "Bob", 2, NOW)
    assert share(campaign_db, "release", "", [refs[0]]) == [refs[0]]
    assert sorted(share(campaign_db, "release", "Ann")) == sorted(refs[1:])
    with pytest.raises(ServiceError, match="Not reserved"):
        share(campaign_db, "release", "", [refs[0]])
    assert len(share(campaign_db, "release", "")) == 2  # Bob's
    assert {state for state, _ in tasks(campaign_db).values()} == {"open"}


def test_assign_to_a_partner(campaign_db: Database) -> None:
    assert len(share(campaign_db, "assign", "CallCo", 3)) == 3
    assert len(share(campaign_db, "assign", "Ann", 10)) == 2  # what is left
    # Reserving never takes a call assigned to someone else.
    assert len(share(campaign_db, "reserve", "Ann", 10, NOW)) == 2
    with pytest.raises(ServiceError, match="name"):
        share(campaign_db, "assign", "  ", 1)


def test_reserving_with_the_tasks_loaded_in_the_session(campaign_db: Database) -> None:
    share(campaign_db, "reserve", "Ann", 2, NOW)
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        campaign_tasks(s, campaign)  # loaded...
        list(s.scalars(select(CallTask)))
        later = NOW + dt.timedelta(days=4)  # ... and Ann's reservations ran out
        assert len(reserve(s, campaign, "Bob", 5, later)) == 5


def test_assigning_again_hands_out_the_calls_left(campaign_db: Database) -> None:
    assert len(share(campaign_db, "assign", "Ann", 2)) == 2
    assert len(share(campaign_db, "assign", "Ann", 2)) == 2
    assert len(share(campaign_db, "assign", "Ann", 2)) == 1
    with pytest.raises(ServiceError, match="at least one"):
        share(campaign_db, "assign", "Ann", 0)


def test_releasing_keeps_the_partners_assignment(campaign_db: Database) -> None:
    assigned = share(campaign_db, "assign", "CallCo", 3)
    reserved = share(campaign_db, "reserve", "CallCo", 2, NOW)
    assert set(reserved) <= set(assigned)
    share(campaign_db, "release", "CallCo")
    with campaign_db.session() as s:
        rows = campaign_tasks(s, find_campaign(s, "Winter renewals"))
    held = {t.ref: (t.state, t.assignee, t.reserved_by) for t in rows}
    assert all(held[ref] == ("open", "CallCo", "") for ref in assigned)


@pytest.mark.parametrize("action", ["reserve", "assign"])
def test_callers_sharing_at_once_never_fail_nor_take_the_same_call(
    campaign_db: Database, action: str
) -> None:
    """Four sessions in four threads share calls at once: each gets its own call, none fails.

    On PostgreSQL each waits, once it has chosen its call, until all four have chosen (the
    same one): the first takes it, the others find it taken and take the next ones
    (before, the others failed with StaleDataError). SQLite lets one writer in at a time.
    """
    callers = ["Ann", "Bob", "Cy", "Di"]
    barrier = threading.Barrier(len(callers))
    results: dict[str, list[str]] = {}
    failures: list[BaseException] = []

    def hold_until_all_chose(session: Session) -> None:
        waited = False

        def wait(*_args: object) -> None:
            nonlocal waited
            state = _args[0] if _args else None
            if waited or (isinstance(state, ORMExecuteState) and not _takes_calls(state)):
                return
            waited = True
            barrier.wait(timeout=20)

        event.listen(session, "do_orm_execute", wait)
        event.listen(session, "before_flush", wait)

    def work(caller: str) -> None:
        try:
            with campaign_db.session() as s:
                if not campaign_db.is_sqlite:
                    hold_until_all_chose(s)
                campaign = find_campaign(s, "Winter renewals")
                if action == "reserve":
                    results[caller] = reserve(s, campaign, caller, 1, NOW)
                else:
                    results[caller] = assign(s, campaign, caller, 1)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(c,)) for c in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    taken = [ref for refs in results.values() for ref in refs]
    assert len(taken) == len(set(taken)) == len(callers)  # the test roster has 5 calls
    holders = {who for _state, who in tasks(campaign_db).values() if who}
    assert holders == set(callers)


def _takes_calls(state: ORMExecuteState) -> bool:
    """An UPDATE that gives calls to someone (not the release of expired reservations)."""
    values = getattr(state.statement, "_values", None) or {}
    names = {getattr(k, "key", str(k)) for k in values}
    return state.is_update and bool(names & {"assignee", "reserved_by"})
