"""Which database the app works on: the default file, another file, or a PostgreSQL server.

The choice is kept without any password; a PostgreSQL password lives in the system's password
store (Windows Credential Manager, macOS Keychain, Secret Service on Linux) through ``keyring``,
never in plain settings. On a machine without a password store the password is not kept and
is asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import URL

from member_reach.services.common.errors import ServiceError
from member_reach.store.database import Database, describe, open_database, to_url
from member_reach.store.errors import OlderSchemaError, StoreError
from member_reach.store.paths import default_database_path

Kind = Literal["default", "file", "postgresql"]
KEYRING_SERVICE = "member_reach"


@dataclass(frozen=True)
class DatabaseChoice:
    """A database to work on.

    Attributes:
        kind: the default file in the user's data folder, another SQLite file, or PostgreSQL.
        location: the file's path, or the PostgreSQL URL without its password.
    """

    kind: Kind = "default"
    location: str = ""

    def url(self, password: str | None = None) -> URL:
        """The database's URL, with ``password`` for PostgreSQL.

        Raises:
            ServiceError: the location is missing or is not a file path or PostgreSQL URL.
        """
        if self.kind == "default":
            return to_url(default_database_path())
        if not self.location.strip():
            what = "file" if self.kind == "file" else "PostgreSQL URL"
            raise ServiceError(f"Give the database {what}.")
        try:
            url = to_url(self.location)
        except StoreError as exc:
            raise ServiceError(str(exc), remedy=exc.remedy) from None
        wanted = "sqlite" if self.kind == "file" else "postgresql"
        if url.get_backend_name() != wanted:
            raise ServiceError(
                "Give a file path, not a URL."
                if self.kind == "file"
                else "Give a URL such as postgresql://user@server/members."
            )
        return url.set(password=password) if password and self.kind == "postgresql" else url

    def label(self) -> str:
        """The database, safe to show."""
        try:
            return describe(self.url())
        except ServiceError:
            return self.location


def choice_from(kind: Kind, location: str) -> tuple[DatabaseChoice, str | None]:
    """A choice as typed, and the password a typed PostgreSQL URL carried (taken out of it)."""
    choice = DatabaseChoice(kind, location.strip())
    if kind != "postgresql" or "://" not in location:
        return choice, None
    url = choice.url()
    password = url.password
    if password is None:
        return choice, None
    bare = url._replace(password=None).render_as_string(hide_password=False)
    return DatabaseChoice(kind, bare.replace("postgresql+psycopg://", "postgresql://", 1)), str(
        password
    )


def _account(choice: DatabaseChoice) -> str:
    url = choice.url()
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def stored_password(choice: DatabaseChoice) -> str | None:
    """The password kept for a PostgreSQL choice, or None (none kept, or no password store)."""
    if choice.kind != "postgresql":
        return None
    import keyring  # its backends load at first use, off the start-up of a SQLite database
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(choice))
    except keyring.errors.KeyringError:
        return None


def store_password(choice: DatabaseChoice, password: str) -> None:
    """Keep a PostgreSQL password in the system's password store.

    Raises:
        ServiceError: there is no password store (the password is then asked each time).
    """
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, _account(choice), password)
    except keyring.errors.KeyringError:
        raise ServiceError(
            "This computer has no password store, so the password was not kept: you will be "
            "asked for it when member_reach starts."
        ) from None


def check_connection(choice: DatabaseChoice, password: str | None) -> str:
    """Try the database without changing it; say what was found.

    Raises:
        ServiceError: it cannot be reached or used; the message says what to check.
    """
    url = choice.url(password)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return f"{describe(url)} does not exist yet: it will be created."
    try:
        database = open_database(url, create=False, upgrade=False)
    except OlderSchemaError:
        return f"Connected to {describe(url)}: its tables will be set up when you switch to it."
    except StoreError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None
    database.close()
    return f"Connected to {describe(url)}."


def open_choice(choice: DatabaseChoice, password: str | None) -> Database:
    """Open (creating and setting up if need be) the chosen database.

    Raises:
        ServiceError: it cannot be opened; the message says what to do.
    """
    url = choice.url(password)
    if url.get_backend_name() == "sqlite":
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
    try:
        return open_database(url)
    except StoreError as exc:
        raise ServiceError(str(exc), remedy=exc.remedy) from None


__all__ = [
    "DatabaseChoice",
    "check_connection",
    "choice_from",
    "open_choice",
    "store_password",
    "stored_password",
]
