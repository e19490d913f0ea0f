from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers.timezone import time_zones_for_number

from member_reach.domain.phones import display_phone, phone_facts


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+16465550175", "+1 646-555-0175"),
        ("+442079460000", "+44 20 7946 0000"),
        ("+4930901820", "+49 30 901820"),
        ("(646) 555-0175", "(646) 555-0175"),  # an unparsed original is shown as typed
        ("+1999", "+1999"),  # not a valid number: left alone
        ("", ""),
    ],
)
def test_display_phone(number: str, shown: str) -> None:
    assert display_phone(number) == shown


@pytest.mark.parametrize(
    ("number", "shown", "zones"),
    [
        ("+16465550175", "+1 646-555-0175", ("America/New_York",)),
        ("+442079460000", "+44 20 7946 0000", ("Europe/London",)),
        ("+390612345678", "+39 06 1234 5678", ("Europe/Rome",)),  # a national leading zero
        ("+4930901820", "+49 30 901820", ("Europe/Berlin",)),
        ("+18005550100", "+1 800-555-0100", None),  # toll-free: every US and Canadian zone
        ("(646) 555-0175", "(646) 555-0175", ()),  # not E.164: as typed, no zone
        ("+1999", "+1999", ()),
    ],
)
def test_phone_facts_read_the_number_once_for_both(
    number: str, shown: str, zones: tuple[str, ...] | None
) -> None:
    facts = phone_facts(number)
    assert facts.display == shown == display_phone(number)  # the same form as everywhere else
    if zones is None:
        assert len(facts.zones) > 20 and "America/Chicago" in facts.zones
    else:
        assert facts.zones == zones
    parsed = phonenumbers.parse(number, None) if number.startswith("+") else None
    if parsed is not None and phonenumbers.is_valid_number(parsed):  # as phonenumbers reads it
        assert phone_facts(number, known_valid=True) == facts
        assert facts.zones == tuple(time_zones_for_number(parsed))
