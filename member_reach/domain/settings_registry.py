"""Every association-wide setting, declared once with its type, default and meaning.

Settings are stored in the database (so a shared office database shares them); this registry is
the one place that says which exist. A renamed or re-typed setting is upgraded by an Alembic data
migration, so stored settings follow the schema version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

_KIND_NAMES: Final = {int: "a whole number", str: "text", bool: "yes or no"}


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


SETTINGS: Final[dict[str, SettingSpec]] = {
    spec.key: spec
    for spec in (
        SettingSpec("association_name", str, "", "The association's name, shown in briefs."),
        SettingSpec("grace_days", int, 30, "Days after expiry a member is in grace, not lapsed."),
        SettingSpec("new_months", int, 3, "Months after joining a member counts as new."),
        SettingSpec(
            "default_region",
            str,
            "US",
            "Country (ISO 3166 code) assumed for phone numbers written without one.",
        ),
        SettingSpec(
            "date_order",
            str,
            "mdy",
            "Order of day, month and year in ambiguous dates.",
            choices=("mdy", "dmy", "ymd"),
        ),
        SettingSpec(
            "contact_cooldown_days", int, 14, "Days before a contacted person is called again."
        ),
        SettingSpec("calling_hours_start", int, 8, "Earliest local hour to call a member."),
        SettingSpec("calling_hours_end", int, 21, "Local hour after which nobody is called."),
        SettingSpec(
            "max_unanswered", int, 5, "Unanswered attempts after which a call task closes."
        ),
        SettingSpec("reserve_days", int, 3, "Days a reserved call stays with its caller."),
        SettingSpec("handoff_days", int, 3, "Days staff have to follow up a warm lead."),
    )
}
