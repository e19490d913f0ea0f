"""The member card shows where a member lives and, in words, what the last import could not
read, as the file typed it (a roster written as a real CSV and imported)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from member_reach.services.imports.roster_import import run_roster_import
from member_reach.services.members.member_card import member_card
from member_reach.store.database import Database
from member_reach.store.models import Person
from member_reach.ui.members.member_card_text import summary_html

DAY = dt.date(2026, 11, 24)


def test_the_card_names_the_place_and_the_values_kept_as_typed(
    qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Member ID,First Name,Last Name,City,Country,Expiry Date\n"
        "M-1,Jonas,Weber,Köln,Deutschland,03/31/2027\n"
        "M-2,Mira,Stone,Nowhere,Atlantis,02/31/2027\n",
        encoding="utf-8",
    )
    run_roster_import(db, roster, DAY)
    with db.session() as s:
        ids = {name: pid for name, pid in s.execute(select(Person.last_name, Person.id))}
        now = dt.datetime(2026, 11, 24, 15, 0)
        weber, stone = (member_card(s, ids[n], DAY, now) for n in ("Weber", "Stone"))
    assert "⌂ Köln, Germany" in summary_html(weber, DAY)
    assert "could not read" not in summary_html(weber, DAY)
    text = summary_html(stone, DAY)
    assert "⌂ Nowhere, Atlantis" in text
    assert "The last import could not read: Country “Atlantis”; Expiry Date “02/31/2027”" in text
