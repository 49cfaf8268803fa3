"""Review dates (the 2012 Regulations reg 19) and when a child stops qualifying (the Act
s55, reg 76), as pure rules."""

from datetime import date

import pytest

from cases.dates import age_on
from cases.rules import (
    birthday,
    first_review_date,
    next_review_date,
    review_date_number,
    stops_qualifying_on,
)


@pytest.mark.parametrize(
    ("initial", "reviews"),
    [
        # 29 February: 28 February in ordinary years, 29 February again in a leap year.
        (
            date(2024, 2, 29),
            [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)],
        ),
        # The last day of a month stays the same day, never drifting.
        (
            date(2025, 1, 31),
            [date(2026, 1, 31), date(2027, 1, 31), date(2028, 1, 31), date(2029, 1, 31)],
        ),
        (
            date(2023, 3, 31),
            [date(2024, 3, 31), date(2025, 3, 31), date(2026, 3, 31), date(2027, 3, 31)],
        ),
    ],
)
def test_review_dates_are_anniversaries_of_the_initial_effective_date(initial, reviews):
    assert first_review_date(initial) == reviews[0]
    assert [review_date_number(initial, n) for n in range(1, 5)] == reviews
    # Each next review is counted from the initial date, not the last review.
    for earlier, later in zip(reviews, reviews[1:], strict=False):
        assert next_review_date(initial, earlier) == later
    assert next_review_date(initial, initial) == reviews[0]
    assert next_review_date(initial, reviews[1] - (reviews[1] - reviews[0]) / 2) == reviews[1]


def test_review_numbers_start_at_one():
    with pytest.raises(ValueError):
        review_date_number(date(2024, 1, 1), 0)


def test_a_birthday_on_29_february_is_1_march_in_an_ordinary_year():
    assert birthday(date(2008, 2, 29), 16) == date(2024, 2, 29)
    assert birthday(date(2008, 2, 29), 17) == date(2025, 3, 1)
    assert age_on(date(2008, 2, 29), date(2025, 2, 28)) == 16
    assert age_on(date(2008, 2, 29), birthday(date(2008, 2, 29), 17)) == 17


def test_without_education_a_child_stops_on_the_16th_birthday():
    assert stops_qualifying_on(date(2010, 6, 15), None) == date(2026, 6, 15)


def test_in_education_a_child_stops_the_day_after_it_ends():
    assert stops_qualifying_on(date(2010, 6, 15), date(2028, 7, 31)) == date(2028, 8, 1)


def test_education_never_keeps_a_child_past_the_20th_birthday():
    assert stops_qualifying_on(date(2010, 6, 15), date(2031, 7, 31)) == date(2030, 6, 15)
    assert stops_qualifying_on(date(2010, 6, 15), date(2030, 6, 14)) == date(2030, 6, 15)


def test_education_ending_before_16_changes_nothing():
    assert stops_qualifying_on(date(2010, 6, 15), date(2025, 7, 31)) == date(2026, 6, 15)
