"""The call console's next call and logged outcomes, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from member_reach.services.calls.call_console import (
    CallsWaiting,
    ConsoleCall,
    active_campaigns,
    console_campaign,
    log_console_call,
    next_call,
    skip_call,
)
from member_reach.services.campaigns.campaign_detail import campaign_tasks
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, Person

NOW = dt.datetime(2026, 11, 24, 15, 0)  # UTC: 10:00 in New York, where every test number rings


def take(db: Database, caller: str, now: dt.datetime = NOW, skipped: tuple[int, ...] = ()):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return next_call(s, find_campaign(s, "Winter renewals"), caller, now, skipped)


def log(db: Database, call: ConsoleCall, code: str, caller: str = "Maya", **options: object):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return log_console_call(
            s,
            find_campaign(s, "Winter renewals"),
            call.task_id,
            code,
            options.pop("now", NOW),  # type: ignore[arg-type]
            caller=caller,
            **options,  # type: ignore[arg-type]
        )


def ranked(db: Database) -> list[str]:
    with db.session() as s:
        return [t.ref for t in campaign_tasks(s, find_campaign(s, "Winter renewals"))]


def test_the_best_call_is_reserved_and_resumed(campaign_db: Database) -> None:
    order = ranked(campaign_db)
    first = take(campaign_db, "Maya")
    assert isinstance(first, ConsoleCall) and first.ref == order[0] and not first.resumed
    assert first.phones and first.phones[0].startswith("+1 646-555-")
    assert (first.local_time, first.zone) == ("10:00", "America/New_York")
    with campaign_db.session() as s:
        task = s.get_one(CallTask, first.task_id)
        assert (task.state, task.reserved_by) == ("reserved", "Maya")
        assert task.reserved_until == NOW + dt.timedelta(days=3)
    again = take(campaign_db, "Maya")  # she picks up where she left off
    assert isinstance(again, ConsoleCall) and again.ref == first.ref and again.resumed
    other = take(campaign_db, "Jo")  # two callers never ring the same member
    assert isinstance(other, ConsoleCall) and other.ref == order[1]


def test_a_logged_call_frees_the_caller_and_a_due_callback_comes_first(
    campaign_db: Database,
) -> None:
    first = take(campaign_db, "Maya")
    assert isinstance(first, ConsoleCall)
    later = NOW + dt.timedelta(days=2)
    logged = log(
        campaign_db, first, "callback", notes="  after the board meeting ", callback_at=later
    )
    assert (logged.state, logged.attempts) == ("open", 1)
    with campaign_db.session() as s:
        entry = s.scalars(select(CallLog)).one()
        assert (entry.caller, entry.notes, entry.callback_at) == (
            "Maya",
            "after the board meeting",
            later,
        )
    second = take(campaign_db, "Maya")
    assert isinstance(second, ConsoleCall) and second.ref != first.ref
    log(campaign_db, second, "voicemail")
    # Two days on, the callback is due: it comes before every other call.
    due = take(campaign_db, "Maya", now=later + dt.timedelta(hours=1))
    assert isinstance(due, ConsoleCall) and due.ref == first.ref
    assert due.callback_due == later and due.attempts == 1


def test_skipped_calls_go_back_and_are_not_offered_again(campaign_db: Database) -> None:
    skipped: list[int] = []
    while isinstance(found := take(campaign_db, "Maya", skipped=tuple(skipped)), ConsoleCall):
        with campaign_db.session() as s:
            skip_call(s, find_campaign(s, "Winter renewals"), found.task_id, "Maya")
        skipped.append(found.task_id)
    assert len(skipped) == len(ranked(campaign_db)) == len(set(skipped))
    assert isinstance(found, CallsWaiting) and found.skipped == len(skipped)
    assert found.open_calls == len(skipped) and found.held_by_others == 0
    with campaign_db.session() as s:
        assert set(s.scalars(select(CallTask.state))) == {"open"}  # all released


def test_nobody_is_called_outside_their_calling_hours(campaign_db: Database) -> None:
    night = dt.datetime(2026, 11, 25, 3, 0)  # 22:00 in New York
    waiting = take(campaign_db, "Maya", now=night)
    assert isinstance(waiting, CallsWaiting)
    assert waiting.outside_hours == waiting.open_calls == len(ranked(campaign_db))
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).where(CallTask.state == "reserved")) == 0


def test_do_not_call_people_and_others_calls_are_not_offered(campaign_db: Database) -> None:
    order = ranked(campaign_db)
    with campaign_db.session() as s:
        first = s.scalars(select(CallTask).where(CallTask.ref == order[0])).one()
        s.execute(update(Person).where(Person.id == first.person_id).values(do_not_call=True))
        s.execute(update(CallTask).where(CallTask.ref == order[1]).values(assignee="CallCo"))
    offered = take(campaign_db, "Maya")
    assert isinstance(offered, ConsoleCall) and offered.ref == order[2]


def test_what_is_refused_writes_nothing(campaign_db: Database) -> None:
    call = take(campaign_db, "Maya")
    assert isinstance(call, ConsoleCall)
    with pytest.raises(ServiceError, match="no longer yours"):
        log(campaign_db, call, "renewed", caller="Jo")
    with pytest.raises(ServiceError, match="already passed"):
        log(campaign_db, call, "callback", callback_at=NOW - dt.timedelta(minutes=5))
    with pytest.raises(ServiceError, match="unknown outcome|not an outcome|no outcome"):
        log(campaign_db, call, "banana")
    with pytest.raises(ServiceError, match="Settings"):
        take(campaign_db, "  ")
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    log(campaign_db, call, "renewed")
    with pytest.raises(ServiceError, match="no longer yours"):  # logged once, not twice
        log(campaign_db, call, "renewed")


def test_the_brief_and_codes(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        brief = console_campaign(s, campaign)
        listed = active_campaigns(s)
    assert brief.handoff_owner == "Maya (staff)" and brief.codes[0].code == "renewed"
    assert any(c.creates_handoff for c in brief.codes)
    assert listed == [(brief.campaign_id, "Winter renewals", len(ranked(campaign_db)))]


def test_a_member_whose_local_time_cannot_be_told_waits_for_a_person(
    campaign_db: Database,
) -> None:
    from member_reach.store.models import PhoneNumber

    with campaign_db.session() as s:  # no certain number: no zone, no local time
        s.execute(update(PhoneNumber).values(e164=None))
    waiting = take(campaign_db, "Maya")
    assert isinstance(waiting, CallsWaiting)
    assert waiting.unknown_time == waiting.open_calls == len(ranked(campaign_db))
    assert waiting.outside_hours == 0


# -- found by review -----------------------------------------------------------------------


def test_a_member_not_reached_is_tried_again_hours_later(campaign_db: Database) -> None:
    from member_reach.services.calls.call_console import RETRY_AFTER

    order = ranked(campaign_db)
    for _ in order:
        call = take(campaign_db, "Maya")
        assert isinstance(call, ConsoleCall)
        log(campaign_db, call, "no_answer")
    waiting = take(campaign_db, "Maya")  # nobody again straight away
    assert isinstance(waiting, CallsWaiting) and waiting.tried_recently == len(order)
    again = take(campaign_db, "Maya", now=NOW + RETRY_AFTER + dt.timedelta(minutes=1))
    assert isinstance(again, ConsoleCall) and again.ref == order[0] and again.attempts == 1


def test_a_held_call_waits_for_its_hours_its_callback_and_do_not_call(
    campaign_db: Database,
) -> None:
    from member_reach.services.calls.task_assignment import reserve

    order = ranked(campaign_db)
    with campaign_db.session() as s:  # Maya reserved the first three from the command line
        reserve(s, find_campaign(s, "Winter renewals"), "Maya", 3, NOW)
        held = s.scalars(select(CallTask).where(CallTask.ref.in_(order[:3]))).all()
        by_ref = {t.ref: t for t in held}
        by_ref[order[0]].next_callback = NOW + dt.timedelta(days=1)
        s.execute(
            update(Person).where(Person.id == by_ref[order[1]].person_id).values(do_not_call=True)
        )
    night = take(campaign_db, "Maya", now=dt.datetime(2026, 11, 25, 3, 0))
    assert isinstance(night, CallsWaiting)  # 22:00 in New York: not even her own calls
    resumed = take(campaign_db, "Maya")
    assert isinstance(resumed, ConsoleCall) and resumed.resumed and resumed.ref == order[2]


def test_calls_for_others_are_said_so(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        s.execute(update(CallTask).values(assignee="CallCo"))
    waiting = take(campaign_db, "Maya")
    assert isinstance(waiting, CallsWaiting)
    assert waiting.for_others == waiting.open_calls == len(ranked(campaign_db))


def test_two_callers_at_once_never_get_the_same_member(
    campaign_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jo reads the candidates, then Maya takes the best one before Jo reserves it."""
    if campaign_db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite lets one writer at a time: Jo's session holds the lock first")
    import member_reach.services.calls.call_console as console

    order = ranked(campaign_db)
    real = console.phones_of
    state = {"raced": False}

    def maya_first(session, people, keep=True):  # type: ignore[no-untyped-def]
        if not state["raced"]:
            state["raced"] = True
            with campaign_db.session() as s:  # another computer, committed meanwhile
                task = s.scalars(select(CallTask).where(CallTask.ref == order[0])).one()
                task.state, task.reserved_by = "reserved", "Maya"
                task.reserved_until = NOW + dt.timedelta(days=1)
        return real(session, people, keep=keep)

    monkeypatch.setattr(console, "phones_of", maya_first)
    offered = take(campaign_db, "Jo")
    assert isinstance(offered, ConsoleCall) and offered.ref == order[1]
    with campaign_db.session() as s:
        first = s.scalars(select(CallTask).where(CallTask.ref == order[0])).one()
        assert first.reserved_by == "Maya"
