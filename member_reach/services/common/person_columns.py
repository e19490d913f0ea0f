"""A person's first e-mail, phone and member id as columns of a query about people.

Each is a correlated subquery on ``Person``: add it to any statement that selects from (or joins)
``person`` to get one value per person, the primary one first, without a row per address.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, func, select

from member_reach.store.models import EmailAddress, ExternalId, Person, PhoneNumber


def first_of(value: Any, owner: Any, *order: Any) -> ScalarSelect[str]:
    """The person's first ``value`` of a one-to-many table, in ``order``."""
    return (
        select(value)
        .where(owner == Person.id)
        .order_by(*order)
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def primary_email() -> ScalarSelect[str]:
    """The person's primary e-mail address (else the first)."""
    return first_of(
        EmailAddress.address,
        EmailAddress.person_id,
        EmailAddress.is_primary.desc(),
        EmailAddress.id,
    )


def primary_phone() -> ScalarSelect[str]:
    """The person's primary phone in E.164 (else the text as received)."""
    return first_of(
        func.coalesce(PhoneNumber.e164, PhoneNumber.original),
        PhoneNumber.person_id,
        PhoneNumber.is_primary.desc(),
        PhoneNumber.id,
    )


def first_external_id() -> ScalarSelect[str]:
    """The person's first id in the association's own system (the member id)."""
    return first_of(ExternalId.value, ExternalId.person_id, ExternalId.id)
