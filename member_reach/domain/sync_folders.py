"""Folders a sync tool keeps in the cloud: no place for a database that is open.

OneDrive, Dropbox, Google Drive and iCloud Drive copy a file while it changes and may put back
an older copy or a "conflicted copy" beside it: an SQLite database open in member_reach (its
``-wal`` file beside it) can come out damaged. The app warns when its database is in such a
folder; a backup (a file written once) is safe there.
"""

from __future__ import annotations

from pathlib import PurePath

#: Folder names a sync tool gives, in lower case, and the tool's name.
_NAMED = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
}
#: How a folder's name begins when the tool adds to it ("OneDrive - Contoso",
#: "Dropbox (Personal)", macOS's "GoogleDrive-ada@example.org").
_PREFIXES = (
    ("onedrive -", "OneDrive"),
    ("onedrive-", "OneDrive"),
    ("dropbox (", "Dropbox"),
    ("dropbox-", "Dropbox"),
    ("googledrive-", "Google Drive"),
)


def _tool_of(name: str) -> str | None:
    lowered = name.casefold().strip()
    if lowered in _NAMED:
        return _NAMED[lowered]
    return next((tool for prefix, tool in _PREFIXES if lowered.startswith(prefix)), None)


def sync_tool(path: PurePath | str) -> str | None:
    """The sync tool whose folder holds ``path`` ("OneDrive", "Dropbox"…), or None.

    Recognised: a folder named as the tools name theirs, on Windows, macOS and Linux;
    iCloud Drive's ``Library/Mobile Documents``; and any provider under macOS's
    ``Library/CloudStorage`` ("a cloud service" when the provider is not known).
    """
    parts = PurePath(path).parts
    for index, part in enumerate(parts[:-1] if len(parts) > 1 else parts):
        tool = _tool_of(part)
        if tool is not None:
            return tool
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if part.casefold() == "library" and following.casefold() == "mobile documents":
            return "iCloud Drive"
        if part.casefold() == "library" and following.casefold() == "cloudstorage":
            provider = parts[index + 2] if index + 2 < len(parts) - 1 else ""
            return _tool_of(provider) or "a cloud service"
    return None


def database_sync_tool(path: PurePath | str, resolved: PurePath | str | None = None) -> str | None:
    """The sync tool of a database file's folder, looking through links (``resolved``) too."""
    return sync_tool(path) or (sync_tool(resolved) if resolved is not None else None)
