"""``report --json``: the successes split into calls and roster renewals beside the old fields,
and conversations per success counting the calls' successes only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.conftest import TODAY, write_csv
from member_reach.__main__ import main


def report(db: Path, capsys: pytest.CaptureFixture[str], today: str = TODAY) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "--today", today, "--json", "report", "Dec"]) == 0
    return json.loads(capsys.readouterr().out.splitlines()[-1])  # type: ignore[no-any-return]


def test_report_splits_calls_and_roster_renewals(
    assoc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ada renews on the phone (one conversation); Alan renews on his own, the next roster says.
    logged = main(["--db", str(assoc), "--today", TODAY, "calls", "log", "Dec", "M-1", "renewed"])
    assert logged == 0
    roster = write_csv(
        tmp_path / "next.csv",
        ["Member ID", "First Name", "Last Name", "Phone", "Paid Thru"],
        [
            ["M-1", "Ada", "Lovelace", "(646) 555-0101", "2026-12-31"],
            ["M-2", "Alan", "Turing", "(646) 555-0102", "2027-12-15"],
        ],
    )
    imported = main(["--db", str(assoc), "--today", "2026-11-24", "import", "roster", str(roster)])
    assert imported == 0
    figures = report(assoc, capsys, "2026-11-25")
    # The old fields are all there, as they were.
    assert (figures["successes"], figures["renewals_detected"], figures["calls"]) == (2, 1, 1)
    assert figures["goal"]["achieved"] == 2 and figures["conversations"] == 1
    # 1 conversation for Ada's success: Alan's renewal is not the callers' (it read 0.5).
    assert figures["conversations_per_success"] == 1.0
    assert (figures["successes_by_calls"], figures["successes_by_renewals"]) == (1, 1)
    assert figures["start"] == TODAY  # its first call, on the day it was made
    assert [
        (d["date"], d["by_calls"], d["by_renewals"], d["successes"]) for d in figures["daily"]
    ] == [
        ("2026-11-23", 1, 0, 1),
        ("2026-11-24", 1, 1, 2),
        ("2026-11-25", 1, 1, 2),
    ]
    assert all(d["pace"] is None for d in figures["daily"])  # no goal set


def test_report_text_names_the_split(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", str(assoc), "--today", TODAY, "calls", "log", "Dec", "M-1", "renewed"]) == 0
    )
    capsys.readouterr()
    assert main(["--db", str(assoc), "--today", TODAY, "report", "Dec"]) == 0
    assert "  1 by calls, 0 by roster renewals" in capsys.readouterr().out.splitlines()
