"""``handoffs list|close|assign`` and ``calls due`` (DESIGN.md, "Command-line contract"): the
lines people read, the JSON, and one-line errors that change nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from member_reach.__main__ import main
from member_reach.services.demo.demo import create_demo_database


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(path, dt.date(2026, 11, 23)).close()
    return path


@pytest.fixture
def worked(demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A renewal campaign with two warm leads (one overdue) and two callbacks (one not yet)."""
    db = tmp_path / "demo.sqlite3"
    db.write_bytes(demo_file.read_bytes())
    for today, *command in (
        ("2026-11-16", "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
         "--capacity", "5", "--name", "Winter", "--handoff-owner", "Maya"),
        ("2026-11-16", "calls", "log", "Winter", "C1-00001", "interested", "--caller", "Ann",
         "--notes", "wants the chapter rate"),
        ("2026-11-23", "calls", "log", "Winter", "C1-00002", "interested", "--caller", "Bob"),
        ("2026-11-20", "calls", "log", "Winter", "C1-00003", "callback", "--caller", "Bob",
         "--callback", "2026-11-22T10:00+00:00"),
        ("2026-11-20", "calls", "log", "Winter", "C1-00004", "callback", "--caller", "Ann",
         "--callback", "2026-11-30T10:00+00:00"),
    ):  # fmt: skip
        assert main(["--db", str(db), "--today", today, *command]) == 0
    capsys.readouterr()
    return db


def run(
    db: Path, *args: str, capsys: pytest.CaptureFixture[str], json_out: bool = True
) -> tuple[int, str, str]:
    status = main(["--db", str(db), "--today", "2026-11-23", *(["--json"] if json_out else []),
                   *args])  # fmt: skip
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def last(out: str) -> dict:  # type: ignore[type-arg]
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_handoffs_list_and_its_filters(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(worked, "handoffs", "list", capsys=capsys)
    assert status == 0
    handoffs = last(out)["handoffs"]
    assert [list(h) for h in handoffs][0] == [
        "id", "member_id", "external_id", "name", "campaign", "owner", "due", "overdue", "notes",
        "state",
    ]  # fmt: skip
    assert [(h["id"], h["campaign"], h["owner"], h["due"], h["overdue"], h["notes"], h["state"])
            for h in handoffs] == [
        (1, "Winter", "Maya", "2026-11-19", True, "wants the chapter rate", "open"),
        (2, "Winter", "Maya", "2026-11-26", False, "", "open"),
    ]  # fmt: skip
    assert handoffs[0]["external_id"].startswith("M-") and handoffs[0]["name"]
    _, out, _ = run(worked, "handoffs", "list", "--overdue", capsys=capsys)
    assert [h["id"] for h in last(out)["handoffs"]] == [1]
    _, out, _ = run(worked, "handoffs", "list", "--owner", "ann", capsys=capsys)
    assert last(out)["handoffs"] == []
    status, out, _ = run(worked, "handoffs", "list", capsys=capsys, json_out=False)
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Member", "Campaign", "Owner", "Due", "What", "was", "said"]
    assert "2026-11-19 overdue  wants the chapter rate" in lines[1]
    assert lines[-1] == "2 open hand-offs"


def test_handoffs_close_once_and_assign(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(worked, "handoffs", "close", "1", "Not interested", "--notes", "retired",
                         "--by", "Maya", capsys=capsys, json_out=False)  # fmt: skip
    assert status == 0
    assert out.strip().endswith("(1): not interested.")
    status, _, err = run(worked, "handoffs", "close", "1", "joined", capsys=capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert "was already closed (not interested) by Maya on 2026-11-23" in err
    status, out, _ = run(worked, "handoffs", "assign", "2", "Sam", capsys=capsys)
    assert status == 0
    assert last(out) == {
        "id": 2,
        "name": last(out)["name"],
        "owner": "Sam",
        "state": "open",
        "outcome": None,
    }
    _, out, _ = run(worked, "handoffs", "list", "--owner", "Sam", capsys=capsys)
    assert [h["id"] for h in last(out)["handoffs"]] == [2]
    status, _, err = run(worked, "handoffs", "close", "2", "maybe", capsys=capsys)
    assert status == 1 and "joined, renewed, not_interested, passed_on" in err
    status, _, err = run(worked, "handoffs", "close", "9", "joined", capsys=capsys)
    assert status == 1 and err.strip() == "member-reach: There is no hand-off number 9."
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(worked), "handoffs", "close", "two", "joined"])
    assert usage.value.code == 2


def test_calls_due(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(worked, "calls", "due", capsys=capsys)
    assert status == 0
    [due] = last(out)["calls"]
    assert list(due) == [
        "ref", "member_id", "external_id", "name", "campaign", "callback_at", "caller",
    ]  # fmt: skip
    assert (due["ref"], due["campaign"], due["callback_at"], due["caller"]) == (
        "C1-00003", "Winter", "2026-11-22T10:00", "Bob"
    )  # fmt: skip
    _, out, _ = run(worked, "calls", "due", "--caller", "Ann", capsys=capsys)
    assert last(out)["calls"] == []
    _, out, _ = run(worked, "calls", "due", capsys=capsys, json_out=False)
    assert "2026-11-22 10:00 UTC overdue  Bob" in out and out.splitlines()[-1] == "1 callback due"
