"""Reading and changing the association-wide settings stored in the database."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from member_reach.domain.settings_registry import SETTINGS
from member_reach.domain.status import StatusRules
from member_reach.store.models import Setting


def load_settings(session: Session) -> dict[str, Any]:
    """Return every declared setting: the stored value, else its default."""
    values: dict[str, Any] = {key: spec.default for key, spec in SETTINGS.items()}
    for row in session.scalars(select(Setting)):
        spec = SETTINGS.get(row.key)
        if spec is None:
            continue  # a setting of a newer or older release; kept, not used
        try:
            values[row.key] = spec.validate(json.loads(row.value))
        except (ValueError, TypeError):
            continue  # an unreadable stored value falls back to the default
    return values


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


def status_rules(session: Session) -> StatusRules:
    """Return the status rules from the stored settings."""
    values = load_settings(session)
    return StatusRules(grace_days=values["grace_days"], new_months=values["new_months"])
