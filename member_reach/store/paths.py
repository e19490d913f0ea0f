"""Where member_reach keeps its files by default (platformdirs; never hard-coded)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from member_reach import APP_NAME

DEFAULT_DB_NAME = "member_reach.sqlite3"


def data_dir() -> Path:
    """The user's data folder for member_reach (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's configuration folder for member_reach (not created here)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The SQLite file used when neither ``--db`` nor ``MEMBER_REACH_DB`` names one."""
    return data_dir() / DEFAULT_DB_NAME


def demo_dir() -> Path:
    """The folder where ``--demo`` writes its fresh databases."""
    return data_dir() / "demo"
