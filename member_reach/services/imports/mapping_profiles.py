"""Saved column mappings: found again next month by the fingerprint of a file's column names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.column_guesses import ColumnGuess, Confidence
from member_reach.domain.dates import DATE_ORDERS, DateOrder
from member_reach.domain.mapping import ColumnMapping, header_fingerprint
from member_reach.store.models import MappingProfile
from member_reach.store.models.base import utcnow


@dataclass(frozen=True)
class ChosenMapping:
    """The mapping an import uses, and where it came from.

    Attributes:
        mapping: the columns' fields.
        profile: the saved profile applied, or "" when the mapping was guessed.
        date_order: the date order saved with the profile, or None.
        guesses: each column's guess, with its evidence and confidence: the mapping's columns,
            and the proposals of low confidence not taken (see :attr:`to_confirm`).
    """

    mapping: ColumnMapping
    profile: str = ""
    date_order: DateOrder | None = None
    guesses: Mapping[int, ColumnGuess] = field(default_factory=dict)

    @property
    def to_confirm(self) -> dict[int, ColumnGuess]:
        """The proposals a person has to confirm (not taken), by 0-based column."""
        taken = self.mapping.columns
        return {i: g for i, g in self.guesses.items() if g.to_confirm and i not in taken}


def _order(text: str) -> DateOrder | None:
    for order in DATE_ORDERS:
        if order == text:
            return order
    return None


def find_profile(
    session: Session, header: Sequence[str], name: str | None = None
) -> MappingProfile | None:
    """The profile named ``name``, else the newest whose fingerprint matches ``header``."""
    if name:
        return session.scalar(select(MappingProfile).where(MappingProfile.name == name))
    return session.scalar(
        select(MappingProfile)
        .where(MappingProfile.header_fingerprint == header_fingerprint(header))
        .order_by(MappingProfile.updated_at.desc(), MappingProfile.id.desc())
        .limit(1)
    )


def apply_profile(profile: MappingProfile, header: Sequence[str]) -> ChosenMapping:
    """The mapping a saved profile gives a file's header (columns matched by name).

    A saved mapping was the person's (or taken by them before): its columns are sure.
    """
    mapping = ColumnMapping.from_json(profile.mapping, header)
    said = f"saved mapping '{profile.name}'"
    guesses = {i: ColumnGuess(f, Confidence.HIGH, said) for i, f in mapping.columns.items()}
    return ChosenMapping(mapping, profile.name, _order(profile.date_order), guesses)


def save_profile(
    session: Session,
    name: str,
    header: Sequence[str],
    mapping: ColumnMapping,
    date_order: DateOrder | None,
) -> MappingProfile:
    """Create or update the profile ``name`` with this file's mapping.

    A date order is saved only when the person gave one; otherwise the saved one is kept.
    """
    profile = session.scalar(select(MappingProfile).where(MappingProfile.name == name))
    if profile is None:
        profile = MappingProfile(name=name, date_order="")
        session.add(profile)
    profile.header_fingerprint = header_fingerprint(header)
    profile.mapping = mapping.to_json(header)
    if date_order is not None:
        profile.date_order = date_order
    profile.updated_at = utcnow()
    return profile


def profile_names(session: Session) -> list[str]:
    """The names of the saved mappings, in order."""
    return list(session.scalars(select(MappingProfile.name).order_by(MappingProfile.name)))


def unused_profile_name(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``wanted (3)``... whichever no profile has yet."""
    taken = set(session.scalars(select(MappingProfile.name)))
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted} ({number})" in taken:
        number += 1
    return f"{wanted} ({number})"
