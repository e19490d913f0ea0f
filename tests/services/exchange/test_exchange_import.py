"""A partner's worked file back: applied once, conflicts reported, undoable; files re-saved by
LibreOffice, CSV downloads and encrypted workbooks too. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select, update

from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.imports.import_undo import undo_import
from member_reach.sheets.crypto import encrypt_file
from member_reach.store.database import Database
from member_reach.store.models import (
    CallLog,
    CallTask,
    DetectedRenewal,
    ExportBatch,
    ExternalId,
    HandOff,
    Person,
    PhoneNumber,
)

NOW = dt.datetime(2026, 11, 24, 15, 0)


def fill(
    path: Path, out: Path, changes: dict[str, dict[str, object]], *, extra: list[list[object]] = ()
) -> Path:  # type: ignore[assignment]
    """Fill the Calls sheet as a partner would: by Ref, heading -> value."""
    book = load_workbook(path)
    sheet = book["Calls"]
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        ref = row[0].value
        for heading, value in changes.get(ref, {}).items():
            row[headings.index(heading)].value = value
    for values in extra:
        sheet.append(values)
    book.save(out)
    return out


def add_new_contacts(path: Path, rows: list[list[object]]) -> Path:
    """Add rows to the New contacts sheet, as a partner would."""
    book = load_workbook(path)
    for row in rows:
        book["New contacts"].append(row)
    book.save(path)
    return path


def refs(path: Path) -> dict[str, str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Calls").to_python()
    return {r[2]: r[0] for r in rows[1:]}


def apply(db: Database, path: Path, **options: object) -> object:
    return run_outcomes_import(db, path, NOW, **options)  # type: ignore[arg-type]


def state(db: Database, ref: str) -> tuple[str, int]:
    with db.session() as s:
        task = s.scalars(select(CallTask).where(CallTask.ref == ref)).one()
        return task.state, task.attempts


def test_outcomes_apply_once(campaign_db: Database, exported: Path, tmp_path: Path) -> None:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "worked.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "renewed", "Notes": "paid by card", "Caller": "Jo"},
            ids["Alan Turing"]: {
                "Outcome": "voicemail",
                "Callback date": dt.datetime(2026, 11, 30),
            },
            ids["Grace Hopper"]: {"Outcome": "Interested", "Notes": "wants a call from staff"},
        },
    )
    report = apply(campaign_db, worked)
    assert (report.count("applied"), report.count("unchanged"), report.count("conflict")) == (
        3,
        2,
        0,
    )
    assert state(campaign_db, ids["Ada Lovelace"]) == ("done", 1)
    assert state(campaign_db, ids["Alan Turing"]) == ("open", 1)
    with campaign_db.session() as s:
        logs = {c.notes: c for c in s.scalars(select(CallLog))}
        assert logs["paid by card"].caller == "Jo"
        # A callback date without a time means that day, from 09:00 where the member is (New
        # York: 14:00 UTC).
        assert logs[""].caller == "partner"
        assert logs[""].callback_at == dt.datetime(2026, 11, 30, 14)
        assert all(c.import_batch_id == report.batch_id for c in logs.values())
        assert s.scalar(select(func.count()).select_from(HandOff)) == 1
        assert s.scalar(select(HandOff.campaign_id)) == find_campaign(s, "Winter renewals").id
    again = apply(campaign_db, worked)  # the same file again changes nothing
    assert again.count("applied") == 0 and again.count("unchanged") == 5
    assert again.batch_id is None  # and leaves no batch in the way of undoing the first
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 3
        undo_import(s, report.batch_id)
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    assert apply(campaign_db, worked).count("applied") == 3


def test_conflicts_are_reported_row_by_row(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    with campaign_db.session() as s:  # Katherine's call was finished in the office meanwhile
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, ids["Katherine Johnson"])
        log_call(s, campaign, task, find_code(s, campaign, "renewed"), NOW, caller="Ann")
        acme = find_task(s, campaign, ids["Acme Widgets Inc"])
        s.add(
            DetectedRenewal(
                person_id=acme.person_id,
                old_term_end=dt.date(2027, 2, 28),
                new_term_end=dt.date(2028, 2, 28),
                detected_on=dt.date(2026, 11, 24),
            )
        )
    book = load_workbook(
        fill(
            exported,
            tmp_path / "w.xlsx",
            {
                ids["Ada Lovelace"]: {"Outcome": "renewd"},
                ids["Alan Turing"]: {"Outcome": "declined", "Name": "Alan M. Turing"},
                ids["Grace Hopper"]: {"Outcome": "promised", "Phone": 16465550103},
                ids["Katherine Johnson"]: {"Outcome": "voicemail"},
                ids["Acme Widgets Inc"]: {"Outcome": "renewed"},
            },
            extra=[
                [None, None, "Marie Curie", "", "+33 1 55 55 01 00", "", "marie@example.net"]
                + [None] * 7
                + ["interested", None, "met at the expo"]  # Outcome, Amount, Notes
            ],
        )
    )
    sheet = book["Calls"]
    # The same Ref twice, the copy without an outcome: reported, Ada's own row still checked
    # (two rows with outcomes: see test_outcomes_not_twice).
    copy = [c.value for c in sheet[2]]
    copy[[c.value for c in sheet[1]].index("Outcome")] = None
    sheet.append(copy)
    path = tmp_path / "w2.xlsx"
    book.save(path)
    report = apply(campaign_db, path)
    results = {(r.ref, r.result): r.reason for r in report.results if "same Ref" not in r.reason}
    assert "did you mean renewed" in results[(ids["Ada Lovelace"], "conflict")]
    assert results[(ids["Alan Turing"], "conflict")] == "identity cells edited: Name"
    assert "Excel damaged Phone" in results[(ids["Grace Hopper"], "applied")]
    assert "already done" in results[(ids["Katherine Johnson"], "conflict")]
    assert "this member renewed (roster of " in results[(ids["Acme Widgets Inc"], "conflict")]
    assert any(r.result == "conflict" and "same Ref as row" in r.reason for r in report.results)
    [added] = [r for r in report.results if r.result == "added"]
    assert "Marie Curie" in added.reason
    with campaign_db.session() as s:
        marie = s.scalars(select(Person).where(Person.display_name == "Marie Curie")).one()
        assert "met at the expo" in marie.notes and "+33 1 55 55 01 00" in marie.notes
        # Her number and address are contact details too: the card shows them, a list calls.
        assert [(p.e164, p.is_primary) for p in marie.phones] == [("+33155550100", True)]
        assert [(e.address, e.address_key) for e in marie.emails] == [
            ("marie@example.net", "marie@example.net")
        ]
    assert state(campaign_db, ids["Alan Turing"]) == ("open", 0)  # nothing applied silently
    assert state(campaign_db, ids["Grace Hopper"]) == ("done", 1)


@pytest.mark.parametrize("kept", ["joined", "lists", "fingerprints only"])
def test_exports_made_by_earlier_versions_are_checked_alike(
    campaign_db: Database, exported: Path, tmp_path: Path, kept: str
) -> None:
    """The identity cells an export keeps: joined text now, lists before, and only their
    fingerprints in the first exports. A worked file of each is checked the same way."""
    ids = refs(exported)
    with campaign_db.session() as s:
        batch = s.scalars(select(ExportBatch)).one()
        details = dict(batch.details)
        assert all(isinstance(cells, str) for cells in details["identity"].values())
        if kept == "lists":
            details["identity"] = {r: c.split("\x1f") for r, c in details["identity"].items()}
        elif kept == "fingerprints only":
            del details["identity"]
        batch.details = details
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "renewed"},
            ids["Alan Turing"]: {"Outcome": "declined", "Name": "Alan M. Turing"},
            ids["Grace Hopper"]: {"Outcome": "promised", "Phone": 16465550103},
        },
    )
    results = {r.ref: (r.result, r.reason) for r in apply(campaign_db, worked).results}
    assert results[ids["Ada Lovelace"]] == ("applied", "")
    assert results[ids["Alan Turing"]] == ("conflict", "identity cells edited: Name")
    assert results[ids["Grace Hopper"]][0] == "applied"
    assert "Excel damaged Phone" in results[ids["Grace Hopper"]][1]


def test_recognised_by_its_refs_when_the_mark_is_gone(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    book = load_workbook(exported)
    del book["_member_reach"]
    book.custom_doc_props.props.clear()
    calls = book["Calls"]
    calls.move_range("A1:A6", cols=20)  # the partner moved the Ref column to the far right
    calls.delete_cols(1)
    headings = [c.value for c in calls[1]]
    for row in calls.iter_rows(min_row=2):
        if row[headings.index("Ref")].value == ids["Ada Lovelace"]:
            row[headings.index("Outcome")].value = "renewed"
    path = tmp_path / "moved.xlsx"
    book.save(path)
    report = apply(campaign_db, path)
    assert report.count("applied") == 1 and report.export_id is not None


def test_dry_run_and_undo(campaign_db: Database, exported: Path, tmp_path: Path) -> None:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "do not call"},
            ids["Alan Turing"]: {"Outcome": "interested"},
            ids["Grace Hopper"]: {"Outcome": "voicemail", "Callback date": "2026-12-01 10:30"},
        },
        extra=[[None, None, "Marie Curie", "", "+33 1 55 55 01 00"]],
    )
    preview = apply(campaign_db, worked, dry_run=True)
    assert preview.count("applied") == 3 and preview.batch_id is None
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    done = apply(campaign_db, worked)
    with campaign_db.session() as s:
        assert s.scalars(select(Person.do_not_call).where(Person.last_name == "Lovelace")).one()
        undo_import(s, done.batch_id)
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
        assert s.scalar(select(func.count()).select_from(HandOff)) == 0
        assert not s.scalars(select(Person.do_not_call).where(Person.last_name == "Lovelace")).one()
        assert s.scalar(select(func.count()).where(Person.display_name == "Marie Curie")) == 0
        # her number went with her
        assert s.scalar(select(func.count()).where(PhoneNumber.e164 == "+33155550100")) == 0
    assert state(campaign_db, ids["Ada Lovelace"]) == ("open", 0)
    assert state(campaign_db, ids["Grace Hopper"]) == ("open", 0)
    with campaign_db.session() as s:
        grace = s.scalars(select(CallTask).where(CallTask.ref == ids["Grace Hopper"])).one()
        assert grace.next_callback is None
    assert apply(campaign_db, worked).count("applied") == 3  # undone: it applies again
    assert state(campaign_db, ids["Grace Hopper"]) == ("open", 1)


def test_the_last_unanswered_attempt_closes_the_call(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    from member_reach.services.common.settings import set_setting

    ids = refs(exported)
    with campaign_db.session() as s:
        set_setting(s, "max_unanswered", 2)
        campaign = find_campaign(s, "Winter renewals")
        for name in ("Ada Lovelace", "Alan Turing"):
            task = find_task(s, campaign, ids[name])
            log_call(s, campaign, task, find_code(s, campaign, "no answer"), NOW, caller="Ann")
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "voicemail"},  # the second unanswered: closes
            ids["Alan Turing"]: {"Outcome": "callback"},  # answered: stays open
            ids["Grace Hopper"]: {"Outcome": "voicemail"},  # the first unanswered
        },
    )
    assert apply(campaign_db, worked).count("applied") == 3
    assert state(campaign_db, ids["Ada Lovelace"]) == ("closed", 2)
    assert state(campaign_db, ids["Alan Turing"]) == ("open", 2)
    assert state(campaign_db, ids["Grace Hopper"]) == ("open", 1)


def test_calls_changed_while_the_file_is_applied_stop_the_whole_import(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """The version check of the bulk write: a call changed between reading and writing (by
    another connection on PostgreSQL) refuses the import instead of overwriting it."""
    import member_reach.services.calls.outcome_writing as outcome_writing

    ids = refs(exported)
    worked = fill(
        exported, tmp_path / "w.xlsx", {ref: {"Outcome": "voicemail"} for ref in ids.values()}
    )
    real_log_plain = outcome_writing._log_plain

    def changed_first(imp, calls, source):  # type: ignore[no-untyped-def]
        imp.session.execute(
            update(CallTask)
            .where(CallTask.id == calls[0].task.id)
            .values(version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )
        real_log_plain(imp, calls, source)

    outcome_writing._log_plain = changed_first
    try:
        with pytest.raises(ServiceError, match="changed by someone else while w.xlsx"):
            apply(campaign_db, worked)
    finally:
        outcome_writing._log_plain = real_log_plain
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    assert all(state(campaign_db, ref) == ("open", 0) for ref in ids.values())


def test_an_encrypted_worked_file(campaign_db: Database, exported: Path, tmp_path: Path) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "locked.xlsx", {ids["Ada Lovelace"]: {"Outcome": "renewed"}})
    encrypt_file(worked, "Renew-2026!")
    with pytest.raises(ServiceError, match="password"):
        apply(campaign_db, worked)
    assert apply(campaign_db, worked, password="Renew-2026!").count("applied") == 1


def test_a_csv_download_of_the_calls_sheet(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    rows = CalamineWorkbook.from_path(str(exported)).get_sheet_by_name("Calls").to_python()
    outcome = rows[0].index("Outcome")
    rows[1][outcome] = "renewed"
    path = tmp_path / "Winter renewals - Calls.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    report = apply(campaign_db, path)
    assert report.count("applied") == 1 and report.count("conflict") == 0


def test_not_an_export(campaign_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Ref,Outcome\nZZ-1,renewed\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="not a member_reach export"):
        apply(campaign_db, path)
    other = tmp_path / "y.csv"
    other.write_text("Name,Phone\nAda,1\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="no Outcome column"):
        apply(campaign_db, other)


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("MEMBER_REACH_REQUIRE_PG"),
    reason="LibreOffice is not installed",
)
def test_a_workbook_re_saved_by_libreoffice(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(exported)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    resaved = out / exported.name
    worked = fill(
        resaved,
        tmp_path / "lo-worked.xlsx",
        {ids["Ada Lovelace"]: {"Outcome": "renewed"}, ids["Alan Turing"]: {"Outcome": "busy"}},
    )
    add_new_contacts(worked, [["Marie Curie", "", "020 7946 0000", "", "interested"]])
    report = apply(campaign_db, worked)
    assert report.count("applied") == 2 and report.count("conflict") == 0
    assert report.count("added") == 1


# -- found by review ------------------------------------------------------------------------


def test_an_added_row_is_added_once(campaign_db: Database, exported: Path, tmp_path: Path) -> None:
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {},
        extra=[[None, None, "Marie Curie", "", "+33 1 55 55 01 00"]],
    )
    assert apply(campaign_db, worked).count("added") == 1
    again = apply(campaign_db, worked)
    assert again.count("added") == 0
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).where(Person.display_name == "Marie Curie")) == 1


def test_an_added_contact_keeps_what_cannot_be_read_as_typed(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """A number that is not certain is kept as typed; an address that is not one stays in the
    notes only; the organisation names a contact added without a name."""
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {},
        extra=[[None, None, "", "Curie Labs", "ask for Pierre", "", "pierre at curie labs"]],
    )
    [added] = [r for r in apply(campaign_db, worked).results if r.result == "added"]
    assert "Curie Labs" in added.reason
    with campaign_db.session() as s:
        labs = s.scalars(select(Person).where(Person.organisation == "Curie Labs")).one()
        assert labs.display_name == "Curie Labs" and labs.emails == []
        assert [(p.original, p.e164) for p in labs.phones] == [("ask for Pierre", None)]
        assert "pierre at curie labs" in labs.notes


def test_contacts_on_the_new_contacts_sheet_are_added_once(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """The Calls sheet stays protected: the people the calls lead to go on the New contacts
    sheet. Each becomes a prospect with the details typed, once; a row with an outcome and no
    one is reported with the sheet's name."""
    ids = refs(exported)
    worked = add_new_contacts(
        fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "renewed"}}),
        [
            ["Pierre Curie", "Sorbonne", "+33 1 55 55 01 01", "pierre@example.net", "interested"],
            [None, None, None, None, "interested", "call back Tuesday"],
        ],
    )
    report = apply(campaign_db, worked)
    assert report.count("applied") == 1
    assert [(r.sheet, r.row, r.result, r.reason) for r in report.results if not r.ref] == [
        ("New contacts", 2, "added", "a new contact, Pierre Curie: flagged as a prospect"),
        ("New contacts", 3, "rejected", "an outcome or notes but no one to give them to"),
    ]
    reported = [r for r in report.results if r.result != "unchanged" or r.reason]
    assert report.rows == len(ids) + 2 and reported[-1].sheet == "New contacts"
    with campaign_db.session() as s:
        pierre = s.scalars(select(Person).where(Person.display_name == "Pierre Curie")).one()
        assert pierre.organisation == "Sorbonne" and "New contacts sheet, row 2" in pierre.notes
        assert [p.e164 for p in pierre.phones] == ["+33155550101"]
        assert [e.address for e in pierre.emails] == ["pierre@example.net"]
    again = apply(campaign_db, worked)
    assert again.count("added") == 0 and again.count("applied") == 0
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).where(Person.display_name == "Pierre Curie")) == 1


def test_a_call_reserved_in_the_office_is_one_rows_conflict(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    from member_reach.services.calls.task_assignment import reserve

    ids = refs(exported)
    with campaign_db.session() as s:
        reserve(s, find_campaign(s, "Winter renewals"), "Ann", 1, NOW)  # the top call: Ada's? any
    worked = fill(
        exported, tmp_path / "w.xlsx", {ref: {"Outcome": "voicemail"} for ref in ids.values()}
    )
    report = apply(campaign_db, worked)
    assert report.count("conflict") == 1 and report.count("applied") == 4
    [conflict] = [r for r in report.results if r.result == "conflict"]
    assert "reserved by Ann" in conflict.reason


def test_undo_is_refused_once_the_calls_were_worked_on_since(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(exported, tmp_path / "w.xlsx", {ids["Ada Lovelace"]: {"Outcome": "voicemail"}})
    done = apply(campaign_db, worked)
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        task = find_task(s, campaign, ids["Ada Lovelace"])
        log_call(s, campaign, task, find_code(s, campaign, "renewed"), NOW, caller="Ann")
    with campaign_db.session() as s, pytest.raises(ServiceError, match="1 calls were logged"):
        undo_import(s, done.batch_id)
    assert state(campaign_db, ids["Ada Lovelace"]) == ("done", 2)


def test_a_csv_is_credited_to_the_partner_whose_calls_it_holds(
    campaign_db: Database, tmp_path: Path
) -> None:
    from member_reach.services.calls.task_assignment import assign

    paths = {}
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        for partner in ("CallCo", "PhoneCorp"):
            assign(s, campaign, partner, 2)
            paths[partner] = tmp_path / f"{partner}.xlsx"
            export_partner(s, campaign, paths[partner], NOW, assignee=partner)
    rows = CalamineWorkbook.from_path(str(paths["CallCo"])).get_sheet_by_name("Calls").to_python()
    rows[1][rows[0].index("Outcome")] = "voicemail"
    csv_path = tmp_path / "callco.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    apply(campaign_db, csv_path)
    with campaign_db.session() as s:
        assert s.scalars(select(CallLog.caller)).all() == ["CallCo"]


def test_a_callback_is_the_members_local_time(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "callback", "Callback date": "2026-11-30 14:30"},
            ids["Alan Turing"]: {"Outcome": "callback", "Callback date": "11/30/2026 2:15 pm"},
            ids["Grace Hopper"]: {"Outcome": "callback", "Callback date": "2026-11-30T10:00+00:00"},
        },
    )
    apply(campaign_db, worked)
    with campaign_db.session() as s:
        times = sorted(s.scalars(select(CallLog.callback_at)).all())
    # Typed as the member's clock reads it (New York, UTC-5 in November), unless with an offset.
    assert times == [
        dt.datetime(2026, 11, 30, 10, 0),
        dt.datetime(2026, 11, 30, 19, 15),
        dt.datetime(2026, 11, 30, 19, 30),
    ]


def test_an_office_edit_is_not_blamed_on_the_partner(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    with campaign_db.session() as s:
        grace = s.scalars(select(Person).where(Person.last_name == "Hopper")).one()
        grace.display_name = "Grace B. Hopper"  # renamed in the office after the export
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Grace Hopper"]: {"Outcome": "promised", "Phone": 16465550103},
        },
    )
    [result] = [r for r in apply(campaign_db, worked).results if r.ref == ids["Grace Hopper"]]
    assert result.result == "applied" and "Excel damaged Phone" in result.reason


@pytest.mark.parametrize("name", ["Ann  Smith", "Ann\nSmith", "Ann\u00a0Smith ", "=Ann Smith"])
def test_a_name_the_reader_tidies_is_not_an_edit(
    campaign_db: Database, tmp_path: Path, name: str
) -> None:
    """A name with doubled spaces, a line break or a trailing non-breaking space comes back
    from the workbook as written; tidied as every cell is, it must still match the export."""
    with campaign_db.session() as s:
        grace = s.scalars(select(Person).where(Person.last_name == "Hopper")).one()
        grace.display_name = name
        ref = s.scalars(select(CallTask.ref).where(CallTask.person_id == grace.id)).one()
    path = tmp_path / "winter.xlsx"
    with campaign_db.session() as s:
        export_partner(s, find_campaign(s, "Winter renewals"), path, dt.datetime(2026, 11, 23, 15))
    report = apply(campaign_db, fill(path, tmp_path / "w.xlsx", {ref: {"Outcome": "voicemail"}}))
    assert [(r.ref, r.result, r.reason) for r in report.results if r.ref == ref] == [
        (ref, "applied", "")
    ]


def test_a_deleted_member_id_column_is_no_edit_of_an_untidy_member_id(
    campaign_db: Database, tmp_path: Path
) -> None:
    """The partner deleted the Member ID column; the id on file has a doubled space. The
    missing cell is taken as exported, tidied as every cell is: not an edit."""
    with campaign_db.session() as s:
        ada = s.scalars(select(Person).where(Person.last_name == "Lovelace")).one()
        member_id = s.scalars(select(ExternalId).where(ExternalId.person_id == ada.id)).first()
        assert member_id is not None
        member_id.value = "M  001"
    path = tmp_path / "winter.xlsx"
    with campaign_db.session() as s:
        export_partner(s, find_campaign(s, "Winter renewals"), path, dt.datetime(2026, 11, 23, 15))
    ref = refs(path)["Ada Lovelace"]
    book = load_workbook(fill(path, tmp_path / "w.xlsx", {ref: {"Outcome": "renewed"}}))
    sheet = book["Calls"]
    sheet.delete_cols([c.value for c in sheet[1]].index("Member ID") + 1)
    book.save(tmp_path / "no member id.xlsx")
    report = apply(campaign_db, tmp_path / "no member id.xlsx")
    assert [(r.result, r.reason) for r in report.results if r.ref == ref] == [("applied", "")]


def test_without_the_ref_column_rows_are_matched_by_member_id_and_name(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    ids = refs(exported)
    book = load_workbook(
        fill(
            exported,
            tmp_path / "w.xlsx",
            {
                ids["Ada Lovelace"]: {"Outcome": "renewed"},
                ids["Acme Widgets Inc"]: {"Outcome": "voicemail"},
            },
        )
    )
    book["Calls"].delete_cols(1)  # the partner deleted the Ref column
    path = tmp_path / "noref.xlsx"
    book.save(path)
    report = apply(campaign_db, path)
    assert report.count("applied") == 2 and report.count("added") == 0


def test_a_renewal_found_before_the_export_the_same_day_is_no_conflict(
    campaign_db: Database, tmp_path: Path
) -> None:
    from member_reach.store.models import ImportBatch

    exported_at = dt.datetime(2026, 11, 23, 15)
    path = tmp_path / "winter.xlsx"
    with campaign_db.session() as s:
        campaign = find_campaign(s, "Winter renewals")
        for name, started in (("Ada Lovelace", 10), ("Alan Turing", 16)):  # 10:00 and 16:00
            batch = ImportBatch(
                kind="roster",
                file_name=f"roster {started}.xlsx",
                started_at=exported_at.replace(hour=started),
            )
            s.add(batch)
            s.flush()
            person = s.scalars(select(Person).where(Person.display_name == name)).one()
            s.add(
                DetectedRenewal(
                    person_id=person.id,
                    import_batch_id=batch.id,
                    old_term_end=dt.date(2026, 12, 31),
                    new_term_end=dt.date(2027, 12, 31),
                    detected_on=exported_at.date(),
                )
            )
        export_partner(s, campaign, path, exported_at)
    ids = refs(path)
    worked = fill(
        path,
        tmp_path / "w.xlsx",
        {ids[n]: {"Outcome": "voicemail"} for n in ("Ada Lovelace", "Alan Turing")},
    )
    results = {r.ref: (r.result, r.reason) for r in apply(campaign_db, worked).results}
    assert results[ids["Ada Lovelace"]] == ("applied", "")  # renewed at 10:00, exported at 15:00
    assert results[ids["Alan Turing"]] == (
        "conflict",
        f"this member renewed (roster of {exported_at.date().isoformat()}) after the export; "
        "the call was not applied",
    )


def test_a_worked_file_too_large_is_refused_before_anything_is_written(
    campaign_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", newline="") as out:
        out.write("Ref,Member ID,Name,Outcome\n")
        out.writelines(f"C1-{i:06d},M{i},Person {i},voicemail\n" for i in range(300_001))
    with pytest.raises(ServiceError, match=r"huge.csv: more than 300,000 rows"):
        apply(campaign_db, path)
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0


def test_a_hand_off_changed_after_the_checks_is_a_conflict_not_overwritten(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """Hand-off and do-not-call rows are written after the bulk: a change to their call in
    between (another connection, on PostgreSQL) is caught against the version checked."""
    import member_reach.services.calls.outcome_writing as outcome_writing

    ids = refs(exported)
    worked = fill(
        exported,
        tmp_path / "w.xlsx",
        {
            ids["Ada Lovelace"]: {"Outcome": "voicemail"},  # plain: written in bulk
            ids["Alan Turing"]: {"Outcome": "interested"},  # a hand-off: written after
        },
    )
    real_log_plain = outcome_writing._log_plain

    def meanwhile(imp, calls, source):  # type: ignore[no-untyped-def]
        back = real_log_plain(imp, calls, source)
        imp.session.execute(
            update(CallTask)
            .where(CallTask.ref == ids["Alan Turing"])
            .values(version=CallTask.version + 1)
            .execution_options(synchronize_session=False)
        )
        return back

    outcome_writing._log_plain = meanwhile
    try:
        report = apply(campaign_db, worked)
    finally:
        outcome_writing._log_plain = real_log_plain
    results = {r.ref: (r.result, r.reason) for r in report.results}
    assert results[ids["Ada Lovelace"]] == ("applied", "")
    assert results[ids["Alan Turing"]][0] == "conflict"
    assert "changed after the file was checked" in results[ids["Alan Turing"]][1]
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(HandOff)) == 0
    assert state(campaign_db, ids["Alan Turing"]) == ("open", 0)


def test_undoing_a_do_not_call_gives_back_the_calls_it_closed_elsewhere(
    campaign_db: Database, exported: Path, tmp_path: Path
) -> None:
    """Ada's calls on other campaigns come back as they were: one open, one still reserved."""
    from member_reach.store.models import Campaign

    until = NOW + dt.timedelta(days=2)
    with campaign_db.session() as s:
        ada = s.scalars(select(Person.id).where(Person.last_name == "Lovelace")).one()
        for name, kind, held in (("Gala", "open", ""), ("Survey", "reserved", "Jo")):
            other = Campaign(name=name, kind="event", status="active")
            s.add(other)
            s.flush()
            s.add(
                CallTask(
                    campaign_id=other.id,
                    person_id=ada,
                    ref=f"{name}-1",
                    state=kind,
                    reserved_by=held,
                    reserved_until=until if held else None,
                )  # fmt: skip
            )
    worked = fill(
        exported, tmp_path / "w.xlsx", {refs(exported)["Ada Lovelace"]: {"Outcome": "do not call"}}
    )
    done = apply(campaign_db, worked)
    assert state(campaign_db, "Gala-1")[0] == state(campaign_db, "Survey-1")[0] == "closed"
    with campaign_db.session() as s:
        undo_import(s, done.batch_id)
    assert state(campaign_db, "Gala-1")[0] == "open"
    with campaign_db.session() as s:
        survey = s.scalars(select(CallTask).where(CallTask.ref == "Survey-1")).one()
        assert (survey.state, survey.reserved_by, survey.reserved_until) == (
            "reserved",
            "Jo",
            until,
        )
