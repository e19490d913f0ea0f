"""Every association-wide setting, declared once with its type, default and meaning.

Settings are stored in the database (so a shared office database shares them); this registry is
the one place that says which exist: :class:`AssociationSettings` declares each as a typed field,
and :data:`SETTINGS` is read from it. A renamed or re-typed setting is upgraded by an Alembic data
migration, so stored settings follow the schema version.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Final, TypeVar, get_args, get_type_hints

from member_reach.domain.dates import DATE_ORDERS, DateOrder

_KIND_NAMES: Final = {int: "a whole number", str: "text", bool: "yes or no"}
_T = TypeVar("_T")


@dataclass(frozen=True)
class SettingSpec:
    """One declared setting."""

    key: str
    kind: type
    default: object
    description: str
    choices: tuple[object, ...] = ()

    def validate(self, value: object) -> object:
        """Return ``value`` checked against this setting, or raise ``ValueError``."""
        wrong_kind = not isinstance(value, self.kind) or (
            self.kind is int and isinstance(value, bool)
        )
        if wrong_kind:
            expected = _KIND_NAMES.get(self.kind, self.kind.__name__)
            raise ValueError(f"{self.key} must be {expected}, not {value!r}")
        if self.choices and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise ValueError(f"{self.key} must be one of {allowed}, not {value!r}")
        if self.kind is int and isinstance(value, int) and value < 0:
            raise ValueError(f"{self.key} cannot be negative")
        return value


def _setting(default: _T, description: str, choices: tuple[_T, ...] = ()) -> _T:
    """A field of :class:`AssociationSettings`: its default, meaning and allowed values."""
    metadata = {"description": description, "choices": choices}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class AssociationSettings:
    """Every association-wide setting, each with its type, default and meaning."""

    association_name: str = _setting("", "The association's name, shown in briefs.")
    grace_days: int = _setting(30, "Days after expiry a member is in grace, not lapsed.")
    new_months: int = _setting(3, "Months after joining a member counts as new.")
    default_region: str = _setting(
        "US", "Country (ISO 3166 code) assumed for phone numbers written without one."
    )
    currency: str = _setting(
        "", "Currency (ISO 4217 code, e.g. USD) of dues and amounts; empty: none is shown."
    )
    date_order: DateOrder = _setting(
        "mdy", "Order of day, month and year in ambiguous dates.", choices=DATE_ORDERS
    )
    contact_cooldown_days: int = _setting(14, "Days before a contacted person is called again.")
    calling_hours_start: int = _setting(8, "Earliest local hour to call a member.")
    calling_hours_end: int = _setting(21, "Local hour after which nobody is called.")
    max_unanswered: int = _setting(5, "Unanswered attempts after which a call task closes.")
    reserve_days: int = _setting(3, "Days a reserved call stays with its caller.")
    handoff_days: int = _setting(3, "Days staff have to follow up a warm lead.")
    retention_months: int = _setting(
        12,
        "Months the records kept to undo an import (people's and calls' values before and "
        "after it), the contact details a partner export keeps to check its worked file, and "
        "the automatic backups are kept; older ones are purged when a roster import is saved.",
    )
    plan_callers: int = _setting(
        2, "Staff callers who make calls: the year's plan weighs the calls against their time."
    )
    caller_hours_per_week: int = _setting(10, "Hours a week each staff caller spends calling.")
    calls_per_hour: int = _setting(12, "Calls a caller makes in an hour (the plan's hours).")
    control_days: int = _setting(
        60,
        "Days after each member's expiry over which a campaign's report compares the renewals "
        "of the members called with those of its control group (kept uncalled).",
    )


def _kind(hint: object) -> type:
    """The type a field's values have: ``str`` for a ``Literal`` of strings."""
    return hint if isinstance(hint, type) else type(get_args(hint)[0])


def _specs() -> dict[str, SettingSpec]:
    hints = get_type_hints(AssociationSettings)
    return {
        f.name: SettingSpec(
            f.name,
            _kind(hints[f.name]),
            f.default,
            f.metadata["description"],
            f.metadata["choices"],
        )
        for f in fields(AssociationSettings)
    }


#: The settings by key, in the order :class:`AssociationSettings` declares them.
SETTINGS: Final[dict[str, SettingSpec]] = _specs()
