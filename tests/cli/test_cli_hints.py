"""The command line's own hints: a message in everyone's words, and the option that does it.

Services, the store and the readers never write command-line syntax (GUI users read their
messages too); an error that asks for something the command line does with an option or a command
carries a ``remedy``, and cli/hints.py adds the syntax. Each case here: the command line still
names its option, and the message it was added to does not.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import openpyxl
import pytest

from member_reach.__main__ import main
from member_reach.cli import PROG, build_parser, run
from member_reach.cli.hints import HINTS, hint_for, with_hint
from member_reach.domain.remedies import Remedy
from member_reach.services.common.errors import ServiceError
from member_reach.store.errors import OlderSchemaError, StoreError

from .conftest import TODAY, write_csv  # noqa: F401 - others import them from here

SHEETS = Path(__file__).parents[1] / "data" / "sheets"
#: What a message must not name itself: an option, the program, a command in quotes.
SYNTAX = re.compile(r"--[a-z]|member-reach|'(?:members|import|campaign|calls|report|export|db)\b")


def refusal(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    """Run a command that must be refused; return its one line without the program's name."""
    capsys.readouterr()
    assert main(["--db", str(db), "--today", TODAY, *argv]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and captured.out == "", captured.err
    assert lines[0].startswith("member-reach: ")
    return lines[0].removeprefix("member-reach: ")


def message_and_hint(line: str, hint: str) -> str:
    """The service's message inside ``line``: the line with `` (hint)`` taken out, once."""
    assert line.count(f" ({hint})") == 1, line
    message = line.replace(f" ({hint})", "")
    assert not SYNTAX.search(message), f"{message!r} names command-line syntax itself"
    return message


# -- the readers: a password, a sheet ----------------------------------------------------------


def test_a_protected_workbook(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["roster"], ["events", "--event", "Expo 2027"], ["outcomes"]):
        line = refusal(
            capsys, assoc, "import", command[0], str(SHEETS / "encrypted.xlsx"), *command[1:]
        )
        assert message_and_hint(line, "--password PW") == (
            "encrypted.xlsx: is protected by a password; give its password"
        )


def test_several_sheets_with_data(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, assoc, "import", "roster", str(SHEETS / "several_sheets.xlsx"))
    assert message_and_hint(line, "--sheet NAME") == (
        "several_sheets.xlsx: has 3 sheets with data: Members, Lapsed, Notes; "
        "choose the sheet to read"
    )


def test_only_hidden_sheets_with_data(
    assoc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    wb.create_sheet("Notes")  # two empty visible sheets, and the data on a hidden one
    hidden = wb.create_sheet("Members")
    hidden.append(["Member ID", "Name"])
    hidden.append(["M-9", "Hedy Lamarr"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    line = refusal(capsys, assoc, "import", "roster", str(path))
    assert message_and_hint(line, "or name it with --sheet NAME") == (
        "hidden.xlsx: has no visible sheet with data (hidden: Members); unhide the sheet to read"
    )


# -- imports: the columns, the event -----------------------------------------------------------


def test_no_column_says_who(
    assoc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "dues.csv", ["Paid Thru", "Dues"], [["2027-01-31", "150"]])
    line = refusal(capsys, assoc, "import", "roster", str(path))
    assert message_and_hint(line, "--profile NAME") == (
        "dues.csv, row 1 (the header): no column holds a name, organisation, member id or e-mail "
        "(columns found: 'Paid Thru', 'Dues'); rename a column in the file (for example to Name, "
        "E-mail or Member ID) or choose a saved column mapping"
    )


def test_an_attendee_list_without_an_event_name(
    assoc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a.csv", ["Name"], [["Grace Hopper"]])
    line = refusal(capsys, assoc, "import", "events", str(path), "--event", "  ")
    assert message_and_hint(line, "--event NAME") == (
        "Give the name of the event the attendee list is for, for example Expo 2026."
    )


# -- campaigns: the event's earlier editions, the campaign, the call ---------------------------


def test_an_event_not_on_file(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, assoc, "campaign", "event", "--event", "Nope")
    assert message_and_hint(line, "member-reach import events FILE --event NAME") == (
        "There is no event 'Nope' (events on file: Expo 2027, Gala 2027); "
        "import its attendee list first."
    )


def test_an_event_of_no_series(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, assoc, "campaign", "event", "--event", "Gala 2027")
    assert message_and_hint(line, "--past-series NAME") == (
        "Gala 2027 belongs to no series, so it has no earlier editions to call from: "
        "name the series whose past editions count."
    )


def test_an_event_without_a_date(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, assoc, "campaign", "event", "--event", "Expo 2027")
    assert message_and_hint(line, "--past-event NAME, once for each") == (
        "Expo 2027 has no date, so which editions of its series came before it cannot be told: "
        "name the earlier editions that count."
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("campaign", "show", "Nope"),
        ("report", "Nope"),
        ("calls", "assign", "Nope", "CallCo"),
        ("calls", "log", "Nope", "M-1", "renewed"),
    ],
)
def test_no_such_campaign(
    assoc: Path, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(capsys, assoc, *argv)
    assert message_and_hint(line, "member-reach campaign list") == (
        "There is no campaign 'Nope'; the Campaigns page lists every campaign."
    )


def test_a_member_not_on_the_campaign(assoc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(capsys, assoc, "calls", "log", "Dec", "M-999", "renewed")
    assert message_and_hint(line, "member-reach campaign show CAMPAIGN") == (
        "'M-999' is not on campaign Dec: give the Ref, Member ID or member number of one of its "
        "calls, as the campaign's calls on the Campaigns page show them."
    )


# -- the mechanism -----------------------------------------------------------------------------


def test_an_old_schema_gets_the_upgrade_command(capsys: pytest.CaptureFixture[str]) -> None:
    """No command opens a database without upgrading it today; the hint is there if one does."""

    def opens_without_upgrading(_args: argparse.Namespace, _out: object) -> None:
        raise OlderSchemaError("assoc.sqlite3 uses an older schema (0003); upgrade it first.")

    args = argparse.Namespace(handler=opens_without_upgrading)
    assert run(args) == 1
    line = capsys.readouterr().err.strip()
    assert line == (
        "member-reach: assoc.sqlite3 uses an older schema (0003); upgrade it first "
        "(member-reach db upgrade)."
    )


def test_a_message_without_a_remedy_is_printed_as_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def refuses(_args: argparse.Namespace, _out: object) -> None:
        raise StoreError("Cannot write the backup x.sqlite3: disk full.")

    assert run(argparse.Namespace(handler=refuses)) == 1
    assert (
        capsys.readouterr().err == "member-reach: Cannot write the backup x.sqlite3: disk full.\n"
    )


def test_an_option_the_command_does_not_take_is_not_suggested() -> None:
    """`import outcomes` reads the Calls sheet by name: it has no --sheet to suggest."""
    outcomes = build_parser().parse_args(["import", "outcomes", "worked.xlsx"])
    assert hint_for(Remedy.CHOOSE_SHEET, outcomes) == ""
    assert hint_for(Remedy.GIVE_PASSWORD, outcomes) == "--password PW"
    error = ServiceError("worked.xlsx: has 2 sheets with data: A, B; choose the sheet to read")
    assert with_hint(str(error), Remedy.CHOOSE_SHEET, outcomes) == str(error)


def _options_by_dest(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    """Every option of every command: its ``dest`` and the option strings that set it."""
    found: dict[str, set[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                for dest, strings in _options_by_dest(sub).items():
                    found.setdefault(dest, set()).update(strings)
        elif action.option_strings:
            found.setdefault(action.dest, set()).update(action.option_strings)
    return found


def _commands(parser: argparse.ArgumentParser, prefix: str = "member-reach") -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.add(f"{prefix} {name}")
                found |= _commands(sub, f"{prefix} {name}")
    return found


def test_every_remedy_has_a_hint_that_names_a_real_option_or_command() -> None:
    parser = build_parser()
    options, commands = _options_by_dest(parser), _commands(parser)
    assert set(HINTS) == set(Remedy)
    for remedy, hint in HINTS.items():
        if hint.option:
            named = set(re.findall(r"--[a-z-]+", hint.text))
            assert named and named <= options[hint.option], (remedy, hint)
        else:
            words = hint.text.split()
            command = " ".join(w for w in words if w.isalpha() and w.islower() or w == PROG)
            assert command in commands, (remedy, hint)
