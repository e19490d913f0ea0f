"""``export partner --to NAME [--count N]`` and ``calls release --from NAME``: the calls given to
a partner and brought back, on the command line (JSON, exit codes, one-line errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from member_reach.sheets.crypto import decrypt

from .test_cli_campaign import demo, demo_file, run  # noqa: F401 - the fixtures


def test_a_partner_is_given_calls_and_gives_them_back(
    demo: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, made, _ = run(
        demo, "campaign", "renewal", "--from", "2026-12-01", "--to", "2026-12-31",
        "--capacity", "12", capsys=capsys,
    )  # fmt: skip
    name = made["name"]
    status, _, err = run(demo, "calls", "reserve", name, "Jo", "--count", "2", capsys=capsys)
    assert status == 0
    out = tmp_path / "acme.xlsx"
    status, given, _ = run(
        demo, "export", "partner", name, str(out), "--to", "Acme  Calls", "--count", "5",
        "--password", "Renew-2026!", "--previous-notes", capsys=capsys,
    )  # fmt: skip
    assert status == 0 and given["rows"] == 5 and given["partner"] == "Acme Calls"
    assert given["left_out"] == {"held": 2}
    headings = [c.value for c in load_workbook(decrypt(out, "Renew-2026!"))["Calls"][1]]
    assert "Previous call notes" in headings
    status, shown, _ = run(demo, "campaign", "show", name, capsys=capsys)
    with_acme = [t["ref"] for t in shown["tasks"] if t["with_partner"]]
    assert len(with_acme) == 5
    assert {t["assignee"] for t in shown["tasks"] if t["with_partner"]} == {"Acme Calls"}
    status, rest, _ = run(demo, "export", "partner", name, str(tmp_path / "p.xlsx"), capsys=capsys)
    assert status == 0 and rest["rows"] == 12 - 5  # the held calls go, the partner's do not
    status, _, err = run(
        demo, "export", "partner", name, str(tmp_path / "x.xlsx"), "--count", "3", capsys=capsys
    )
    assert status == 1 and "--count goes with --to" in err and err.count("\n") == 1
    status, _, err = run(
        demo, "export", "partner", name, str(tmp_path / "y.xlsx"), "--password", "", capsys=capsys
    )
    assert status == 1 and "empty password" in err and not (tmp_path / "y.xlsx").exists()
    status, _, err = run(
        demo, "calls", "release", name, "C9-99999", "--from", "Acme Calls", capsys=capsys
    )
    assert status == 1 and "nothing was released" in err
    status, back, _ = run(demo, "calls", "release", name, "--from", "Acme Calls", capsys=capsys)
    assert status == 0 and sorted(back["tasks"]) == sorted(with_acme)
    status, shown, _ = run(demo, "campaign", "show", name, capsys=capsys)
    assert not any(t["with_partner"] or t["assignee"] for t in shown["tasks"])
