"""`campaign pause|resume|close|reopen`: JSON, the list's state, and what a paused one refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.test_cli_hints import TODAY, refusal
from member_reach.__main__ import main


def run_json(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["--db", str(db), "--today", TODAY, "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_pause_shows_in_the_list_and_refuses_exports(
    assoc: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_json(assoc, capsys, "campaign", "pause", "Dec") == {
        "campaign_id": 1,
        "name": "Dec",
        "before": "active",
        "status": "paused",
    }
    listed = run_json(assoc, capsys, "campaign", "list")["campaigns"]
    assert [(c["name"], c["status"]) for c in listed] == [("Dec", "paused")]
    line = refusal(capsys, assoc, "export", "partner", "Dec", str(tmp_path / "out.xlsx"))
    assert (
        line
        == "Dec is paused: its calls are not exported until you resume it on the Campaigns page."
    )
    assert not (tmp_path / "out.xlsx").exists()
    line = refusal(capsys, assoc, "campaign", "pause", "Dec")
    assert line == "Dec is already paused; nothing changed."
    assert run_json(assoc, capsys, "campaign", "resume", "Dec")["status"] == "active"
    assert run_json(assoc, capsys, "campaign", "close", "Dec")["status"] == "closed"
    line = refusal(capsys, assoc, "campaign", "resume", "Dec")
    assert line == "Dec is closed, so it cannot be resumed: reopen it first; nothing changed."
    assert run_json(assoc, capsys, "campaign", "reopen", "Dec")["status"] == "active"


def test_campaign_edit_json_and_nothing_to_change(
    assoc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = run_json(
        assoc, capsys, "campaign", "edit", "Dec", "--goal", "40", "--deadline", "2026-12-20",
        "--why", "Dues fund the journal", "--by", "Dana",
    )  # fmt: skip
    assert edited == {
        "campaign_id": 1,
        "name": "Dec",
        "changes": [
            {"field": "goal_count", "before": "", "after": "40"},
            {"field": "deadline", "before": "2026-12-31", "after": "2026-12-20"},  # the window end
            {"field": "why_it_matters", "before": "", "after": "Dues fund the journal"},
        ],
    }
    shown = run_json(assoc, capsys, "campaign", "show", "Dec")
    assert shown["goal"] == 40
    line = refusal(capsys, assoc, "campaign", "edit", "Dec")
    assert line == "Say what to change, e.g. --goal 40 or --deadline 2026-12-20."
    assert run_json(assoc, capsys, "campaign", "edit", "Dec", "--goal", "40")["changes"] == []


def test_campaign_top_up_adds_the_next_best(
    assoc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Dec's window holds both members; Alan (due 15 Dec) then fits only once capacity allows.
    run_json(assoc, capsys, "campaign", "close", "Dec")  # its two members are free again
    made = run_json(
        assoc, capsys, "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "1", "--name", "One at a time",
    )  # fmt: skip
    assert made["tasks"] == 1
    argv = ("campaign", "top-up", "One at a time", "--count", "5")
    preview = run_json(assoc, capsys, *argv, "--dry-run")
    assert len(preview["added"]) == 1 and preview["added"][0]["reason"]
    shown = run_json(assoc, capsys, "campaign", "show", "One at a time")
    assert len(shown["tasks"]) == 1  # the dry run wrote nothing
    added = run_json(assoc, capsys, *argv)
    assert added["added"] == preview["added"] and added["still_left"] == 0
    assert len(run_json(assoc, capsys, "campaign", "show", "One at a time")["tasks"]) == 2
    line = refusal(capsys, assoc, "campaign", "top-up", "One at a time", "--count", "1")
    assert line == "Nobody is left to add to One at a time: everyone its plan takes is on it."
