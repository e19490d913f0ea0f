"""Whether a database is new: nobody in it and no campaign yet (the window then welcomes).

Two existence checks, each stopping at the first row: cheap on a roster of any size, on SQLite
and on PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.store.models import Campaign, Person


def holds_nothing(session: Session) -> bool:
    """Whether the database holds no person and no campaign (a new, empty database)."""
    found = session.execute(select(select(Person.id).exists(), select(Campaign.id).exists()))
    return not any(found.one())
