"""The command-line contract (DESIGN.md): commands, JSON, exit codes, one-line errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from member_reach import __version__
from member_reach.__main__ import main
from member_reach.store.database import Database, open_database
from member_reach.store.migrate import head_revision
from member_reach.store.models import EmailAddress, ExternalId, Membership, MembershipType, Person
from member_reach.store.paths import default_database_path


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real program in a child process, as automation would."""
    return subprocess.run(
        [sys.executable, "-m", "member_reach", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def last_json(stdout: str) -> dict[str, object]:
    return json.loads(stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "assoc.sqlite3"
    db = open_database(path)
    with db.session() as s:
        kind = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        for i, (first, last, end) in enumerate(
            [
                ("Ada", "Lovelace", dt.date(2027, 1, 31)),
                ("Alan", "Turing", dt.date(2026, 11, 10)),
                ("Grace", "Hopper", dt.date(2024, 5, 31)),
            ]
        ):
            p = Person(first_name=first, last_name=last)
            p.emails.append(
                EmailAddress(
                    address=f"{first.lower()}@example.org",
                    address_key=f"{first.lower()}@example.org",
                )
            )
            p.external_ids.append(ExternalId(source="ams", value=f"M-{i}"))
            p.membership = Membership(type=kind, join_date=dt.date(2018, 1, 1), term_end=end)
            s.add(p)
        s.add(Person(first_name="Hedy", last_name="Lamarr"))
    db.close()
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"member-reach {__version__}"
    with pytest.raises(SystemExit) as caught:  # after other options: argparse answers the same
        main(["--json", "--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"member-reach {__version__}"


def test_version_loads_none_of_the_heavy_modules() -> None:
    """``--version`` answers before the ORM, openpyxl, phonenumbers or Qt load (issue 16)."""
    heavy = ("sqlalchemy", "openpyxl", "phonenumbers", "PySide6", "member_reach.cli")
    script = (
        "import sys\n"
        "from member_reach.__main__ import main\n"
        "status = main(['--version'])\n"
        f"print(status, sorted(m for m in sys.modules if m.startswith({heavy!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "0 []"


def test_members_json_contract(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(small_db), "--today", "2026-11-23", "--json", "members"]) == 0
    payload = last_json(capsys.readouterr().out)
    members = payload["members"]
    assert isinstance(members, list)
    assert [(m["last_name"], m["status"], m["expiry"]) for m in members] == [
        ("Hopper", "lapsed", "2024-05-31"),
        ("Lovelace", "current", "2027-01-31"),
        ("Turing", "grace", "2026-11-10"),
    ]
    assert set(members[0]) == {
        "member_id",
        "external_id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "expiry",
        "status",
        # added since (DESIGN.md: the contract grows, never renames)
        "roster_status",
        "status_disagrees",
    }


def test_members_options_after_the_command_and_from_the_environment(
    small_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEMBER_REACH_DB", str(small_db))
    monkeypatch.setenv("MEMBER_REACH_TODAY", "2027-02-15")
    assert main(["members", "--json", "--status", "grace"]) == 0
    assert [m["last_name"] for m in last_json(capsys.readouterr().out)["members"]] == ["Lovelace"]  # type: ignore[index, union-attr]


def test_members_all_adds_contacts(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(small_db), "--json", "members", "--all", "--today", "2026-11-23"]) == 0
    names = [m["last_name"] for m in last_json(capsys.readouterr().out)["members"]]  # type: ignore[union-attr]
    assert "Lamarr" in names and len(names) == 4


def test_members_text_table(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(small_db), "--today", "2026-11-23", "members", "--search", "ada"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["ID", "External", "ID"]
    assert "Ada Lovelace" in lines[1] and "ada@example.org" in lines[1] and "current" in lines[1]
    assert lines[-1] == "1 person"


def test_default_database_is_created_in_the_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    path = default_database_path()
    assert not path.exists()
    assert main(["--json", "db", "upgrade"]) == 0
    assert path.is_file()
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])  # never the user's real folder
    assert last_json(capsys.readouterr().out)["created"] is True


def test_db_upgrade_reports_up_to_date(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(small_db), "db", "upgrade"]) == 0
    assert f"is up to date (schema {head_revision()})" in capsys.readouterr().out


def test_db_backup(small_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "backup.sqlite3"
    assert main(["--db", str(small_db), "--json", "db", "backup", str(out)]) == 0
    assert last_json(capsys.readouterr().out)["file"] == str(out)
    assert main(["--db", str(out), "--json", "members", "--today", "2026-11-23"]) == 0
    assert len(last_json(capsys.readouterr().out)["members"]) == 3  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "argv",
    [
        ["members", "--status", "bogus"],
        ["db"],
        ["frobnicate"],
        ["--today", "31/12/2026", "members"],
        ["--demo", "members"],
    ],
)
def test_wrong_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def _assert_user_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "members.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    _assert_user_error(run_cli("--db", str(bad), "members"), "is not a member_reach database")
    assert bad.read_bytes() == b"PK\x03\x04 not a database"


def test_a_database_from_a_newer_release(small_db: Path) -> None:
    db = open_database(small_db)
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num='9999_future'"))
    db.close()
    before = small_db.read_bytes()
    _assert_user_error(
        run_cli("--db", str(small_db), "db", "upgrade"), "newer release of member_reach"
    )
    assert small_db.read_bytes() == before


def test_an_unreachable_postgresql_server() -> None:
    result = run_cli("--db", "postgresql://u:hunter2@127.0.0.1:9/assoc", "members")
    _assert_user_error(result, "Cannot use PostgreSQL assoc on 127.0.0.1:9")
    assert "hunter2" not in result.stderr


def test_a_missing_named_database_is_not_created(tmp_path: Path) -> None:
    _assert_user_error(run_cli("--db", str(tmp_path / "typo.sqlite3"), "members"), "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_today_in_the_environment() -> None:
    _assert_user_error(
        run_cli("members", env={"MEMBER_REACH_TODAY": "soon"}), "MEMBER_REACH_TODAY='soon'"
    )


@contextlib.contextmanager
def read_only_folder(path: Path) -> Iterator[Path]:
    """A folder nobody may write to, root included: a read-only mount when running as root."""
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(
            f"cannot make a read-only folder as root here: {mounted.stderr.decode().strip()}"
        )
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_a_read_only_folder(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "locked") as folder:
        _assert_user_error(
            run_cli("--db", str(folder / "m.sqlite3"), "db", "upgrade"), "is read-only"
        )
        assert list(folder.iterdir()) == []


def test_json_output_is_the_last_line_and_db_is_shared(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same commands work on PostgreSQL through a URL."""
    with db.session() as s:
        s.add(
            Person(
                first_name="Mary",
                last_name="Somerville",
                membership=Membership(term_end=dt.date(2027, 5, 1)),
            )
        )
    url = db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "--json", "--today", "2026-11-23", "members"]) == 0
    assert [m["last_name"] for m in last_json(capsys.readouterr().out)["members"]] == ["Somerville"]  # type: ignore[union-attr]


def test_demo_never_writes_to_the_database_named_in_the_environment(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import member_reach.app

    seen: list[tuple[str | None, bool]] = []
    monkeypatch.setattr(
        member_reach.app, "run_gui", lambda target, *, today, demo: seen.append((target, demo)) or 0
    )
    monkeypatch.setenv("MEMBER_REACH_DB", str(small_db))
    assert main(["--demo"]) == 0
    assert main([]) == 0
    assert seen == [(None, True), (str(small_db), False)]
