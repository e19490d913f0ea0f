"""Money on the command line: ``calls log --amount`` only with a success or positive outcome,
and the revenue of ``report`` and of the results workbook beside the count."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from member_reach.__main__ import main
from member_reach.services.demo.demo import create_demo_database

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(path, dt.date(2026, 11, 23)).close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def run(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str, str]:
    status = main(["--db", str(db), "--today", TODAY, "--json", *args])
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    return status, (json.loads(lines[-1]) if lines else {}), captured.out, captured.err


@pytest.fixture
def refs(demo: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """A renewal campaign "Dues" of 4 calls, a goal of 3 renewals and 600.00 by 20 Dec."""
    status, *_ = run(
        demo, "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "4", "--goal", "3", "--goal-revenue", "600", "--deadline", "2026-12-20",
        "--name", "Dues", capsys=capsys,
    )  # fmt: skip
    assert status == 0
    _, shown, _, _ = run(demo, "campaign", "show", "Dues", capsys=capsys)
    return [task["ref"] for task in shown["tasks"]]


def test_an_amount_on_another_outcome_is_a_one_line_error(
    demo: Path, refs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, _, err = run(
        demo, "calls", "log", "Dues", refs[0], "voicemail", "--amount", "195", capsys=capsys
    )
    assert status == 1 and err.count("\n") == 1
    assert "An amount goes with a success or positive outcome" in err
    assert "'voicemail' is neutral: nothing was logged" in err
    _, shown, _, _ = run(demo, "campaign", "show", "Dues", capsys=capsys)
    assert shown["tasks"][0]["state"] == "open"  # nothing logged


def test_report_and_results_show_revenue_beside_the_count(
    demo: Path, refs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(demo, "calls", "log", "Dues", refs[0], "renewed", "--amount", "1,195", capsys=capsys)
    run(demo, "calls", "log", "Dues", refs[1], "promised", "--amount", "97.50", capsys=capsys)
    status, figures, _, _ = run(demo, "report", "Dues", "--months", "1", capsys=capsys)
    assert status == 0
    assert list(figures)[4:6] == ["goal", "revenue"]  # beside the goal; the rest as it was
    assert figures["revenue"] == {
        "target": "600.00",
        "achieved": "1195.00",
        "paid": "1195.00",
        "renewal_dues": "0.00",
        "pledged": "97.50",
        "progress": 1.9917,
        "remaining": "0.00",
        "pace_needed_per_day": "0.00",
    }
    assert main(["--db", str(demo), "--today", TODAY, "report", "Dues", "--months", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert "  revenue: 1,195.00 of 600.00 (199%), 97.50 pledged" in printed
    out_file = tmp_path / "board.xlsx"
    status, *_ = run(demo, "export", "results", "Dues", str(out_file), capsys=capsys)
    assert status == 0
    sheet = load_workbook(out_file)["Summary"]
    rows = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert rows["Revenue goal"].value == 600 and rows["Revenue so far"].value == 1195
    assert rows["Revenue so far"].number_format == "#,##0.00"
    assert rows["Pledged, not yet paid"].value == 97.5
    assert rows["Revenue progress"].value == "199%"
    labels = list(rows)
    assert labels.index("Revenue so far") == labels.index("Successes so far") + 4
