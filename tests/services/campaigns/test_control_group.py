"""Control groups on SQLite and PostgreSQL: drawn from a recorded seed, balanced across priority
bands, never called or exported, counted apart from the goal, and drawn again by a top-up."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from member_reach.domain.control_groups import band_bounds
from member_reach.services.calls.call_console import ConsoleCall, next_call
from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.calls.task_assignment import assign, reserve
from member_reach.services.campaigns.campaign_builder import (
    CampaignRequest,
    create_campaign,
    preview_campaign,
)
from member_reach.services.campaigns.campaign_state import change_state
from member_reach.services.campaigns.campaigns import find_campaign, list_campaigns
from member_reach.services.campaigns.control_group import ControlChoice, draw_for_list
from member_reach.services.campaigns.renewal_campaign import RenewalOptions, plan_renewals
from member_reach.services.campaigns.top_up import top_up
from member_reach.services.common.errors import ServiceError
from member_reach.services.demo.demo import generate_demo
from member_reach.services.exchange.dialer_export import export_calls_csv
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.reports.success_counts import success_counts
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, Campaign

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 24, 15, 0)
WINDOW = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The demo association (about 200 members due in December), no campaign yet."""
    with db.session() as s:
        generate_demo(s, TODAY)
    return db


def build(db: Database, percent: int, seed: int | None = 7, capacity: int | None = None) -> int:
    request = CampaignRequest(
        "renewal",
        name="December",
        start=WINDOW[0],
        end=WINDOW[1],
        capacity=capacity,
        control_percent=percent,
        control_seed=seed,
    )
    with db.session() as s:
        return create_campaign(s, TODAY, request).campaign_id


def tasks(db: Database) -> list[CallTask]:
    with db.session() as s:
        found = list(s.scalars(select(CallTask).order_by(CallTask.priority.desc(), CallTask.id)))
        s.expunge_all()
    return found


def test_the_draw_is_recorded_made_again_from_its_seed_and_balanced(demo_db: Database) -> None:
    with demo_db.session() as s:
        preview = preview_campaign(
            s, TODAY, CampaignRequest("renewal", start=WINDOW[0], end=WINDOW[1], control_percent=10)
        )
        plan = plan_renewals(s, TODAY, RenewalOptions(*WINDOW))
    campaign_id = build(demo_db, 10)
    with demo_db.session() as s:
        campaign = s.get_one(Campaign, campaign_id)
        assert (campaign.control_percent, campaign.control_seed) == (10, 7)
    listed = tasks(demo_db)
    kept = {t.person_id for t in listed if t.in_control}
    assert len(kept) == preview.control == round(len(listed) / 10) > 10
    assert all(t.state == "control" for t in listed if t.in_control)
    # anyone can check the draw: the same list and the recorded seed give the same people
    assert kept == draw_for_list(plan.selected, ControlChoice(10, 7))
    assert kept != draw_for_list(plan.selected, ControlChoice(10, 8))
    for start, stop in band_bounds(len(listed)):  # each fifth of the ranked list gives its share
        in_band = sum(1 for t in listed[start:stop] if t.in_control)
        assert abs(in_band - len(kept) * (stop - start) / len(listed)) < 1


def test_without_a_share_nobody_is_kept_and_no_seed_is_recorded(demo_db: Database) -> None:
    campaign_id = build(demo_db, 0, seed=None)
    assert not any(t.in_control for t in tasks(demo_db))
    with demo_db.session() as s:
        campaign = s.get_one(Campaign, campaign_id)
        assert (campaign.control_percent, campaign.control_seed) == (0, None)


def test_a_share_out_of_range_is_refused(demo_db: Database) -> None:
    with pytest.raises(ServiceError, match="between 0% and 50%"):
        build(demo_db, 60)


def test_control_members_never_reach_the_console_or_an_export(
    demo_db: Database, tmp_path: Path
) -> None:
    build(demo_db, 25, capacity=40)
    listed = tasks(demo_db)
    control_refs = {t.ref for t in listed if t.in_control}
    assert len(control_refs) == 10
    with demo_db.session() as s:
        campaign = find_campaign(s, "December")
        assert (list_campaigns(s)[0].open_tasks, list_campaigns(s)[0].done_tasks) == (30, 0)
        export_calls_csv(s, campaign, tmp_path / "dialer.csv", NOW)
        export_partner(s, campaign, tmp_path / "partner.xlsx", NOW)
    with (tmp_path / "dialer.csv").open(encoding="utf-8-sig") as handle:
        dialed = {row["Ref"] for row in csv.DictReader(handle)}
    assert len(dialed) == 30 and not dialed & control_refs
    sheet = load_workbook(tmp_path / "partner.xlsx").worksheets[0]
    exported = {str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert len(exported & {t.ref for t in listed}) == 30 and not exported & control_refs
    reached = set()
    with demo_db.session() as s:
        campaign = find_campaign(s, "December")
        for _ in range(40):
            call = next_call(s, campaign, "Maya", NOW, skipped=tuple(reached))
            if not isinstance(call, ConsoleCall):
                break
            reached.add(call.task_id)
        held = reserve(s, campaign, "Jo", 100, NOW) + assign(s, campaign, "CallCo", 100)
    ids = {t.id: t.ref for t in listed}
    assert reached and not {ids[i] for i in reached} & control_refs
    assert not set(held) & control_refs


def test_a_control_member_s_call_cannot_be_logged(demo_db: Database) -> None:
    build(demo_db, 10)
    with demo_db.session() as s:
        campaign = find_campaign(s, "December")
        task = s.scalars(select(CallTask).where(CallTask.in_control)).first()
        assert task is not None
        with pytest.raises(ServiceError, match="control group"):
            log_call(s, campaign, task, find_code(s, campaign, "renewed"), NOW)
        assert task.attempts == 0


def test_a_top_up_draws_its_share_from_the_campaign_s_seed(demo_db: Database) -> None:
    build(demo_db, 10, capacity=100)
    with demo_db.session() as s:
        added = top_up(s, find_campaign(s, "December"), TODAY, 50, who="Dana", now=NOW)
    assert len(added.control) == 5 and added.control <= {p.person_id for p in added.added}
    listed = tasks(demo_db)
    assert sum(t.in_control for t in listed) == 15 == round(len(listed) / 10)
    assert {t.person_id for t in listed if t.in_control} >= added.control


def test_another_list_leaves_an_active_campaign_s_control_uncalled(demo_db: Database) -> None:
    build(demo_db, 20)
    kept = {t.person_id for t in tasks(demo_db) if t.in_control}
    with demo_db.session() as s:
        again = plan_renewals(s, TODAY, RenewalOptions(WINDOW[0], dt.date(2027, 1, 31)))
        assert not kept & {p.person_id for p in again.selected}
        assert kept <= set(again.excluded["on_another_campaign"])


def test_a_worked_file_row_naming_a_control_member_logs_nothing(
    demo_db: Database, tmp_path: Path
) -> None:
    # A partner adds a row for a member they were never given (say the member phoned them)
    # with a control member's Ref: the row is a conflict, the control stays uncalled and the
    # goal does not count it.
    build(demo_db, 25, capacity=40)
    control = next(t for t in tasks(demo_db) if t.in_control)
    with demo_db.session() as s:
        export_partner(s, find_campaign(s, "December"), tmp_path / "partner.xlsx", NOW)
    book = load_workbook(tmp_path / "partner.xlsx")
    sheet = book["Calls"]
    heads = [cell.value for cell in sheet[1]]
    added = [None] * len(heads)
    added[heads.index("Ref")], added[heads.index("Outcome")] = control.ref, "renewed"
    sheet.append(added)
    book.save(tmp_path / "worked.xlsx")
    report = run_outcomes_import(demo_db, tmp_path / "worked.xlsx", NOW)
    row = next(r for r in report.results if r.ref == control.ref)
    assert row.result == "conflict" and "control group" in row.reason
    with demo_db.session() as s:
        task = s.get_one(CallTask, control.id)
        assert (task.state, task.in_control, task.attempts) == ("control", True, 0)
        assert not s.scalars(select(CallLog).where(CallLog.task_id == control.id)).all()
        assert success_counts(s).get(task.campaign_id, 0) == 0


def test_a_paused_campaign_s_control_stays_off_other_lists(demo_db: Database) -> None:
    build(demo_db, 20)
    kept = {t.person_id for t in tasks(demo_db) if t.in_control}
    with demo_db.session() as s:
        change_state(s, find_campaign(s, "December"), "pause", who="Dana", now=NOW)
    with demo_db.session() as s:
        again = plan_renewals(s, TODAY, RenewalOptions(WINDOW[0], dt.date(2027, 1, 31)))
        picked = {p.person_id for p in again.selected}
    assert kept and not kept & picked  # the comparison is still running
