import datetime as dt

import pytest

from member_reach.domain.segments import (
    EVENT_GOER,
    FIRST_YEAR,
    IN_GRACE,
    LAPSED,
    LONG_TENURE,
    NO_EMAIL,
    SEGMENT_LABELS,
    TENURE_1_5,
    SegmentFacts,
    recent_event,
    segments_of,
    tenure_segment,
)

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("first_term", "years", "expected"),
    [
        (True, 7, FIRST_YEAR),  # a rejoined member in a first term again
        (False, 0, FIRST_YEAR),
        (False, 1, TENURE_1_5),
        (False, 5, TENURE_1_5),
        (False, 6, LONG_TENURE),
    ],
)
def test_every_member_is_in_one_tenure_segment(first_term, years, expected):
    assert tenure_segment(SegmentFacts(first_term=first_term, tenure_years=years)) == expected


def test_event_goers_came_within_two_years():
    assert recent_event(dt.date(2024, 12, 4), TODAY)
    assert not recent_event(dt.date(2024, 12, 3), TODAY)
    assert not recent_event(None, TODAY)
    assert not recent_event(dt.date(2027, 1, 1), TODAY)  # a coming event is not attended
    assert recent_event(dt.date(2024, 2, 28), dt.date(2026, 2, 28))
    assert recent_event(dt.date(2022, 2, 28), dt.date(2024, 2, 29))


def test_segments_come_in_the_listed_order():
    facts = SegmentFacts(
        first_term=False,
        tenure_years=9,
        last_event=dt.date(2026, 5, 1),
        has_email=False,
        in_grace=True,
    )
    assert segments_of(facts, TODAY) == (LONG_TENURE, EVENT_GOER, NO_EMAIL, IN_GRACE)
    lapsed = SegmentFacts(first_term=True, tenure_years=0, lapsed=True)
    assert segments_of(lapsed, TODAY) == (FIRST_YEAR, LAPSED)
    assert list(SEGMENT_LABELS)[:3] == [FIRST_YEAR, TENURE_1_5, LONG_TENURE]
