"""The temporary files' names, which of them are left over, and record numbers as typed."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.domain.partial_files import (
    QUIET_FOR,
    STALE_AFTER,
    PartialFile,
    partial_name,
    read_partial_name,
    stale_partials,
)
from member_reach.domain.values import MAX_RECORD_NUMBER, record_number


def test_a_temporary_name_reads_back() -> None:
    name = partial_name("Winter calls.xlsx", 4242)
    assert name.startswith(".Winter calls.xlsx.partial-4242-")
    assert read_partial_name(name) == PartialFile("Winter calls.xlsx", 4242)
    assert read_partial_name(".b.sqlite3.partial-7-0a1b2c3d-journal") == PartialFile("b.sqlite3", 7)
    assert read_partial_name(".b.sqlite3.partial-7") == PartialFile("b.sqlite3", 7)


@pytest.mark.parametrize(
    "name",
    [
        "winter.xlsx",
        "winter.xlsx.partial-7-0a1b2c3d",  # not hidden
        ".winter.xlsx.partial-seven",
        ".winter.xlsx.partial-7-0a1b2c3d.bak",
        ".winter.xlsx.partial-7-NOTHEX12",
        ".partial-7",
    ],
)
def test_other_names_are_never_ours(name: str) -> None:
    assert read_partial_name(name) is None


def test_which_are_left_over() -> None:
    now, young, old = dt.timedelta(seconds=5), QUIET_FOR * 2, STALE_AFTER * 2
    entries = [
        (".a.xlsx.partial-10-0a1b2c3d", young),  # its process is gone
        (".e.xlsx.partial-10-0a1b2c3d", now),  # written this moment (on another computer?)
        (".b.xlsx.partial-11-0a1b2c3d", young),  # still writing
        (".c.xlsx.partial-11-0a1b2c3d", old),  # a reused number: too old to be anyone's
        (".d.xlsx.partial-12-0a1b2c3d", old),  # this process's own
        ("notes.txt", old),
    ]
    assert stale_partials(entries, own_pid=12, pid_alive=lambda pid: pid != 10) == [
        ".a.xlsx.partial-10-0a1b2c3d",
        ".c.xlsx.partial-11-0a1b2c3d",
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("42", 42),
        (" 7 ", 7),
        (str(MAX_RECORD_NUMBER), MAX_RECORD_NUMBER),
        (str(MAX_RECORD_NUMBER + 1), None),
        ("99999999999999999999", None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("٣", None),
        ("4.0", None),
        ("", None),
    ],
)
def test_a_record_number_as_typed(text: str, number: int | None) -> None:
    assert record_number(text) == number
