"""The log file: rotating in the data folder, UTF-8, and never a password or a member's data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from member_reach.services.common import logs
from member_reach.services.common.logs import (
    BACKUPS,
    MAX_BYTES,
    current_log,
    redact,
    start_logging,
    stop_logging,
)
from member_reach.store.paths import data_dir


@pytest.fixture
def logged() -> Iterator[Path]:
    path = start_logging()
    assert path is not None
    yield path
    stop_logging()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_log_is_in_the_data_folder(logged: Path) -> None:
    assert logged == data_dir() / "logs" / "member_reach.log"
    assert current_log() == logged
    logging.getLogger("member_reach.ui.core.tasks").error("background job failed: %s", "KeyError")
    assert "ERROR member_reach.ui.core.tasks: background job failed: KeyError" in _text(logged)


def test_it_is_utf8(logged: Path) -> None:
    logging.getLogger("member_reach.store").warning("folder %s refused", "Zoë Müller/会員")
    assert "Zoë Müller/会員" in logged.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("line", "secret", "kept"),
    [
        (
            "cannot connect to postgresql+psycopg://dir:Hunter2!@db.office:5432/members",
            "Hunter2",
            "db.office:5432",
        ),
        (
            "connect postgresql://maya:s%40fe@10.0.0.4/members refused",
            "s%40fe",
            "postgresql://maya:<password>@",
        ),
        ("keyring said password=Tr0ub4dor&3 for maya", "Tr0ub4dor", "for maya"),
        ("row: Ada Lovelace, ada.lovelace@example.org", "example.org", "<e-mail>"),
        ("phone +1 (646) 555-0100 is not valid", "555-0100", "<phone>"),
        ("phone 06 12 34 56 78 rejected", "12 34 56", "<phone>"),
        ("phone 020.7946.0018 rejected", "7946", "<phone>"),
        ("row 12 of 100000 at 2026-11-23 09:15:00 in 0.35 s", "", "2026-11-23 09:15:00"),
    ],
)
def test_redaction_blanks_secrets_and_keeps_the_rest(line: str, secret: str, kept: str) -> None:
    out = redact(line)
    if secret:
        assert secret not in out
    assert kept in out


def test_the_filter_reaches_arguments_and_tracebacks(logged: Path) -> None:
    log = logging.getLogger("member_reach.services.imports")
    log.warning("row from %s refused", "grace@navy.mil +1 212 555 0199")
    try:
        raise ValueError("postgresql://maya:Hunter2@db/members grace@navy.mil")
    except ValueError:
        log.exception("import failed")
    text = _text(logged)
    for secret in ("grace@navy.mil", "555 0199", "Hunter2"):
        assert secret not in text
    assert "Traceback" in text and "ValueError" in text and "import failed" in text


def test_nothing_goes_to_the_terminal(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logging.getLogger("member_reach.cli").error("only in the file")
    captured = capsys.readouterr()
    assert "only in the file" not in captured.err + captured.out
    assert "only in the file" in _text(logged)


def test_it_rotates_within_a_few_megabytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)  # the same rotation, in a small size
    path = start_logging(tmp_path)
    assert path is not None
    try:
        for number in range(400):
            logging.getLogger("member_reach.x").info("line %d %s", number, "x" * 40)
    finally:
        stop_logging()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["member_reach.log", *(f"member_reach.log.{n}" for n in range(1, BACKUPS + 1))]
    assert all(p.stat().st_size <= 2_000 + 200 for p in tmp_path.iterdir())
    assert MAX_BYTES * (BACKUPS + 1) <= 5_000_000


def test_starting_again_replaces_the_handler(tmp_path: Path) -> None:
    start_logging(tmp_path / "a")
    second = start_logging(tmp_path / "b")
    try:
        logging.getLogger("member_reach").error("once")
    finally:
        stop_logging()
    assert second is not None and "once" in _text(second)
    assert not (tmp_path / "a" / "member_reach.log").exists()  # the first one never wrote
    assert current_log() is None


def test_a_folder_that_cannot_be_made_leaves_no_log(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert start_logging(blocker / "logs") is None
    assert current_log() is None
