"""Regenerate the spreadsheet test files in this folder.

Run ``python tests/data/sheets/make_files.py`` from the project root. openpyxl writes the source
workbooks; LibreOffice (``soffice`` on the PATH) converts them to .xls and .ods and writes an
.xlsx of its own, so the tests read files made by another program than ours. msoffcrypto-tool
encrypts one workbook with a password. The output is deterministic enough to commit; text files
(CSV, HTML) are mostly written by the tests themselves; LibreOffice writes two.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-untyped]
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent
PASSWORD = "Renew-2024"
TEXT_FILTER = "Text - txt - csv (StarCalc)"


def roster() -> openpyxl.Workbook:
    """A roster as AMS exports look: banner, title, blank row, header, data, blank rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Members"
    ws["A1"] = "Springfield Dental Association"
    ws["A1"].font = Font(bold=True, size=16)
    ws.merge_cells("A1:H1")
    ws["A2"] = "Member roster, exported 1 March 2024"
    header = ["Member ID", "First Name", "Last Name", "Phone", "Member Since", "Paid Thru"]
    header += ["Auto Renew", "Dues"]
    for column, text in enumerate(header, start=1):
        ws.cell(row=4, column=column, value=text).font = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    for column in (9, 10):  # trailing columns: styled but empty
        ws.cell(row=4, column=column).fill = fill
    ws.append([100234, "Zoë", "O’Brien", 6465550175, dt.date(2015, 3, 1), dt.date(2024, 2, 29)])
    ws["G5"], ws["H5"] = True, 150
    ws.append([100235, "José", "García", 4155550123, dt.date(2019, 7, 15), dt.date(2025, 7, 14)])
    ws["G6"], ws["H6"] = False, 187.5
    ws["D6"].number_format = "(000) 000-0000"
    ws.append([])
    ws.append([100236, "Ann", "Lee", "+1 212 555 0199", 43831, dt.datetime(2024, 12, 31, 13, 45)])
    ws["E8"].number_format = "General"  # an Excel serial number left in a date column
    ws["G8"], ws["H8"] = True, 0
    ws.append([12345678901234, "Bo", "Chen", 6.4655501e9, dt.date(2020, 1, 1), None, None, 99.99])
    for row in range(5, 10):
        ws.cell(row=row, column=5).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=6).number_format = "yyyy-mm-dd hh:mm"
    ws["E8"].number_format = "General"

    hidden = wb.create_sheet("Hidden")
    hidden.append(["Member ID", "Secret"])
    hidden.append([1, "do not import"])
    hidden.sheet_state = "hidden"
    very = wb.create_sheet("VeryHidden")
    very.append(["Member ID", "Secret"])
    very.append([2, "do not import either"])
    very.sheet_state = "veryHidden"
    notes = wb.create_sheet("Notes")
    notes["B2"] = "Exported by the AMS; see the Members sheet."
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=8, min_row=4, max_row=9), titles_from_data=True)
    wb.create_chartsheet("Dues chart").add_chart(chart)
    return wb


def date1904() -> openpyxl.Workbook:
    """A workbook in the 1904 date system (old Mac Excel)."""
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.title = "Dates"
    ws.append(["Name", "Joined", "Renewed"])
    ws.append(["Ann", dt.date(2021, 1, 1), dt.datetime(2023, 6, 30, 9, 15)])
    ws.append(["Bob", dt.date(1999, 12, 31), dt.date(2024, 2, 29)])
    for row in (2, 3):
        ws.cell(row=row, column=2).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=3).number_format = "yyyy-mm-dd hh:mm"
    return wb


def several_sheets() -> openpyxl.Workbook:
    """Three visible sheets that each hold a table: which one to read is ambiguous."""
    wb = openpyxl.Workbook()
    members = wb.active
    assert members is not None
    members.title = "Members"
    members.append(["First Name", "Last Name", "Email", "Paid Thru"])
    members.append(["Ann", "Lee", "ann@example.org", dt.date(2025, 1, 31)])
    lapsed = wb.create_sheet("Lapsed")
    lapsed.append(["First Name", "Last Name", "Email", "Paid Thru"])
    lapsed.append(["Bob", "Ray", "bob@example.org", dt.date(2022, 1, 31)])
    notes = wb.create_sheet("Notes")
    notes.append(["Date", "Note"])
    notes.append([dt.date(2024, 3, 1), "Export run by Pat"])
    wb.create_sheet("Empty")
    return wb


def salesforce() -> openpyxl.Workbook:
    """A Salesforce-style template: instructions, field labels, then field API names, then data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Import"
    ws["A1"] = "INSTRUCTIONS: fill in one row per contact."
    ws.append([])
    ws.append(
        ["Contact1 First Name", "Contact1 Last Name", "Contact1 Home Phone", "Donation Amount"]
    )
    ws.append(
        [
            "npsp__Contact1_Firstname__c",
            "npsp__Contact1_Lastname__c",
            "npsp__Contact1_Home_Phone__c",
            "npsp__Donation_Amount__c",
        ]
    )
    ws.append(["Ann", "Lee", 2125550199, 50])
    ws.append(["Bob", "Ray", None, 25.5])
    return wb


def offset() -> openpyxl.Workbook:
    """A table that starts at C3: no title, empty rows and columns before it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Members"
    ws["C3"], ws["D3"] = "Email", "Paid Thru"
    ws["C4"], ws["D4"] = "ann@example.org", dt.date(2025, 1, 31)
    ws["D4"].number_format = "yyyy-mm-dd"
    return wb


def small() -> openpyxl.Workbook:
    """A one-sheet roster for the password test."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Members"
    ws.append(["First Name", "Last Name", "Phone"])
    ws.append(["Ann", "Lee", 6465550175])
    return wb


def convert(source: Path, target_format: str, target: Path, options: str = "") -> None:
    """Convert ``source`` with LibreOffice and move the result to ``target``.

    ``options`` are the CSV filter options: delimiter, quote, character set (1 is
    Windows-1252, 65535 UTF-16), first line, as LibreOffice numbers them.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed to regenerate the test files")
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                f"{target_format}:Text - txt - csv (StarCalc):{options}"
                if options
                else target_format,
                "--outdir",
                out,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        produced = Path(out) / f"{source.stem}.{target_format}"
        shutil.move(produced, target)


def encrypt(workbook: openpyxl.Workbook, target: Path) -> None:
    """Save ``workbook`` encrypted with :data:`PASSWORD` (agile encryption, like Excel)."""
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    with target.open("wb") as out:
        OOXMLFile(plain).encrypt(PASSWORD, out)


def main() -> None:
    """Write every file."""
    for name, build in [
        ("roster", roster),
        ("date1904", date1904),
        ("several_sheets", several_sheets),
        ("salesforce", salesforce),
        ("offset", offset),
    ]:
        path = HERE / f"{name}.xlsx"
        build().save(path)
    with tempfile.TemporaryDirectory() as work:
        for name in ("roster", "date1904", "offset"):
            convert(HERE / f"{name}.xlsx", "xls", HERE / f"{name}.xls")
            convert(HERE / f"{name}.xlsx", "ods", HERE / f"{name}.ods")
        # An .xlsx written by LibreOffice itself (from its own .ods).
        copy = Path(work) / "roster_lo.ods"
        shutil.copy(HERE / "roster.ods", copy)
        convert(copy, "xlsx", HERE / "roster_lo.xlsx")
        # Text as Excel-like programs save it: semicolons in Windows-1252 (a European
        # "CSV"), and tab-separated UTF-16 with a BOM (Excel's "Unicode text").
        convert(HERE / "roster.xlsx", "csv", HERE / "roster_lo_cp1252.csv", "59,34,1,1")
        convert(HERE / "roster.xlsx", "txt", HERE / "roster_lo_unicode.txt", "9,34,65535,1")
    encrypt(small(), HERE / "encrypted.xlsx")
    print(f"wrote files to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
