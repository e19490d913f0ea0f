"""The partner workbook's sheet names and fill-in columns, shared by its writer and its reader.

Apart from the writer (:mod:`.partner_workbook`) so that reading a worked file back, and the
pages that offer it, do not load openpyxl.
"""

from __future__ import annotations

from typing import Final

CALLS_SHEET: Final = "Calls"
BRIEF_SHEET: Final = "Brief"
CODES_SHEET: Final = "Codes"
#: Where the partner adds the people the calls lead to (not protected).
NEW_CONTACTS_SHEET: Final = "New contacts"
META_SHEET: Final = "_member_reach"
#: The custom document property naming the export (survives re-saving in Excel).
EXPORT_PROPERTY: Final = "member_reach_export"
#: The money column of the Calls sheet (issue 14): dues paid on the call, or pledged.
AMOUNT: Final = "Amount"
FILL_IN: Final = ("Outcome", AMOUNT, "Notes", "Callback date", "Caller")
NEW_CONTACT_COLUMNS: Final = (
    "Name",
    "Organisation",
    "Phone",
    "E-mail",
    *(c for c in FILL_IN if c != AMOUNT),
)
