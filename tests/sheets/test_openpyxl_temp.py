"""openpyxl's temporary sheet files go to a private folder and a killed run's are cleaned."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import openpyxl.worksheet._writer as sheet_writer
from openpyxl import Workbook

from member_reach.domain.partial_files import partial_name, read_partial_name
from member_reach.sheets import openpyxl_temp
from member_reach.sheets.saving import saved_whole


def test_openpyxl_writes_its_sheets_in_the_private_folder() -> None:
    made = Path(sheet_writer.create_temporary_file())
    try:
        folder = openpyxl_temp.private_folder()
        assert made.parent == folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # this account's only
        found = read_partial_name(made.name)
        assert found is not None and found.pid == os.getpid()
    finally:
        made.unlink()


def test_a_killed_runs_sheets_are_removed_by_the_next_write(tmp_path: Path) -> None:
    folder = openpyxl_temp.private_folder()
    dead = 2**22 + 17  # no such process
    left = folder / partial_name("openpyxl-sheet", dead)
    left.write_text("<sheetData>Ada Lovelace +1 646 555 0101</sheetData>", encoding="utf-8")
    old = time.time() - 300
    os.utime(left, (old, old))
    book = Workbook()
    book.active.append(["Grace Hopper"])  # type: ignore[union-attr]
    with saved_whole(tmp_path / "out.xlsx") as partial:
        book.save(partial)
    assert not left.exists()
    assert (tmp_path / "out.xlsx").is_file()
    mine = [read_partial_name(p.name) for p in folder.iterdir()]
    assert not [m for m in mine if m is not None and m.pid == os.getpid()]  # openpyxl's gone
