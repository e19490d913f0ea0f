"""Reading and writing tabular files (xlsx, xls, ods, csv); never touches the database.

The readers and writers arrive with the roster-import and partner-exchange work.

Reading: :func:`open_table` takes any file a director drops (xlsx, xlsm, xlsb, xls, ods through
python-calamine; CSV and tab-separated text through the standard library; HTML pages named .xls
as AMS exports often are), tells its format from the content, picks the sheet, finds the header
row below titles and banners, and streams the data rows. :func:`detect_format` and
:func:`list_sheets` answer the questions a dialog asks first. Every problem is a
:class:`SheetError` whose message is one line naming the file (and sheet and row).

Choices made here, so the import layer can rely on them:

* Sheet: the visible worksheet holding a table; several such sheets is an error listing them,
  unless the import's ``header_hint`` recognises only one (see :mod:`.workbook`).
* Header: found in the first 30 rows below titles, blank rows and merged banners; a row of
  field API names under it is skipped (see :mod:`.header`).
* Row numbers: the row number a spreadsheet program shows; for CSV the record number, so a
  quoted field with line breaks does not shift the rows after it (see :mod:`.csv_reader`).
* Values: integral numbers are int (phones and ids keep their digits), empty cells are None,
  dates are ``date``/``datetime``; an Excel serial number left in a date column stays a number,
  for :func:`excel_date` with :attr:`Table.date1904`. CSV and HTML cells are text.
"""

from member_reach.sheets.cells import excel_date
from member_reach.sheets.detect import detect_format
from member_reach.sheets.errors import SheetError
from member_reach.sheets.header import HeaderAt
from member_reach.sheets.model import CellValue, Row, SheetInfo, Table
from member_reach.sheets.table import list_sheets, open_table

__all__ = [
    "CellValue",
    "HeaderAt",
    "Row",
    "SheetError",
    "SheetInfo",
    "Table",
    "detect_format",
    "excel_date",
    "list_sheets",
    "open_table",
]
