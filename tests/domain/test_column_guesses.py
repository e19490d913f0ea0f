"""Columns mapped by their values as well as their names, in the generic forms of the exports that
went wrong (issue 17, item 1): an IP column named like an address, a membership level named like
an id, website roles under "role", plugin names for a term's dates, a level column saying
"Lifetime", and a column with no name holding e-mail addresses."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from member_reach.domain.column_guesses import (
    ColumnGuess,
    Confidence,
    guess_mapping,
    percent,
    term_months,
)
from member_reach.domain.column_profile import PROFILE_ROWS, Kind, classify, profile_column
from member_reach.domain.columns import Field, guess_field
from member_reach.domain.mapping import auto_map

F = Field
FIRST = ["Ada", "Alan", "Grace", "Hedy", "Katherine", "Barbara", "Edsger", "Donald", "Frances"]


def rows_of(**columns: list[object]) -> tuple[list[str], list[list[object]]]:
    """A header and rows from columns given by name (all the same length)."""
    header = list(columns)
    length = len(next(iter(columns.values())))
    return header, [[columns[name][i] for name in header] for i in range(length)]


def guess_of(header: list[str], rows: list[list[object]], name: str) -> ColumnGuess:
    return guess_mapping(header, rows).guesses[header.index(name)]


def names(n: int) -> list[object]:
    return [f"{FIRST[i % len(FIRST)]} {i}" for i in range(n)]


def emails(n: int) -> list[object]:
    return [f"person{i}@example.org" for i in range(n)]


def test_an_ip_column_named_like_an_address_is_not_the_address() -> None:
    header, rows = rows_of(
        name=names(12),
        ip_address=[f"203.0.113.{i}" for i in range(10)] + ["2001:db8::1", "2001:db8::2"],
        street=[f"{i} Main Street" for i in range(12)],
    )
    guess = guess_of(header, rows, "ip_address")
    assert guess.field is None
    assert guess.evidence == "name contains 'address'; 100% IP addresses, not an address"
    assert guess_mapping(header, rows).columns == {0: F.FULL_NAME, 2: F.ADDRESS_1}


def test_a_level_named_membership_id_is_not_a_member_id() -> None:
    header, rows = rows_of(membership_id=["1", "2", "3", "2"], email=emails(4))
    guess = guess_of(header, rows, "membership_id")
    assert guess.field is None
    assert guess.evidence == (
        "name matches 'membership id'; 3 different small numbers (2, 1, 3) that repeat: "
        "a level or a code, not a member id"
    )
    assert F.EXTERNAL_ID not in guess_mapping(header, rows).columns.values()


def test_levels_as_numbers_in_a_workbook_are_refused_too() -> None:
    header, rows = rows_of(**{"Member ID": [1, 2, 3, 2, 1, 1, 3, 2], "Email": emails(8)})
    assert guess_of(header, rows, "Member ID").field is None


def test_a_real_member_id_is_sure_and_one_that_repeats_is_taken_less_surely() -> None:
    header, rows = rows_of(**{"Member ID": [str(1000 + i) for i in range(20)], "Name": names(20)})
    sure = guess_of(header, rows, "Member ID")
    assert (sure.field, sure.confidence) == (F.EXTERNAL_ID, Confidence.HIGH)
    assert sure.evidence == "name matches 'member id'; 100% different values"
    repeating = [f"M-{i % 14}" for i in range(20)]
    header, rows = rows_of(**{"Member ID": repeating, "Name": names(20)})
    doubtful = guess_of(header, rows, "Member ID")
    # members on several rows: the import merges them, or keeps two people apart by name and e-mail
    assert (doubtful.field, doubtful.confidence, doubtful.to_confirm) == (
        F.EXTERNAL_ID,
        Confidence.MEDIUM,
        False,
    )
    assert "70% different values: some members are on several rows" in doubtful.evidence
    assert F.EXTERNAL_ID in guess_mapping(header, rows).columns.values()


def test_website_roles_are_not_job_titles_but_jobs_are() -> None:
    roles = ["subscriber", "administrator", "subscriber", "customer", "Subscriber", "editor"]
    header, rows = rows_of(role=roles, email=emails(6))
    guess = guess_of(header, rows, "role")
    assert guess.field is None
    assert guess.evidence.endswith(
        "website roles (subscriber, administrator, customer): not a job title"
    )
    jobs = ["Director", "Treasurer", "Dental Hygienist", "Office Manager", "CEO", "Director"]
    header, rows = rows_of(role=jobs, email=emails(6))
    assert guess_of(header, rows, "role").field is F.JOB_TITLE


def test_french_civilities_are_no_job_titles() -> None:
    header, rows = rows_of(Title=["MR", "MME", "MME", "Mlle", "MR"], email=emails(5))
    guess = guess_of(header, rows, "Title")
    assert guess.field is None and guess.evidence.endswith(": not a job title")


def test_a_member_type_s_number_beside_its_label_is_not_the_type() -> None:
    # Dolibarr's "Member type id" and "Member type label", in that order.
    header, rows = rows_of(
        Email=emails(5),
        **{
            "Member type id": ["1", "2", "1", "1", "3"],
            "Member type label": ["Regular", "Student", "Regular", "Regular", "Honorary"],
        },
    )
    number = guess_of(header, rows, "Member type id")
    assert number.field is None and number.evidence.endswith(": a type's number, not its name")
    assert guess_mapping(header, rows).columns == {0: F.EMAIL, 2: F.MEMBERSHIP_TYPE}
    # A name that says exactly "membership level" keeps its numbers: levels may be numbered.
    header, rows = rows_of(Email=emails(5), **{"Membership Level": ["1", "2", "1", "1", "3"]})
    assert guess_of(header, rows, "Membership Level").field is F.MEMBERSHIP_TYPE


def test_a_repeating_id_beside_one_e_mail_each_is_a_member_on_several_rows() -> None:
    mails = ["a@example.org", "a@example.org", "b@example.org", "c@example.org", "d@example.org"]
    header, rows = rows_of(user_id=["41", "41", "42", "43", "44"], user_email=mails)
    guess = guess_of(header, rows, "user_id")
    assert (guess.field, guess.confidence) == (F.EXTERNAL_ID, Confidence.MEDIUM)
    assert guess.evidence.endswith("each value beside one e-mail: members on several rows")
    # A level's number repeats beside several people's e-mails: still no member id.
    header, rows = rows_of(membership_id=["1", "1", "2", "2", "3"], user_email=emails(5))
    assert guess_of(header, rows, "membership_id").field is None


def test_a_bare_id_yields_the_member_id_to_a_column_naming_it() -> None:
    # MemberPress's transactions: the payment's "id", then the member's "user_id".
    header, rows = rows_of(
        id=["1001", "1002", "1003", "1004"],
        user_email=emails(4),
        user_id=["41", "57", "63", "88"],
    )
    mapping = guess_mapping(header, rows)
    assert mapping.columns == {1: F.EMAIL, 2: F.EXTERNAL_ID}
    assert mapping.guesses[0].evidence.endswith("another column feeds Member ID")
    header, rows = rows_of(id=["1001", "1002", "1003", "1004"], user_email=emails(4))
    assert guess_mapping(header, rows).columns == {0: F.EXTERNAL_ID, 1: F.EMAIL}


def test_a_count_named_after_expiry_is_no_date() -> None:
    header, rows = rows_of(Email=emails(4), expired_txn_count=["2", "0", "1", "0"])
    guess = guess_of(header, rows, "expired_txn_count")
    assert guess.field is None and guess.evidence.startswith("name contains 'expir'; no dates")
    # A name that says exactly "expiry" keeps its column, dates or not: a person checks the rows.
    header, rows = rows_of(Email=emails(4), Expiry=["soon", "n/a", "2027", "later"])
    assert guess_of(header, rows, "Expiry").field is F.EXPIRY


def term_dates(n: int, months: int = 12) -> tuple[list[object], list[object]]:
    starts = [dt.date(2025, 1 + i % 12, 1 + i % 28) for i in range(n)]
    ends = [dt.date(d.year + months // 12, d.month, d.day) for d in starts]
    return [d.isoformat() for d in starts], [d.isoformat() for d in ends]


def test_plugin_start_and_end_dates_are_term_start_and_expiry() -> None:
    starts, ends = term_dates(10)
    header, rows = rows_of(
        user_email=emails(10), membership_startdate=starts, membership_enddate=ends
    )
    mapping = guess_mapping(header, rows)
    assert mapping.columns == {0: F.EMAIL, 1: F.TERM_START, 2: F.EXPIRY}
    # A name found by its words only ("email" in user_email) is sure once the values agree.
    assert mapping.guesses[0].confidence is Confidence.HIGH
    end = mapping.guesses[2]
    assert end.confidence is Confidence.HIGH
    assert end.evidence == (
        "name matches 'membership enddate'; 100% dates; 12 months after 'membership_startdate'"
    )


def test_two_unnamed_date_columns_a_term_apart_are_proposed_as_start_and_expiry() -> None:
    starts, ends = term_dates(10, months=24)
    ends[3] = "2031-01-01"  # one row out of step: 90% still a term apart
    header, rows = rows_of(Name=names(10), From=starts, To=ends)
    mapping = guess_mapping(header, rows)
    start, end = mapping.guesses[1], mapping.guesses[2]
    assert (start.field, end.field) == (F.TERM_START, F.EXPIRY)
    assert start.to_confirm and end.to_confirm  # from values only: a person confirms
    assert end.evidence == "90% of rows 2 years after 'From'"
    assert mapping.columns == {0: F.FULL_NAME}


def test_a_subscription_date_is_the_join_date() -> None:
    header, rows = rows_of(
        Email=emails(5),
        **{"Subscription Date": ["3/1/2021", "4/2/2022", "1/1/2020", "", "5/5/2024"]},
    )
    guess = guess_of(header, rows, "Subscription Date")
    assert (guess.field, guess.confidence) == (F.MEMBER_SINCE, Confidence.HIGH)
    assert guess.evidence == "name matches 'subscription date'; 100% dates"


def test_a_donation_member_level_of_lifetime_is_the_membership_type() -> None:
    levels = ["Lifetime", "Annual", "Lifetime", "Student"]
    header, rows = rows_of(Email=emails(4), **{"Donation Member Level": levels})
    guess = guess_of(header, rows, "Donation Member Level")
    assert (guess.field, guess.confidence) == (F.MEMBERSHIP_TYPE, Confidence.HIGH)
    assert "values name membership kinds (Lifetime" in guess.evidence
    assert guess_field("Donation Member Level Name") is F.MEMBERSHIP_TYPE  # by its words


def test_a_column_without_a_name_holding_emails_is_proposed_with_low_confidence() -> None:
    header, rows = rows_of(Name=names(6), **{"": emails(6)})
    mapping = guess_mapping(header, rows)
    guess = mapping.guesses[1]
    assert (guess.field, guess.confidence) == (F.EMAIL, Confidence.LOW)
    assert guess.evidence == "100% e-mail addresses; name not recognised"
    assert mapping.to_confirm() == {1: guess} and 1 not in mapping.columns


def test_a_name_matched_email_column_says_so_with_its_values() -> None:
    header, rows = rows_of(Email=emails(5), Name=names(5))
    guess = guess_of(header, rows, "Email")
    assert guess == ColumnGuess(
        F.EMAIL, Confidence.HIGH, "name matches 'email'; 100% e-mail addresses"
    )


def test_an_opt_in_column_named_like_email_is_not_the_email() -> None:
    header, rows = rows_of(Name=names(5), **{"Email opt in": ["Yes", "No", "Yes", "Yes", "No"]})
    guess = guess_of(header, rows, "Email opt in")
    assert guess.field is None and guess.evidence.startswith("name contains 'email'; no e-mail")


def test_few_values_keep_the_name_guess() -> None:
    header, rows = rows_of(ip_address=["203.0.113.9"], Name=["Ada"])
    assert guess_of(header, rows, "ip_address").evidence.endswith("too few values to check")


def test_without_values_the_guess_is_the_names_as_before() -> None:
    header = ["Member ID", "Name", "Email", "Email", "Phone", "ip_address", "Notes"]
    assert dict(auto_map(header).columns) == {
        0: F.EXTERNAL_ID,
        1: F.FULL_NAME,
        2: F.EMAIL,
        3: F.EMAIL_2,
        4: F.PHONE,
        5: F.ADDRESS_1,
    }


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("ada@example.org", Kind.EMAIL),
        ("192.0.2.1", Kind.IP),
        ("2001:db8::8a2e:370:7334", Kind.IP),
        ("https://example.org/ada", Kind.URL),
        ("www.example.org", Kind.URL),
        ("(646) 555-0101", Kind.PHONE),
        ("+44 20 7946 0018", Kind.PHONE),
        ("6465550101", Kind.PHONE),
        ("2026-01-31", Kind.DATE),
        ("31/01/2026", Kind.DATE),
        ("Jan 31, 2026", Kind.DATE),
        (dt.datetime(2026, 1, 31), Kind.DATE),
        ("20260131", Kind.DATE),
        ("2", Kind.SMALL_NUMBER),
        (3, Kind.SMALL_NUMBER),
        ("104233", Kind.NUMBER),
        ("$1,250.00", Kind.NUMBER),
        ("subscriber", Kind.WEB_ROLE),
        ("Dr.", Kind.HONORIFIC),
        ("Lifetime", Kind.TERM_WORD),
        ("United States", Kind.COUNTRY),
        ("US", Kind.COUNTRY_CODE),
        ("Ada Lovelace", Kind.TEXT),
    ],
)
def test_each_kind_of_value_is_recognised(value: object, kind: Kind) -> None:
    assert classify(value) is kind


def test_a_profile_counts_shares_distinct_values_and_length() -> None:
    cells = ["a@example.org", "b@example.org", "a@example.org", "not an address"]
    profile = profile_column(list(enumerate(cells)))
    assert (profile.filled, profile.distinct) == (4, 3)
    assert profile.share(Kind.EMAIL) == 0.75 and profile.share(Kind.TEXT) == 0.25
    assert profile.length == 13 and profile.common[0] == "a@example.org"


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2025, 1, 15), dt.date(2026, 1, 15), 12),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 12),  # the day before the anniversary
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), 12),
        (dt.date(2025, 3, 1), dt.date(2030, 3, 1), 60),
        (dt.date(2025, 3, 1), dt.date(2025, 9, 1), None),  # six months: no term here
        (dt.date(2025, 3, 1), dt.date(2026, 4, 20), None),
        (dt.date(2025, 3, 1), dt.date(2024, 3, 1), None),
    ],
)
def test_term_months(start: dt.date, end: dt.date, months: int | None) -> None:
    assert term_months(start, end) == months


@given(st.floats(min_value=0, max_value=1))
def test_a_percent_never_says_all_or_none_unless_so(share: float) -> None:
    shown = int(percent(share).rstrip("%"))
    assert (shown == 100) == (share == 1) and (shown == 0) == (share == 0)


def test_a_large_file_is_guessed_from_its_first_rows_quickly() -> None:
    header = ["Member ID", "Name", "Email", "Phone", "Joined", "Paid Thru", "Country", "Notes"]
    rows: list[list[object]] = [
        [
            str(100_000 + i),
            f"Person {i}",
            f"p{i}@example.org",
            f"(646) 555-{i % 10_000:04d}",
            f"{1 + i % 12}/{1 + i % 28}/2019",
            f"{1 + i % 12}/{1 + i % 28}/2027",
            "United States",
            f"note {i}",
        ]
        for i in range(100_000)
    ]
    started = time.perf_counter()
    guess_mapping(header, rows[:PROFILE_ROWS])
    first_rows = time.perf_counter() - started
    started = time.perf_counter()
    mapping = guess_mapping(header, rows)
    whole = time.perf_counter() - started
    assert mapping.columns[5] is F.EXPIRY and mapping.columns[0] is F.EXTERNAL_ID
    # Only the first rows are read: 100,000 rows cost what 2,000 do (with room for a busy CPU).
    assert whole < 3 * first_rows + 0.2, f"{whole:.2f} s against {first_rows:.2f} s"
