from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from member_reach.domain.dates import (
    DATE_ORDERS,
    DateOrder,
    excel_serial_to_date,
    infer_date_order,
    parse_date,
    spell_date,
)

D = dt.date
MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = MONTHS.split()


def fmt_numeric(value: dt.date, order: DateOrder, sep: str, pad: bool, short_year: bool) -> str:
    day = f"{value.day:02d}" if pad else str(value.day)
    month = f"{value.month:02d}" if pad else str(value.month)
    year = f"{value.year % 100:02d}" if short_year else str(value.year)
    parts = {"d": day, "m": month, "y": year}
    return sep.join(parts[field] for field in order)


# --- real-world cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "order", "expected"),
    [
        ("2024-01-31", "mdy", D(2024, 1, 31)),
        ("2024-01-31T00:00:00", "dmy", D(2024, 1, 31)),
        ("2024-01-31 00:00:00", "mdy", D(2024, 1, 31)),
        ("2024-01-31T23:30:00-05:00", "mdy", D(2024, 1, 31)),  # the date as written, not UTC
        ("2024/1/5", "dmy", D(2024, 1, 5)),  # a 4-digit first part is a year in every order
        ("31 Jan 2024", "mdy", D(2024, 1, 31)),
        ("January 31, 2024", "dmy", D(2024, 1, 31)),
        ("31-Jan-24", "mdy", D(2024, 1, 31)),  # Excel's d-mmm-yy
        ("Jan 31, 24", "dmy", D(2024, 1, 31)),
        ("24-Jan-31", "ymd", D(2024, 1, 31)),
        ("Wednesday, 31st January 2024", "mdy", D(2024, 1, 31)),
        ("the 1st of March, 2024", "mdy", D(2024, 3, 1)),
        ("31. Januar 2024", "dmy", D(2024, 1, 31)),
        ("1er févr. 2024", "dmy", D(2024, 2, 1)),
        ("31 de enero de 2024", "dmy", D(2024, 1, 31)),
        ("SEPT 9 2023", "mdy", D(2023, 9, 9)),
        ("03/04/2024", "mdy", D(2024, 3, 4)),
        ("03/04/2024", "dmy", D(2024, 4, 3)),
        ("03.04.2024", "dmy", D(2024, 4, 3)),
        ("03 04 2024", "dmy", D(2024, 4, 3)),
        ("3-4-24", "mdy", D(2024, 3, 4)),
        ("24/03/04", "ymd", D(2024, 3, 4)),
        ("1/31/2024 10:30 PM", "mdy", D(2024, 1, 31)),
        ("31/01/2024 10:30:15", "dmy", D(2024, 1, 31)),
        ("Jan 31 2024 at 10:00 PST", "mdy", D(2024, 1, 31)),
        ("20240131", "dmy", D(2024, 1, 31)),
        ("31012024", "dmy", D(2024, 1, 31)),
        ("01312024", "mdy", D(2024, 1, 31)),
        ("310124", "dmy", D(2024, 1, 31)),
        ("45292", "mdy", D(2024, 1, 1)),
        ("45292.75", "mdy", D(2024, 1, 1)),
        ("  '2024-01-31\u00a0", "mdy", D(2024, 1, 31)),
        ("1/1/49", "mdy", D(2049, 1, 1)),  # two-digit years fall in 1950-2049
        ("1/1/50", "mdy", D(1950, 1, 1)),
        ("29/02/2024", "dmy", D(2024, 2, 29)),
        ("31/12/9999", "dmy", D(9999, 12, 31)),  # "never expires", as some systems write it
    ],
)
def test_text_dates(cell: str, order: DateOrder, expected: dt.date) -> None:
    result = parse_date(cell, order)
    assert (result.value, result.problem) == (expected, "")


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("31/02/2024", "'31/02/2024' is not a real date"),
        ("29/02/2023", "'29/02/2023' is not a real date"),
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("next spring", "'next spring' is not a date"),
        ("N/A", "'N/A' is not a date"),
        ("TBD", "'TBD' is not a date"),
        ("Spring 2024", "'Spring 2024' is not a date"),
        ("2024-01-31 to 2025-01-31", "'2024-01-31 to 2025-01-31' is not a date"),
        ("2019", "'2019' is a year, not a full date"),
        ("Jan-2024", "'Jan-2024' has a month and year but no day"),
        ("January 2024", "'January 2024' has a month and year but no day"),
        ("01/2024", "'01/2024' has a month and year but no day"),
        ("Jan 31", "'Jan 31' has no year"),
        ("31/01", "'31/01' is not a complete date"),
        ("60", "'60' is 29 February 1900 in Excel, which never was"),
        ("0", "'0' is not a date"),
        ("123456789", "'123456789' is not a date"),
        ("1/1/024", "'1/1/024' is not a real date"),
        ("+1 646 555 0175", "'+1 646 555 0175' is not a date"),
    ],
)
def test_text_that_is_not_a_date_is_kept_and_flagged(cell: str, problem: str) -> None:
    result = parse_date(cell, "dmy")
    assert result == parse_date(cell, "dmy")
    assert (result.value, result.raw, result.problem) == (None, cell, problem)


@pytest.mark.parametrize(
    "cell", [None, "", "   ", "\u200b", "-", "/ /", "0000-00-00", "00/00/0000"]
)
def test_blank_and_placeholder_cells_are_empty_not_problems(cell: object) -> None:
    assert parse_date(cell, "mdy") == parse_date(None, "dmy")
    assert (parse_date(cell, "mdy").value, parse_date(cell, "mdy").problem) == (None, "")


def test_a_date_valid_only_in_another_order_is_flagged_not_swapped() -> None:
    result = parse_date("13/01/2024", "mdy")
    assert result.value is None
    assert result.problem == (
        "'13/01/2024' is not a real month/day/year date; as day/month/year it would be "
        "13 January 2024"
    )
    assert result.suggestion == D(2024, 1, 13)
    flipped = parse_date("01/13/2024", "dmy")
    assert (flipped.value, flipped.suggestion) == (None, D(2024, 1, 13))
    assert "as month/day/year it would be 13 January 2024" in flipped.problem
    assert parse_date("31/01/2024", "ymd").suggestion == D(2024, 1, 31)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.date(2024, 1, 31), D(2024, 1, 31)),
        (dt.datetime(2024, 1, 31, 23, 59), D(2024, 1, 31)),
        (45292, D(2024, 1, 1)),
        (45292.0, D(2024, 1, 1)),
        (45292.999, D(2024, 1, 1)),  # a serial with a time of day
        (20240131, D(2024, 1, 31)),  # yyyymmdd stored as a number
        (20240131.0, D(2024, 1, 31)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        (1, D(1900, 1, 1)),
    ],
)
def test_cells_from_the_reader(cell: object, expected: dt.date) -> None:
    result = parse_date(cell, "mdy")
    assert (result.value, result.problem) == (expected, "")


@pytest.mark.parametrize(
    ("cell", "raw", "problem"),
    [
        (True, "TRUE", "'TRUE' is not a date"),
        (60, "60", "'60' is 29 February 1900 in Excel, which never was"),
        (2019, "2019", "'2019' is a year, not a full date"),
        (2019.0, "2019", "'2019' is a year, not a full date"),
        (0, "0", "'0' is not a date"),
        (-3, "-3", "'-3' is not a date"),
        (-3.5, "-3.5", "'-3.5' is not a date"),
        (80_001, "80001", "'80001' is not a date"),
        (math.inf, "inf", "'inf' is not a date"),
        (dt.time(10, 30), "10:30:00", "'10:30:00' is not a date"),
    ],
)
def test_cells_that_are_not_dates(cell: object, raw: str, problem: str) -> None:
    assert parse_date(cell, "mdy") == parse_date(cell, "dmy")
    result = parse_date(cell, "mdy")
    assert (result.value, result.raw, result.problem) == (None, raw, problem)


def test_nan_is_a_blank_cell() -> None:
    assert parse_date(math.nan, "mdy") == parse_date(None, "mdy")


def test_1904_workbooks() -> None:
    assert parse_date(0.5, "mdy", date1904=True).problem == "'0.5' is not a date"
    assert parse_date(1, "mdy", date1904=True).value == D(1904, 1, 2)
    assert parse_date(60, "mdy", date1904=True).value == D(1904, 3, 1)
    assert parse_date("43830", "mdy", date1904=True).value == D(2024, 1, 1)
    assert parse_date(43830, "mdy").value == D(2019, 12, 31)


def test_spell_date_cannot_be_misread() -> None:
    assert spell_date(D(2024, 1, 3)) == "3 January 2024"


# --- properties -------------------------------------------------------------------------------

dates_1900_2099 = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))
two_digit_year_dates = st.dates(min_value=D(1950, 1, 1), max_value=D(2049, 12, 31))
separators = st.sampled_from(["/", "-", ".", " ", ". ", " / "])
orders = st.sampled_from(DATE_ORDERS)


@given(dates_1900_2099, orders, separators, st.booleans())
@example(D(2024, 3, 4), "mdy", "/", True)
def test_numeric_dates_round_trip_in_their_order(
    value: dt.date, order: DateOrder, sep: str, pad: bool
) -> None:
    text = fmt_numeric(value, order, sep, pad, short_year=False)
    assert parse_date(text, order) == parse_date(text, order)
    result = parse_date(text, order)
    assert (result.value, result.problem) == (value, ""), text


@given(two_digit_year_dates, orders, separators)
def test_two_digit_years_round_trip_within_the_window(
    value: dt.date, order: DateOrder, sep: str
) -> None:
    text = fmt_numeric(value, order, sep, pad=True, short_year=True)
    assert parse_date(text, order).value == value, text


@given(dates_1900_2099, orders, st.integers(0, 6), st.booleans())
def test_month_names_round_trip_in_any_order(
    value: dt.date, order: DateOrder, style: int, upper: bool
) -> None:
    name = MONTH_NAMES[value.month - 1]
    abbr = name[:3]
    text = [
        f"{value.day} {abbr} {value.year}",
        f"{value.day:02d}-{abbr}-{value.year}",
        f"{name} {value.day}, {value.year}",
        f"{abbr}. {value.day} {value.year}",
        f"{value.day} {name} {value.year}",
        f"{value.year}-{abbr}-{value.day:02d}",
        f"{value.strftime('%A')}, {value.day} {name} {value.year}",
    ][style]
    text = text.upper() if upper else text
    assert parse_date(text, order).value == value, text


@given(two_digit_year_dates, st.sampled_from(["mdy", "dmy"]))
def test_excels_d_mmm_yy_round_trips(value: dt.date, order: DateOrder) -> None:
    text = f"{value.day}-{MONTH_NAMES[value.month - 1][:3]}-{value.year % 100:02d}"
    assert parse_date(text, order).value == value


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.sampled_from(["T", " "]),
    orders,
)
def test_iso_with_time(value: dt.datetime, sep: str, order: DateOrder) -> None:
    assert parse_date(value.isoformat(sep=sep), order).value == value.date()


def reference_serial(value: dt.date, date1904: bool) -> int:
    """Excel's serial, computed independently of the code under test."""
    if date1904:
        return (value - dt.date(1904, 1, 1)).days
    serial = (value - dt.date(1899, 12, 30)).days
    return serial - 1 if value < dt.date(1900, 3, 1) else serial  # Excel's fictional 29 Feb 1900


@given(dates_1900_2099, st.booleans(), st.floats(0, 0.999), orders)
@example(D(1900, 1, 1), False, 0.0, "mdy")
@example(D(1900, 2, 28), False, 0.0, "mdy")
@example(D(1900, 3, 1), False, 0.0, "mdy")
@example(D(1904, 1, 2), True, 0.0, "mdy")
def test_excel_serials_round_trip(
    value: dt.date, date1904: bool, time_of_day: float, order: DateOrder
) -> None:
    serial = reference_serial(value, date1904)
    if serial < 1:  # before the 1904 epoch: not a date there
        assert parse_date(serial, order, date1904=date1904).value is None
        return
    assert excel_serial_to_date(serial, date1904=date1904) == value
    for cell in (serial, float(serial) + time_of_day, str(serial)):
        result = parse_date(cell, order, date1904=date1904)
        looks_like_a_year = 1900 <= serial <= 2100 and float(cell) == serial
        if looks_like_a_year:  # 2019 is a year; 2019.5 can only be a serial with a time
            assert result.problem.endswith("is a year, not a full date")
            continue
        assert (result.value, result.problem) == (value, ""), cell


@given(st.text(max_size=40), orders, st.booleans())
@example("31/02/2024", "dmy", False)
@example("\x00", "dmy", False)
@example("٣/٤/٢٠٢٤", "dmy", False)
def test_any_text_gives_a_date_or_a_reason(text: str, order: DateOrder, date1904: bool) -> None:
    result = parse_date(text, order, date1904=date1904)
    if result.value is not None:
        assert result.problem == ""
    elif result.raw:
        assert result.problem.startswith(f"'{result.raw}' ") or not result.problem
    if result.problem:
        assert result.value is None


# --- a column's order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["03/04/2024", "13/04/2024"], "dmy"),
        (["03/04/2024", "04/13/2024"], "mdy"),
        (["2024-01-31", "31/01/2024"], "dmy"),
        (["24/01/31", "24/02/29", "24/12/31"], None),  # dmy or ymd: 2-digit years fit both
        (["24/01/31", "24/02/30"], "dmy"),  # 2024-02-30 is no date, 24 Feb 2030 is
        (["99/01/31", "24/01/31"], "ymd"),  # day 99 is no date, 1999-01-31 is
        (["03/04/2024"], None),
        (["03/04/05"], None),
        (["2024-01-31", "31 Jan 2024"], None),  # every order reads them alike
        ([], None),
        (["next spring", ""], None),
        (["13/01/2024"] * 50 + ["01/13/2024"], "dmy"),  # one typo does not overturn a column
        (["13/01/2024", "01/13/2024"], None),
    ],
)
def test_infer_date_order(samples: list[str], expected: DateOrder | None) -> None:
    assert infer_date_order(samples) == expected


@given(st.lists(dates_1900_2099, min_size=1, max_size=30), st.sampled_from(["mdy", "dmy"]))
def test_a_column_with_a_day_after_the_12th_proves_its_order(
    values: list[dt.date], order: DateOrder
) -> None:
    values = [*values, D(2024, 1, 13)]
    texts = [fmt_numeric(v, order, "/", pad=True, short_year=False) for v in values]
    assert infer_date_order(texts) == order
    assert all(parse_date(t, order).value == v for t, v in zip(texts, values, strict=True))
