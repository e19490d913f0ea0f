"""The most characters each text of a roster row can hold, read from the store's models."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy.orm.attributes import InstrumentedAttribute

from member_reach.domain.roster_rows import RosterRecord
from member_reach.store.limits import text_limit
from member_reach.store.models import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

_OTHER_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
    "external_id": ExternalId.value,
    "membership_type": MembershipType.name,
    "roster_status": Membership.roster_status,
    "phone": PhoneNumber.original,
    "email": EmailAddress.address,
}


@cache
def record_limits() -> dict[str, int]:
    """Attribute of a :class:`RosterRecord` (and "phone", "email") → the most characters."""
    limits: dict[str, int] = {}
    for name in RosterRecord.__dataclass_fields__:
        attribute = getattr(Person, name, None)
        if isinstance(attribute, InstrumentedAttribute) and (limit := text_limit(attribute)):
            limits[name] = limit
    limits["display_name"] = text_limit(Person.display_name) or 0
    for name, column in _OTHER_COLUMNS.items():
        if (limit := text_limit(column)) is not None:
            limits[name] = limit
    return limits
