"""A huge xlsx is refused from its declared size, before python-calamine loads it into memory."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from member_reach.sheets import SheetError, open_table, xlsx_size
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


_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Members" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def _bomb(tmp_path: Path, characters: int, *, inline: bool = False) -> Path:
    """A small xlsx whose one cell unpacks to ``characters`` characters (issue 19, item 5).

    The cell B2 points to shared string 3, or holds the text inline.
    """
    text = b"A" * characters
    strings = [b"First Name", b"Last Name", b"Ada", b"" if inline else text]
    shared = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s">%s</sst>' % (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"".join(b"<si><t>%s</t></si>" % s for s in strings),
    )
    b2 = (
        b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % text
        if inline
        else (b'<c r="B2" t="s"><v>3</v></c>')
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:B2"/><sheetData>'
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        b'<row r="2"><c r="A2" t="s"><v>2</v></c>%s</row></sheetData></worksheet>' % b2
    )
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in _PARTS.items():
            archive.writestr(name, xml)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
    return path


@pytest.mark.parametrize("inline", [False, True])
def test_a_shared_strings_bomb_is_refused_before_it_is_loaded(tmp_path: Path, inline: bool) -> None:
    """A 100 MB cell in a file of some 100 KB: refused, reading no more than a chunk at a time."""
    bomb = _bomb(tmp_path, 100 * 1024 * 1024, inline=inline)
    assert bomb.stat().st_size < 400 * 1024
    code = (
        "import sys, tracemalloc\n"
        "from member_reach.sheets import SheetError, open_table\n"
        "tracemalloc.start()\n"
        "try:\n"
        f"    open_table({str(bomb)!r}).close()\n"
        "    print('read')\n"
        "except SheetError as error:\n"
        "    print(error)\n"
        "print(tracemalloc.get_traced_memory()[1] // 2**20)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    message, peak = done.stdout.splitlines()
    assert message == (
        "bomb.xlsx: holds a cell of more than 32,767 characters, more than any spreadsheet "
        "program writes: the file is damaged or was made to do harm, and was not read"
    ), done.stderr
    assert int(peak) < 50


def test_a_long_but_possible_cell_is_read(tmp_path: Path) -> None:
    with open_table(_bomb(tmp_path, 32_767)) as table:
        assert [len(str(r.cells[1])) for r in table.rows] == [32_767]


@pytest.mark.parametrize("chunk", [5, 64, 1 << 20])
@pytest.mark.parametrize(
    ("data", "longer"),
    [
        (b"<" + b"x" * 40 + b"<", False),  # a run of 40: the limit itself
        (b"<" + b"x" * 41 + b"<", True),  # 41 between two tags
        (b"x" * 41 + b"<", True),  # at the start
        (b"<" + b"x" * 41, True),  # at the end
        (b"<" + (b"x" * 40 + b"<") * 20, False),  # many runs at the limit
        (b"<" * 100, False),
        (b"", False),
    ],
)
def test_the_longest_run_without_a_tag_is_found_across_chunks(
    monkeypatch: pytest.MonkeyPatch, data: bytes, longer: bool, chunk: int
) -> None:
    monkeypatch.setattr(xlsx_size, "_CHUNK", chunk)
    assert xlsx_size._longest_run(io.BytesIO(data), 40) is longer
