"""Calls given to a call partner: which may go and why the others not, the export that gives
them, the console and the next export without them, the worked file and a release bringing them
back. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from roster_files import ROWS, write_csv
from sqlalchemy import func, select

from member_reach.services.calls.call_console import ConsoleCall, next_call
from member_reach.services.calls.calls import find_code, find_task, log_call
from member_reach.services.calls.task_assignment import reserve
from member_reach.services.campaigns.campaign_detail import campaign_tasks
from member_reach.services.campaigns.campaigns import find_campaign
from member_reach.services.common.errors import ServiceError
from member_reach.services.exchange.exchange_export import export_partner
from member_reach.services.exchange.exchange_import import run_outcomes_import
from member_reach.services.exchange.partner_assignment import (
    EARLIER_CALLS,
    export_to_partner,
    left_out_text,
    partner_choice,
    release_from_partner,
)
from member_reach.services.imports.import_undo import undo_import
from member_reach.services.imports.roster_import import run_roster_import
from member_reach.sheets.crypto import decrypt
from member_reach.store.database import Database
from member_reach.store.models import CallLog, CallTask, ExportBatch, HandOff, Person

NOW = dt.datetime(2026, 11, 24, 15, 0)
CAMPAIGN = "Winter renewals"
PARTNER = "Acme Calls"


def give(db: Database, path: Path, partner: str = PARTNER, **options: object) -> object:
    with db.session() as s:
        campaign = find_campaign(s, CAMPAIGN)
        return export_to_partner(s, campaign, path, NOW, partner, **options)  # type: ignore[arg-type]


def calls(db: Database) -> dict[str, tuple[str, str, int | None]]:
    """Each call's member: (state, assignee, export it is with)."""
    with db.session() as s:
        rows = s.execute(
            select(Person.display_name, CallTask.state, CallTask.assignee, CallTask.with_export_id)
            .join(Person, Person.id == CallTask.person_id)
            .order_by(CallTask.id)
        )
        return {name: (state, who, export) for name, state, who, export in rows}


def sheet_names(path: Path) -> list[str]:
    rows = list(load_workbook(path)["Calls"].iter_rows(min_row=2, values_only=True))
    return [str(r[2]) for r in rows]


def person(s: object, last_name: str) -> int:
    return s.scalars(select(Person.id).where(Person.last_name == last_name)).one()  # type: ignore[attr-defined]


def test_calls_held_booked_or_handed_off_stay_and_are_counted(
    campaign_db: Database, tmp_path: Path
) -> None:
    with campaign_db.session() as s:
        campaign = find_campaign(s, CAMPAIGN)
        reserve(s, campaign, "Jo", 1, NOW)  # Ada, the best call: Jo holds it
        grace = find_task(s, campaign, "M-003")  # Sam booked a callback with Grace
        later = NOW + dt.timedelta(days=2)
        log_call(s, campaign, grace, find_code(s, campaign, "callback"), NOW, callback_at=later)
        s.add(HandOff(person_id=person(s, "Turing"), owner="Maya", campaign_id=campaign.id))
        katherine = find_task(s, campaign, "M-006")
        katherine.assignee = "Lee"  # another caller's
        choice = partner_choice(s, campaign)
    assert choice.available(PARTNER) == 1 and choice.available(" Lee ") == 2
    left_out = choice.left_out_for(PARTNER)
    assert left_out == {"held": 1, "callback": 1, "handed_off": 1, "assigned": 1}
    assert left_out_text(left_out) == (
        "4 left out: 1 held by callers, 1 callbacks booked by staff, 1 handed off to staff, "
        "1 assigned to other callers or partners"
    )
    result = give(campaign_db, tmp_path / "acme.xlsx")
    assert result.rows == 1 and sheet_names(tmp_path / "acme.xlsx") == ["Acme Widgets Inc"]
    after = calls(campaign_db)
    assert after["Acme Widgets Inc"] == ("open", PARTNER, result.export_id)
    assert after["Ada Lovelace"] == ("reserved", "", None)
    assert after["Grace Hopper"][1:] == ("", None) and after["Alan Turing"][1:] == ("", None)
    with campaign_db.session() as s:
        again = partner_choice(s, find_campaign(s, CAMPAIGN))
    assert again.available(PARTNER) == 0 and again.left_out["with_partner"] == 1
    with pytest.raises(ServiceError, match="no open call nobody holds to give Acme Calls"):
        give(campaign_db, tmp_path / "again.xlsx")
    # Lee's own calls go to Lee (a partner given calls assigned to them).
    lee = give(campaign_db, tmp_path / "lee.xlsx", "Lee")
    assert lee.rows == 1 and sheet_names(tmp_path / "lee.xlsx") == ["Katherine Johnson"]


def test_calls_with_a_partner_leave_the_console_and_the_next_export(
    campaign_db: Database, tmp_path: Path
) -> None:
    first = give(campaign_db, tmp_path / "acme.xlsx", count=2)
    assert first.rows == 2
    assert sheet_names(tmp_path / "acme.xlsx") == ["Ada Lovelace", "Grace Hopper"]  # the best
    with campaign_db.session() as s:
        campaign = find_campaign(s, CAMPAIGN)
        offered = next_call(s, campaign, "Sam", NOW)
        assert isinstance(offered, ConsoleCall) and offered.name == "Acme Widgets Inc"
        assert reserve(s, campaign, "Jo", 5, NOW) == [
            t.ref
            for t in campaign_tasks(s, campaign)
            if t.name in ("Alan Turing", "Katherine Johnson")
        ]
        shown = {t.name: (t.assignee, t.with_partner) for t in campaign_tasks(s, campaign)}
    assert shown["Ada Lovelace"] == (PARTNER, True) and shown["Alan Turing"] == ("", False)
    with campaign_db.session() as s:  # the next export leaves them out
        plain = export_partner(s, find_campaign(s, CAMPAIGN), tmp_path / "all.xlsx", NOW)
    assert plain.rows == 3 and "Ada Lovelace" not in sheet_names(tmp_path / "all.xlsx")
    with campaign_db.session() as s:  # unless the partner's file is written again, on purpose
        again = export_partner(
            s, find_campaign(s, CAMPAIGN), tmp_path / "acme2.xlsx", NOW, assignee=PARTNER
        )
    assert sheet_names(tmp_path / "acme2.xlsx") == ["Ada Lovelace", "Grace Hopper"]
    assert calls(campaign_db)["Ada Lovelace"] == ("open", PARTNER, again.export_id)  # its newest
    with campaign_db.session() as s:
        campaign = find_campaign(s, CAMPAIGN)
        ada = find_task(s, campaign, "M-001").ref
        with pytest.raises(ServiceError, match="Not with Acme Calls on Winter renewals: C1-"):
            release_from_partner(s, campaign, PARTNER, [ada, find_task(s, campaign, "M-002").ref])
    assert calls(campaign_db)["Ada Lovelace"][2] == again.export_id  # nothing released
    with campaign_db.session() as s:
        assert release_from_partner(s, find_campaign(s, CAMPAIGN), refs=[ada]) == [ada]
    with campaign_db.session() as s:
        assert len(release_from_partner(s, find_campaign(s, CAMPAIGN), PARTNER)) == 1
    assert {v for k, v in calls(campaign_db).items() if k in ("Ada Lovelace", "Grace Hopper")} == {
        ("open", "", None)
    }
    with campaign_db.session() as s:  # back in the console
        offered = next_call(s, find_campaign(s, CAMPAIGN), "Kim", NOW)
        assert isinstance(offered, ConsoleCall) and offered.name == "Ada Lovelace"


def test_a_file_not_written_gives_nothing(campaign_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="does not exist"):
        give(campaign_db, tmp_path / "no folder" / "acme.xlsx")
    with pytest.raises(ServiceError, match="empty password"):  # refused before any writing
        give(campaign_db, tmp_path / "acme.xlsx", password="  ")
    assert not (tmp_path / "acme.xlsx").exists()
    with pytest.raises(ServiceError, match="empty password"), campaign_db.session() as s:
        export_partner(s, find_campaign(s, CAMPAIGN), tmp_path / "p.xlsx", NOW, password="")
    assert not (tmp_path / "p.xlsx").exists()
    assert {v[1:] for v in calls(campaign_db).values()} == {("", None)}
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(ExportBatch)) == 0


def test_encrypted_with_the_calls_made_so_far(campaign_db: Database, tmp_path: Path) -> None:
    with campaign_db.session() as s:
        campaign = find_campaign(s, CAMPAIGN)
        ada = find_task(s, campaign, "M-001")
        voicemail = find_code(s, campaign, "voicemail")
        log_call(s, campaign, ada, voicemail, NOW - dt.timedelta(days=3), notes="left  a message")
        log_call(s, campaign, ada, find_code(s, campaign, "no_answer"), NOW - dt.timedelta(days=1))
    path = tmp_path / "acme.xlsx"
    give(campaign_db, path, password="Tr1cky-Pass", earlier_calls=True)
    with pytest.raises(Exception, match="Zip|zip|not a"):
        load_workbook(path)  # encrypted: not a plain workbook
    sheet = load_workbook(decrypt(path, "Tr1cky-Pass"))["Calls"]
    headings = [c.value for c in sheet[1]]
    assert headings[headings.index("Why this call") + 1] == EARLIER_CALLS
    rows = {r[2]: r[headings.index(EARLIER_CALLS)] for r in sheet.iter_rows(2, values_only=True)}
    assert rows["Ada Lovelace"] == "2026-11-23 no_answer | 2026-11-21 voicemail: left a message"
    assert rows["Alan Turing"] in (None, "")
    assert calls(campaign_db)["Ada Lovelace"][1] == PARTNER


def fill(path: Path, out: Path, outcomes: dict[str, str]) -> Path:
    book = load_workbook(path)
    sheet = book["Calls"]
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in outcomes:
            row[headings.index("Outcome")].value = outcomes[row[2].value]
    book.save(out)
    return out


def test_the_worked_file_brings_back_the_calls_it_reports(
    campaign_db: Database, tmp_path: Path
) -> None:
    export_id = give(campaign_db, tmp_path / "acme.xlsx").export_id
    worked = fill(
        tmp_path / "acme.xlsx",
        tmp_path / "worked.xlsx",
        {"Ada Lovelace": "renewed", "Alan Turing": "voicemail"},
    )
    preview = run_outcomes_import(campaign_db, worked, NOW, dry_run=True)
    assert (preview.released, preview.with_partner) == (2, 3)
    assert calls(campaign_db)["Ada Lovelace"] == ("open", PARTNER, export_id)  # a dry run
    report = run_outcomes_import(campaign_db, worked, NOW)
    assert (report.count("applied"), report.released, report.with_partner) == (2, 2, 3)
    after = calls(campaign_db)
    assert after["Ada Lovelace"] == ("done", "", None)
    assert after["Alan Turing"] == ("open", "", None)  # back in the console for staff
    assert after["Grace Hopper"] == ("open", PARTNER, export_id)  # not reported: still theirs
    assert report.batch_id is not None
    with campaign_db.session() as s:
        undo_import(s, report.batch_id)
    assert calls(campaign_db)["Alan Turing"] == ("open", PARTNER, export_id)
    assert calls(campaign_db)["Ada Lovelace"] == ("open", PARTNER, export_id)


def test_a_partner_reporting_a_member_since_renewed_is_a_conflict(
    campaign_db: Database, tmp_path: Path
) -> None:
    give(campaign_db, tmp_path / "acme.xlsx")
    rows = [list(r) for r in ROWS]
    ada = next(i for i, r in enumerate(rows) if r[0] == "M-001")
    rows[ada][7] = "01/31/2028"  # Ada renewed on her own
    run_roster_import(campaign_db, write_csv(tmp_path / "next.csv", rows), dt.date(2026, 11, 25))
    assert calls(campaign_db)["Ada Lovelace"][0] == "renewed"
    worked = fill(tmp_path / "acme.xlsx", tmp_path / "worked.xlsx", {"Ada Lovelace": "declined"})
    report = run_outcomes_import(campaign_db, worked, NOW + dt.timedelta(days=2))
    [conflict] = [r for r in report.results if r.result == "conflict"]
    assert conflict.row == 2 and conflict.reason == (
        "this member renewed (roster of 2026-11-25) after the export; the call was not applied"
    )
    assert report.count("applied") == 0 and report.batch_id is None
    with campaign_db.session() as s:
        assert s.scalar(select(func.count()).select_from(CallLog)) == 0
    assert calls(campaign_db)["Ada Lovelace"][0] == "renewed"
