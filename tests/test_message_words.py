"""Messages from the services, the store, the readers and the rules name no command-line syntax.

GUI users read these messages as they are (a dialog shows ``str(exc)``): "give its password",
not "--password". An error whose "what to do" is also an option of the command line carries a
``remedy``, and cli/hints.py adds the syntax there (tests/cli/test_cli_hints.py).

The scan reads every string literal of those packages, f-strings with their fields as ``{}``.
Docstrings and other bare string statements are left out: they document the code for its
developers (``The command line's --json object``) and are never shown to anyone.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "member_reach"
SCANNED = ("domain", "sheets", "store", "services")

_COMMANDS = r"(?:members|import|campaign|calls|report|export|db)"
#: What a message in a GUI user's words never holds, each with what it catches.
SYNTAX = {
    "an option": re.compile(r"(?<![\w-])--[a-z]"),
    "the program's name": re.compile(r"\bmember-reach\b"),
    "a command in quotes": re.compile(r"['\"`‘“](?:member-reach )?" + _COMMANDS + r"\b"),
    "a command line": re.compile(
        r"\b(?:import (?:roster|events|outcomes|undo) |campaign (?:renewal|event|prospects|list|"
        r"show)\b|calls (?:log|reserve|assign|release) |export (?:partner|calls|results) |"
        r"db (?:upgrade|backup)\b)"
    ),
    "the command line itself": re.compile(r"\bcommand[- ]line\b", re.IGNORECASE),
}


def _not_shown(tree: ast.AST) -> set[int]:
    """The ids of docstrings and other bare string statements: documentation, never shown."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def string_literals(source: str) -> Iterator[tuple[int, str]]:
    """Each string literal that could reach a person: (line, text), f-string fields as ``{}``."""
    tree = ast.parse(source)
    skipped = _not_shown(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)
            yield (
                node.lineno,
                "".join(
                    part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
                ),
            )
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            yield node.lineno, node.value


def syntax_in(text: str) -> list[str]:
    """What command-line syntax ``text`` names (empty: none)."""
    return [what for what, pattern in SYNTAX.items() if pattern.search(text)]


def test_no_message_names_command_line_syntax() -> None:
    found, scanned = [], 0
    for package in SCANNED:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            for line, text in string_literals(path.read_text(encoding="utf-8")):
                scanned += 1
                if named := syntax_in(text):
                    where = path.relative_to(PACKAGE.parent)
                    found.append(f"{where}:{line}: {', '.join(named)}: {text!r}")
    assert scanned > 1_000  # the scan read the packages' strings
    assert not found, (
        "Write these in the GUI user's words; give the error a remedy (domain/remedies.py) "
        "and let cli/hints.py add the command line's syntax:\n" + "\n".join(found)
    )


# The messages this rule rewrote, as they were: the scan must catch each of them.
@pytest.mark.parametrize(
    "source",
    [
        'PROTECTED = "is protected by a password; give it with --password"',
        'f"has {n} sheets with data: {names}; choose one with --sheet"',
        """f"{db} uses an older schema ({rev}); run 'member-reach db upgrade' first." """,
        """f"There is no campaign '{text}'; 'campaign list' shows their numbers and names." """,
        """raise ServiceError(f"'{t}' is not on {c}: give a reference from 'campaign show'.")""",
        """x = ("import its registrations with " "'import events' first.")""",
        """f"{e} belongs to no series: name the earlier editions' series with --past-series." """,
        """msg = "Give the event's name with --event, e.g. --event 'Expo 2026'." """,
        'f"{where}: {exc}; or choose a saved mapping (--profile)"',
        'hint = "undo it with: import undo 7"',
    ],
)
def test_the_scan_catches_command_line_syntax(source: str) -> None:
    [(_, text)] = [found for found in string_literals(source) if syntax_in(found[1])]
    assert syntax_in(text)


def test_the_scan_leaves_docstrings_and_plain_words() -> None:
    source = '''
def as_json(self) -> dict:
    """The command line's ``--json`` object."""
    return {"message": "Import 7 came after import 5: undo import 7 first."}
'''
    assert [text for _, text in string_literals(source) if syntax_in(text)] == []
    assert syntax_in("the Campaigns page lists every campaign") == []
    assert syntax_in("events on file: none; import its attendee list first") == []
