"""Never drop what the file says: a country in any language is read to its code with the text
as typed kept beside it; a country, a date or an amount that cannot be read is kept as typed
and the row flagged. On SQLite and PostgreSQL, through the real roster import."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.members.member_card import member_card
from member_reach.store.database import Database
from member_reach.store.models import Person

DAY = dt.date(2026, 11, 24)
HEADER = ["Member ID", "First Name", "Last Name", "Email", "Country", "Expiry Date", "Dues"]
ROWS = [
    ["M-1", "Ana", "Rojas", "ana@example.cl", "Chile", "03/31/2027", "120"],
    ["M-2", "Ivan", "Petrov", "ivan@example.bg", "Bulgaria", "03/31/2027", "120"],
    ["M-3", "Lan", "Nguyen", "lan@example.vn", "Vietnam", "03/31/2027", "120"],
    ["M-4", "Jonas", "Weber", "jonas@example.de", "Deutschland", "03/31/2027", "120"],
    ["M-5", "Claire", "Martin", "claire@example.fr", "Allemagne", "03/31/2027", "120"],
    ["M-6", "Pierre", "Roux", "pierre@example.fr", "États-Unis", "03/31/2027", "120"],
    ["M-7", "Mira", "Stone", "mira@example.org", "Atlantis", "02/31/2027", "ten dollars"],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def people(db: Database) -> dict[str, Person]:
    with db.session() as s:
        found = s.scalars(select(Person)).all()
        s.expunge_all()
    return {p.last_name: p for p in found}


def test_countries_in_any_language_are_read_and_their_text_kept(
    db: Database, tmp_path: Path
) -> None:
    report = run_roster_import(db, write(tmp_path / "roster.csv", ROWS), DAY)
    assert report.counts.rows_read == 7
    found = people(db)
    assert {name: (p.country, p.country_text) for name, p in found.items()} == {
        "Rojas": ("CL", "Chile"),
        "Petrov": ("BG", "Bulgaria"),
        "Nguyen": ("VN", "Vietnam"),
        "Weber": ("DE", "Deutschland"),
        "Martin": ("DE", "Allemagne"),
        "Roux": ("US", "États-Unis"),
        "Stone": ("", "Atlantis"),
    }
    [flagged] = [i for i in report.issues if i.result == "flagged"]
    assert flagged.row == 8 and "country 'Atlantis' not recognised" in flagged.reason
    assert "not a date" in flagged.reason or "Expiry Date" in flagged.reason


def test_a_date_and_an_amount_that_cannot_be_read_are_kept_as_typed(
    db: Database, tmp_path: Path
) -> None:
    run_roster_import(db, write(tmp_path / "roster.csv", ROWS), DAY)
    stone = people(db)["Stone"]
    assert json.loads(stone.unread_values) == {"Dues": "ten dollars", "Expiry Date": "02/31/2027"}
    assert all(p.unread_values == "" for n, p in people(db).items() if n != "Stone")


def test_the_same_file_again_changes_nothing_and_a_corrected_one_clears_the_doubt(
    db: Database, tmp_path: Path
) -> None:
    run_roster_import(db, write(tmp_path / "roster.csv", ROWS), DAY)
    again = run_roster_import(db, write(tmp_path / "again.csv", ROWS), DAY)
    assert (again.counts.inserted, again.counts.updated) == (0, 0)
    fixed = [*ROWS[:6], ["M-7", "Mira", "Stone", "mira@example.org", "Greece", "03/31/2027", "90"]]
    corrected = run_roster_import(db, write(tmp_path / "fixed.csv", fixed), DAY)
    assert (corrected.counts.inserted, corrected.counts.updated) == (0, 1)
    stone = people(db)["Stone"]
    assert (stone.country, stone.country_text, stone.unread_values) == ("GR", "Greece", "")


def test_the_member_card_says_where_they_live_and_what_could_not_be_read(
    db: Database, tmp_path: Path
) -> None:
    run_roster_import(db, write(tmp_path / "roster.csv", ROWS), DAY)
    found = people(db)
    now = dt.datetime(2026, 11, 24, 15, 0)
    with db.session() as s:
        nguyen = member_card(s, found["Nguyen"].id, DAY, now)
        stone = member_card(s, found["Stone"].id, DAY, now)
    assert (nguyen.place, nguyen.as_typed) == ("Vietnam", ())
    assert stone.place == "Atlantis"
    assert stone.as_typed == (
        ("Country", "Atlantis"),
        ("Dues", "ten dollars"),
        ("Expiry Date", "02/31/2027"),
    )
