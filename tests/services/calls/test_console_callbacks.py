"""Callbacks at the console: codes that ask for one, a suggested slot, when the next call comes,
amounts; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from member_reach.services.calls.call_console import (
    CallsWaiting,
    ConsoleCall,
    console_campaign,
    log_console_call,
    next_call,
)
from member_reach.services.calls.console_turns import Step, take_turn
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, ExportBatch, PhoneNumber

NOW = dt.datetime(2026, 11, 24, 15, 0)  # UTC: 10:00 in New York, where every test number rings
CAMPAIGN = "Winter renewals"


def take(db: Database, now: dt.datetime = NOW, caller: str = "Maya") -> ConsoleCall | CallsWaiting:
    with db.session() as s:
        return next_call(s, find_campaign(s, CAMPAIGN), caller, now)


def campaign_id(db: Database) -> int:
    with db.session() as s:
        return find_campaign(s, CAMPAIGN).id


def test_the_callback_code_asks_for_a_time_and_is_refused_without_one(
    campaign_db: Database,
) -> None:
    with campaign_db.session() as s:
        codes = {c.code: c for c in console_campaign(s, find_campaign(s, CAMPAIGN)).codes}
    assert codes["callback"].asks_callback
    assert not any(c.asks_callback for k, c in codes.items() if k != "callback")
    call = take(campaign_db)
    assert isinstance(call, ConsoleCall)
    with (
        pytest.raises(ServiceError, match="needs the time to call back") as refused,
        campaign_db.session() as s,
    ):
        log_console_call(
            s, find_campaign(s, CAMPAIGN), call.task_id, "callback", NOW, caller="Maya"
        )
    assert "Ada" not in str(refused.value) and call.ref in str(refused.value)
    with campaign_db.session() as s:
        assert s.scalars(select(CallLog)).all() == []  # nothing written
        assert s.get_one(CallTask, call.task_id).state == "reserved"  # still hers
    later = NOW + dt.timedelta(hours=3)
    with campaign_db.session() as s:
        log_console_call(
            s, find_campaign(s, CAMPAIGN), call.task_id, "callback", NOW, caller="Maya",
            callback_at=later,
        )  # fmt: skip
    with campaign_db.session() as s:
        assert s.get_one(CallTask, call.task_id).next_callback == later


def test_a_call_offers_a_callback_slot_within_the_members_hours(campaign_db: Database) -> None:
    call = take(campaign_db)  # 10:00 in New York: 12:00 there
    assert isinstance(call, ConsoleCall)
    assert call.callback_slot == dt.datetime(2026, 11, 24, 17, 0)
    evening = dt.datetime(2026, 11, 25, 0, 30)  # 19:30 in New York: tomorrow at 9:00 there
    with campaign_db.session() as s:
        s.execute(update(CallTask).values(state="open", reserved_by="", reserved_until=None))
    late = take(campaign_db, now=evening)
    assert isinstance(late, ConsoleCall)
    assert late.callback_slot == dt.datetime(2026, 11, 25, 14, 0)  # hours open at 8:00


def test_no_call_now_says_when_the_first_can_be_rung(campaign_db: Database) -> None:
    night = dt.datetime(2026, 11, 25, 3, 0)  # 22:00 in New York: calling hours open at 8:00
    waiting = take(campaign_db, now=night)
    assert isinstance(waiting, CallsWaiting) and waiting.outside_hours
    assert waiting.next_at == dt.datetime(2026, 11, 25, 13, 0)  # 8:00 in New York


def test_the_next_call_waits_for_a_callback_or_a_retry(campaign_db: Database) -> None:
    callback = NOW + dt.timedelta(hours=2, minutes=10)
    retry = NOW + dt.timedelta(hours=4)  # RETRY_AFTER after the unanswered calls
    with campaign_db.session() as s:
        tasks = s.scalars(select(CallTask).order_by(CallTask.priority.desc())).all()
        tasks[0].next_callback = callback
        for task in tasks[1:]:
            s.add(CallLog(task_id=task.id, called_at=NOW, caller="Jo"))
    waiting = take(campaign_db)
    assert isinstance(waiting, CallsWaiting) and waiting.callbacks_later == 1
    assert waiting.next_at == callback  # sooner than the retries
    with campaign_db.session() as s:
        s.execute(update(CallTask).values(next_callback=None))
        s.execute(update(CallTask).where(CallTask.id == tasks[0].id).values(state="done"))
    waiting = take(campaign_db)
    assert isinstance(waiting, CallsWaiting) and waiting.next_at == retry


def test_members_whose_time_is_unknown_do_not_make_a_next_time(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        s.execute(update(PhoneNumber).values(e164=None))
    waiting = take(campaign_db)
    assert isinstance(waiting, CallsWaiting) and waiting.unknown_time
    assert waiting.next_at is None


def test_an_amount_logged_at_the_console_is_kept(campaign_db: Database) -> None:
    call = take(campaign_db)
    assert isinstance(call, ConsoleCall)
    step = Step("log", call.task_id, "renewed", "paid by card", None, Decimal("195.00"))
    turn = take_turn(campaign_db, campaign_id(campaign_db), "Maya", NOW, step, [])
    assert turn.logged is not None and turn.logged.category == "success"
    with campaign_db.session() as s:
        entry = s.scalars(select(CallLog)).one()
        assert (entry.amount_promised, entry.notes) == (Decimal("195.00"), "paid by card")


def test_calls_with_a_partner_do_not_make_a_next_time(campaign_db: Database) -> None:
    night = dt.datetime(2026, 11, 25, 3, 0)  # 22:00 in New York
    with campaign_db.session() as s:  # every call went out in a partner's export
        export = ExportBatch(kind="partner", file_name="acme.xlsx")
        s.add(export)
        s.flush()
        s.execute(update(CallTask).values(with_export_id=export.id))
    waiting = take(campaign_db, now=night)
    assert isinstance(waiting, CallsWaiting) and waiting.next_at is None
