"""Warm leads and callbacks as work lists, on SQLite and PostgreSQL: open hand-offs with their
campaign, owner, due day and overdue flag; closing one once with how it ended; giving it to
someone else; and the callbacks due today or overdue, with their caller."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.calls.follow_up import (
    callbacks_due,
    campaign_handoffs,
    close_handoff,
    day_end,
    follow_up,
    follow_up_counts,
    handoff_outcome,
    open_handoffs,
    owners,
    reassign_handoff,
)
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.members.member_card import member_card
from member_reach.store.database import Database
from member_reach.store.models import Campaign, HandOff

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 12, 0)


def log(
    db: Database, member: str, code: str, when: dt.datetime = NOW, **extra: object
) -> int | None:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, member)
        logged = log_call(s, campaign, task, find_code(s, campaign, code), when, **extra)  # type: ignore[arg-type]
        return logged.handoff_id


def test_a_warm_lead_is_listed_with_its_campaign_until_closed(campaign_db: Database) -> None:
    first = log(campaign_db, "M-001", "interested", dt.datetime(2026, 11, 16, 15), caller="Ann",
                notes="wants the chapter rate")  # fmt: skip
    second = log(campaign_db, "M-002", "interested", caller="Bob", notes="call her boss")
    assert first is not None and second is not None
    with campaign_db.session() as s:
        lines = open_handoffs(s, TODAY)
    assert [(h.id, h.name, h.campaign, h.owner, h.due, h.overdue, h.notes, h.state)
            for h in lines] == [
        (first, "Ada Lovelace", "Winter renewals", "Maya (staff)", dt.date(2026, 11, 19), True,
         "wants the chapter rate", "open"),
        (second, "Alan Turing", "Winter renewals", "Maya (staff)", dt.date(2026, 11, 26), False,
         "call her boss", "open"),
    ]  # fmt: skip
    assert lines[0].external_id == "M-001" and lines[0].member_id > 0
    with campaign_db.session() as s:
        assert [h.id for h in open_handoffs(s, TODAY, overdue_only=True)] == [first]
        assert [h.id for h in open_handoffs(s, TODAY, owner=" maya  (STAFF)")] == [first, second]
        assert open_handoffs(s, TODAY, owner="Ann") == []
        closed = close_handoff(s, first, "Renewed", dt.datetime(2026, 11, 23, 16), by=" Maya ",
                               notes=" paid online ")  # fmt: skip
    assert (closed.name, closed.outcome) == ("Ada Lovelace", "renewed")
    with campaign_db.session() as s:
        assert [h.id for h in open_handoffs(s, TODAY)] == [second]
        handoff = s.get_one(HandOff, first)
        assert (handoff.status, handoff.outcome, handoff.closed_by, handoff.close_notes) == (
            "done", "renewed", "Maya", "paid online"
        )  # fmt: skip
        assert handoff.closed_at == dt.datetime(2026, 11, 23, 16)
        ended = campaign_handoffs(s, find_campaign(s, "Winter renewals").id, TODAY)
    assert [(h.name, h.state, h.outcome, h.overdue) for h in ended] == [
        ("Ada Lovelace", "done", "renewed", False),
        ("Alan Turing", "open", "", False),
    ]


def test_closing_twice_is_refused_and_changes_nothing(campaign_db: Database) -> None:
    handoff = log(campaign_db, "M-001", "interested")
    assert handoff is not None
    with campaign_db.session() as s:
        close_handoff(s, handoff, "not interested", NOW, by="Maya", notes="has retired")
    with campaign_db.session() as s, pytest.raises(ServiceError) as refused:
        close_handoff(s, handoff, "joined", NOW + dt.timedelta(hours=1), by="Bob")
    assert str(refused.value) == (
        "The hand-off of Ada Lovelace was already closed (not interested) by Maya on 2026-11-23; "
        "nothing was changed."
    )
    with campaign_db.session() as s:
        kept = s.get_one(HandOff, handoff)
        assert (kept.outcome, kept.closed_by, kept.close_notes) == (
            "not_interested", "Maya", "has retired"
        )  # fmt: skip
        with pytest.raises(ServiceError, match="already closed"):
            reassign_handoff(s, handoff, "Bob", NOW)
        with pytest.raises(ServiceError, match="no hand-off number 999"):
            close_handoff(s, 999, "joined", NOW)


def test_a_close_that_lost_the_race_is_refused(campaign_db: Database) -> None:
    handoff = log(campaign_db, "M-001", "interested")
    assert handoff is not None
    with campaign_db.session() as s:
        s.get_one(HandOff, handoff)  # read as open here...
        with campaign_db.session() as other:  # ...and closed by someone else meanwhile
            close_handoff(other, handoff, "joined", NOW, by="Bob")
        with pytest.raises(ServiceError, match=r"already closed \(joined\) by Bob"):
            close_handoff(s, handoff, "passed on", NOW, by="Ann")
    with campaign_db.session() as s:
        assert s.get_one(HandOff, handoff).closed_by == "Bob"


def test_outcomes_are_read_as_people_write_them() -> None:
    assert [handoff_outcome(t) for t in ("Joined", "renewed", "Not interested", "passed-on")] == [
        "joined",
        "renewed",
        "not_interested",
        "passed_on",
    ]
    with pytest.raises(ServiceError, match="joined, renewed, not_interested, passed_on"):
        handoff_outcome("maybe")


def test_a_hand_off_goes_to_another_owner(campaign_db: Database) -> None:
    handoff = log(campaign_db, "M-001", "interested")
    assert handoff is not None
    with campaign_db.session() as s:
        with pytest.raises(ServiceError, match="Give the name"):
            reassign_handoff(s, handoff, "  ", NOW)
        moved = reassign_handoff(s, handoff, "  Bob   Smith ", NOW)
    assert (moved.owner, moved.outcome) == ("Bob Smith", "")
    with campaign_db.session() as s:
        [line] = open_handoffs(s, TODAY, owner="bob smith")
        assert line.id == handoff and line.state == "open"
        assert owners(s) == ["Bob Smith", "Maya (staff)"]


def test_callbacks_due_today_and_overdue_with_their_caller(campaign_db: Database) -> None:
    yesterday, today, later = (
        dt.datetime(2026, 11, 22, 12),
        dt.datetime(2026, 11, 23, 14),
        dt.datetime(2026, 11, 25, 12),
    )
    log(campaign_db, "M-001", "callback", dt.datetime(2026, 11, 20, 15), caller="Ann",
        callback_at=yesterday)  # fmt: skip
    log(campaign_db, "M-002", "callback", dt.datetime(2026, 11, 21, 15), caller="Bob",
        callback_at=today)  # fmt: skip
    log(campaign_db, "M-003", "callback", caller="Ann", callback_at=later)
    log(campaign_db, "M-006", "voicemail", caller="Ann")  # no callback asked for
    until = day_end(TODAY)
    with campaign_db.session() as s:
        due = callbacks_due(s, until, NOW)
        campaign = find_campaign(s, "Winter renewals")
        tasks = {t.ref: t for t in campaign.tasks}
    assert [(c.name, c.campaign, c.callback_at, c.caller, c.overdue) for c in due] == [
        ("Ada Lovelace", "Winter renewals", yesterday, "Ann", True),
        ("Alan Turing", "Winter renewals", today, "Bob", False),
    ]
    assert due[0].external_id == "M-001" and due[0].ref in tasks
    assert [c.zone for c in due] == ["America/New_York"] * 2  # shown in the member's time
    with campaign_db.session() as s:
        assert [c.name for c in callbacks_due(s, until, NOW, caller="bob")] == ["Alan Turing"]
        # A call logged since (its callback gone) and a paused campaign's calls are not due.
        log(campaign_db, "M-002", "renewed", caller="Bob")
        assert [c.name for c in callbacks_due(s, until, NOW)] == ["Ada Lovelace"]
        s.execute(update(Campaign).values(status="paused"))
        assert callbacks_due(s, until, NOW) == []


def test_the_caller_of_a_callback_never_logged_is_its_assignee(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        task = find_task(s, find_campaign(s, "Winter renewals"), "M-001")
        task.next_callback, task.assignee = dt.datetime(2026, 11, 23, 9), "CallCo"
    with campaign_db.session() as s:
        [due] = callbacks_due(s, day_end(TODAY), NOW)
    assert (due.caller, due.overdue) == ("CallCo", True)


def test_mine_and_the_counts(campaign_db: Database) -> None:
    log(campaign_db, "M-001", "interested", dt.datetime(2026, 11, 10, 15), caller="Ann")
    log(campaign_db, "M-002", "interested", caller="Ann")
    log(campaign_db, "M-003", "callback", dt.datetime(2026, 11, 20, 15), caller="Ann",
        callback_at=dt.datetime(2026, 11, 21, 12))  # fmt: skip
    log(campaign_db, "M-006", "callback", caller="Bob", callback_at=dt.datetime(2026, 11, 23, 18))
    with campaign_db.session() as s:
        everyone = follow_up(s, TODAY, NOW)
        counts = follow_up_counts(s, TODAY, NOW)
        handoff = s.scalars(select(HandOff.id).order_by(HandOff.id)).first()
        assert handoff is not None
        reassign_handoff(s, handoff, "ann", NOW)
    assert (len(everyone.handoffs), len(everyone.callbacks)) == (2, 2)
    assert (counts.open_handoffs, counts.overdue_handoffs) == (2, 1)
    assert (counts.callbacks_due, counts.callbacks_overdue) == (2, 1)
    mine = everyone.of(" ANN ")
    assert mine.handoffs == () and [c.name for c in mine.callbacks] == ["Grace Hopper"]
    with campaign_db.session() as s:
        mine = follow_up(s, TODAY, NOW).of("Ann")
    assert [h.name for h in mine.handoffs] == ["Ada Lovelace"]


def test_the_member_card_shows_open_hand_offs_until_closed(campaign_db: Database) -> None:
    handoff = log(campaign_db, "M-001", "interested", notes="wants the chapter rate")
    assert handoff is not None
    with campaign_db.session() as s:
        person = s.get_one(HandOff, handoff).person_id
        card = member_card(s, person, TODAY, NOW)
    assert [(h.campaign, h.owner, h.due_on, h.notes) for h in card.open_handoffs] == [
        ("Winter renewals", "Maya (staff)", dt.date(2026, 11, 26), "wants the chapter rate")
    ]
    with campaign_db.session() as s:
        close_handoff(s, handoff, "joined", NOW, by="Maya")
        assert member_card(s, person, TODAY, NOW).open_handoffs == ()
