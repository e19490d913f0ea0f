"""Exports for a call partner (workbook) and a dialer (CSV), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import msoffcrypto  # type: ignore[import-untyped]
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select, update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.calls.task_assignment import assign
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.dialer_export import export_calls_csv
from member_reach.services.exchange.exchange_export import (
    FINGERPRINTED,
    IDENTITY,
    export_partner,
    fingerprint,
)
from member_reach.sheets import open_table
from member_reach.store.database import Database
from member_reach.store.models import ExportBatch, ExternalId, Person, PhoneNumber

NOW = dt.datetime(2026, 11, 23, 15, 0)


def export(db: Database, path: Path, **options: object) -> object:
    with db.session() as s:
        return export_partner(s, find_campaign(s, "Winter renewals"), path, NOW, **options)  # type: ignore[arg-type]


def test_the_partner_workbook(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:  # a do-not-call person is never exported
        s.execute(update(Person).where(Person.last_name == "Johnson").values(do_not_call=True))
        campaign = find_campaign(s, "Winter renewals")  # Ada was called two days ago
        task = find_task(s, campaign, "M-001")
        log_call(s, campaign, task, find_code(s, campaign, "voicemail"), NOW - dt.timedelta(days=2))
        turing = select(Person.id).where(Person.last_name == "Turing").scalar_subquery()
        s.execute(update(PhoneNumber).where(PhoneNumber.person_id == turing).values(e164=None))
    path = tmp_path / "winter.xlsx"
    result = export(campaign_db, path)
    assert result.rows == 4 and result.file == str(path)
    book = load_workbook(path)
    assert book.sheetnames == ["Calls", "New contacts", "Brief", "Codes", "_member_reach"]
    assert book["_member_reach"].sheet_state == "hidden"
    assert book["_member_reach"]["B1"].value == result.export_id
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    assert properties["member_reach_export"].startswith(f"{result.export_id}:")
    calls = book["Calls"]
    headings = [c.value for c in calls[1]]
    assert headings == [*IDENTITY, "Outcome", "Amount", "Notes", "Callback date", "Caller"]
    rows = [[c.value for c in row] for row in calls.iter_rows(min_row=2)]
    names = [r[2] for r in rows]
    assert "Katherine Johnson" not in names and len(rows) == 4
    ada = next(r for r in rows if r[2] == "Ada Lovelace")
    assert ada[1] == "M-001" and ada[4] == "+1 646-555-0101" and ada[7] == "America/New_York"
    assert ada[8] == "08:00–21:00 local"
    assert ada[9] == dt.datetime(2027, 1, 31)  # a real date cell
    assert ada[12] == dt.datetime(2026, 11, 21)  # last contact
    assert [r[12] for r in rows if r[2] != "Ada Lovelace"] == [None] * 3
    turing = next(r for r in rows if r[2] == "Alan Turing")  # no certain number: no zone
    assert turing[7:9] == ["unknown: check the number", "08:00–21:00"]
    assert ada[13].startswith("Renews by 31 Jan")
    # Phones and ids are text cells; the fill-in cells are the only unlocked ones.
    phone = calls.cell(row=2, column=5)
    assert phone.data_type == "s"
    for heading in ("Ref", "Member ID", "Phone", "Other phone"):  # what is typed there stays text
        letter = get_column_letter(IDENTITY.index(heading) + 1)
        assert calls.column_dimensions[letter].number_format == "@"
    assert calls.column_dimensions["C"].number_format == "General"  # names need no such care
    assert calls.cell(row=2, column=1).protection.locked
    # The fill-in columns are unlocked and tinted as whole columns (ECMA-376 col@style: the style
    # of the column's cells not yet written); their empty cells are not written at all.
    for column in range(len(IDENTITY) + 1, len(IDENTITY) + 6):
        dimension = calls.column_dimensions[get_column_letter(column)]
        assert not dimension.protection.locked and dimension.fill.fgColor.rgb == "00FFF6D5"
    with zipfile.ZipFile(path) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert (
        '<c r="N2"' in sheet_xml and '<c r="O2"' not in sheet_xml and '<c r="R5"' not in sheet_xml
    )
    assert calls.column_dimensions["A"].protection.locked
    assert calls.protection.sheet and not calls.protection.sort and not calls.protection.autoFilter
    assert calls.freeze_panes == "B2" and calls.auto_filter.ref == "A1:S5"
    [choices, amount, callback] = calls.data_validations.dataValidation
    assert amount.type is None and amount.prompt.startswith("Dues paid on the call")
    assert str(amount.sqref) == "P2:P1048576"  # what the Amount column is for, any value taken
    assert callback.type is None and "the member's clock" in callback.prompt
    assert str(callback.sqref) == "R2:R1048576"  # whose time the Callback date is
    assert choices.type == "list" and choices.formula1 == "=Codes!$A$2:$A$11"
    assert str(choices.sqref) == "O2:O1048576"  # rows a partner adds get the drop-down too
    codes = [[c.value for c in row] for row in book["Codes"].iter_rows(min_row=2)]
    assert codes[0] == ["renewed", "Renewed on the call", "success"] and len(codes) == 10
    brief = {row[0].value: row[1].value for row in book["Brief"].iter_rows(min_row=2)}
    assert brief["Campaign"] == "Winter renewals" and brief["Warm leads go to"] == "Maya (staff)"
    assert "New contacts sheet" in brief["New contacts"]
    # People the calls lead to go on their own sheet: not protected, the same drop-down.
    contacts = book["New contacts"]
    assert [c.value for c in contacts[1]] == [
        "Name",
        "Organisation",
        "Phone",
        "E-mail",
        "Outcome",
        "Notes",
        "Callback date",
        "Caller",
    ]
    assert not contacts.protection.sheet and contacts.max_row == 1
    assert contacts.column_dimensions["C"].number_format == "@"
    [new_choices] = contacts.data_validations.dataValidation
    assert new_choices.formula1 == "=Codes!$A$2:$A$11" and str(new_choices.sqref) == "E2:E1048576"
    with campaign_db.session() as s:
        batch = s.get(ExportBatch, result.export_id)
        assert (batch.kind, batch.rows, batch.file_name) == ("partner", 4, "winter.xlsx")
        positions = [IDENTITY.index(c) for c in FINGERPRINTED]
        assert batch.details["fingerprints"][ada[0]] == fingerprint([ada[i] for i in positions])


def test_only_the_partners_calls(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        assign(s, find_campaign(s, "Winter renewals"), "CallCo", 2)
    assert export(campaign_db, tmp_path / "callco.xlsx", assignee="CallCo").rows == 2
    with pytest.raises(ServiceError, match="no open calls assigned to Nobody"):
        export(campaign_db, tmp_path / "x.xlsx", assignee="Nobody")


def test_an_encrypted_export_opens_with_its_password(campaign_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    export(campaign_db, path, password="Renew-2026!")
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        assert office.is_encrypted()
        office.load_key(password="Renew-2026!")
        plain = io.BytesIO()
        office.decrypt(plain)
    assert load_workbook(plain)["Calls"]["A1"].value == "Ref"
    table = open_table(path, sheet="Calls", password="Renew-2026!")
    assert table.header[:3] == ["Ref", "Member ID", "Name"] and len(list(table.rows)) == 5


def test_the_dialer_csv(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        s.execute(update(Person).where(Person.last_name == "Turing").values(display_name="=CMD()"))
    path = tmp_path / "dialer.csv"
    with campaign_db.session() as s:
        result = export_calls_csv(s, find_campaign(s, "Winter renewals"), path, NOW)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Ref",
        "Member ID",
        "Name",
        "Phone",
        "Other phone",
        "Time zone",
        "Why this call",
    ]
    assert result.rows == len(rows) - 1 == 5
    by_name = {r[2]: r for r in rows[1:]}
    assert by_name["Ada Lovelace"][3] == "+16465550101"
    assert "'=CMD()" in by_name  # neutralised, not run
    with campaign_db.session() as s:
        kinds = s.scalars(select(ExportBatch.kind)).all()
    assert kinds == ["calls"]


def test_export_errors(campaign_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="does not exist"):
        export(campaign_db, tmp_path / "missing" / "x.xlsx")
    with pytest.raises(ServiceError, match="ending in .xlsx"):
        export(campaign_db, tmp_path / "x.csv")
    with campaign_db.session() as s:
        assert s.scalars(select(ExportBatch)).all() == []  # nothing recorded


def test_the_results_workbook_has_native_charts(campaign_db: Database, tmp_path: Path) -> None:
    from member_reach.services.calls.calls import find_code, find_task, log_call
    from member_reach.services.exchange.results_export import export_results

    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        campaign.goal_count = 4
        for member, code, caller in (("M-001", "renewed", "Ann"), ("M-002", "voicemail", "Bob")):
            task = find_task(s, campaign, member)
            log_call(s, campaign, task, find_code(s, campaign, code), NOW, caller=caller)
    path = tmp_path / "results.xlsx"
    with campaign_db.session() as s:
        result = export_results(s, find_campaign(s, "Winter renewals"), path, dt.date(2026, 11, 25))
    book = load_workbook(path)
    assert book.sheetnames == [
        "Summary", "Daily", "Outcomes", "Callers", "Retention", "Hand-offs"
    ]  # fmt: skip
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert (summary["Goal"], summary["Successes so far"], summary["Progress"]) == (4, 1, "25%")
    daily = [[c.value for c in row] for row in book["Daily"].iter_rows(min_row=2)]
    assert daily[0][1:] == [1, 4] and len(daily) == 3  # 23, 24 and 25 November
    callers = {row[0].value: row[3].value for row in book["Callers"].iter_rows(min_row=2)}
    assert callers == {"Ann": 1, "Bob": 0}
    for name, kind in (
        ("Daily", "lineChart"),
        ("Outcomes", "barChart"),
        ("Callers", "barChart"),
        ("Retention", "lineChart"),
    ):
        [chart] = book[name]._charts
        assert chart.tagname == kind
    assert result.rows == len(daily) + 2 + 2 + 12
    with campaign_db.session() as s:
        assert s.scalars(select(ExportBatch.kind)).all() == ["results"]


def test_the_results_workbook_lists_hand_offs_and_how_they_ended(
    campaign_db: Database, tmp_path: Path
) -> None:
    from member_reach.services.calls.calls import find_code, find_task, log_call
    from member_reach.services.calls.follow_up import close_handoff
    from member_reach.services.exchange.results_export import export_results

    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        ids = []
        for member, when in (("M-001", dt.datetime(2026, 11, 16, 15)), ("M-002", NOW)):
            task = find_task(s, campaign, member)
            code = find_code(s, campaign, "interested")
            ids.append(
                log_call(s, campaign, task, code, when, notes=f"{member} is keen").handoff_id
            )
    with campaign_db.session() as s:
        assert ids[1] is not None
        close_handoff(s, ids[1], "joined", dt.datetime(2026, 11, 24, 10), by="Maya",
                      notes="=paid by card")  # fmt: skip
    path = tmp_path / "results.xlsx"
    with campaign_db.session() as s:
        export_results(s, find_campaign(s, "Winter renewals"), path, dt.date(2026, 11, 25))
    sheet = load_workbook(path)["Hand-offs"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Member", "Member ID", "What was said", "Owner", "Due", "How it ended", "Closed on",
        "Closed by", "Note",
    ]  # fmt: skip
    assert [(r[0], r[1], r[2], r[3], r[5], r[7], r[8]) for r in rows[1:]] == [
        ("Ada Lovelace", "M-001", "M-001 is keen", "Maya (staff)", "open, overdue", None, None),
        ("Alan Turing", "M-002", "M-002 is keen", "Maya (staff)", "Joined", "Maya",
         "'=paid by card"),
    ]  # fmt: skip
    assert rows[2][6] is not None and rows[2][6].date() == dt.date(2026, 11, 24)


def test_an_empty_password_is_refused(campaign_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="empty password"):
        export(campaign_db, tmp_path / "x.xlsx", password="")


def test_exports_are_listed_newest_first(campaign_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from member_reach.services.campaigns.campaigns import find_campaign
    from member_reach.services.exchange.exchange_export import export_partner, list_exports
    from member_reach.services.exchange.results_export import export_results

    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        export_partner(s, campaign, tmp_path / "p.xlsx", dt.datetime(2026, 11, 23, 15))
        export_results(s, campaign, tmp_path / "r.xlsx", dt.date(2026, 11, 23))
    with campaign_db.session() as s:
        entries = list_exports(s)
    assert [(e.kind, e.file_name, e.campaign) for e in entries] == [
        ("results", "r.xlsx", "Winter renewals"),
        ("partner", "p.xlsx", "Winter renewals"),
    ]
    assert entries[1].rows == 5


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("MEMBER_REACH_REQUIRE_PG"),
    reason="LibreOffice is not installed",
)
def test_libreoffice_sees_only_the_fill_in_cells_unlocked(
    campaign_db: Database, tmp_path: Path
) -> None:
    """LibreOffice opens the export with the fill-in cells editable and the rest protected."""
    with campaign_db.session() as s:  # an id Excel would read as the number 42
        s.execute(update(ExternalId).where(ExternalId.value == "M-001").values(value="00042"))
    path = tmp_path / "winter.xlsx"
    export(campaign_db, path)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    with zipfile.ZipFile(tmp_path / "winter.ods") as package:
        content = ElementTree.fromstring(package.read("content.xml"))
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    unprotected = {
        found.get(f"{{{style}}}name")
        for found in content.iter(f"{{{style}}}style")
        if any(
            p.get(f"{{{style}}}cell-protect") == "none"
            for p in found.iter(f"{{{style}}}table-cell-properties")
        )
    }
    calls = next(
        t for t in content.iter(f"{{{table}}}table") if t.get(f"{{{table}}}name") == "Calls"
    )
    assert calls.get(f"{{{table}}}protected") == "true"
    columns: list[str | None] = []  # each column's default cell style, repeats unrolled
    for column in calls.iter(f"{{{table}}}table-column"):
        repeat = int(column.get(f"{{{table}}}number-columns-repeated", "1"))
        columns += [column.get(f"{{{table}}}default-cell-style-name")] * min(repeat, 30)
    editable = [index for index, name in enumerate(columns[:30]) if name in unprotected]
    first_fill_in = len(IDENTITY)
    assert editable == list(range(first_fill_in, first_fill_in + 5))  # Amount too
    # The first call's row: its identity cells carry no unprotected style.
    row = list(calls.iter(f"{{{table}}}table-row"))[1]
    cells = [c for c in row if c.tag == f"{{{table}}}table-cell"]
    assert all(c.get(f"{{{table}}}style-name") not in unprotected for c in cells[:first_fill_in])
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    ids = []  # the Member ID cell of each row
    for found in calls.iter(f"{{{table}}}table-row"):
        cells = [x for x in found if x.tag == f"{{{table}}}table-cell"]
        if len(cells) > 1:
            ids.append((cells[1].get(f"{{{office}}}value-type"), "".join(cells[1].itertext())))
    assert ("string", "00042") in ids  # read back as text, both zeros kept
