"""The window's own settings (geometry, splitter, last page): declared once, with defaults.

They live in the :class:`QSettings` the app hands the window (an INI file in the user's config
folder; tests give each their own). Association-wide settings live in the database instead
(domain.settings_registry). ``settings/version`` lets a later release upgrade what an older
one wrote, step by step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from member_reach.services.common.account import full_name

SETTINGS_VERSION = 1
_VERSION_KEY = "settings/version"


@dataclass(frozen=True)
class WindowSetting:
    """One declared setting: its key, type and default."""

    key: str
    kind: type
    default: Any
    description: str


GEOMETRY = WindowSetting(
    "window/geometry", QByteArray, QByteArray(), "Main window size and position."
)
SPLITTER = WindowSetting(
    "window/splitter", QByteArray, QByteArray(), "Width of the navigation beside the pages."
)
PAGE = WindowSetting("window/page", str, "dashboard", "The page shown when the window opens.")
DATABASE_KIND = WindowSetting(
    "database/kind", str, "default", "The database to start on: default, file or postgresql."
)
DATABASE_LOCATION = WindowSetting(
    "database/location", str, "", "Its file or PostgreSQL URL (never with a password)."
)
MEMBERS_HEADER = WindowSetting(
    "members/header", QByteArray, QByteArray(), "Members list: columns shown, order, widths."
)
MEMBERS_SPLITTER = WindowSetting(
    "members/splitter", QByteArray, QByteArray(), "Members list beside the member card."
)
USER_NAME = WindowSetting(
    "user/name", str, "", "Your name, recorded with the changes you make and the calls you log."
)
PARTNER_NAME = WindowSetting(
    "exchange/partner", str, "", "The call partner the last partner export went to."
)
WINDOW_SETTINGS: dict[str, WindowSetting] = {
    s.key: s
    for s in (
        GEOMETRY,
        SPLITTER,
        PAGE,
        DATABASE_KIND,
        DATABASE_LOCATION,
        MEMBERS_HEADER,
        MEMBERS_SPLITTER,
        USER_NAME,
        PARTNER_NAME,
    )
}


def user_name(settings: QSettings) -> str:
    """The name changes are recorded under: the one set in Settings, else the account's full name.

    The account's full name (not its login) is what reports and the member card show.
    """
    name = str(read(settings, USER_NAME)).strip()
    return name or full_name() or "member_reach user"


# Upgrade steps: version -> function turning that version's settings into the next one's.
_UPGRADES: dict[int, Any] = {}


def read(settings: QSettings, setting: WindowSetting) -> Any:
    """Return the stored value of ``setting``, or its default when missing or unreadable."""
    if not settings.contains(setting.key):
        return setting.default
    try:
        value = settings.value(setting.key, setting.default, type=setting.kind)
    except (TypeError, ValueError, RuntimeError):
        return setting.default
    return value if isinstance(value, setting.kind) else setting.default


def write(settings: QSettings, setting: WindowSetting, value: Any) -> None:
    """Store ``value`` for ``setting``."""
    if not isinstance(value, setting.kind):
        raise TypeError(f"{setting.key} takes a {setting.kind.__name__}, not {value!r}")
    settings.setValue(setting.key, value)


def upgrade(settings: QSettings) -> None:
    """Bring settings written by an older release to this release's version."""
    try:
        version = int(str(settings.value(_VERSION_KEY, 0)))
    except ValueError:
        version = 0
    while version < SETTINGS_VERSION:
        step = _UPGRADES.get(version)
        if step is not None:
            step(settings)
        version += 1
    settings.setValue(_VERSION_KEY, SETTINGS_VERSION)
