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
