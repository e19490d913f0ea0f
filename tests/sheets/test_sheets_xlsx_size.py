"""A huge xlsx is refused from its declared size, before python-calamine loads it into memory."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from member_reach.sheets import SheetError, open_table
from member_reach.sheets.xlsx_size import declared_rows

ROWS = 1_000_000


def _small(path: Path, rows: int = 10) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Members"
    sheet.append(["Member ID", "Name", "Email"])
    for i in range(rows):
        sheet.append([f"M-{i}", f"Person {i}", f"p{i}@example.org"])
    book.save(path)
    return path


def _rewrite_sheet(path: Path, out: Path, change: object) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)  # type: ignore[operator]
            dest.writestr(item, data)
    return out


def _huge(tmp_path: Path) -> Path:
    """An openpyxl workbook whose sheet is swapped for a million rows of plain XML."""
    small = _small(tmp_path / "small.xlsx", rows=1)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>M-{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>Person {r}</t></is></c></row>'
        for r in range(2, ROWS + 2)
    ).encode()

    def swap(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:C{ROWS + 1}"'.encode(), data)
        return re.sub(rb"</row></sheetData>", b"</row>" + rows + b"</sheetData>", data)

    return _rewrite_sheet(small, tmp_path / "huge.xlsx", swap)


def test_declared_rows_of_a_normal_workbook(tmp_path: Path) -> None:
    assert declared_rows(str(_small(tmp_path / "r.xlsx"))) == {"Members": 11}


def test_an_overstated_dimension_is_not_believed(tmp_path: Path) -> None:
    """Excel counts formatted empty rows in the used range: the XML must hold the rows too."""
    small = _small(tmp_path / "r.xlsx")
    overstated = _rewrite_sheet(
        small,
        tmp_path / "over.xlsx",
        lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C1048576"', d),
    )
    assert declared_rows(str(overstated))["Members"] < 1_000
    table = open_table(overstated, max_rows=300_000)
    assert len(list(table.rows)) == 10


def test_garbage_tells_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert declared_rows(str(path)) == {}


def test_a_million_row_xlsx_is_refused_before_it_is_loaded(tmp_path: Path) -> None:
    huge = _huge(tmp_path)
    assert declared_rows(str(huge)) == {"Members": ROWS + 1}
    with pytest.raises(SheetError, match=r"huge\.xlsx, sheet 'Members': has about 1,000,001 rows"):
        open_table(huge, max_rows=300_000)
    # In a process of its own: the refusal must come before calamine loads the sheet.
    code = (
        "import re, sys\n"
        "from member_reach.__main__ import main\n"
        f"status = main(['--db', {str(tmp_path / 'db.sqlite3')!r}, 'import', 'roster', "
        f"{str(huge)!r}])\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024\n"
        "print(status, peak)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    status, peak = map(int, done.stdout.split())
    # Loading this sheet takes calamine about 240 MB on its own; refused, the import stays small.
    assert status == 1 and peak < 150, (peak, done.stderr)
    assert done.stderr.count("\n") == 1 and "more than the 300,000 one import takes" in done.stderr
