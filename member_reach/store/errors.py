"""Errors the store reports to people: each carries a one-line message saying what to do."""

from __future__ import annotations

from member_reach.domain.remedies import Remedy


class StoreError(Exception):
    """A database could not be opened, created, upgraded or backed up; ``str()`` says why.

    ``remedy`` names what the message asks, when the command line adds its own hint for it.
    """

    def __init__(self, message: str, *, remedy: Remedy | None = None) -> None:
        super().__init__(message)
        self.remedy = remedy


class NewerSchemaError(StoreError):
    """The database was written by a newer release of member_reach."""


class OlderSchemaError(StoreError):
    """The database was opened without upgrading it, and its schema is older than this release's."""

    def __init__(self, message: str) -> None:
        super().__init__(message, remedy=Remedy.UPGRADE_DATABASE)


def without_rows(exc: BaseException) -> str:
    """One line naming an error without the data it may carry (members' rows, under GDPR).

    A database's error keeps only its first line: PostgreSQL's ``DETAIL:`` line (``Key
    (email)=(…) already exists``) and SQLAlchemy's statement and parameters go. Parameters are
    also hidden by the engine (``hide_parameters``); this covers what the server itself says.
    """
    orig = getattr(exc, "orig", None)
    source = orig if isinstance(orig, BaseException) else exc
    lines = str(source).strip().splitlines()
    first = lines[0].strip() if lines else ""
    return f"{type(source).__name__}: {first}" if first else type(source).__name__
