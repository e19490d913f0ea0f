"""The one checked save every written file goes through: whole or not at all, no leftovers."""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl
import pytest

from member_reach.sheets import SheetError, saving
from member_reach.sheets.crypto import decrypt, encrypt_file
from member_reach.sheets.issues_writer import write_issue_rows
from member_reach.sheets.partner_workbook import PartnerExport, write_partner_workbook
from member_reach.sheets.results_workbook import ResultsData, write_results_workbook
from member_reach.sheets.saving import save_workbook, saved_whole


def _issues(path: Path) -> None:
    write_issue_rows(path, ["Name"], [(3, "rejected", "no name", ("",))])


def _partner(path: Path) -> None:
    export = PartnerExport(1, 1, "Winter", ["Ref", "Name"], [["R1", "Ada"]], [], [])
    write_partner_workbook(path, export)


def _results(path: Path) -> None:
    data = ResultsData("Winter", [("Goal", 3)], [(dt.date(2026, 11, 2), 1)], 3, [], [], [])
    write_results_workbook(path, data)


WRITERS: dict[str, Callable[[Path], None]] = {
    "rows to check": _issues,
    "partner workbook": _partner,
    "results workbook": _results,
}


def test_a_file_is_written_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with saved_whole(target) as partial:
        assert partial.parent == tmp_path and partial != target
        partial.write_text("new")
        assert target.read_text() == "old"  # not replaced until the whole file is written
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(ZeroDivisionError), saved_whole(target) as partial:
        partial.write_text("half")
        _ = 1 / 0  # an unexpected error is raised as it is
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_file_open_elsewhere_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(source: object, target: object) -> None:  # as Windows does while Excel has it
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(saving.os, "replace", refused)
    target = tmp_path / "rows.xlsx"
    with pytest.raises(SheetError) as caught, saved_whole(target) as partial:
        partial.write_text("whole")
    message = str(caught.value)
    assert message.startswith("rows.xlsx: cannot be written: permission denied")
    assert "Excel" in message and "\n" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_each_workbook_writer_saves_whole(writer: Callable[[Path], None], tmp_path: Path) -> None:
    writer(tmp_path / "out.xlsx")
    openpyxl.load_workbook(tmp_path / "out.xlsx").close()
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_each_workbook_writer_leaves_no_temporary_after_a_failure(
    writer: Callable[[Path], None], tmp_path: Path
) -> None:
    (tmp_path / "out.xlsx").mkdir()  # a folder holds the name: the last step, replacing, fails
    with pytest.raises(SheetError) as caught:
        writer(tmp_path / "out.xlsx")
    assert str(caught.value) == "out.xlsx: cannot be written: a folder has that name"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_each_workbook_writer_refuses_a_missing_folder_or_another_kind(
    writer: Callable[[Path], None], tmp_path: Path
) -> None:
    with pytest.raises(SheetError, match=r"^out\.xlsx: cannot be written: the folder .* not"):
        writer(tmp_path / "missing" / "out.xlsx")
    with pytest.raises(SheetError, match=r"^out\.csv: cannot be written: .* ending in \.xlsx"):
        writer(tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_that_fails_half_way_is_closed_and_its_temporary_removed(
    tmp_path: Path,
) -> None:
    closed: list[bool] = []

    class HalfSaved(openpyxl.Workbook):
        def save(self, filename: str | Path | BinaryIO) -> None:
            if isinstance(filename, str | Path):
                Path(filename).write_bytes(b"PK half a zip")
            else:
                filename.write(b"PK half a zip")
            raise RuntimeError("disk went away")

        def close(self) -> None:
            closed.append(True)

    with pytest.raises(RuntimeError, match="disk went away"):
        save_workbook(HalfSaved(write_only=True), tmp_path / "out.xlsx")
    assert closed == [True]
    assert list(tmp_path.iterdir()) == []


def test_encrypting_replaces_the_file_whole_or_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    _issues(target)
    plain = target.read_bytes()
    with pytest.raises(SheetError, match=r"^out\.xlsx: cannot be encrypted"):
        encrypt_file(target, "")
    (tmp_path / "not a workbook.xlsx").write_bytes(b"plain text")
    with pytest.raises(SheetError, match=r"^not a workbook\.xlsx: cannot be encrypted"):
        encrypt_file(tmp_path / "not a workbook.xlsx", "s3cret")
    assert target.read_bytes() == plain
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not a workbook.xlsx", "out.xlsx"]
    encrypt_file(target, "s3cret")
    assert target.read_bytes() != plain
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not a workbook.xlsx", "out.xlsx"]


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_OUT)
    return int(child.stdout)


_OUT: dict[str, Any] = {"capture_output": True, "text": True, "check": True}


def test_temporary_files_killed_runs_left_are_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = _dead_pid()
    left = [  # ours: a killed run's workbook, its backup and that backup's journal
        f".winter.xlsx.partial-{dead}-0a1b2c3d",
        f".backup.sqlite3.partial-{dead}-0a1b2c3d-journal",
        f".old.csv.partial-{os.getpid() + 1}-0a1b2c3d",  # older than any run: whoever wrote it
    ]
    kept = [
        f".other.xlsx.partial-{os.getpid()}-0a1b2c3d",  # this process writes it now
        f".young.xlsx.partial-{os.getppid()}-0a1b2c3d",  # a live process writes it now
        ".notes.partial-draft",  # the person's own files, whatever their names
        f"winter.xlsx.partial-{dead}-0a1b2c3d",
        f".winter.xlsx.partial-{dead}-0a1b2c3d.bak",
        "winter.xlsx",
    ]
    kept.append(f".just.xlsx.partial-{dead}-0a1b2c3d")  # written a moment ago (elsewhere?)
    minutes_ago, long_ago = time.time() - 5 * 60, time.time() - 2 * 24 * 3600
    for name in left + kept:
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (minutes_ago, minutes_ago))
    os.utime(tmp_path / left[2], (long_ago, long_ago))
    os.utime(tmp_path / kept[-1])
    _issues(tmp_path / "rows.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "rows.xlsx"])


def test_an_encrypted_workbook_is_never_plain_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[bytes] = []
    real_replace = saving.os.replace

    def replace(source: Path, target: Path) -> None:  # what is on disk just before the rename
        written.append(Path(source).read_bytes())
        real_replace(source, target)

    monkeypatch.setattr(saving.os, "replace", replace)
    export = PartnerExport(1, 1, "Winter", ["Ref", "Name"], [["R1", "Ada"]], [], [])
    write_partner_workbook(tmp_path / "out.xlsx", export, "s3cret")
    assert [w[:4] for w in written] == [b"\xd0\xcf\x11\xe0"]  # one rename, of the encrypted file
    book = openpyxl.load_workbook(decrypt(tmp_path / "out.xlsx", "s3cret"))
    assert book["Calls"]["B2"].value == "Ada"
    with pytest.raises(SheetError, match=r"^out2\.xlsx: cannot be encrypted with an empty"):
        write_partner_workbook(tmp_path / "out2.xlsx", export, " ")
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_full_disk_under_a_librarys_writer_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "c.xlsx"
    with (
        pytest.raises(SheetError, match=r"^c\.xlsx: cannot be written: the disk is full$"),
        saved_whole(target) as partial,
    ):
        partial.write_bytes(b"PK half")
        try:  # as lxml's serialiser or zipfile fails once the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            raise RuntimeError("not in an element") from None
    assert list(tmp_path.iterdir()) == []
