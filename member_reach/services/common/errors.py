"""Errors the services report to people: ``str()`` is one line saying what to do."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out as asked; nothing was changed."""


class Cancelled(ServiceError):
    """The person cancelled a long job; nothing was changed."""

    def __init__(self, what: str = "The import was cancelled; nothing was changed.") -> None:
        super().__init__(what)
