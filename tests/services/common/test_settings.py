"""The association's settings as one typed value: read, changed and stored, on SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest

from member_reach.domain.settings_registry import SETTINGS, AssociationSettings
from member_reach.services.common.settings import load_settings, save_settings, set_setting
from member_reach.store.database import Database
from member_reach.store.models import Setting


def test_the_registry_is_read_from_the_typed_settings() -> None:
    declared = dataclasses.fields(AssociationSettings)
    assert list(SETTINGS) == [f.name for f in declared]
    for f in declared:
        spec = SETTINGS[f.name]
        assert spec.default == f.default and spec.description
        assert isinstance(spec.default, spec.kind)
    assert SETTINGS["grace_days"].kind is int and SETTINGS["date_order"].kind is str
    assert SETTINGS["date_order"].choices == ("mdy", "dmy", "ymd")


def test_defaults_stored_values_and_unreadable_ones(db: Database) -> None:
    with db.session() as s:
        assert load_settings(s) == AssociationSettings()
        set_setting(s, "grace_days", 45)
        set_setting(s, "default_region", "GB")
        s.add(Setting(key="calling_hours_end", value='"late"'))  # written by hand: not read
        s.add(Setting(key="colour", value='"blue"'))  # a setting of another release: kept
    with db.session() as s:
        settings = load_settings(s)
    assert (settings.grace_days, settings.default_region) == (45, "GB")
    assert settings.calling_hours_end == 21
    assert settings == AssociationSettings(grace_days=45, default_region="GB")


def test_saving_stores_what_changed_and_nothing_when_a_value_does_not_fit(db: Database) -> None:
    with db.session() as s:
        before = load_settings(s)
        changed = dataclasses.replace(before, grace_days=60, date_order="dmy")
        assert save_settings(s, changed, before) == ["grace_days", "date_order"]
    with db.session() as s:
        assert load_settings(s) == changed
        assert {row.key for row in s.query(Setting)} == {"grace_days", "date_order"}
    wrong = dataclasses.replace(changed, new_months=6, date_order="ydm")  # type: ignore[arg-type]
    with db.session() as s, pytest.raises(ValueError, match="one of mdy, dmy, ymd"):
        save_settings(s, wrong, changed)
    with db.session() as s:
        assert load_settings(s) == changed  # new_months was not stored either
        assert len(save_settings(s, AssociationSettings())) == len(SETTINGS)  # all, without before
    with db.session() as s:
        assert load_settings(s) == AssociationSettings()
