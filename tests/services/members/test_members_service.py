"""Listing, searching and filtering members through services.members, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from member_reach.services.common.settings import load_settings, set_setting, status_rules
from member_reach.services.members.members import (
    MemberFilter,
    contact_count,
    list_members,
    member_ids,
    member_rows,
    status_counts,
)
from member_reach.store.database import Database
from member_reach.store.models import (
    EmailAddress,
    ExternalId,
    Membership,
    MembershipType,
    Person,
    PhoneNumber,
)

TODAY = dt.date(2026, 11, 23)


def _person(first: str, last: str, email: str = "", ext: str = "", org: str = "") -> Person:
    person = Person(
        first_name=first, last_name=last, organisation=org, is_organisation=not (first or last)
    )
    if email:
        person.emails.append(EmailAddress(address=email, address_key=email.lower()))
    if ext:
        person.external_ids.append(ExternalId(source="ams", value=ext))
    return person


@pytest.fixture
def roster(db: Database) -> dict[str, int]:
    """Six people covering every status, an organisation member and a non-member contact."""
    with db.session() as s:
        rolling = MembershipType(name="Individual", period_kind="rolling", term_months=12)
        lifetime = MembershipType(name="Lifetime", period_kind="lifetime")
        people = {
            "current": _person("Ada", "Lovelace", "Ada.Lovelace@Example.org", "M-100"),
            "grace": _person("alan", "Turing", "alan@bletchley.uk", "M-101"),
            "lapsed": _person("Grace", "Hopper", "", "M-102"),
            "new": _person("Katherine", "Johnson", "kj@nasa.gov", "M-103"),
            "lifetime": _person("Tim", "Berners-Lee", "tim@w3.org", "M-104"),
            "org": _person("", "", "office@acme.example", "C-200", org="Acme 100% Widgets"),
            "contact": _person("Hedy", "Lamarr", "hedy@example.org"),
        }
        people["current"].membership = Membership(
            type=rolling, join_date=dt.date(2015, 3, 1), term_end=dt.date(2027, 2, 28)
        )
        people["grace"].membership = Membership(
            type=rolling, join_date=dt.date(2019, 11, 1), term_end=dt.date(2026, 10, 31)
        )
        people["lapsed"].membership = Membership(
            type=rolling, join_date=dt.date(2010, 1, 1), term_end=dt.date(2025, 12, 31)
        )
        people["new"].membership = Membership(
            type=rolling, join_date=dt.date(2026, 10, 2), term_end=dt.date(2027, 10, 1)
        )
        people["lifetime"].membership = Membership(type=lifetime, join_date=dt.date(1999, 1, 1))
        people["org"].membership = Membership(
            type=rolling, join_date=dt.date(2020, 1, 1), term_end=dt.date(2026, 12, 31)
        )
        people["current"].phones.append(PhoneNumber(original="0044 20 7946 0000", e164=None))
        people["current"].phones.append(
            PhoneNumber(original="(646) 555-0175", e164="+16465550175", is_primary=True)
        )
        s.add_all(people.values())
        s.flush()
        return {key: p.id for key, p in people.items()}


def _names(db: Database, flt: MemberFilter) -> list[str]:
    with db.session() as s:
        return [row.name for row in list_members(s, TODAY, flt)]


def test_members_are_listed_by_surname_with_derived_status(
    db: Database, roster: dict[str, int]
) -> None:
    with db.session() as s:
        rows = list_members(s, TODAY, MemberFilter())
    assert [r.name for r in rows] == [
        "Acme 100% Widgets",
        "Tim Berners-Lee",
        "Grace Hopper",
        "Katherine Johnson",
        "Ada Lovelace",
        "alan Turing",
    ]
    status = {r.member_id: r.status for r in rows}
    assert status == {
        roster["org"]: "current",
        roster["lifetime"]: "lifetime",
        roster["lapsed"]: "lapsed",
        roster["new"]: "new",
        roster["current"]: "current",
        roster["grace"]: "grace",
    }
    ada = next(r for r in rows if r.member_id == roster["current"])
    assert (ada.email, ada.phone, ada.external_id, ada.expiry) == (
        "Ada.Lovelace@Example.org",
        "+16465550175",
        "M-100",
        dt.date(2027, 2, 28),
    )
    # The command line's JSON of a row: tests/cli/test_json_out.py.
    assert (ada.member_id, ada.first_name, ada.last_name, ada.status) == (
        roster["current"],
        "Ada",
        "Lovelace",
        "current",
    )
    assert ada.roster_status == "" and ada.status_disagrees is False


def test_all_adds_contacts_who_never_held_a_membership(
    db: Database, roster: dict[str, int]
) -> None:
    assert "Hedy Lamarr" not in _names(db, MemberFilter())
    assert "Hedy Lamarr" in _names(db, MemberFilter(include_contacts=True))
    with db.session() as s:
        assert contact_count(s) == 1
        hedy = member_rows(s, [roster["contact"]], TODAY)[0]
    assert hedy.status == ""


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("grace", ["alan Turing"]),
        ("lapsed", ["Grace Hopper"]),
        ("new", ["Katherine Johnson"]),
        ("lifetime", ["Tim Berners-Lee"]),
        ("current", ["Acme 100% Widgets", "Ada Lovelace"]),
        ("unknown", []),
    ],
)
def test_status_filter(
    db: Database, roster: dict[str, int], status: str, expected: list[str]
) -> None:
    assert _names(db, MemberFilter(status=status)) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("lovelace", ["Ada Lovelace"]),
        ("ALAN", ["alan Turing"]),
        ("example.org", ["Ada Lovelace"]),  # e-mail, case-insensitive
        ("LOVELACE@EXAMPLE", ["Ada Lovelace"]),
        ("m-103", ["Katherine Johnson"]),  # external id
        ("100%", ["Acme 100% Widgets"]),  # % is literal, not a wildcard
        ("ada lovelace", ["Ada Lovelace"]),  # every word must match
        ("ada turing", []),
        ("nobody", []),
    ],
)
def test_search(db: Database, roster: dict[str, int], search: str, expected: list[str]) -> None:
    assert _names(db, MemberFilter(search=search)) == expected


def test_search_by_member_id(db: Database, roster: dict[str, int]) -> None:
    with db.session() as s:
        ids = member_ids(s, TODAY, MemberFilter(search=str(roster["grace"])))
    assert roster["grace"] in ids


def test_member_rows_keep_the_order_asked(db: Database, roster: dict[str, int]) -> None:
    wanted = [roster["lapsed"], roster["current"], 999_999, roster["new"]]
    with db.session() as s:
        rows = member_rows(s, wanted, TODAY)
    assert [r.member_id for r in rows] == [roster["lapsed"], roster["current"], roster["new"]]


def test_status_counts_follow_the_grace_setting(db: Database, roster: dict[str, int]) -> None:
    with db.session() as s:
        before = status_counts(s, TODAY)
        set_setting(s, "grace_days", 10)
    assert before == {"new": 1, "current": 2, "grace": 1, "lapsed": 1, "lifetime": 1, "unknown": 0}
    with db.session() as s:
        after = status_counts(s, TODAY)
    assert after["grace"] == 0 and after["lapsed"] == 2


def test_settings_have_defaults_and_validate(db: Database) -> None:
    with db.session() as s:
        assert load_settings(s).grace_days == 30
        assert status_rules(s).new_months == 3
        with pytest.raises(ValueError, match="whole number"):
            set_setting(s, "grace_days", "thirty")
        with pytest.raises(ValueError, match="one of mdy, dmy, ymd"):
            set_setting(s, "date_order", "ydm")
        with pytest.raises(ValueError, match="no setting"):
            set_setting(s, "colour", "blue")
        set_setting(s, "date_order", "dmy")
    with db.session() as s:
        assert load_settings(s).date_order == "dmy"


def test_type_expiry_window_and_do_not_call_filters(db: Database, roster: dict[str, int]) -> None:
    from member_reach.services.members.members import membership_type_names

    with db.session() as s:
        assert membership_type_names(s) == ["Individual", "Lifetime"]
        s.get(Person, roster["grace"]).do_not_call = True
    assert _names(db, MemberFilter(membership_type="Lifetime")) == ["Tim Berners-Lee"]
    december = MemberFilter(expiry_from=dt.date(2026, 10, 1), expiry_to=dt.date(2026, 12, 31))
    assert _names(db, december) == ["Acme 100% Widgets", "alan Turing"]
    assert _names(db, MemberFilter(do_not_call="only")) == ["alan Turing"]
    assert "alan Turing" not in _names(db, MemberFilter(do_not_call="exclude"))
    both = MemberFilter(status="grace", do_not_call="exclude")
    assert _names(db, both) == [] and both.narrowed and not MemberFilter(sort="expiry").narrowed


@pytest.mark.parametrize(
    ("sort", "descending", "first_three"),
    [
        ("expiry", False, ["Grace Hopper", "alan Turing", "Acme 100% Widgets"]),
        ("expiry", True, ["Katherine Johnson", "Ada Lovelace", "Acme 100% Widgets"]),
        ("email", False, ["Ada Lovelace", "alan Turing", "Katherine Johnson"]),
        ("external_id", True, ["Tim Berners-Lee", "Katherine Johnson", "Grace Hopper"]),
        ("name", True, ["alan Turing", "Ada Lovelace", "Katherine Johnson"]),
        ("status", False, ["Acme 100% Widgets", "Ada Lovelace", "alan Turing"]),
    ],
)
def test_the_list_sorts_on_any_column_with_empty_values_last(
    db: Database, roster: dict[str, int], sort: str, descending: bool, first_three: list[str]
) -> None:
    names = _names(db, MemberFilter(sort=sort, descending=descending))
    assert names[:3] == first_three and len(names) == 6
    if sort == "expiry":  # the lifetime member has no expiry: last either way
        assert names[-1] == "Tim Berners-Lee"
    with db.session() as s:  # the ids query the model uses gives the same order
        ids = member_ids(s, TODAY, MemberFilter(sort=sort, descending=descending))
        assert [r.name for r in member_rows(s, ids, TODAY)] == names


def test_empty_texts_sort_last_too(db: Database, roster: dict[str, int]) -> None:
    names = _names(db, MemberFilter(sort="organisation"))
    assert names[0] == "Acme 100% Widgets" and len(names) == 6  # the one organisation first
    with_contacts = _names(db, MemberFilter(sort="status", include_contacts=True))
    assert with_contacts[-1] == "Hedy Lamarr"  # a contact has no status: last
