"""Telling what a file is from its content, and the shape of every error message."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from member_reach.sheets import detect_format
from member_reach.sheets.detect import sniff
from member_reach.sheets.header import find_header, is_api_row
from member_reach.sheets.ole import XlsGlobals, xls_globals

DATA = Path(__file__).parents[1] / "data" / "sheets"
UPSTREAM = DATA / "upstream"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (DATA / "roster.xlsx", "xlsx"),
        (DATA / "roster_lo.xlsx", "xlsx"),
        (DATA / "roster.xls", "xls"),
        (DATA / "roster.ods", "ods"),
        (DATA / "encrypted.xlsx", "encrypted"),
        (DATA / "roster_lo_cp1252.csv", "csv"),
        (DATA / "roster_lo_unicode.txt", "csv"),
        (UPSTREAM / "calamine" / "any_sheets.xlsx", "xlsx"),
        (UPSTREAM / "calamine" / "date_1904.xls", "xls"),
        (UPSTREAM / "npsp" / "NPSP_Data_Import_Template_csv.csv", "csv"),
    ],
)
def test_formats_of_the_test_files(path: Path, expected: str) -> None:
    assert detect_format(path) == expected


def test_xlsm_is_told_from_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "macros.xlsx"
    with zipfile.ZipFile(DATA / "roster.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
                )
            target.writestr(item, content)
    assert detect_format(path) == "xlsm"


@pytest.mark.parametrize(
    ("data", "expected", "description"),
    [
        (b"\x89PNG\r\n\x1a\n", "binary", "a PNG image"),
        (b"SQLite format 3\x00" + bytes(100), "binary", "an SQLite database"),
        (b"<!DOCTYPE html>\n<html>", "html", "a web page (HTML)"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html", ""),
        (b'<?xml version="1.0"?><note/>', "xml", "an XML file"),
        (b"name\nAnn\n", "csv", "a text file"),
        (b"PK\x03\x04xl/workbook.xml truncated", "damaged", "a damaged Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "damaged", ""),
    ],
)
def test_other_contents(tmp_path: Path, data: bytes, expected: str, description: str) -> None:
    path = tmp_path / "file.xls"
    path.write_bytes(data)
    sniffed = sniff(path)
    assert sniffed.format == expected
    if description:
        assert sniffed.description == description


def test_api_names_versus_data_rows() -> None:
    header = ["First Name", "Last Name", "Status"]
    assert is_api_row(header, ["FirstName", "LastName", "Status__c"])
    assert is_api_row(header, ["first_name", "last_name", "status"])
    assert not is_api_row(header, ["Ann", "Lee", "Active"])
    assert not is_api_row(header, ["Ann", "McDonald", "Active"])
    assert not is_api_row(header, ["Ann Marie", "Lee", "first_name"])


def test_single_column_and_titles() -> None:
    found = find_header([["Email"], ["ann@example.org"]])
    assert found is not None and found.index == 0
    found = find_header(
        [["Roster"], [], ["Name", "Email", "Phone"], ["Ann", "a@x.org", "212"], ["Bo", "", ""]]
    )
    assert found is not None and (found.index, found.skipped) == (2, [0])
    assert find_header([[1, 2], [3, 4]]) is None


def test_filepass_record_marks_an_encrypted_xls() -> None:
    bof = struct.pack("<HH", 0x0809, 4) + bytes(4)
    filepass = struct.pack("<HHH", 0x002F, 6, 0) + bytes(4)
    datemode = struct.pack("<HHH", 0x0022, 2, 1)
    sheet = struct.pack("<HHI", 0x0085, 8, 1234) + bytes(4)
    eof = struct.pack("<HH", 0x000A, 0)
    assert xls_globals(bof + filepass + datemode + eof) == XlsGlobals(encrypted=True)
    assert xls_globals(bof + datemode + sheet + eof) == XlsGlobals(False, True, (1234,))
