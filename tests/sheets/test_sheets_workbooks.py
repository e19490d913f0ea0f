"""Reading workbooks: files written by openpyxl, by LibreOffice and by other projects' tests."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped]

from member_reach.domain.remedies import Remedy
from member_reach.sheets import (
    Row,
    SheetError,
    SheetInfo,
    detect_format,
    excel_date,
    list_sheets,
    open_table,
)
from member_reach.sheets.ole import CompoundFile, xls_globals

DATA = Path(__file__).parents[1] / "data" / "sheets"
UPSTREAM = DATA / "upstream"
ROSTER_HEADER = [
    "Member ID",
    "First Name",
    "Last Name",
    "Phone",
    "Member Since",
    "Paid Thru",
    "Auto Renew",
    "Dues",
]
PASSWORD = "Renew-2024"  # the one make_files.py uses


def read(path: Path, **options: object) -> tuple[list[str], list[Row]]:
    with open_table(path, **options) as table:  # type: ignore[arg-type]
        return table.header, list(table.rows)


def error(path: Path, **options: object) -> str:
    return str(refusal(path, **options))


def refusal(path: Path, **options: object) -> SheetError:
    with pytest.raises(SheetError) as caught, open_table(path, **options) as table:  # type: ignore[arg-type]
        list(table.rows)
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    return caught.value


# -- the roster in every workbook format ------------------------------------------------------

ROSTERS = ["roster.xlsx", "roster.xls", "roster.ods", "roster_lo.xlsx"]


@pytest.mark.parametrize("name", ROSTERS)
def test_roster_header_below_banner_title_and_blank_row(name: str) -> None:
    with open_table(DATA / name) as table:
        assert table.format == name.split(".")[1]
        assert table.sheet == "Members"
        assert table.header == ROSTER_HEADER  # the styled, empty columns I and J are not in it
        assert table.header_row == 4
        assert table.skipped_rows == [1, 2]  # merged banner and title; row 3 is blank
        assert table.total_rows == 5
        assert table.first_column == 0
        assert table.date1904 is False
        assert table.encoding == table.delimiter == ""
        rows = list(table.rows)
    assert [row.number for row in rows] == [5, 6, 7, 8, 9]
    assert all(len(row.cells) == len(ROSTER_HEADER) for row in rows)
    assert rows[2].cells == (None,) * 8  # blank rows are handed out: the caller classifies


@pytest.mark.parametrize("name", ROSTERS)
def test_numbers_come_out_as_their_digits(name: str) -> None:
    _, rows = read(DATA / name)
    ids = [row.cells[0] for row in rows if row.cells[0] is not None]
    phones = [row.cells[3] for row in rows if row.cells[3] is not None]
    assert ids == [100234, 100235, 100236, 12345678901234]
    assert all(type(value) is int for value in ids)
    assert phones == [6465550175, 4155550123, "+1 212 555 0199", 6465550100]
    assert str(phones[0]) == "6465550175"  # never 6465550175.0 nor 6.47E+09
    dues = [row.cells[7] for row in rows if row.cells[0] is not None]
    assert dues == [150, 187.5, 0, 99.99]
    assert type(dues[0]) is int and type(dues[1]) is float


@pytest.mark.parametrize("name", ROSTERS)
def test_dates_and_serial_numbers_in_date_columns(name: str) -> None:
    _, rows = read(DATA / name)
    by_number = {row.number: row.cells for row in rows}
    assert by_number[5][4] == dt.date(2015, 3, 1)
    assert by_number[5][5] == dt.date(2024, 2, 29)  # a datetime at midnight is a date
    assert by_number[8][5] == dt.datetime(2024, 12, 31, 13, 45)
    # A serial number typed into a date column stays a number; the caller, knowing the column
    # holds dates, converts it with the workbook's date system.
    assert by_number[8][4] == 43831
    assert excel_date(43831, date1904=False) == dt.date(2020, 1, 1)


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls", "roster_lo.xlsx"])
def test_booleans(name: str) -> None:
    _, rows = read(DATA / name)
    assert [row.cells[6] for row in rows] == [True, False, None, True, None]


def test_ods_booleans_written_by_libreoffice_are_numbers() -> None:
    # LibreOffice stores TRUE as the number 1 with a boolean format: calamine reads 1 and 0.
    _, rows = read(DATA / "roster.ods")
    assert [row.cells[6] for row in rows] == [1, 0, None, 1, None]


@pytest.mark.parametrize("name", ROSTERS)
def test_hidden_very_hidden_and_chart_sheets_are_listed_not_read(name: str) -> None:
    sheets = list_sheets(DATA / name)
    assert [s.name for s in sheets] == ["Members", "Hidden", "VeryHidden", "Notes", "Dues chart"]
    assert [s.visible for s in sheets] == [True, False, False, True, True]
    # Only openpyxl's file keeps the chart sheet: LibreOffice saves it as a worksheet with a
    # chart on it (and .xls/.ods have no "very hidden").
    expected_kind = "chart" if name == "roster.xlsx" else "worksheet"
    assert sheets[4] == SheetInfo("Dues chart", True, expected_kind)


def test_a_hidden_sheet_is_read_when_named() -> None:
    header, rows = read(DATA / "roster.xlsx", sheet="VeryHidden")
    assert header == ["Member ID", "Secret"]
    assert rows == [Row(2, (2, "do not import either"))]


def test_sheet_names_match_ignoring_case_and_spaces() -> None:
    with open_table(DATA / "several_sheets.xlsx", sheet=" lapsed ") as table:
        assert table.sheet == "Lapsed"


def test_unknown_sheet_lists_the_sheets() -> None:
    message = error(DATA / "roster.xlsx", sheet="Lapsed")
    assert message == (
        "roster.xlsx: has no sheet 'Lapsed'; its sheets are: Members, Hidden (hidden), "
        "VeryHidden (hidden), Notes, Dues chart (chart)"
    )


def test_a_chart_sheet_is_not_a_table() -> None:
    message = error(DATA / "roster.xlsx", sheet="Dues chart")
    assert message == "roster.xlsx, sheet 'Dues chart': is a chart, not a table"


def test_several_sheets_with_data_is_ambiguous() -> None:
    refused = refusal(DATA / "several_sheets.xlsx")
    assert str(refused) == (
        "several_sheets.xlsx: has 3 sheets with data: Members, Lapsed, Notes; "
        "choose the sheet to read"
    )
    assert refused.remedy is Remedy.CHOOSE_SHEET  # the command line adds its --sheet


def test_only_hidden_sheets_with_data_are_named_not_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.create_sheet("Notes")  # two empty visible sheets: neither is read as the roster
    hidden = wb.create_sheet("Members")
    hidden.append(["Member ID", "Name"])
    hidden.append([1, "Ada Lovelace"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "hidden_roster.xlsx"
    wb.save(path)
    refused = refusal(path)
    assert str(refused) == (
        "hidden_roster.xlsx: has no visible sheet with data (hidden: Members); "
        "unhide the sheet to read"
    )
    assert refused.remedy is Remedy.CHOOSE_HIDDEN_SHEET


def test_a_header_hint_settles_which_sheet_holds_the_roster(tmp_path: Path) -> None:
    known = {"first name", "last name", "email", "paid thru", "member id", "phone"}

    def hint(cells: list[str]) -> int:
        return sum(cell.lower() in known for cell in cells)

    # Members and Lapsed both look like rosters: still ambiguous.
    assert "has 3 sheets with data" in error(DATA / "several_sheets.xlsx", header_hint=hint)

    # One roster next to a notes sheet: the roster is read.
    wb = openpyxl.load_workbook(DATA / "several_sheets.xlsx")
    del wb["Lapsed"]
    path = tmp_path / "roster_and_notes.xlsx"
    wb.save(path)
    with open_table(path, header_hint=hint) as table:
        assert table.sheet == "Members"
    assert "has 2 sheets with data: Members, Notes" in error(path)


# -- headers --------------------------------------------------------------------------------


def test_header_far_down_below_a_note() -> None:
    # calamine's header-row.xlsx: a note in C3, the header in row 9, data in row 10.
    with open_table(UPSTREAM / "calamine" / "header-row.xlsx") as table:
        assert table.header == ["Columns", "Column A", "Column B", "Column C"]
        assert table.header_row == 9
        assert table.skipped_rows == [3]
        assert table.total_rows == 1
        assert list(table.rows) == [Row(10, ("put data here", 1, 2, 3))]


def test_merged_header_cells_and_the_row_they_cover() -> None:
    # merged_range.xlsx: A1:A2, B1:B2, C1:D2 ... merged; data from row 3.
    path = UPSTREAM / "calamine" / "merged_range.xlsx"
    assert "has 2 sheets with data: Sheet1, Sheet2" in error(path)
    with open_table(path, sheet="Sheet1") as table:
        assert table.header == ["A1", "B1", "C1", "", "E1", "F1", "G1", "H1"]
        assert table.header_row == 1
        assert table.skipped_rows == [2]  # under the merged header cells: part of the header
        rows = list(table.rows)
    assert [row.number for row in rows] == [3, 4]
    assert rows[0].cells == ("A3", "B3", "C3", None, "E3", "F3", "G3", "H3")
    with open_table(path, sheet="Sheet2") as table:
        assert table.header == ["A1", "B1", "C1", "", "E1", "F1"]
        assert [row.number for row in table.rows] == [3, 4]


def test_salesforce_api_name_row_is_skipped() -> None:
    with open_table(DATA / "salesforce.xlsx") as table:
        assert table.header == [
            "Contact1 First Name",
            "Contact1 Last Name",
            "Contact1 Home Phone",
            "Donation Amount",
        ]
        assert table.header_row == 3
        assert table.skipped_rows == [1, 4]  # the instructions, and the API names
        assert list(table.rows) == [
            Row(5, ("Ann", "Lee", 2125550199, 50)),
            Row(6, ("Bob", "Ray", None, 25.5)),
        ]


def test_any_sheets_skips_hidden_and_chart_sheets() -> None:
    path = UPSTREAM / "calamine" / "any_sheets.xlsx"
    assert list_sheets(path) == [
        SheetInfo("Visible", True, "worksheet"),
        SheetInfo("Hidden", False, "worksheet"),
        SheetInfo("VeryHidden", False, "worksheet"),
        SheetInfo("Chart", True, "chart"),
    ]
    # The one visible worksheet is chosen; it holds numbers without column names.
    assert error(path) == (
        "any_sheets.xlsx, sheet 'Visible': no header row (a row of column names) "
        "in the first 30 rows"
    )
    assert (
        error(path, sheet="Hidden")
        == "any_sheets.xlsx, sheet 'Hidden': has no data (the sheet is empty)"
    )


@pytest.mark.parametrize("name", ["offset.xlsx", "offset.xls", "offset.ods"])
def test_row_numbers_and_columns_when_the_table_starts_at_c3(name: str) -> None:
    # calamine hands out rows from row 1 but columns from the first one holding data.
    with open_table(DATA / name) as table:
        assert (table.header_row, table.first_column) == (3, 2)
        assert table.header == ["Email", "Paid Thru"]
        assert table.total_rows == 1
        assert list(table.rows) == [Row(4, ("ann@example.org", dt.date(2025, 1, 31)))]


def test_table_starting_at_column_c_and_odd_cell_types(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["C2"], ws["D2"], ws["E2"], ws["F2"] = "Name", "Joined", "Call length", "Call time"
    ws["C3"], ws["D3"] = "Ann", dt.datetime(2020, 5, 17, 0, 0)
    ws["E3"], ws["F3"] = dt.timedelta(hours=1, minutes=5), dt.time(9, 30)
    ws["D3"].number_format = "yyyy-mm-dd"
    ws["E3"].number_format = "[h]:mm:ss"
    ws["F3"].number_format = "hh:mm"
    ws["G3"] = "beyond the header: dropped"
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    with open_table(path) as table:
        assert table.first_column == 2
        assert table.header == ["Name", "Joined", "Call length", "Call time"]
        assert table.header_row == 2
        assert list(table.rows) == [Row(3, ("Ann", dt.date(2020, 5, 17), "1:05:00", "09:30:00"))]


def test_header_hint_picks_the_real_header_under_a_wide_title_block(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Report", "Members", "Run by", "Pat"])
    ws.append(["Email", "Expiry"])
    ws.append(["ann@example.org", dt.date(2025, 1, 1)])
    path = tmp_path / "report.xlsx"
    wb.save(path)
    with open_table(path) as table:
        assert table.header_row == 1  # generic: the first wide, textual row
    with open_table(
        path, header_hint=lambda cells: sum(c in ("Email", "Expiry") for c in cells)
    ) as table:
        assert table.header == ["Email", "Expiry"]
        assert table.header_row == 2
        assert table.skipped_rows == [1]


# -- 1904 date system -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["date1904.xlsx", "date1904.xls", "date1904.ods"])
def test_1904_date_system(name: str) -> None:
    with open_table(DATA / name) as table:
        assert table.date1904 is True
        assert table.header == ["Name", "Joined", "Renewed"]
        assert list(table.rows) == [
            Row(2, ("Ann", dt.date(2021, 1, 1), dt.datetime(2023, 6, 30, 9, 15))),
            Row(3, ("Bob", dt.date(1999, 12, 31), dt.date(2024, 2, 29))),
        ]
    # A serial number found in a date column of such a workbook counts from 1904.
    assert excel_date(42369, date1904=True) == dt.date(2020, 1, 1)


def test_calamine_1904_fixtures() -> None:
    # The upstream files hold dates without a header row: the date system is still read.
    for name in ("date_1904.xlsx", "date_1904.xls"):
        path = UPSTREAM / "calamine" / name
        assert "no header row" in error(path)
    with (UPSTREAM / "calamine" / "date_1904.xls").open("rb") as file:
        compound = CompoundFile(file)
        assert xls_globals(compound.read_stream("Workbook", 65536)).date1904 is True
    with (DATA / "roster.xls").open("rb") as file:
        assert xls_globals(CompoundFile(file).read_stream("Workbook", 65536)).date1904 is False


def test_excel_date_edges() -> None:
    assert excel_date(1) == dt.date(1900, 1, 1)
    assert excel_date(59) == dt.date(1900, 2, 28)
    assert excel_date(60) is None  # Excel's 29 February 1900 never was
    assert excel_date(61) == dt.date(1900, 3, 1)
    assert excel_date(45000.75) == dt.datetime(2023, 3, 15, 18, 0)
    assert excel_date(0) is None
    assert excel_date(1e9) is None
    assert excel_date(0, date1904=True) is None


# -- password-protected workbooks ------------------------------------------------------------


def test_password_protected_without_password() -> None:
    path = DATA / "encrypted.xlsx"
    assert detect_format(path) == "encrypted"
    refused = refusal(path)
    assert str(refused) == "encrypted.xlsx: is protected by a password; give its password"
    assert refused.remedy is Remedy.GIVE_PASSWORD  # the command line adds its --password
    with pytest.raises(SheetError, match="protected by a password"):
        list_sheets(path)


def test_password_protected_with_the_password() -> None:
    path = DATA / "encrypted.xlsx"
    assert list_sheets(path, password=PASSWORD) == [SheetInfo("Members", True, "worksheet")]
    with open_table(path, password=PASSWORD) as table:
        assert table.format == "xlsx"
        assert table.header == ["First Name", "Last Name", "Phone"]
        assert list(table.rows) == [Row(2, ("Ann", "Lee", 6465550175))]


def test_password_protected_with_a_wrong_password() -> None:
    message = error(DATA / "encrypted.xlsx", password="renew-2024")
    assert message == "encrypted.xlsx: the password is wrong (it did not open the file)"


def test_a_password_for_a_plain_workbook_is_ignored() -> None:
    header, _ = read(DATA / "roster.xlsx", password="anything")
    assert header == ROSTER_HEADER


def test_encrypting_a_libreoffice_workbook(tmp_path: Path) -> None:
    plain = io.BytesIO((DATA / "roster_lo.xlsx").read_bytes())
    path = tmp_path / "partner.xlsx"
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("pw", out)
    header, rows = read(path, password="pw")
    assert header == ROSTER_HEADER and len(rows) == 5


# -- damaged workbooks ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.ods"])
def test_truncated_zip(tmp_path: Path, name: str) -> None:
    data = (DATA / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    assert detect_format(path) == "damaged"
    kind = "Excel workbook" if name.endswith("xlsx") else "OpenDocument spreadsheet"
    assert error(path) == f"{name}: is a damaged {kind}: it is incomplete or corrupt"


def test_truncated_xls(tmp_path: Path) -> None:
    data = (DATA / "roster.xls").read_bytes()
    path = tmp_path / "roster.xls"
    path.write_bytes(data[:3000])
    assert "damaged" in error(path)


def test_xls_with_an_impossible_sheet_size_is_refused_before_calamine(tmp_path: Path) -> None:
    # A DIMENSIONS record whose first row lies after its last one makes calamine 0.9 ask for
    # hundreds of gigabytes and abort the process: it must never reach calamine.
    data = (DATA / "date1904.xls").read_bytes()
    good = struct.pack("<HHIIHHH", 0x0200, 14, 0, 3, 0, 3, 0)
    bad = struct.pack("<HHIIHHH", 0x0200, 14, 16384, 3, 0, 3, 0)
    assert data.count(good) == 1
    path = tmp_path / "dims.xls"
    path.write_bytes(data.replace(good, bad))
    assert detect_format(path) == "damaged"
    assert error(path) == (
        "dims.xls: is a damaged Excel 97-2003 workbook: it is incomplete or corrupt"
    )


def test_damaged_sheet_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(DATA / "roster.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    message = error(path)
    assert message.startswith("broken.xlsx")
    assert "damaged" in message


@pytest.mark.parametrize(
    "name", ["roster.xlsx", "roster.xls", "roster.ods", "encrypted.xlsx", "date1904.xls"]
)
def test_every_truncation_gives_a_sheet_error(tmp_path: Path, name: str) -> None:
    data = (DATA / name).read_bytes()
    path = tmp_path / name
    for cut in range(0, len(data), max(1, len(data) // 40)):
        path.write_bytes(data[:cut])
        try:
            with open_table(path, password=PASSWORD) as table:
                list(table.rows)
        except SheetError as caught:
            assert "\n" not in str(caught) and name in str(caught)


def test_soffice_round_trip_when_available(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Mitglied", "Telefon", "Beitrag bezahlt bis"])
    ws.append(["Jürgen Groß", 4930123456, dt.date(2025, 6, 30)])
    ws["C2"].number_format = "dd.mm.yyyy"
    source = tmp_path / "source.xlsx"
    wb.save(source)
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    header, rows = read(out / "source.xls")
    assert header == ["Mitglied", "Telefon", "Beitrag bezahlt bis"]
    assert rows == [Row(2, ("Jürgen Groß", 4930123456, dt.date(2025, 6, 30)))]
