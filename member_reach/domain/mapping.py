"""Column mappings: which column of a file feeds which roster field, found and checked."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from member_reach.domain.column_guesses import guess_mapping
from member_reach.domain.columns import LABELS, Field, column_title, normalise_header

_IDENTIFYING = (
    Field.EXTERNAL_ID,
    Field.EMAIL,
    Field.FULL_NAME,
    Field.FIRST_NAME,
    Field.LAST_NAME,
    Field.ORGANISATION,
)


class MappingError(ValueError):
    """A mapping that cannot import anything; ``str()`` says what to do."""


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based index) holds which field; unmapped columns are ignored."""

    columns: Mapping[int, Field] = field(default_factory=dict)

    def index_of(self, wanted: Field) -> int | None:
        """The column holding ``wanted``, or None."""
        for index, mapped in self.columns.items():
            if mapped is wanted:
                return index
        return None

    def fields(self) -> set[Field]:
        """Every field some column feeds."""
        return set(self.columns.values())

    def to_json(self, header: Sequence[str]) -> dict[str, str]:
        """The mapping by column name, as a mapping profile stores it."""
        return {header[i]: f.value for i, f in sorted(self.columns.items()) if i < len(header)}

    @classmethod
    def from_json(cls, data: Mapping[str, str], header: Sequence[str]) -> ColumnMapping:
        """Rebuild a stored mapping against a file's header (columns matched by name)."""
        positions = {normalise_header(h): i for i, h in enumerate(header) if h}
        columns: dict[int, Field] = {}
        for name, value in data.items():
            index = positions.get(normalise_header(name))
            if index is not None and value in Field._value2member_map_:
                columns[index] = Field(value)
        return cls(columns)


def auto_map(header: Sequence[str], rows: Sequence[Sequence[object]] = ()) -> ColumnMapping:
    """Guess a mapping from column names (and the first rows' values, when given).

    Each field is fed by one column at most; only the guesses sure enough to take without asking
    are in it (see :func:`~member_reach.domain.column_guesses.guess_mapping`).
    """
    return ColumnMapping(guess_mapping(header, rows).columns)


def check_mapping(mapping: ColumnMapping, header: Sequence[str]) -> None:
    """Refuse a mapping that cannot identify anybody.

    Raises:
        MappingError: no column holds a name, an organisation, a member id or an e-mail.
    """
    if not mapping.fields() & set(_IDENTIFYING):
        shown = ", ".join(f"'{h}'" for h in header if h) or "none"
        raise MappingError(
            f"no column holds a name, organisation, member id or e-mail (columns found: {shown})"
        )


def header_fingerprint(header: Sequence[str]) -> str:
    """A stable key of a file's column names, to find its saved mapping next month."""
    names = "\x1f".join(normalise_header(h) for h in header if h)
    return hashlib.sha256(names.encode()).hexdigest()


def describe_mapping(mapping: ColumnMapping, header: Sequence[str]) -> list[str]:
    """One line per mapped column, for reports: ``"'Paid Thru' → Expiry"``.

    A column without a name is named by its letter: ``"'column C' → E-mail"``.
    """
    return [
        f"'{column_title(header, i)}' → {LABELS[f]}" for i, f in sorted(mapping.columns.items())
    ]
