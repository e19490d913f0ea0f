"""The import commands on the command line (DESIGN.md, "Command-line contract" and "What bad
input gets"): the JSON of `import roster`, dry runs, rejects workbooks, undo, `import events`, and
bad files refused with one line, exit status 1 and the database left exactly as it was."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy.engine import URL

from member_reach.__main__ import main

TODAY = "2026-11-23"
SHEETS = Path(__file__).parents[1] / "data" / "sheets"
ENCRYPTED_PASSWORD = "Renew-2024"  # tests/data/sheets/make_files.py, PASSWORD
ROW_LIMIT = "300,000"  # services/roster_reading.py refuses more data rows than this
MEMORY_LIMIT = 400 * 1024 * 1024

HEADER = [
    "Member ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Member Since",
    "Paid Thru",
    "Membership Type",
]
# Data rows 2-7 (the header is row 1): six rows read, one rejected (row 5: a phone and nothing
# that says who it is), one flagged (row 7: a date that cannot be), five people written.
NOVEMBER = [
    line.split(",")
    for line in """\
M-1,Ada,Lovelace,ada@example.org,(646) 555-0101,2015-01-15,2027-01-31,Individual
M-2,Alan,Turing,alan@example.org,646-555-0102,2020-03-01,2026-12-31,Individual
M-3,Grace,Hopper,grace@example.org,+1 646 555 0103,2019-07-04,2026-11-30,Individual
,,,,646 555 0199,,,
M-5,Hedy,Lamarr,hedy@example.org,,2021-02-02,2025-02-28,Individual
M-6,Katherine,Johnson,kj@example.org,,13/13/2013,2027-06-30,Individual
""".splitlines()
]
REJECTED_ROW, FLAGGED_ROW = 5, 7


def december() -> list[list[str]]:
    """Next month's export: Ada renewed, Alan has a new phone, Barbara joined."""
    rows = [list(r) for r in NOVEMBER]
    rows[0][6] = "2028-01-31"
    rows[1][4] = "(646) 555-0177"
    barbara = "M-7,Barbara,Liskov,barbara@example.org,,2026-11-01,2027-10-31,Individual"
    rows.append(barbara.split(","))
    return rows


CONTRACT_FIELDS = {
    "rows_read",
    "inserted",
    "updated",
    "unchanged",
    "rejected",
    "renewals_detected",
    "batch_id",
}


def write_roster(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real program in a child process, as automation would."""
    return subprocess.run(
        [sys.executable, "-m", "member_reach", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=timeout,
        check=False,
    )


def last_json(stdout: str) -> dict[str, Any]:
    return json.loads(stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    """Run ``main`` in this process with ``--json``; it must succeed."""
    capsys.readouterr()
    status = main(["--today", TODAY, "--json", *argv])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "Traceback" not in captured.err
    return last_json(captured.out)


def db_state(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of an SQLite database."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }


def counts(state: dict[str, list[tuple[object, ...]]]) -> dict[str, int]:
    return {table: len(rows) for table, rows in state.items()}


def assert_unchanged(path: Path, before: dict[str, list[tuple[object, ...]]]) -> None:
    after = db_state(path)
    for table in ("person", "import_batch", "membership"):
        assert len(after[table]) == len(before[table]), table
    assert counts(after) == counts(before)
    assert after == before


def assert_refused(
    result: subprocess.CompletedProcess[str], file_name: str, *fragments: str
) -> str:
    """Exit status 1, nothing on stdout, one line on stderr naming the file; return the line."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("member-reach: "), line
    assert file_name in line, line
    for fragment in fragments:
        assert fragment in line, line
    return line


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "november.csv", NOVEMBER)


@pytest.fixture
def seeded(tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An SQLite database that already holds an imported roster (import number 1)."""
    path = tmp_path / "assoc.sqlite3"
    payload = run_json(capsys, "--db", str(path), "import", "roster", str(roster))
    assert payload["batch_id"] == 1
    return path


# -- the success path ---------------------------------------------------------------------------


def test_import_roster_json_contract(
    tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "assoc.sqlite3"
    capsys.readouterr()
    assert main(["--db", str(db), "--today", TODAY, "--json", "import", "roster", str(roster)]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1  # with --json, the JSON object alone
    payload = last_json(out)
    assert set(payload) >= CONTRACT_FIELDS
    assert {k: payload[k] for k in sorted(CONTRACT_FIELDS - {"batch_id"})} == {
        "inserted": 5,
        "rejected": 1,
        "renewals_detected": 0,
        "rows_read": 6,
        "unchanged": 0,
        "updated": 0,
    }
    assert isinstance(payload["batch_id"], int)
    assert payload["flagged"] == 1 and payload["dry_run"] is False
    issues = {i["row"]: i["result"] for i in payload["issues"]}
    assert issues == {REJECTED_ROW: "rejected", FLAGGED_ROW: "flagged"}
    state = counts(db_state(db))
    assert (state["person"], state["membership"], state["import_batch"]) == (5, 5, 1)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        batches = connection.execute("SELECT id, kind, file_name FROM import_batch").fetchall()
    assert batches == [(payload["batch_id"], "roster", "november.csv")]


def test_import_roster_text_output_names_the_undo_command(
    tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "assoc.sqlite3"
    assert main(["--db", str(db), "--today", TODAY, "import", "roster", str(roster)]) == 0
    out = capsys.readouterr().out
    assert "6 rows read: 5 new, 0 updated, 0 unchanged, 1 rejected, 1 flagged" in out
    assert out.rstrip().splitlines()[-1] == "Import number 1; undo it with: import undo 1"
    assert not out.lstrip().startswith("{")


def test_next_months_roster_counts_updates_and_renewals(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_roster(tmp_path / "december.csv", december())
    payload = run_json(capsys, "--db", str(seeded), "import", "roster", str(path))
    assert (payload["rows_read"], payload["inserted"], payload["updated"]) == (7, 1, 2)
    assert (payload["unchanged"], payload["rejected"], payload["renewals_detected"]) == (3, 1, 1)
    assert payload["batch_id"] == 2
    again = run_json(capsys, "--db", str(seeded), "import", "roster", str(path))
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 6)
    assert again["renewals_detected"] == 0


def test_dry_run_writes_nothing(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_state(seeded)
    backups = sorted((seeded.parent / "backups").iterdir())
    path = write_roster(tmp_path / "december.csv", december())
    payload = run_json(capsys, "--db", str(seeded), "import", "roster", str(path), "--dry-run")
    assert payload["dry_run"] is True and payload["batch_id"] is None
    assert (payload["inserted"], payload["updated"], payload["renewals_detected"]) == (1, 2, 1)
    assert_unchanged(seeded, before)
    assert sorted((seeded.parent / "backups").iterdir()) == backups


def test_the_lists_are_counted_printed_carried_and_saved(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [r for r in december() if r[0] != "M-6"]  # Katherine is not in this export
    path = write_roster(tmp_path / "december.csv", rows)
    folder = tmp_path / "lists"
    folder.mkdir()
    argv = ["--db", str(seeded), "--today", TODAY, "import", "roster", str(path)]
    assert main([*argv, "--dry-run", "--save-lists", str(folder)]) == 0
    out = capsys.readouterr().out
    assert (
        "Duplicates merged: 0; Renewals detected: 1; Members on file not in this roster: 1; "
        "Calls a renewal would close: 0." in out
    )
    assert "  2 · M-1 · Ada Lovelace · 2027-01-31 · 2028-01-31" in out
    assert "  M-6 · Katherine Johnson · 2027-06-30" in out
    assert sorted(p.name for p in folder.iterdir()) == [
        "december - members on file not in this roster.xlsx",
        "december - renewals detected.xlsx",
    ]
    payload = run_json(capsys, "--db", str(seeded), "import", "roster", str(path))
    assert [r["name"] for r in payload["renewals"]] == ["Ada Lovelace"]
    assert [(m["external_id"], m["expiry"]) for m in payload["missing_members"]] == [
        ("M-6", "2027-06-30")
    ]
    assert payload["closed_calls"] == [] and payload["lists_saved"] == []


def test_a_lists_folder_that_does_not_exist_is_refused(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_state(seeded)
    path = write_roster(tmp_path / "december.csv", december())
    argv = ["--db", str(seeded), "import", "roster", str(path), "--save-lists", "nowhere"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["member-reach: The lists cannot be saved: the folder nowhere does not exist."]
    assert_unchanged(seeded, before)


def test_dry_run_on_a_new_database_path(
    tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "fresh.sqlite3"
    payload = run_json(capsys, "--db", str(db), "import", "roster", str(roster), "--dry-run")
    assert payload["inserted"] == 5 and payload["batch_id"] is None
    state = counts(db_state(db))
    assert (state["person"], state["membership"], state["import_batch"]) == (0, 0, 0)
    assert state["mapping_profile"] == 0 and state["membership_type"] == 0


def test_rejects_workbook(tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "assoc.sqlite3"
    out = tmp_path / "to check" / "rows.xlsx"
    out.parent.mkdir()
    payload = run_json(
        capsys, "--db", str(db), "import", "roster", str(roster), "--rejects", str(out)
    )
    assert payload["rejects_file"] == str(out)
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        [sheet] = book.worksheets
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    assert values[0] == ["Row", "Result", "Reason", *HEADER]
    by_row = {row[0]: row for row in values[1:]}
    assert set(by_row) == {REJECTED_ROW, FLAGGED_ROW}
    assert by_row[REJECTED_ROW][1] == "rejected"
    assert by_row[REJECTED_ROW][3 + 4] == "646 555 0199"  # the original cells follow
    assert by_row[FLAGGED_ROW][1] == "flagged"
    assert "13/13/2013" in str(by_row[FLAGGED_ROW][2])
    assert by_row[FLAGGED_ROW][3 + 5] == "13/13/2013"


def test_sheet_option_chooses_among_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "assoc.sqlite3"
    workbook = SHEETS / "several_sheets.xlsx"
    assert main(["--db", str(db), "import", "roster", str(workbook)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("member-reach: several_sheets.xlsx") and "--sheet" in line
    assert "Members, Lapsed, Notes" in line
    payload = run_json(
        capsys, "--db", str(db), "import", "roster", str(workbook), "--sheet", "Lapsed"
    )
    assert payload["sheet"] == "Lapsed" and payload["inserted"] == 1
    members = run_json(capsys, "--db", str(db), "members", "--all")["members"]
    assert [m["last_name"] for m in members] == ["Ray"]


def test_date_order_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "assoc.sqlite3"
    path = write_roster(
        tmp_path / "dates.csv",
        [["A1", "Ada", "Lovelace", "ada@example.org", "", "", "03/04/2027", "Individual"]],
    )
    payload = run_json(
        capsys, "--db", str(db), "import", "roster", str(path), "--date-order", "dmy"
    )
    assert payload["date_orders"] == {"Member Since": "dmy", "Paid Thru": "dmy"}
    [member] = run_json(capsys, "--db", str(db), "members")["members"]
    assert member["expiry"] == "2027-04-03"
    # Without the option, the settings' default (month first) reads the same text.
    other = tmp_path / "other.sqlite3"
    assert run_json(capsys, "--db", str(other), "import", "roster", str(path))["inserted"] == 1
    [member] = run_json(capsys, "--db", str(other), "members")["members"]
    assert member["expiry"] == "2027-03-04"


# -- undo ------------------------------------------------------------------------------------------


def test_undo_restores_the_counts_and_refuses_a_second_time(seeded: Path, tmp_path: Path) -> None:
    after_first = db_state(seeded)
    path = write_roster(tmp_path / "december.csv", december())
    imported = run_cli(
        "--db", str(seeded), "--today", TODAY, "--json", "import", "roster", str(path)
    )
    assert imported.returncode == 0, imported.stderr
    assert last_json(imported.stdout)["batch_id"] == 2
    assert counts(db_state(seeded))["person"] == 6

    out_of_order = run_cli("--db", str(seeded), "import", "undo", "1")
    assert_refused(out_of_order, "december.csv", "undo import 2 first")

    undone = run_cli("--db", str(seeded), "--json", "import", "undo", "2")
    assert undone.returncode == 0, undone.stderr
    assert last_json(undone.stdout) == {
        "batch_id": 2,
        "file": "december.csv",
        "people_removed": 1,
        "people_restored": 2,
        "renewals_removed": 1,
        "attendances_removed": 0,
        "people_erased": 0,
    }
    after_undo = db_state(seeded)
    for table, rows in after_first.items():
        if table in ("import_batch", "import_change"):
            continue  # the history keeps the undone import
        assert len(after_undo[table]) == len(rows), table
    assert len(after_undo["import_batch"]) == 2

    again = run_cli("--db", str(seeded), "import", "undo", "2")
    assert_refused(again, "december.csv", "already undone")
    assert db_state(seeded) == after_undo


def test_undo_of_an_unknown_import(seeded: Path) -> None:
    before = db_state(seeded)
    assert_refused(run_cli("--db", str(seeded), "import", "undo", "999"), "999")
    assert_unchanged(seeded, before)


# -- attendee lists --------------------------------------------------------------------------------

ATTENDEES = [
    ["Contact ID", "Display Name", "Email", "Participant Role", "Participant Status"],
    ["101", "Ada Lovelace", "ADA@example.org", "Attendee", "Attended"],
    ["102", "Grace Hopper", "grace@example.org", "Speaker", "Attended"],
    ["103", "Marie Curie", "marie@example.net", "Attendee", "No-show"],
    ["104", "Rosalind Franklin", "rosalind@example.net", "Attendee", "Cancelled"],
]


def test_import_events_json_and_undo(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_state(seeded)
    path = write_roster(tmp_path / "expo.csv", ATTENDEES[1:], ATTENDEES[0])
    argv = ["--db", str(seeded), "import", "events", str(path), "--event", "Expo 2026"]
    options = ["--event-date", "2026-05-01", "--series", "Expo"]
    payload = run_json(capsys, *argv, *options)
    assert payload["event"] == "Expo 2026" and payload["event_created"] is True
    assert (payload["rows_read"], payload["rejected"], payload["cancelled"]) == (4, 0, 1)
    assert (payload["inserted"], payload["updated"]) == (2, 2)  # Ada and Grace matched by e-mail
    assert payload["roles"] == {"attendee": 2, "speaker": 1}
    assert payload["attendances_added"] == 3 and payload["batch_id"] == 2
    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        events = connection.execute("SELECT name, series, starts_on FROM event").fetchall()
    assert events == [("Expo 2026", "Expo", "2026-05-01")]

    again = run_json(capsys, *argv)
    assert again["event_created"] is False and again["event_id"] == payload["event_id"]
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 4)
    undone = run_json(capsys, "--db", str(seeded), "import", "undo", str(again["batch_id"]))
    assert undone["attendances_removed"] == 0
    undone = run_json(capsys, "--db", str(seeded), "import", "undo", "2")
    assert (undone["people_removed"], undone["people_restored"]) == (2, 2)
    assert undone["attendances_removed"] == 3
    after = counts(db_state(seeded))
    for table, rows in before.items():
        if table not in ("import_batch", "import_change"):
            assert after[table] == len(rows), table


# -- wrong usage and missing files --------------------------------------------------------------


def test_import_events_without_event_is_wrong_usage(
    tmp_path: Path, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "assoc.sqlite3"
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db), "import", "events", str(roster)])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "--event" in err
    assert not db.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "roster"],
        ["import", "undo", "first"],
        ["import", "roster", "x.csv", "--date-order", "dym"],
        ["import"],
    ],
)
def test_other_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [("roster",), ("events", "--event", "Expo 2026")], ids=["roster", "events"]
)
def test_a_file_that_does_not_exist(seeded: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    before = db_state(seeded)
    missing = tmp_path / "typo.csv"
    result = run_cli("--db", str(seeded), "import", command[0], str(missing), *command[1:])
    assert_refused(result, "typo.csv", "does not exist")
    assert_unchanged(seeded, before)
    # Nor is a database created for a file that is not there.
    fresh = tmp_path / "new.sqlite3"
    result = run_cli("--db", str(fresh), "import", command[0], str(missing), *command[1:])
    assert_refused(result, "typo.csv", "does not exist")
    assert not fresh.exists()


# -- bad input: one line, exit 1, nothing changed --------------------------------------------


def _truncated(source: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        data = (SHEETS / source).read_bytes()
        path = folder / source
        path.write_bytes(data[: len(data) // 2])
        return path

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _workbook(name: str, sheet: str, rows: list[list[object]]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.title = sheet
        for row in rows:
            ws.append(row)
        path = folder / name
        book.save(path)
        return path

    return make


def _nul_far_down(folder: Path) -> Path:
    # Past the first rows read to learn the date order: the error comes from the row stream.
    path = folder / "late_nul.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Member ID,First Name,Last Name,Email\n")
        for i in range(9_000):
            first = "Ann\x00" if i == 7_999 else "Ann"
            handle.write(f"N-{i},{first},Lee{i},n{i}@example.org\n")
    return path


def _encrypted(folder: Path) -> Path:
    path = folder / "encrypted.xlsx"
    shutil.copy(SHEETS / "encrypted.xlsx", path)
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "corrupt xlsx zip": (_truncated("roster.xlsx"), ("damaged",)),
    "corrupt ods zip": (_truncated("roster.ods"), ("damaged",)),
    "zip garbage": (
        _bytes("garbage.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8),
        ("damaged",),
    ),
    "password-protected": (_encrypted, ("protected by a password", "--password")),
    "empty file": (_bytes("empty.csv", b""), ("empty",)),
    "empty xlsx file": (_bytes("empty.xlsx", b""), ("empty",)),
    "empty sheet": (_workbook("blank.xlsx", "Roster", []), ("sheet 'Roster'",)),
    "no identifying column": (
        _bytes("dues.csv", b"Paid Thru,Dues,Notes\n2027-01-31,150,ok\n2027-02-28,150,fine\n"),
        ("row 1", "'Paid Thru'", "'Dues'", "'Notes'"),
    ),
    "no identifying column in a sheet": (
        _workbook("dues.xlsx", "Dues", [["Paid Thru", "Dues"], ["2027-01-31", 150]]),
        ("sheet 'Dues'", "row 1", "'Paid Thru'"),
    ),
    "csv with a NUL byte": (
        _bytes("nul.csv", b"Member ID,First Name,Last Name\nM-1,Ada,Lovelace\nM-2,Al\x00an,T\n"),
        ("row 3, column B", "NUL"),
    ),
    "csv with a NUL byte far down": (_nul_far_down, ("row 8001, column B", "NUL")),
    "binary file named csv": (_bytes("members.csv", bytes(range(256)) * 20), ("binary",)),
    "png named csv": (
        _bytes("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("not a spreadsheet",),
    ),
}


@pytest.mark.parametrize(
    "command", [("roster",), ("events", "--event", "Expo 2026")], ids=["roster", "events"]
)
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_input_is_one_line_and_changes_nothing(
    seeded: Path, tmp_path: Path, case: str, command: tuple[str, ...]
) -> None:
    make, fragments = BAD_FILES[case]
    folder = tmp_path / "input"
    folder.mkdir()
    path = make(folder)
    before = db_state(seeded)
    result = run_cli("--db", str(seeded), "--json", "import", command[0], str(path), *command[1:])
    assert_refused(result, path.name, *fragments)
    assert_unchanged(seeded, before)


def test_password_protected_workbook(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = SHEETS / "encrypted.xlsx"
    before = db_state(seeded)
    line = assert_refused(
        run_cli("--db", str(seeded), "import", "roster", str(path)), "encrypted.xlsx"
    )
    assert "protected by a password" in line and "--password" in line
    wrong = run_cli("--db", str(seeded), "import", "roster", str(path), "--password", "renew-2024")
    assert "password is wrong" in assert_refused(wrong, "encrypted.xlsx")
    assert_unchanged(seeded, before)

    right = run_cli(
        "--db",
        str(seeded),
        "--json",
        "import",
        "roster",
        str(path),
        "--password",
        ENCRYPTED_PASSWORD,
    )
    assert right.returncode == 0, right.stderr
    payload = last_json(right.stdout)
    assert (payload["rows_read"], payload["inserted"], payload["sheet"]) == (1, 1, "Members")
    assert counts(db_state(seeded))["person"] == counts(before)["person"] + 1


def test_rejects_into_a_missing_folder(seeded: Path, roster: Path, tmp_path: Path) -> None:
    before = db_state(seeded)
    out = tmp_path / "no such folder" / "rows.xlsx"
    result = run_cli("--db", str(seeded), "import", "roster", str(roster), "--rejects", str(out))
    assert_refused(result, "rows.xlsx")
    assert_unchanged(seeded, before)
    assert not out.parent.exists()


def test_a_refused_file_costs_no_backup(seeded: Path, tmp_path: Path) -> None:
    """The backup taken before the real import survives files that are refused."""
    [before_first_import] = (seeded.parent / "backups").iterdir()
    bad = _bytes("empty.csv", b"")(tmp_path)
    for _ in range(5):
        assert main(["--db", str(seeded), "import", "roster", str(bad)]) == 1
    assert before_first_import.exists()


def test_event_import_advice_names_only_its_own_options(seeded: Path, tmp_path: Path) -> None:
    """`import events` has no --profile: its message must not send people there."""
    path = _bytes("dues.csv", b"Paid Thru,Dues\n2027-01-31,150\n")(tmp_path)
    line = assert_refused(
        run_cli("--db", str(seeded), "import", "events", str(path), "--event", "Expo 2026"),
        "dues.csv",
    )
    suggested = {word.strip(".,;:()'\"") for word in line.split() if word.startswith("--")}
    usage = run_cli("import", "events", "--help")
    assert usage.returncode == 0, usage.stderr
    accepted = {word.strip(",[]") for word in usage.stdout.split() if word.startswith("--")}
    assert suggested <= accepted, f"{line!r} suggests options `import events` does not take"


# -- a million rows ----------------------------------------------------------------------------

CHILD = """
import sys
from member_reach.__main__ import main
status = main(sys.argv[2:])
with open("/proc/self/status") as status_file:
    peak = next(line for line in status_file if line.startswith("VmHWM:"))
with open(sys.argv[1], "w") as out:
    out.write(peak.split()[1])
sys.exit(status)
"""


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "million.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Member ID,First Name,Last Name,Email,Paid Thru\n")
        handle.writelines(
            f"B-{i},First{i},Last{i},p{i}@example.org,2027-01-31\n" for i in range(1_000_000)
        )
    return path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
@pytest.mark.parametrize(
    "command", [("roster",), ("events", "--event", "Expo 2026")], ids=["roster", "events"]
)
def test_a_million_rows_are_refused_in_bounded_memory(
    seeded: Path, tmp_path: Path, million_rows: Path, command: tuple[str, ...]
) -> None:
    before = db_state(seeded)
    peak_file = tmp_path / "peak_kb"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(peak_file),
            "--db",
            str(seeded),
            "import",
            command[0],
            str(million_rows),
            *command[1:],
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=600,
        check=False,
    )
    assert_refused(result, "million.csv", f"more than {ROW_LIMIT} rows")
    peak = int(peak_file.read_text()) * 1024
    assert peak < MEMORY_LIMIT, f"peak resident memory {peak / 2**20:.0f} MiB"
    assert_unchanged(seeded, before)


# -- files written by LibreOffice -------------------------------------------------------------

OFFICE_FORMATS = ("xlsx", "ods", "xls")
OFFICE_HEADER = [*HEADER, "Dues"]
# Numbers LibreOffice turns into numeric cells (ids, phones, dues), ISO dates it turns into date
# cells whatever its locale, a blank row and a person with no member id.
OFFICE_ROWS = [
    line.split(",")
    for line in """\
100234,Ada,Lovelace,ada@example.org,6465550101,2015-01-15,2027-01-31,Individual,150
100235,Alan,Turing,alan@example.org,646-555-0102,2020-03-01,2026-12-31,Individual,187.50
100236,Grace,Hopper,grace@example.org,+1 646 555 0103,2019-07-04,2026-11-30,Student,150
,,,,,,,,
100237,Hedy,Lamarr,,,2021-02-02,2025-02-28,Individual,150
,Katherine,Johnson,kj@example.org,,,,,
""".splitlines()
]


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One roster as CSV and as LibreOffice writes it to .xlsx, .ods and .xls."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("MEMBER_REACH_REQUIRE_PG"):
            pytest.fail("MEMBER_REACH_REQUIRE_PG is set (CI) but LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    source = write_roster(folder / "roster.csv", OFFICE_ROWS, OFFICE_HEADER)
    out = folder / "converted"
    for fmt in OFFICE_FORMATS:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(source),
            ],
            capture_output=True,
            env={**os.environ, "HOME": str(folder)},
            timeout=300,
            check=True,
        )
    files = {"csv": source} | {fmt: out / f"roster.{fmt}" for fmt in OFFICE_FORMATS}
    for path in files.values():
        assert path.is_file(), path
    return files


SAME_IN_EVERY_FORMAT = (
    "header_row",
    "rows_read",
    "inserted",
    "updated",
    "unchanged",
    "rejected",
    "flagged",
    "renewals_detected",
    "non_members",
    "structural_rows",
    "issues",
    "new_membership_types",
    "mapping",
)


@pytest.mark.parametrize("fmt", OFFICE_FORMATS)
def test_a_roster_written_by_libreoffice(
    office_files: dict[str, Path], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from_csv = tmp_path / "from_csv.sqlite3"
    expected = run_json(capsys, "--db", str(from_csv), "import", "roster", str(office_files["csv"]))
    assert (expected["rows_read"], expected["inserted"], expected["rejected"]) == (5, 5, 0)
    from_office = tmp_path / f"from_{fmt}.sqlite3"
    payload = run_json(capsys, "--db", str(from_office), "import", "roster", str(office_files[fmt]))
    assert payload["format"] == fmt and payload["sheet"] == "roster"
    assert {k: payload[k] for k in SAME_IN_EVERY_FORMAT} == {
        k: expected[k] for k in SAME_IN_EVERY_FORMAT
    }
    listed = run_json(capsys, "--db", str(from_office), "members", "--all")["members"]
    assert listed == run_json(capsys, "--db", str(from_csv), "members", "--all")["members"]
    by_id = {m["external_id"]: m for m in listed}
    assert by_id["100234"]["phone"] == "+16465550101"  # numeric cells read as the digits
    assert by_id["100234"]["expiry"] == "2027-01-31"
    # Importing the same roster again from the other program's file changes nothing.
    again = run_json(capsys, "--db", str(from_csv), "import", "roster", str(office_files[fmt]))
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 5)


# -- PostgreSQL too ------------------------------------------------------------------------------


def test_import_and_undo_on_each_database(
    db_target: URL, roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = (
        str(db_target.database)
        if db_target.get_backend_name() == "sqlite"
        else db_target.render_as_string(hide_password=False)
    )
    first = run_json(capsys, "--db", target, "import", "roster", str(roster))
    assert (first["rows_read"], first["inserted"], first["rejected"]) == (6, 5, 1)
    listed = run_json(capsys, "--db", target, "members")["members"]
    second = run_json(
        capsys,
        "--db",
        target,
        "import",
        "roster",
        str(write_roster(tmp_path / "d.csv", december())),
    )
    assert (second["inserted"], second["updated"], second["renewals_detected"]) == (1, 2, 1)
    undone = run_json(capsys, "--db", target, "import", "undo", str(second["batch_id"]))
    assert (undone["people_removed"], undone["people_restored"]) == (1, 2)
    assert run_json(capsys, "--db", target, "members")["members"] == listed
    capsys.readouterr()
    assert main(["--db", target, "import", "undo", str(second["batch_id"])]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "already undone" in err[0]
