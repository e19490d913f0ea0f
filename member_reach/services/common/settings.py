"""Reading and changing the association-wide settings stored in the database."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.settings_registry import SETTINGS, AssociationSettings
from member_reach.domain.status import StatusRules
from member_reach.store.models import Setting

__all__ = [
    "AssociationSettings",
    "load_settings",
    "save_settings",
    "set_setting",
    "status_rules",
]


def load_settings(session: Session) -> AssociationSettings:
    """Return every declared setting: the stored value, else its default."""
    values: dict[str, Any] = {}
    for row in session.scalars(select(Setting)):
        spec = SETTINGS.get(row.key)
        if spec is None:
            continue  # a setting of a newer or older release; kept, not used
        try:
            values[row.key] = spec.validate(json.loads(row.value))
        except (ValueError, TypeError):
            continue  # an unreadable stored value falls back to the default
    return AssociationSettings(**values)


def set_setting(session: Session, key: str, value: object) -> None:
    """Store one setting.

    Raises:
        ValueError: the key is not a declared setting or the value does not fit it.
    """
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValueError(f"There is no setting called '{key}'.")
    text = json.dumps(spec.validate(value))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def _changed(before: AssociationSettings | None, after: AssociationSettings) -> dict[str, object]:
    return {
        key: value
        for key, value in dataclasses.asdict(after).items()
        if before is None or getattr(before, key) != value
    }


def save_settings(
    session: Session, settings: AssociationSettings, before: AssociationSettings | None = None
) -> list[str]:
    """Store the settings that differ from ``before`` (every one without it); return their keys.

    Raises:
        ValueError: a value does not fit its setting (nothing is stored then).
    """
    changed = _changed(before, settings)
    for key, value in changed.items():
        SETTINGS[key].validate(value)
    for key, value in changed.items():
        set_setting(session, key, value)
    return list(changed)


def status_rules(session: Session) -> StatusRules:
    """Return the status rules from the stored settings."""
    settings = load_settings(session)
    return StatusRules(grace_days=settings.grace_days, new_months=settings.new_months)
