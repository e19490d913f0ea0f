"""Which folders a sync tool keeps: by the names the tools give them, on every system."""

from __future__ import annotations

import pytest

from member_reach.domain.sync_folders import database_sync_tool, sync_tool


@pytest.mark.parametrize(
    ("path", "tool"),
    [
        (r"C:\Users\Zoë\OneDrive\Documents\member_reach.sqlite3", "OneDrive"),
        (r"C:\Users\zoe\OneDrive - Contoso Association\Members\assoc.sqlite3", "OneDrive"),
        ("/Users/zoe/Library/CloudStorage/OneDrive-Personal/assoc.sqlite3", "OneDrive"),
        ("/home/zoe/Dropbox/assoc.sqlite3", "Dropbox"),
        (r"D:\Dropbox (Personal)\assoc.sqlite3", "Dropbox"),
        ("/Users/zoe/Library/CloudStorage/Dropbox/assoc.sqlite3", "Dropbox"),
        (r"G:\My Drive\assoc.sqlite3", "Google Drive"),
        ("/Users/zoe/Google Drive/assoc.sqlite3", "Google Drive"),
        (
            "/Users/zoe/Library/CloudStorage/GoogleDrive-zoe@example.org/My Drive/a.sqlite3",
            "Google Drive",
        ),
        ("/Users/zoe/Library/Mobile Documents/com~apple~CloudDocs/assoc.sqlite3", "iCloud Drive"),
        (r"C:\Users\zoe\iCloudDrive\assoc.sqlite3", "iCloud Drive"),
        ("/Users/zoe/Library/CloudStorage/Box-Box/assoc.sqlite3", "a cloud service"),
        ("/Users/zoe/library/mobile documents/x/assoc.sqlite3", "iCloud Drive"),
    ],
)
def test_synced_folders_are_named(path: str, tool: str) -> None:
    assert sync_tool(path.replace("\\", "/")) == tool


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\zoe\AppData\Local\member_reach\member_reach.sqlite3",
        "/home/zoe/.local/share/member_reach/member_reach.sqlite3",
        "/home/zoe/Documents/OneDrive.sqlite3",  # a file so named is not in a synced folder
        "/home/zoe/onedrive-notes.sqlite3",
        "/home/zoe/Documents/Dropboxes/assoc.sqlite3",
        "/Users/zoe/Library/Application Support/member_reach/member_reach.sqlite3",
        "assoc.sqlite3",
    ],
)
def test_local_folders_are_not(path: str) -> None:
    assert sync_tool(path.replace("\\", "/")) is None


def test_a_link_into_a_synced_folder_counts() -> None:
    assert (
        database_sync_tool("/home/zoe/assoc.sqlite3", "/home/zoe/Dropbox/assoc.sqlite3")
        == "Dropbox"
    )
    assert database_sync_tool("/home/zoe/assoc.sqlite3", "/home/zoe/assoc.sqlite3") is None
    assert database_sync_tool("/home/zoe/OneDrive/assoc.sqlite3") == "OneDrive"
