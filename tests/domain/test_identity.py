"""Who is who without a database: the rule for different people, a member id column's verdict,
and the grouping of a file's rows (kept apart, merged, rows of details)."""

from __future__ import annotations

from member_reach.domain.identity import Identity, check_id_column
from member_reach.domain.roster_merge import IdClashes, group_rows, id_key
from member_reach.domain.roster_rows import RosterRecord


def person(row: int, member_id: str, first: str, last: str, *emails: str) -> RosterRecord:
    return RosterRecord(row, member_id, first, last_name=last, emails=list(emails))


def test_only_another_name_and_no_email_in_common_make_different_people() -> None:
    ann = Identity.of("Ann", "Smith", "", ["ann@example.org"])
    assert not ann.different_person(Identity.of("Ann", "Jones", "", ["ANN@example.org"]))
    assert not ann.different_person(Identity.of("Ann", "Smith", "", ["a.smith@work.example"]))
    assert not ann.different_person(Identity.of("Annie", "Smith", "", []))  # the last name
    assert not ann.different_person(Identity.of("", "", "", []))  # no name: nothing says so
    assert ann.different_person(Identity.of("Bob", "Jones", "", ["bob@example.org"]))
    assert ann.different_person(Identity.of("Bob", "Jones", "", []))
    assert not Identity.of("ÉMILE", "Zola", "", []).names_differ(
        Identity.of("Emile", "Zola", "", [])
    )


def test_a_level_column_is_no_id_and_a_real_one_with_a_slip_is() -> None:
    names = ["Ann Smith", "Bob Jones", "Cleo Park", "Dan Wu", "Eve Ng", "Fay Lo", "Gus Ek"]
    levels = [person(n, str(n % 3 + 1), *name.split()) for n, name in enumerate(names * 3, start=2)]
    check = check_id_column(levels, id_key)
    assert (check.rows, check.distinct, check.is_identity) == (21, 3, False)
    ids = [person(n, f"M-{n}", *name.split()) for n, name in enumerate(names * 3, start=2)]
    ids[-1].external_id = "M-2"  # one slip: Gus holds Ann's id
    assert check_id_column(ids, id_key).is_identity


def test_rows_of_one_id_are_split_by_person_and_join_their_own() -> None:
    rows = [
        person(2, "7", "Ann", "Smith", "ann@example.org"),
        person(3, "7", "Bob", "Jones"),  # another person: kept apart
        person(4, "7", "Bob", "Jones"),  # with Bob, on the id and his name
        person(5, "7", "Ann", "Jones", "ann@example.org"),  # Ann's married name
    ]
    clashes = IdClashes()
    groups = group_rows(rows, clashes)
    assert [g.rows for g in groups] == [(2, 5), (3, 4)]
    assert [g.merged.external_id for g in groups] == ["7", ""]
    assert sorted(clashes.flags()) == [2, 3, 4]
    assert clashes.flags()[2].startswith("same member id '7' as rows 3 and 4")


def test_a_row_of_details_fills_and_never_wins() -> None:
    ada = person(2, "M-1", "Ada", "Lovelace")
    ada.city = "London"
    details = RosterRecord(3, emails=["ada@example.org"], city="Paris", continues=2)
    details.is_member = False
    [group] = group_rows([ada, details])
    assert group.merged.city == "London" and group.merged.emails == ["ada@example.org"]
    assert group.merged.row == 2 and group.merged.is_member and group.merge_report() is None
