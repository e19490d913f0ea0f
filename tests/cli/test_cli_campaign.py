"""The campaign commands' contract (DESIGN.md): JSON fields, exit codes, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from member_reach.__main__ import main
from member_reach.services.demo.demo import create_demo_database

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(path, dt.date(2026, 11, 23)).close()  # closed: no -wal file left
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def run(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    status = main(["--db", str(db), "--today", TODAY, "--json", *args])
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    return status, (json.loads(lines[-1]) if lines else {}), captured.err


def test_renewal_campaign_json(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, made, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--capacity",
        "50",
        "--goal",
        "30",
        "--deadline",
        "2026-12-20",
        "--why",
        "Dues fund the journal",
        "--talking-points",
        "Thank them; ask about the conference",
        "--faq",
        "Can I pay monthly? Yes.",
        "--handoff-owner",
        "Maya",
        "--goal-revenue",
        "6000",
        capsys=capsys,
    )
    assert status == 0
    assert set(made) >= {"campaign_id", "name", "tasks", "excluded"}
    assert made["tasks"] == 50 and made["over_capacity"] > 0
    # Each exclusion is listable: who was left out, by reason.
    assert len(made["excluded_people"]["do_not_call"]) == made["excluded"]["do_not_call"] > 0
    assert set(made["excluded_people"]["no_phone"][0]) == {"member_id", "name"}
    assert set(made["excluded"]) >= {
        "do_not_call",
        "no_phone",
        "deceased_or_archived",
        "contacted_recently",
        "on_another_campaign",
        "already_renewed",
    }
    status, shown, _ = run(demo, "campaign", "show", made["name"], capsys=capsys)
    assert status == 0 and shown["goal"] == 30 and len(shown["tasks"]) == 50
    assert (shown["deadline"], shown["why_it_matters"], shown["handoff_owner"]) == (
        "2026-12-20",
        "Dues fund the journal",
        "Maya",
    )
    assert shown["talking_points"].startswith("Thank them") and shown["faq"].endswith("Yes.")
    assert shown["goal_revenue"] == "6000.00"
    for task in shown["tasks"]:
        assert set(task) >= {
            "member_id",
            "external_id",
            "name",
            "email",
            "priority",
            "reason",
            "state",
        }
        assert task["state"] == "open" and task["reason"]
    priorities = [t["priority"] for t in shown["tasks"]]
    assert priorities == sorted(priorities, reverse=True)
    status, listed, _ = run(demo, "campaign", "list", capsys=capsys)
    assert status == 0
    assert [(c["campaign_id"], c["open_tasks"]) for c in listed["campaigns"]] == [
        (made["campaign_id"], 50)
    ]
    # The same window again: everybody on the first list is on another campaign now.
    status, second, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--name",
        "December, second pass",
        capsys=capsys,
    )
    assert status == 0 and second["excluded"]["on_another_campaign"] == 50
    assert second["tasks"] == made["tasks"] + made["over_capacity"] - 50


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("campaign", "show", "Nope"), "no campaign 'Nope'"),
        (("campaign", "renewal", "--from", "2026-12-31", "--to", "2026-12-01"), "swap the dates"),
        (("calls", "assign", "Nope", "CallCo"), "no campaign 'Nope'"),
    ],
)
def test_user_errors_are_one_line(
    demo: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(demo, *args, capsys=capsys)
    assert status == 1 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("campaign", "renewal", "--to", "2026-12-31"),
        ("campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31", "--capacity", "-1"),
        ("campaign", "prospects", "--lapsed-years", "2027"),
        (
            "campaign",
            "renewal",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
            "--grace-days",
            "1000000",
        ),
        ("report", "1", "--months", "30000"),
        ("calls", "assign", "1", "CallCo", "--count", "-1"),
        ("calls", "log", "1", "M-1", "renewed", "--amount", "99999999999"),
        ("calls", "log", "1", "M-1", "renewed", "--callback", "tomorrow"),
    ],
)
def test_wrong_usage_exits_2(demo: Path, args: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(demo), *args])
    assert exited.value.code == 2


def test_calls_log(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, made, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--capacity",
        "5",
        capsys=capsys,
    )
    status, shown, _ = run(demo, "campaign", "show", str(made["campaign_id"]), capsys=capsys)
    first = shown["tasks"][0]
    status, logged, _ = run(
        demo,
        "calls",
        "log",
        str(made["campaign_id"]),
        str(first["member_id"]),
        "promised",
        "--caller",
        "Ann",
        "--notes",
        "will pay Friday",
        "--amount",
        "195",
        capsys=capsys,
    )
    assert status == 0
    assert (logged["code"], logged["category"], logged["attempts"], logged["state"]) == (
        "promised",
        "positive",
        1,
        "done",
    )
    status, again, _ = run(demo, "campaign", "show", made["name"], capsys=capsys)
    assert next(t for t in again["tasks"] if t["ref"] == first["ref"])["state"] == "done"
    status, _, err = run(
        demo, "calls", "log", made["name"], shown["tasks"][1]["ref"], "renewd", capsys=capsys
    )
    assert status == 1 and "did you mean renewed" in err and err.count("\n") == 1


def test_report(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, made, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--capacity",
        "3",
        "--goal",
        "2",
        capsys=capsys,
    )
    status, shown, _ = run(demo, "campaign", "show", str(made["campaign_id"]), capsys=capsys)
    run(
        demo,
        "calls",
        "log",
        made["name"],
        shown["tasks"][0]["ref"],
        "renewed",
        "--caller",
        "Ann",
        capsys=capsys,
    )
    status, figures, _ = run(demo, "report", made["name"], "--months", "3", capsys=capsys)
    assert status == 0
    assert set(figures) >= {
        "goal",
        "successes",
        "outcomes",
        "conversations_per_success",
        "callers",
        "daily",
        "retention",
    }
    assert figures["successes"] == 1 and figures["goal"]["remaining"] == 1
    assert figures["goal"]["pace_needed_per_day"] == round(1 / 39, 2)  # 23 Nov to 31 Dec
    assert [m["month"] for m in figures["retention"]] == ["2026-08", "2026-09", "2026-10"]
    assert all(0 < m["retention"] <= 1 for m in figures["retention"])


def test_event_and_prospect_campaigns(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, event, _ = run(
        demo,
        "campaign",
        "event",
        "--event",
        "Annual Conference 2027",
        "--capacity",
        "25",
        "--goal",
        "10",
        capsys=capsys,
    )
    assert status == 0 and event["tasks"] == 25
    assert event["excluded"]["already_registered"] > 0
    status, shown, _ = run(demo, "campaign", "show", event["name"], capsys=capsys)
    assert shown["kind"] == "event" and shown["tasks"][0]["reason"].startswith("Sponsor at")
    assert "registered" in {c["code"] for c in shown["outcome_codes"]}
    status, prospects, _ = run(demo, "campaign", "prospects", "--capacity", "25", capsys=capsys)
    assert status == 0 and prospects["tasks"] == 25
    assert prospects["excluded"]["on_another_campaign"] > 0
    status, _, err = run(demo, "campaign", "event", "--event", "Nope", capsys=capsys)
    assert status == 1 and "no event 'Nope'" in err


def test_exports(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, made, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--capacity",
        "12",
        capsys=capsys,
    )
    out = tmp_path / "partner.xlsx"
    status, result, _ = run(demo, "export", "partner", made["name"], str(out), capsys=capsys)
    assert status == 0 and result["rows"] == 12 and result["file"] == str(out) and out.is_file()
    status, result, _ = run(
        demo, "export", "calls", str(made["campaign_id"]), str(tmp_path / "d.csv"), capsys=capsys
    )
    assert status == 0 and result["rows"] == 12
    status, _, err = run(
        demo, "export", "partner", made["name"], str(tmp_path / "no" / "x.xlsx"), capsys=capsys
    )
    assert status == 1 and "does not exist" in err and err.count("\n") == 1


def test_export_results(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, made, _ = run(
        demo,
        "campaign",
        "renewal",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-31",
        "--capacity",
        "4",
        "--goal",
        "3",
        capsys=capsys,
    )
    out = tmp_path / "board.xlsx"
    status, result, _ = run(demo, "export", "results", made["name"], str(out), capsys=capsys)
    assert status == 0 and result["file"] == str(out) and out.is_file() and result["rows"] > 0
