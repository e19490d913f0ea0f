"""The command line's last resort: one line naming the log, where the stack is kept (no data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from member_reach.__main__ import main
from member_reach.services.common.logs import log_path

SECRET = "Ada Lovelace, ada@example.org, +44 20 7946 0018"


def test_an_unforeseen_error_is_logged_with_its_place_not_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from member_reach.cli import campaigns

    def broken_lookup(*_args: object, **_kwargs: object) -> None:
        raise KeyError(SECRET)

    monkeypatch.setattr(campaigns, "find_campaign", broken_lookup)
    database = tmp_path / "assoc.sqlite3"
    assert main(["--db", str(database), "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--db", str(database), "campaign", "show", "Winter"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"the details are in {log_path()}" in err
    logged = log_path().read_text(encoding="utf-8")
    assert "unexpected error in campaign show" in logged
    assert "in broken_lookup" in logged and "KeyError" in logged
    for word in ("Ada", "example.org", "7946"):
        assert word not in logged and word not in err
