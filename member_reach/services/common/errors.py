"""Errors the services report to people: ``str()`` is one line saying what to do."""

from __future__ import annotations

from member_reach.domain.remedies import Remedy


class ServiceError(Exception):
    """A request that cannot be carried out as asked; nothing was changed.

    The message is in the words of whoever reads it, the GUI's users first: never command-line
    syntax. ``remedy``, when the message asks for something an interface offers its own way
    (a password, a sheet, a campaign's number), names it, so the command line can add its option.
    """

    def __init__(self, message: str, *, remedy: Remedy | None = None) -> None:
        super().__init__(message)
        self.remedy = remedy
