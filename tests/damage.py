"""Damaging an SQLite file the way a disk or a crash does: one page overwritten."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_page_of(path: Path, table_or_index: str) -> None:
    """Overwrite the root page of ``table_or_index`` in the SQLite file ``path`` with 0xFF."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table_or_index,)
        ).fetchone()[0]
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek(size * (root - 1))
        handle.write(b"\xff" * size)
