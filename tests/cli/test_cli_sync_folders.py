"""A database in a OneDrive, Dropbox, Google Drive or iCloud folder: a line of warning on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from member_reach.__main__ import main


@pytest.mark.parametrize(
    ("folder", "tool"),
    [
        ("OneDrive - Contoso/Members", "OneDrive"),
        ("Dropbox", "Dropbox"),
        ("Google Drive/Association", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ],
)
def test_a_database_in_a_synced_folder_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str, tool: str
) -> None:
    where = tmp_path / folder
    where.mkdir(parents=True)
    database = where / "assoc.sqlite3"
    assert main(["--db", str(database), "db", "upgrade"]) == 0
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if "warning" in line]
    assert warning == [
        f"member-reach: warning: {database} is in a folder synced by {tool}, which can damage a "
        "database while it is open. Keep it in a local folder, and put copies in the synced "
        "folder with 'db backup OUT'."
    ]
    # A backup written there is a file written once: no warning for it, only for the database.
    assert main(["--db", str(database), "db", "backup", str(where / "copy.sqlite3")]) == 0
    assert capsys.readouterr().err.count("warning") == 1


def test_a_link_into_dropbox_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Dropbox").mkdir()
    link = tmp_path / "Association"
    link.symlink_to(tmp_path / "Dropbox", target_is_directory=True)
    assert main(["--db", str(link / "assoc.sqlite3"), "db", "upgrade"]) == 0
    assert "synced by Dropbox" in capsys.readouterr().err


def test_a_local_database_has_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Documents").mkdir()
    assert main(["--db", str(tmp_path / "Documents" / "assoc.sqlite3"), "db", "upgrade"]) == 0
    assert "warning" not in capsys.readouterr().err
