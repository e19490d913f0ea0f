"""Errors the store reports to people: each carries a one-line message saying what to do."""


class StoreError(Exception):
    """A database could not be opened, created, upgraded or backed up; ``str()`` says why."""


class NewerSchemaError(StoreError):
    """The database was written by a newer release of member_reach."""
