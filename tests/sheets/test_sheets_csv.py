"""Reading CSV, tab-separated text and HTML tables; telling files apart by their content."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from member_reach.sheets import HeaderAt, Row, SheetError, detect_format, list_sheets, open_table
from member_reach.sheets.csv_reader import column_letter

DATA = Path(__file__).parents[1] / "data" / "sheets"
NPSP = DATA / "upstream" / "npsp" / "NPSP_Data_Import_Template_csv.csv"

ROSTER = "First Name,Last Name,Email\r\nZoë,O’Brien,zoe@example.org\r\nJosé,García,\r\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error(path: Path) -> str:
    with pytest.raises(SheetError) as caught, open_table(path) as table:
        list(table.rows)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(path.name)
    return message


# -- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "data_encoding", "delimiter"),
    [
        ("utf-8", "utf-8", ","),
        ("utf-8-sig", "utf-8-sig", ","),
        ("cp1252", "cp1252", ","),
        ("utf-16", "utf-16", "\t"),  # Excel's "Unicode text": UTF-16 with a BOM, tabs
        ("utf-16", "utf-16-le", "\t"),  # the same without a BOM
        ("utf-16", "utf-16-be", ","),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, data_encoding: str, delimiter: str) -> None:
    text = ROSTER.replace(",", delimiter)
    path = write(tmp_path, "roster.csv", text.encode(data_encoding))
    with open_table(path) as table:
        assert table.format == "csv"
        assert table.sheet == ""
        assert table.encoding == encoding
        assert table.delimiter == delimiter
        assert table.header == ["First Name", "Last Name", "Email"]
        assert table.header_row == 1
        assert table.total_rows == 2
        assert list(table.rows) == [
            Row(2, ("Zoë", "O’Brien", "zoe@example.org")),
            Row(3, ("José", "García", None)),
        ]


def test_cp1252_bytes_for_e_acute_and_curly_apostrophe(tmp_path: Path) -> None:
    path = write(tmp_path, "win.csv", b"Name,City\r\nRen\xe9e O\x92Hara,Montr\xe9al\r\n")
    with open_table(path) as table:
        assert table.encoding == "cp1252"
        assert list(table.rows) == [Row(2, ("Renée O’Hara", "Montréal"))]


def test_one_windows_1252_byte_far_down_makes_the_whole_file_windows_1252(tmp_path: Path) -> None:
    body = "".join(f"Name {i},Caf\u00e9 {i}\r\n" for i in range(20000)).encode("cp1252")
    path = write(tmp_path, "late.csv", b"Name,Place\r\n" + body)
    with open_table(path) as table:
        assert len(body) > 64 * 1024  # beyond the sample the encoding is guessed from
        assert table.encoding == "cp1252"
        rows = list(table.rows)
    assert rows[-1] == Row(20001, ("Name 19999", "Café 19999"))
    assert not any(row.problem for row in rows)


def test_mojibake_is_flagged(tmp_path: Path) -> None:
    # UTF-8 text once decoded as Windows-1252 and saved again as UTF-8.
    text = "First Name,Last Name\nJosé,OK\n" + "JosÃ©,GarcÃ­a\nSean,Oâ€™Brien\n"
    path = write(tmp_path, "double.csv", text.encode("utf-8"))
    with open_table(path) as table:
        rows = list(table.rows)
    assert [row.problem for row in rows] == [
        "",
        "text looks mis-decoded (Ã©)",
        "text looks mis-decoded (â€™)",
    ]
    assert rows[1].cells == ("JosÃ©", "GarcÃ­a")  # the text is kept as found


def test_undecodable_bytes_are_flagged(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252: it cannot be read, and the row says so.
    path = write(tmp_path, "odd.csv", b"Name,City\r\nAnn,Lyon\r\nBob\x81,Paris\r\n")
    with open_table(path) as table:
        rows = list(table.rows)
    assert rows[0].problem == ""
    assert rows[1].problem == "text holds bytes that are not valid in its encoding"


def test_scientific_notation_is_flagged(tmp_path: Path) -> None:
    path = write(tmp_path, "sci.csv", b"Name,Phone\nAnn,6.47E+09\nBob,6465550175\n")
    with open_table(path) as table:
        rows = list(table.rows)
    assert rows[0].problem == (
        "a number was saved in scientific notation (6.47E+09): digits are lost"
    )
    assert rows[1].problem == ""


# -- delimiters, quoting, row numbers --------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    lines = ["Name;Dues;Phone", "Ann;150,50;(212) 555-0199", "Bob;99,99;"]
    if delimiter != ";":
        lines = [line.replace(",", ".").replace(";", delimiter) for line in lines]
    path = write(tmp_path, "dues.csv", "\n".join(lines).encode())
    with open_table(path) as table:
        assert table.delimiter == delimiter
        assert table.header == ["Name", "Dues", "Phone"]
        assert len(list(table.rows)) == 2


def test_excel_sep_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.csv", b"sep=;\r\nName;City\r\nAnn;Lyon, France\r\n")
    with open_table(path) as table:
        assert table.delimiter == ";"
        assert table.header_row == 2
        assert table.skipped_rows == [1]
        assert list(table.rows) == [Row(3, ("Ann", "Lyon, France"))]


def test_excel_sep_line_with_a_tab(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.txt", b"sep=\t\nName\tCity\nAnn\tLyon\n")
    with open_table(path) as table:
        assert (table.delimiter, table.header, table.skipped_rows) == ("\t", ["Name", "City"], [1])


def test_quoted_line_breaks_keep_record_numbers(tmp_path: Path) -> None:
    text = (
        "Member roster\n"
        "\n"
        "Name,Address,Notes\n"
        'Ann,"1 Main St\nApt 2\nSpringfield","said ""call back"""\n'
        "\n"
        'Bob,"2 Elm St",\n'
    )
    path = write(tmp_path, "multi.csv", text.encode())
    with open_table(path) as table:
        assert table.header_row == 3
        assert table.skipped_rows == [1]
        assert table.total_rows == 3  # records, not lines
        rows = list(table.rows)
    # Record numbers, as a spreadsheet program numbers the rows: Ann's three lines are row 4.
    assert rows == [
        Row(4, ("Ann", "1 Main St\nApt 2\nSpringfield", 'said "call back"')),
        Row(5, (None, None, None)),
        Row(6, ("Bob", "2 Elm St", None)),
    ]


def test_rows_are_padded_and_cut_to_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "ragged.csv", b"A,B,C,,\nx\nx,y,z,extra,more\n")
    with open_table(path) as table:
        assert table.header == ["A", "B", "C"]  # trailing empty columns dropped
        assert [row.cells for row in table.rows] == [("x", None, None), ("x", "y", "z")]


def test_npsp_template_field_labels_then_api_names() -> None:
    with open_table(NPSP) as table:
        assert table.encoding == "utf-8"
        assert table.header_row == 5
        assert table.skipped_rows == [1, 2, 3, 6]  # instructions and the field API names
        assert len(table.header) == 67
        assert table.header[:3] == [
            "Contact1 Salutation",
            "Contact1 First Name",
            "Contact1 Last Name",
        ]
        assert table.header[-1] == "Payment Imported"
        assert table.total_rows == 0
        assert list(table.rows) == []


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [("roster_lo_cp1252.csv", "cp1252", ";"), ("roster_lo_unicode.txt", "utf-16", "\t")],
)
def test_text_written_by_libreoffice(name: str, encoding: str, delimiter: str) -> None:
    with open_table(DATA / name) as table:
        assert (table.encoding, table.delimiter) == (encoding, delimiter)
        assert table.header_row == 4
        assert table.skipped_rows == [1, 2]
        rows = list(table.rows)
    assert rows[0] == Row(
        5,
        ("100234", "Zoë", "O’Brien", "6465550175", "2015-03-01", "2024-02-29 00:00", "TRUE", "150"),
    )
    assert [row.number for row in rows] == [5, 6, 7, 8, 9]


# Any text but control characters (a file full of them is binary), plus line breaks, tabs,
# quotes and delimiters.
_cell = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\n\t",;'),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(_cell, min_size=3, max_size=3), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_round_trip(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(["Name", "Email", "Notes"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("rt") / "data.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    with open_table(path) as table:
        assert table.delimiter == delimiter
        assert table.header == ["Name", "Email", "Notes"]
        assert table.total_rows == len(rows)
        got = list(table.rows)
    assert [row.number for row in got] == list(range(2, len(rows) + 2))
    assert [list(row.cells) for row in got] == [[cell or None for cell in row] for row in rows]


def test_streaming_keeps_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("Member ID,First Name,Last Name,Email\n")
        for i in range(60000):
            file.write(f"{i},Ann{i},Lee,ann{i}@example.org\n")
    tracemalloc.start()
    try:
        with open_table(path) as table:
            count = sum(1 for _ in table.rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 60000
    # The rows as Python objects would take tens of MB; streaming keeps a few chunks.
    assert peak < 12 * 1024 * 1024


# -- bad input ------------------------------------------------------------------------------


def test_nul_byte_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.csv", b'Name,Notes\nAnn,"two\nlines"\nBob,ok\x00\n')
    assert detect_format(path) == "csv"
    assert error(path) == (
        "nul.csv, row 3, column B: holds a NUL byte, which text never contains: "
        "the file is damaged or not a CSV"
    )


def test_unclosed_quote_names_the_row(tmp_path: Path) -> None:
    """A quote that never closes is refused before any row is read, however far down."""
    broken = b'Bob,"never closed\n' + b"more text\n" * 20000
    path = write(tmp_path, "quote.csv", b"Name,Notes\nAnn,ok\n" + broken)
    assert error(path).startswith('quote.csv, row 3: a quote (") opens a value here and never')
    path.write_bytes(b"Name,Notes\n" + b"Ann,ok\n" * 100 + broken)
    with pytest.raises(SheetError) as caught:
        open_table(path)
    assert str(caught.value).startswith("quote.csv, row 102: a quote")


def test_one_unbalanced_quote_is_not_the_rest_of_the_file_in_one_cell(tmp_path: Path) -> None:
    """A short file whose one quote swallows the rows after it (issue 19, item 6)."""
    path = write(
        tmp_path,
        "roster.csv",
        b'First Name,Last Name,Email,City\nAda,Lovelace,ada@example.org,"London\n'
        b"Alan,Turing,alan@example.org,Wilmslow\nGrace,Hopper,grace@example.org,New York\n",
    )
    message = error(path)
    assert message.startswith('roster.csv, row 2, column D: a quote (") opens a value')
    assert "Wilmslow" not in message
    # Quotes that do not open a value, and line breaks in quoted values, are no problem.
    fine = write(
        tmp_path,
        "fine.csv",
        b'Name,Notes\nAnn,a 5" floppy\nBob,"two\nlines"\nCid,"a, b"\n',
    )
    with open_table(fine) as table:
        assert [r.cells for r in table.rows] == [
            ("Ann", 'a 5" floppy'),
            ("Bob", "two\nlines"),
            ("Cid", "a, b"),
        ]


def test_closing_a_table_early_releases_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "roster.csv", ROSTER.encode())
    table = open_table(path)
    assert next(table.rows).number == 2
    table.close()  # a ResourceWarning would fail the test (warnings are errors)
    unread = open_table(path)
    unread.close()


def test_binary_file_named_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "members.csv", bytes(range(256)) * 20)
    assert detect_format(path) == "binary"
    assert (
        error(path) == "members.csv: is not a spreadsheet or CSV file (it looks like binary data)"
    )


def test_pdf_named_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "members.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert (
        error(path)
        == "members.csv: is not a spreadsheet or CSV file (it looks like a PDF document)"
    )


def test_workbook_named_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, "members.csv", (DATA / "roster.xlsx").read_bytes())
    assert detect_format(path) == "xlsx"
    with open_table(path) as table:
        assert table.format == "xlsx"
        assert table.sheet == "Members"


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n  \n", b"\xff\xfe"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.csv", data)
    assert detect_format(path) == "empty"
    assert error(path) == "empty.csv: is empty (it holds no data)"


def test_zero_bytes_only(tmp_path: Path) -> None:
    path = write(tmp_path, "members.csv", bytes(4096))
    assert detect_format(path) == "damaged"
    assert error(path) == "members.csv: is a file of zero bytes only: it is incomplete or corrupt"


def test_blank_lines_only(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.csv", b",,,\n,,\n")
    assert error(path) == "blank.csv: has no data (only blank lines)"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match=r"^nothing\.csv: file not found$"):
        detect_format(tmp_path / "nothing.csv")
    with pytest.raises(SheetError, match="is a folder"):
        open_table(tmp_path)


def test_excel_2003_xml(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\n'
    )
    path = write(tmp_path, "export.xls", data)
    assert detect_format(path) == "spreadsheetml"
    assert error(path) == (
        "export.xls: is an Excel 2003 XML spreadsheet, which cannot be read: "
        "open it in Excel or LibreOffice and save it as .xlsx"
    )


def test_word_document_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert detect_format(path) == "document"
    assert error(path) == "members.xlsx: is not a spreadsheet or CSV file (it is a text document)"


def test_csv_has_no_sheets() -> None:
    assert list_sheets(NPSP) == []


# -- HTML pages named .xls --------------------------------------------------------------------

HTML_EXPORT = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<style>td {{ mso-number-format: "\\@"; }}</style></head><body>
<table border="1">
<tr><td colspan="3"><b>Membership report</b></td></tr>
<tr><th>First Name</th><th>Last&nbsp;Name</th><th>Phone</th></tr>
<tr><td>Ren\xe9e</td><td>O&rsquo;Hara</td><td>6465550175</td></tr>
<tr><td>Jos\xc3\xa9</td><td>Garc\xc3\xada</td><td></td></tr>
<tr><td colspan="2">Pat Ray</td><td></td></tr>
<tr><td>Ann<br>Marie</td><td>Lee</td><td><table><tr><td>nested</td></tr></table></td></tr>
</table>
<table><tr><td>second table</td></tr></table>
</body></html>
"""


def test_html_disguised_as_xls(tmp_path: Path) -> None:
    path = write(tmp_path, "export.xls", HTML_EXPORT.format().encode("cp1252"))
    assert detect_format(path) == "html"
    assert list_sheets(path) == []
    with open_table(path) as table:
        assert table.format == "html"
        assert table.encoding == "cp1252"
        assert table.header == ["First Name", "Last Name", "Phone"]
        assert table.header_row == 2
        assert table.skipped_rows == [1]
        assert list(table.rows) == [
            Row(3, ("Renée", "O’Hara", "6465550175")),
            Row(4, ("JosÃ©", "GarcÃ\xada", None), "text looks mis-decoded (Ã©)"),
            Row(5, ("Pat Ray", None, None)),
            Row(6, ("Ann\nMarie", "Lee", "nested")),
        ]


def test_html_page_without_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "login.xls", b"<!DOCTYPE html><html><body>Session expired</body></html>")
    assert error(path) == "login.xls: is a web page (HTML) without a table of data"


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_a_header_row_chosen_by_a_person_counts_the_sep_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.csv", b"sep=;\r\nReport;\r\nName;City\r\nAnn;Lyon\r\n")
    table = open_table(path, header_hint=HeaderAt(3))
    assert (table.header, table.header_row, table.top_first_row) == (["Name", "City"], 3, 2)
    assert [r.cells for r in table.rows] == [("Ann", "Lyon")]
    assert table.top[0] == ["Report", ""]
    chosen = open_table(path, header_hint=HeaderAt(2))  # the title row, as the person wishes
    assert (chosen.header, chosen.header_row) == (["Report"], 2)
    with pytest.raises(SheetError, match="no header row"):
        open_table(path, header_hint=HeaderAt(1))  # the sep= line is not a row of the table
