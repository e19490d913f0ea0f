"""Errors the services report to people: ``str()`` is one line saying what to do."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out as asked; nothing was changed."""
