"""A campaign's revenue: amounts paid and pledged on calls, and the dues a roster states for the
renewals it shows, each member counted once. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from roster_files import HEADER, ROWS, write_csv
from sqlalchemy import select, update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.reports.reports import CampaignReport, campaign_report
from member_reach.services.reports.revenue import Revenue
from member_reach.store.database import Database
from member_reach.store.models import CallLog, Campaign, DetectedRenewal

D = dt.date
DAY = D(2026, 11, 27)
#: Rows of the test roster by member: Alan is on it twice (a duplicate the import merges).
ADA, ALAN, KATHERINE, ALAN_AGAIN = 0, 1, 5, 7


def call(db: Database, member: str, code: str, amount: str | None = None) -> None:
    with db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        log_call(
            s,
            campaign,
            find_task(s, campaign, member),
            find_code(s, campaign, code),
            dt.datetime(2026, 11, 25, 10),
            caller="Ann",
            amount_promised=None if amount is None else Decimal(amount),
        )


def report(db: Database, today: dt.date = DAY) -> CampaignReport:
    with db.session() as s:
        return campaign_report(s, find_campaign(s, "Winter renewals"), today)


def next_roster(tmp_path: Path, renewed: dict[int, str | None], *, dues_column: bool) -> Path:
    """The next roster: the rows of ``renewed`` a year further, with these dues (when the
    roster has a dues column)."""
    rows = [list(r) for r in ROWS]
    for index in renewed:
        rows[index][7] = rows[index][7][:-4] + str(int(rows[index][7][-4:]) + 1)
    if not dues_column:
        return write_csv(tmp_path / "next.csv", rows)
    for index, row in enumerate(rows):
        row.append(renewed.get(index) or "")
    return write_csv(tmp_path / "next-dues.csv", rows, [*HEADER, "Dues"])


@pytest.fixture
def goal_db(campaign_db: Database) -> Database:
    """The campaign wants 1,000.00 in dues by 31 Dec."""
    with campaign_db.session() as s:
        s.execute(
            update(Campaign).values(
                goal_count=4, goal_revenue=Decimal("1000"), deadline=D(2026, 12, 31)
            )
        )
    return campaign_db


def test_paid_and_pledged_on_calls_against_the_goal(goal_db: Database) -> None:
    call(goal_db, "M-001", "renewed", "195")  # paid on the call
    call(goal_db, "M-002", "promised", "150")  # pledged
    call(goal_db, "M-003", "declined")
    assert report(goal_db).revenue == Revenue(
        target=Decimal("1000.00"),
        achieved=Decimal("195.00"),
        paid=Decimal("195.00"),
        renewal_dues=Decimal("0.00"),
        pledged=Decimal("150.00"),
        progress=0.195,
        remaining=Decimal("805.00"),
        pace_needed_per_day=Decimal("23.00"),  # 805 over 27 Nov to 31 Dec: 35 days
    )


def test_a_renewal_on_the_roster_counts_its_dues_once(goal_db: Database, tmp_path: Path) -> None:
    call(goal_db, "M-001", "renewed", "195")  # Ada paid on the call...
    call(goal_db, "M-002", "promised", "150")  # Alan pledged, and has not renewed yet
    # ... and shows renewed on the next roster, which states her dues; Katherine renewed on
    # her own.
    roster = next_roster(tmp_path, {ADA: "$210.00", KATHERINE: "1.180,50 €"}, dues_column=True)
    imported = run_roster_import(goal_db, roster, DAY)
    with goal_db.session() as s:
        stated = sorted(str(d) for d in s.scalars(select(DetectedRenewal.dues)))
    assert stated == ["1180.50", "210.00"]
    figures = report(goal_db)
    assert figures.successes == 2  # Ada and Katherine, once each
    revenue = figures.revenue
    # Ada once, at the roster's dues (not 195 + 210); Alan's pledge beside, not in it.
    assert (revenue.paid, revenue.renewal_dues) == (Decimal("0.00"), Decimal("1390.50"))
    assert (revenue.achieved, revenue.pledged) == (Decimal("1390.50"), Decimal("150.00"))
    assert revenue.progress == 1.3905 and revenue.remaining == Decimal("0.00")
    assert revenue.pace_needed_per_day == Decimal("0.00")
    assert imported.batch_id is not None
    with goal_db.session() as s:  # undoing the import takes its renewals and their dues away
        undo_import(s, imported.batch_id)
        assert s.scalars(select(DetectedRenewal)).all() == []
    assert report(goal_db).revenue.achieved == Decimal("195.00")


def test_a_roster_without_dues_keeps_the_calls_amounts(goal_db: Database, tmp_path: Path) -> None:
    call(goal_db, "M-001", "renewed", "195")
    call(goal_db, "M-002", "promised", "150")
    # Both show renewed on a roster without a dues column: Ada counted once at what she paid,
    # Alan's pledge kept by his renewal; Katherine renewed with no amount known.
    renewed: dict[int, str | None] = {ADA: None, ALAN: None, ALAN_AGAIN: None, KATHERINE: None}
    run_roster_import(goal_db, next_roster(tmp_path, renewed, dues_column=False), DAY)
    with goal_db.session() as s:
        assert set(s.scalars(select(DetectedRenewal.dues))) == {None}  # never guessed
    revenue = report(goal_db).revenue
    assert (revenue.paid, revenue.renewal_dues) == (Decimal("345.00"), Decimal("0.00"))
    assert (revenue.achieved, revenue.pledged) == (Decimal("345.00"), Decimal("0.00"))


def test_an_empty_dues_cell_is_no_dues(goal_db: Database, tmp_path: Path) -> None:
    call(goal_db, "M-001", "renewed", "195")
    roster = next_roster(tmp_path, {ADA: None, KATHERINE: "180"}, dues_column=True)
    run_roster_import(goal_db, roster, DAY)
    revenue = report(goal_db).revenue
    assert (revenue.paid, revenue.renewal_dues) == (Decimal("195.00"), Decimal("180.00"))


def test_without_a_revenue_goal(campaign_db: Database) -> None:
    call(campaign_db, "M-001", "renewed", "195")
    revenue = report(campaign_db).revenue
    assert revenue.target is None and revenue.achieved == Decimal("195.00")
    assert revenue.progress is None and revenue.remaining is None
    assert revenue.pace_needed_per_day is None


@pytest.mark.parametrize(
    ("code", "amount", "message"),
    [
        ("voicemail", "20", "An amount goes with a success or positive outcome"),
        ("declined", "20", "'declined' is negative: nothing was logged"),
        ("renewed", "-5", "An amount cannot be less than nothing (-5.00)"),
    ],
)
def test_an_amount_only_with_success_or_positive(
    campaign_db: Database, code: str, amount: str, message: str
) -> None:
    with pytest.raises(ServiceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(campaign_db, "M-001", code, amount)
    with campaign_db.session() as s:
        assert s.scalars(select(CallLog)).all() == []
