"""Every ``--json`` object the command line prints, pinned byte for byte (DESIGN.md,
"Command-line contract"): field names, their order and the format of every value.

The report's object and the follow-up commands' (hand-offs, callbacks due) are written out here
in full; the other commands' are kept in ``data/pinned_json.txt``, one ``label<TAB>json`` line
each, with the temporary folder written ``<DIR>`` and an import's backup time ``<STAMP>``. The
clock is fixed (15:30 UTC on the day ``--today`` names) so that whether a member may be called now
is the same on every run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import ROWS, write_csv

import member_reach.cli.campaigns as cli_campaigns
import member_reach.cli.follow_up as cli_follow_up
import member_reach.cli.imports as cli_imports
import member_reach.cli.work as cli_work
from member_reach.__main__ import main
from member_reach.cli.common import today_of
from member_reach.services.demo.demo import create_demo_database

PINNED = Path(__file__).parent / "data" / "pinned_json.txt"
_STAMP = re.compile(r"\d{8}-\d{6}-\d{6}")


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


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    def at(args: argparse.Namespace) -> dt.datetime:
        return dt.datetime.combine(today_of(args) or dt.date(2026, 11, 23), dt.time(15, 30))

    for module in (cli_campaigns, cli_imports, cli_work, cli_follow_up):
        monkeypatch.setattr(module, "utc_now", at)


class Runner:
    """Runs commands on one database and keeps each one's JSON line, as printed."""

    def __init__(self, db: Path, folder: Path) -> None:
        self.db = db
        self.folder = folder
        self.lines: list[str] = []

    def __call__(self, label: str, *args: str, today: str = "2026-11-23") -> dict:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["--db", str(self.db), "--today", today, "--json", *args])
        assert status == 0, label
        line = out.getvalue().splitlines()[-1]
        line = _STAMP.sub("<STAMP>", line.replace(str(self.folder), "<DIR>"))
        self.lines.append(f"{label}\t{line}")
        return json.loads(line)  # type: ignore[no-any-return]


def _log_calls(run: Runner, campaign: str) -> None:
    run("log renewed", "calls", "log", campaign, "C1-00001", "renewed", "--caller", "Ann",
        "--amount", "195", today="2026-11-20")  # fmt: skip
    run("log voicemail", "calls", "log", campaign, "C1-00002", "voicemail", "--caller", "Bob",
        today="2026-11-20")  # fmt: skip
    run("log promised", "calls", "log", campaign, "C1-00003", "promised", "--caller", "Bob",
        "--amount", "97.50", "--notes", "pays Friday", today="2026-11-21")  # fmt: skip
    run("log interested", "calls", "log", campaign, "C1-00004", "interested",
        today="2026-11-21")  # fmt: skip


def test_report_json_is_pinned(demo: Path, tmp_path: Path) -> None:
    run = Runner(demo, tmp_path)
    run("renewal", "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "5", "--goal", "3", "--deadline", "2026-12-20", "--name", "Pinned",
        today="2026-11-20")  # fmt: skip
    _log_calls(run, "Pinned")
    run("report", "report", "Pinned", "--months", "3")
    expected = {
        "campaign_id": 1,
        "name": "Pinned",
        "today": "2026-11-23",
        "tasks": {"open": 2, "done": 3, "closed": 0, "total": 5},
        "goal": {
            "target": 3,
            "deadline": "2026-12-20",
            "achieved": 1,
            "progress": 0.3333,
            "remaining": 2,
            "days_left": 28,
            "pace_needed_per_day": 0.07,
        },
        "revenue": {  # added beside the goal (issue 14): no revenue goal set
            "target": None,
            "achieved": "195.00",
            "paid": "195.00",
            "renewal_dues": "0.00",
            "pledged": "97.50",
            "progress": None,
            "remaining": None,
            "pace_needed_per_day": None,
        },
        "successes": 1,
        "renewals_detected": 0,
        "renewals_after_a_call": 0,
        "calls": 4,
        "conversations": 3,
        "conversations_per_success": 3.0,
        "outcomes": {"success": 1, "neutral": 1, "positive": 2},
        "promised": "292.50",
        "callers": [
            {
                "caller": "Ann",
                "calls": 1,
                "conversations": 1,
                "successes": 1,
                "conversations_per_success": 1.0,
            },
            {
                "caller": "Bob",
                "calls": 2,
                "conversations": 1,
                "successes": 0,
                "conversations_per_success": None,
            },
            {
                "caller": "(not given)",
                "calls": 1,
                "conversations": 1,
                "successes": 0,
                "conversations_per_success": None,
            },
        ],
        "daily": [  # by_calls, by_renewals and pace added (issue 15)
            {"date": "2026-11-20", "successes": 1, "by_calls": 1, "by_renewals": 0, "pace": 0.1},
            {"date": "2026-11-21", "successes": 1, "by_calls": 1, "by_renewals": 0, "pace": 0.19},
            {"date": "2026-11-22", "successes": 1, "by_calls": 1, "by_renewals": 0, "pace": 0.29},
            {"date": "2026-11-23", "successes": 1, "by_calls": 1, "by_renewals": 0, "pace": 0.39},
        ],
        # added beside the others (issue 15): the first day, successes by how they came
        "start": "2026-11-20",
        "successes_by_calls": 1,
        "successes_by_renewals": 0,
        "retention": [
            {
                "month": "2026-08",
                "members_at_start": 1431,
                "members_at_end": 1420,
                "joined": 8,
                "dropped": 19,
                "retention": 0.9867,
                "churn": 0.0133,
            },
            {
                "month": "2026-09",
                "members_at_start": 1421,
                "members_at_end": 1420,
                "joined": 21,
                "dropped": 22,
                "retention": 0.9845,
                "churn": 0.0155,
            },
            {
                "month": "2026-10",
                "members_at_start": 1421,
                "members_at_end": 1429,
                "joined": 26,
                "dropped": 18,
                "retention": 0.9873,
                "churn": 0.0127,
            },
        ],
        "control": None,  # added (issue 18): a campaign without a control group
    }
    line = run.lines[-1].split("\t")[1]
    assert line == json.dumps(expected, ensure_ascii=False)


def test_follow_up_json_is_pinned(demo: Path, tmp_path: Path) -> None:
    run = Runner(demo, tmp_path)
    run("renewal", "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "5", "--name", "Pinned", "--handoff-owner", "Maya",
        today="2026-11-20")  # fmt: skip
    _log_calls(run, "Pinned")
    run("log callback", "calls", "log", "Pinned", "C1-00005", "callback", "--caller", "Bob",
        "--callback", "2026-11-22T10:00+00:00", today="2026-11-20")  # fmt: skip
    run("handoffs", "handoffs", "list")
    run("overdue", "handoffs", "list", "--overdue", "--owner", "maya", today="2026-11-25")
    run("calls due", "calls", "due", "--caller", "bob")
    run("assign", "handoffs", "assign", "1", "Sam")
    run("close", "handoffs", "close", "1", "renewed", "--notes", "paid", "--by", "Sam")
    run("after", "handoffs", "list")
    handoff = {
        "id": 1,
        "member_id": 1621,
        "external_id": "M-02679",
        "name": "Cascade Analytics",
        "campaign": "Pinned",
        "owner": "Maya",
        "due": "2026-11-24",
        "overdue": False,
        "notes": "",
        "state": "open",
    }
    callback = {
        "ref": "C1-00005",
        "member_id": 474,
        "external_id": "M-00595",
        "name": "Mariam King",
        "campaign": "Pinned",
        "callback_at": "2026-11-22T10:00",
        "caller": "Bob",
    }
    expected = [
        {"handoffs": [handoff]},
        {"handoffs": [{**handoff, "overdue": True}]},
        {"calls": [callback]},
        {"id": 1, "name": "Cascade Analytics", "owner": "Sam", "state": "open", "outcome": None},
        {
            "id": 1,
            "name": "Cascade Analytics",
            "owner": "Sam",
            "state": "done",
            "outcome": "renewed",
        },
        {"handoffs": []},
    ]
    printed = [line.split("\t")[1] for line in run.lines[-6:]]
    assert printed == [json.dumps(e, ensure_ascii=False) for e in expected]


def _fill_worked_file(exported: Path, worked: Path) -> Path:
    """A partner's file: one outcome, one unknown code."""
    book = load_workbook(exported)
    sheet = book["Calls"]
    headings = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    rows[0][headings.index("Outcome")].value = "joined"
    rows[0][headings.index("Caller")].value = "Jo"
    rows[1][headings.index("Outcome")].value = "maybe later"
    book.save(worked)
    return worked


def _campaign_commands(run: Runner, folder: Path) -> None:
    run("renewal", "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "5", "--goal", "3", "--deadline", "2026-12-20", "--goal-revenue", "600",
        "--why", "Dues fund the journal", "--name", "Pinned", today="2026-11-20")  # fmt: skip
    run("prospects", "campaign", "prospects", "--capacity", "3", "--name", "Prospects")
    run("list", "campaign", "list")
    run("show", "campaign", "show", "Pinned", today="2026-11-20")
    _log_calls(run, "Pinned")
    run("reserve", "calls", "reserve", "Pinned", "Cy", "--count", "1")
    run("release", "calls", "release", "Pinned")
    run("assign", "calls", "assign", "Prospects", "CallCo", "--count", "2")
    run("show after", "campaign", "show", "1")
    run("export partner", "export", "partner", "Prospects", str(folder / "p.xlsx"))
    run("export calls", "export", "calls", "Pinned", str(folder / "c.csv"))
    run("export results", "export", "results", "Pinned", str(folder / "r.xlsx"))
    worked = _fill_worked_file(folder / "p.xlsx", folder / "worked.xlsx")
    run("outcomes dry run", "import", "outcomes", str(worked), "--dry-run")
    applied = run("outcomes", "import", "outcomes", str(worked))
    run("undo outcomes", "import", "undo", str(applied["batch_id"]))
    run("members", "members", "--search", "Adeyemi")
    run("members grace", "members", "--status", "grace", "--search", "an")
    run("plan", "plan", "--months", "3")


def _import_commands(run: Runner, folder: Path) -> None:
    run("roster", "import", "roster", str(write_csv(folder / "roster.csv", ROWS)))
    rows = [list(r) for r in ROWS]
    rows[5][7] = "06/30/2028"
    run("roster dry run", "import", "roster", str(write_csv(folder / "next.csv", rows)),
        "--dry-run", today="2026-11-27")  # fmt: skip
    events = folder / "expo.csv"
    events.write_text(
        "Name,Email,Role,Status\n"
        "Ada Lovelace,ada@example.org,Speaker,Attended\n"
        "Marie Curie,marie@example.net,Attendee,Cancelled\n",
        encoding="utf-8",
    )
    run("events", "import", "events", str(events), "--event", "Expo 2026",
        "--event-date", "2026-05-01", "--series", "Expo")  # fmt: skip
    run("members all", "members", "--all")
    run("undo events", "import", "undo", "2")


def test_every_json_object_is_pinned(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # import backups, under <DIR>
    run = Runner(demo, tmp_path)
    _campaign_commands(run, tmp_path)
    fresh = Runner(tmp_path / "fresh.sqlite3", tmp_path)
    _import_commands(fresh, tmp_path)
    printed = run.lines + fresh.lines
    pinned = PINNED.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in printed] == [line.split("\t")[0] for line in pinned]
    for got, want in zip(printed, pinned, strict=True):
        assert got == want
