"""The control comparison, end to end on SQLite and PostgreSQL: a list with a control group, the
next roster's renewals, the goal that leaves the control out, and the report's comparison."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from roster_files import write_csv
from sqlalchemy import select

from member_reach.services.calls.calls import find_code, log_call
from member_reach.services.campaigns.campaigns import create_renewal_campaign, find_campaign
from member_reach.services.campaigns.control_group import ControlChoice
from member_reach.services.campaigns.renewal_campaign import RenewalOptions
from member_reach.services.common.settings import set_setting
from member_reach.services.exchange.results_export import export_results
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.reports.control_report import control_report, latest_control_report
from member_reach.services.reports.reports import campaign_report
from member_reach.services.reports.success_counts import success_counts
from member_reach.store.database import Database
from member_reach.store.models import CallTask, Campaign, ExternalId, MembershipType

TODAY = dt.date(2026, 11, 23)


def roster(expiries: dict[int, str]) -> list[list[str]]:
    """60 members, all due in December 2026 unless ``expiries`` says otherwise."""
    return [
        [
            f"T-{n:03d}",
            f"First{n}",
            f"Last{n}",
            "",
            f"m{n}@example.org",
            f"646-555-{1000 + n}",
            "01/15/2020",
            expiries.get(n, f"12/{1 + n % 28:02d}/2026"),
            "Individual",
            "yes",
        ]
        for n in range(60)
    ]


def in_control(db: Database) -> set[int]:
    """The roster numbers of the members kept uncalled."""
    with db.session() as s:
        values = s.scalars(
            select(ExternalId.value)
            .join(CallTask, CallTask.person_id == ExternalId.person_id)
            .where(CallTask.in_control)
        )
        return {int(v[2:]) for v in values}


def test_control_renewals_are_counted_apart_and_compared(db: Database, tmp_path: Path) -> None:
    run_roster_import(db, write_csv(tmp_path / "nov.csv", roster({})), TODAY)
    with db.session() as s:
        set_setting(s, "control_days", 45)
        created, _ = create_renewal_campaign(
            s,
            TODAY,
            RenewalOptions(dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
            name="December",
            control=ControlChoice(20, 11),
        )
        s.get_one(Campaign, created.campaign_id).created_at = dt.datetime(2026, 11, 23, 9)
        assert (created.tasks, created.control) == (60, 12)
    kept = in_control(db)
    called = sorted(set(range(60)) - kept)
    # A call makes one success; the January roster shows 6 of the 12 kept uncalled renewed,
    # and 30 of the 48 called (one of them the success).
    with db.session() as s:
        campaign = find_campaign(s, "December")
        task = s.scalars(
            select(CallTask)
            .join(ExternalId, ExternalId.person_id == CallTask.person_id)
            .where(ExternalId.value == f"T-{called[0]:03d}")
        ).one()
        log_call(s, campaign, task, find_code(s, campaign, "renewed"), dt.datetime(2026, 12, 2, 15))
    renewed = sorted(kept)[:6] + called[:30]
    run_roster_import(
        db,
        write_csv(tmp_path / "jan.csv", roster({n: "12/31/2027" for n in renewed})),
        dt.date(2027, 1, 10),
    )
    with db.session() as s:
        campaign = find_campaign(s, "December")
        assert success_counts(s) == {campaign.id: 30}  # the control's 6 never count
        figures = campaign_report(s, campaign, dt.date(2027, 1, 10))
        assert (figures.successes, figures.renewals_detected, figures.tasks.total) == (30, 30, 48)
        # In January, no period has ended yet (December expiries + 45 days)
        early = control_report(s, campaign, dt.date(2027, 1, 10))
        assert early is not None and early.comparison.verdict == "too_early"
        assert early.words.startswith("Too early to tell: 0 of 12 control members' periods")
        assert early.next_period_end == dt.date(2027, 1, 15)
        late = latest_control_report(s, dt.date(2027, 3, 1))
    assert late is not None and (late.percent, late.seed, late.days) == (20, 11, 45)
    c = late.comparison
    assert (c.called.members, c.called.ended, c.called.renewed) == (48, 48, 30)
    assert (c.control.members, c.control.ended, c.control.renewed) == (12, 12, 6)
    assert c.difference == 30 / 48 - 6 / 12
    assert c.extra_renewals == (30 / 48 - 6 / 12) * 48 == 6.0
    assert c.verdict == "no_clear_difference"  # 62.5% against 50%: too few to tell
    assert c.low is not None and c.low < 0 < (c.high or 0)
    assert c.extra_dues is None  # the test roster states no dues, nor does its type
    with db.session() as s:
        for kind in s.scalars(select(MembershipType)):
            kind.default_dues = Decimal("195.00")
    with db.session() as s:
        priced = control_report(s, find_campaign(s, "December"), dt.date(2027, 3, 1))
    assert priced is not None and priced.comparison.extra_dues == Decimal("1170.00")  # 6 × 195
    with db.session() as s:  # the results workbook: a Control sheet with its chart
        export_results(s, find_campaign(s, "December"), tmp_path / "r.xlsx", dt.date(2027, 3, 1))
    book = load_workbook(tmp_path / "r.xlsx")
    sheet = book["Control"]
    assert [c.value for c in sheet[1]] == ["Group", "Period ended", "Renewed", "Renewal rate"]
    assert [c.value for c in sheet[2]] == ["Called (intention to treat)", 48, 30, 0.625]
    assert [c.value for c in sheet[3]] == ["Control (not called)", 12, 6, 0.5]
    assert len(sheet._charts) == 1  # noqa: SLF001 - openpyxl keeps them there
    assert str(sheet["A5"].value).startswith("No clear difference yet: the interval (")
    labels = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(6, sheet.max_row + 1)}
    assert labels["Extra renewals the calls produced"] == 6.0
    assert labels["Extra dues"] == 1170
    assert labels["Seed of the draw"] == 11


def test_a_campaign_without_a_control_has_no_control_sheet(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:
        export_results(s, find_campaign(s, "Winter renewals"), tmp_path / "r.xlsx", TODAY)
    assert "Control" not in load_workbook(tmp_path / "r.xlsx").sheetnames


def test_a_campaign_without_a_control_has_no_comparison(campaign_db: Database) -> None:
    with campaign_db.session() as s:
        assert control_report(s, find_campaign(s, "Winter renewals"), TODAY) is None
        assert latest_control_report(s, TODAY) is None
