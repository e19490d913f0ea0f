"""``import roster`` says which columns it refused by their values and which it proposes with low
confidence (one line each, and in --json), and ``--map 'COLUMN=FIELD'`` confirms one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from member_reach.__main__ import main

from .conftest import TODAY, write_csv

FIRST = ["Ada", "Alan", "Grace", "Hedy", "Katherine"]
LAST = ["Lovelace", "Turing", "Hopper", "Lamarr", "Johnson"]


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    rows = [
        [first, last, f"{first.lower()}@example.org", f"192.0.2.{i + 1}"]
        for i, (first, last) in enumerate(zip(FIRST, LAST, strict=True))
    ]
    return write_csv(tmp_path / "contacts.csv", ["First Name", "Last Name", "", "ip_address"], rows)


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "--today", TODAY, *args])


def emails(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("select count(*) from email_address").fetchone()[0])


def test_low_confidence_columns_are_reported_with_the_option_to_confirm(
    contacts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    assert run(db, "import", "roster", str(contacts), "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        "  'ip_address' not imported: name contains 'address'; 100% IP addresses, not an address"
    ) in lines
    at = lines.index(
        "1 column proposed with low confidence, not imported; to import one, run again with "
        "--map as shown:"
    )
    assert lines[at + 1] == (
        "  'column C' → E-mail? (low: 100% e-mail addresses; name not recognised): --map 'C=email'"
    )
    assert run(db, "--json", "import", "roster", str(contacts), "--dry-run") == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["to_confirm"] == [
        {
            "column": "",
            "field": "email",
            "confidence": "low",
            "evidence": "100% e-mail addresses; name not recognised",
            "imported": False,
            "option": "--map 'C=email'",
        }
    ]
    ip = next(c for c in result["columns"] if c["column"] == "ip_address")
    assert (ip["field"], ip["imported"]) == (None, False)


def test_map_confirms_a_column_and_the_import_takes_it(
    contacts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    assert run(db, "--json", "import", "roster", str(contacts), "--map", "C=E-mail") == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["to_confirm"] == [] and result["inserted"] == 5
    assert "'column C' → E-mail" in result["mapping"] and emails(db) == 5
    column = next(c for c in result["columns"] if c["column"] == "")
    assert (column["field"], column["confidence"], column["evidence"]) == (
        "email",
        "high",
        "your choice",
    )


def test_a_map_naming_no_column_or_no_field_is_refused_in_words(
    contacts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.sqlite3"
    assert run(db, "import", "roster", str(contacts), "--map", "Mail=email") == 1
    err = capsys.readouterr().err
    assert "The file has no column 'Mail' (columns: 'First Name', 'Last Name', 'ip_address')" in err
    with pytest.raises(SystemExit) as usage:
        run(db, "import", "roster", str(contacts), "--map", "C=mailbox")
    assert usage.value.code == 2
    assert "no field 'mailbox': choose one of external_id, full_name" in capsys.readouterr().err
    assert not db.exists() or emails(db) == 0
