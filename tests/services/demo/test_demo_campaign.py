"""The demo opens in the middle of its month (issue 16): a renewal campaign two weeks in, part
of its calls with a partner and a worked file back, and an event campaign for a coming summit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from member_reach.services.calls.follow_up import callbacks_due, day_end, open_handoffs
from member_reach.services.campaigns.campaign_detail import campaign_tasks
from member_reach.services.demo.demo import create_demo_database
from member_reach.services.demo.demo_campaign import CALLERS, DAYS_IN
from member_reach.services.demo.demo_partner import PARTNER, SENT, WORKED
from member_reach.services.demo.demo_summit import SERIES
from member_reach.services.exchange.exchange_export import list_exports
from member_reach.services.exchange.partner_assignment import with_partner
from member_reach.services.exchange.worked_files import worked_files
from member_reach.services.reports.control_report import latest_control_report
from member_reach.services.reports.reports import active_campaign_reports
from member_reach.store.database import Database
from member_reach.store.models import Attendance, CallLog, CallTask, Campaign, Event

TODAY = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = create_demo_database(path, TODAY, mid_month=True)
    yield database
    database.close()


def _logs(database: Database) -> list[tuple[object, ...]]:
    with database.session() as s:
        rows = s.execute(
            select(CallLog.called_at, CallLog.caller, CallLog.task_id, CallLog.outcome_code_id)
            .join(CallTask, CallTask.id == CallLog.task_id)
            .join(Campaign, Campaign.id == CallTask.campaign_id)
            .where(Campaign.status == "active")  # the past, measured campaign's are months back
            .order_by(CallLog.id)
        )
        return [tuple(r) for r in rows]


def test_one_renewal_campaign_two_weeks_in_part_filled(demo: Database) -> None:
    with demo.session() as s:
        every = s.scalars(select(Campaign).order_by(Campaign.id)).all()
        assert [(c.kind, c.status) for c in every] == [
            ("renewal", "active"),
            ("event", "active"),
            ("renewal", "closed"),  # the past campaign that kept a control group (issue 18)
        ]
        campaigns = every[:2]
        assert campaigns[0].created_at.date() == TODAY - dt.timedelta(days=DAYS_IN)
        assert campaigns[0].why_it_matters and campaigns[0].handoff_owner
        reports = {r.campaign_id: r for r in active_campaign_reports(s, TODAY)}
        report = reports[campaigns[0].id]
    goal = report.goal.target
    assert goal is not None and 0 < report.successes < goal  # a goal filling up, not done
    assert report.calls >= 50
    assert sorted(c.caller for c in report.callers) == sorted((*CALLERS, PARTNER))
    assert all(c.calls > 0 and c.successes > 0 for c in report.callers)


def test_calls_fall_on_the_weekdays_before_today(demo: Database) -> None:
    logs = _logs(demo)
    days = {called_at.date() for called_at, *_ in logs}
    assert min(days) == TODAY - dt.timedelta(days=DAYS_IN)
    assert max(days) < TODAY
    assert all(day.weekday() < 5 for day in days)
    assert len(days) >= 9  # a point per working day on the dashboard's chart


def test_warm_leads_and_callbacks_wait_for_today(demo: Database) -> None:
    with demo.session() as s:
        handoffs = open_handoffs(s, TODAY)
        due = callbacks_due(s, day_end(TODAY), dt.datetime.combine(TODAY, dt.time(9)))
    assert handoffs and all(h.owner == "Maria Lopez" for h in handoffs)
    assert due


#: Every table the month writes to; each compared whole but for when its rows were written.
MONTH_TABLES = (
    "person",
    "phone_number",
    "event",
    "attendance",
    "campaign",
    "outcome_code",
    "call_task",
    "call_log",
    "hand_off",
    "export_batch",
    "import_batch",
    "import_change",
)
#: Columns that say when a row was written, not what it holds; and the worked file's checksum
#: (openpyxl stamps the save time into the workbook).
WRITTEN_AT = {"created_at", "updated_at", "file_sha256"}


def _month(database: Database) -> dict[str, list[dict[str, object]]]:
    with database.engine.connect() as connection:
        return {
            table: [
                {k: v for k, v in row.items() if k not in WRITTEN_AT}
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
            ]
            for table in MONTH_TABLES
        }


def test_the_same_day_gives_the_same_month(demo: Database, tmp_path: Path) -> None:
    again = create_demo_database(tmp_path / "again.sqlite3", TODAY, mid_month=True)
    try:
        assert _logs(again) == _logs(demo)
        first, second = _month(demo), _month(again)
    finally:
        again.close()
    for table in MONTH_TABLES:
        assert first[table], f"{table} is empty"
        assert second[table] == first[table], table


def test_without_mid_month_the_demo_has_no_campaign(tmp_path: Path) -> None:
    database = create_demo_database(tmp_path / "plain.sqlite3", TODAY)
    try:
        with database.session() as s:
            assert s.scalars(select(Campaign)).all() == []
    finally:
        database.close()


def test_a_partner_export_is_out_and_its_worked_file_back(demo: Database) -> None:
    with demo.session() as s:
        renewal = s.scalars(
            select(Campaign).where(Campaign.kind == "renewal", Campaign.status == "active")
        ).one()
        (export,) = list_exports(s)
        (worked,) = worked_files(s)
        still_out = with_partner(s, export.export_id)
        tasks = campaign_tasks(s, renewal)
        partner_logs = s.execute(
            select(CallLog.called_at, CallLog.import_batch_id).where(CallLog.caller == PARTNER)
        ).all()
        (report,) = [r for r in active_campaign_reports(s, TODAY) if r.campaign_id == renewal.id]
    assert (export.kind, export.assignee, export.rows) == ("partner", PARTNER, SENT)
    assert export.campaign == renewal.name
    assert TODAY - dt.timedelta(days=9) <= export.created_at.date() <= TODAY - dt.timedelta(days=7)
    # The worked file answers that export: every filled row applied, nothing in doubt.
    assert worked.export_file == export.file_name and worked.campaign == renewal.name
    assert (worked.applied, worked.conflicts, worked.rejected) == (WORKED, 0, 0)
    assert export.created_at < worked.imported_at < dt.datetime.combine(TODAY, dt.time())
    # The rows the partner has not reached yet are still theirs, and the campaign says so.
    assert still_out == SENT - WORKED > 0
    out = [t for t in tasks if t.with_partner]
    assert len(out) == still_out and {t.assignee for t in out} == {PARTNER}
    assert all(t.state == "open" for t in out)
    # The partner's outcomes are logged calls of the worked file's import, and counted.
    assert len(partner_logs) == WORKED
    assert {batch for _, batch in partner_logs} == {worked.batch_id}
    partner = next(c for c in report.callers if c.caller == PARTNER)
    assert partner.calls == WORKED and partner.successes > 0


def test_an_event_campaign_fills_a_summit_a_few_weeks_away(demo: Database) -> None:
    with demo.session() as s:
        event = s.scalars(select(Campaign).where(Campaign.kind == "event")).one()
        summit = s.get_one(Event, event.event_id)
        registered = set(
            s.scalars(select(Attendance.person_id).where(Attendance.event_id == summit.id))
        )
        called = set(s.scalars(select(CallTask.person_id).where(CallTask.campaign_id == event.id)))
        logs = s.execute(
            select(CallLog.called_at, CallLog.caller)
            .join(CallTask, CallTask.id == CallLog.task_id)
            .where(CallTask.campaign_id == event.id)
        ).all()
        reports = active_campaign_reports(s, TODAY)
    assert summit.series == SERIES and summit.starts_on is not None
    assert dt.timedelta(weeks=2) < summit.starts_on - TODAY < dt.timedelta(weeks=5)
    assert event.created_at.date() < TODAY and event.deadline is not None
    assert len(registered) >= 20  # some registered already: the list leaves them out
    assert len(called) >= 50 and not called & registered
    assert len(logs) >= 5 and all(at.date() < TODAY for at, _ in logs)
    assert {caller for _, caller in logs} == {"Jordan Blake"}
    assert len(reports) == 2  # the dashboard shows both goals
    figures = next(r for r in reports if r.campaign_id == event.id)
    assert figures.goal.target is not None and 0 < figures.successes < figures.goal.target


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 11, 28), dt.date(2027, 1, 4), dt.date(2028, 3, 1)],
    ids=["saturday", "after-new-year", "after-leap-day"],
)
def test_other_days_give_the_same_month(tmp_path: Path, today: dt.date) -> None:
    """Weekends and year ends move the partner's days, never break them."""
    database = create_demo_database(tmp_path / "demo.sqlite3", today, mid_month=True)
    try:
        with database.session() as s:
            kinds = sorted(s.scalars(select(Campaign.kind)))
            (export,) = list_exports(s)
            (worked,) = worked_files(s)
    finally:
        database.close()
    assert kinds == ["event", "renewal", "renewal"]  # the second: the past, measured one
    assert export.created_at.weekday() < 5 and worked.imported_at.weekday() < 5
    assert worked.applied == WORKED and export.created_at.date() < today


def test_a_past_campaign_kept_a_control_group_and_shows_the_calls_worked(demo: Database) -> None:
    with demo.session() as s:
        past = s.scalars(select(Campaign).where(Campaign.status == "closed")).one()
        assert (past.control_percent, past.control_seed) == (10, 20260601)
        kept = s.scalars(select(CallTask).where(CallTask.in_control)).all()
        assert kept and all(t.campaign_id == past.id and t.state == "control" for t in kept)
        assert not any(t.logs for t in kept)  # nobody called them
        report = latest_control_report(s, TODAY)
    assert report is not None and report.campaign_id == past.id
    c = report.comparison
    assert c.control.ended == c.control.members >= 10  # every period has ended
    assert c.verdict == "calls_helped" and report.words.startswith("The calls added ")
