"""``plan``: the small association's plan (tests/plan_association.py) as text and as JSON, the
workbook it writes with ``--out``, and wrong months refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_association import build

from member_reach.__main__ import main
from member_reach.store.database import open_database


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.sqlite3"
    database = open_database(path)
    build(database)
    database.close()
    return path


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["--db", str(db), "--today", "2027-01-01", *args]) == 0
    return capsys.readouterr().out


def test_plan_text(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(small, capsys, "plan", "--months", "3").splitlines()
    assert lines[0] == "Call plan for 3 months from 2027-01-01"
    assert "2.4 calls per conversation (this association's calls of the past year)" in lines[1]
    assert "4 conversations per success (the usual default)" in lines[1]
    assert lines[2].startswith("  staff: 1 caller, 1 hour a week each, 1 call an hour")
    assert lines[3].split() == [
        "Month", "Renewals", "Outreach", "Calls", "Hours", "Staff", "calls", "Hand", "over",
    ]  # fmt: skip
    assert [line.split() for line in lines[4:7]] == [
        ["2027-01", "2", "0", "5", "5.0", "4", "1"],
        ["2027-02", "2", "2", "10", "10.0", "4", "6"],
        ["2027-03", "1", "0", "3", "3.0", "4", "-"],
    ]
    assert lines[7] == "  Expo 2027 (2027-03-10): 2 to call in 2027-02"
    assert lines[8] == "Bring in a call partner in: 2027-01 (1 call), 2027-02 (6 calls)"
    assert lines[9] == "Hit rate per conversation, past year:"
    assert lines[10] == "  first-year members: 3 successes in 3 conversations (100%)"
    assert lines[12] == "  members of more than 5 years: 1 success in 7 conversations (14%)"


def test_plan_json(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    printed = json.loads(run(small, capsys, "--json", "plan", "--months", "2").splitlines()[-1])
    assert list(printed) == [
        "today", "months", "partner_months", "rates", "staff", "events", "segments",
    ]  # fmt: skip
    assert printed["months"][1] == {
        "month": "2027-02",
        "first_day": "2027-02-01",
        "last_day": "2027-02-28",
        "renewals": 2,
        "renewals_by_type": {"Individual": 1, "Student": 1},
        "outreach": 2,
        "events": ["Expo 2027"],
        "people": 4,
        "calls_needed": 10,
        "hours_needed": 10.0,
        "staff_hours": 4.0,
        "staff_calls": 4,
        "hand_over": 6,
        "partner_needed": True,
        "successes_expected": 1.0,
    }
    assert printed["partner_months"] == ["2027-01", "2027-02"]
    assert printed["rates"] == {
        "calls_per_conversation": 2.4,
        "calls_per_conversation_observed": True,
        "conversations_per_success": 4.0,
        "conversations_per_success_observed": False,
        "calls": 24,
        "conversations": 10,
        "successes": 4,
    }
    assert printed["staff"] == {"callers": 1, "hours_per_week": 1, "calls_per_hour": 1}
    assert printed["segments"][2] == {
        "segment": "long_tenure",
        "label": "members of more than 5 years",
        "conversations": 7,
        "successes": 1,
        "rate": 0.1429,
    }


def test_plan_out_writes_the_workbook(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "partner.xlsx"
    printed = run(small, capsys, "--json", "plan", "--months", "3", "--out", str(out))
    assert json.loads(printed.splitlines()[-1])["file"] == str(out)
    rows = list(load_workbook(out)["Plan"].iter_rows(min_row=2, max_col=7, values_only=True))
    assert rows == [
        ("January 2027", 2, 0, 2, 5, 4, 1),
        ("February 2027", 2, 2, 4, 10, 4, 6),
        ("March 2027", 1, 0, 1, 3, 4, 0),
    ]


@pytest.mark.parametrize("months", ["0", "37", "x"])
def test_wrong_months_are_wrong_usage(
    small: Path, months: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(small), "plan", "--months", months])
    assert exited.value.code == 2
