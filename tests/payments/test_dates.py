"""Business dates in London across the clock changes, and schedule due dates."""

from datetime import UTC, date, datetime

import pytest

from payments.dates import (
    business_date,
    due_date_on_or_after,
    due_dates_between,
    financial_year_start,
    nth_due_date,
)


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # March 2025: clocks go forward at 01:00 GMT on Sunday 30 March.
        (datetime(2025, 3, 29, 23, 30, tzinfo=UTC), date(2025, 3, 29)),  # 23:30 GMT
        (datetime(2025, 3, 30, 0, 59, tzinfo=UTC), date(2025, 3, 30)),  # 00:59 GMT
        (datetime(2025, 3, 30, 1, 0, tzinfo=UTC), date(2025, 3, 30)),  # 02:00 BST
        (datetime(2025, 3, 30, 23, 0, tzinfo=UTC), date(2025, 3, 31)),  # 00:00 BST, next day
        (datetime(2025, 3, 30, 22, 59, tzinfo=UTC), date(2025, 3, 30)),  # 23:59 BST
        # October 2025: clocks go back at 02:00 BST (01:00 GMT) on Sunday 26 October.
        (datetime(2025, 10, 25, 22, 59, tzinfo=UTC), date(2025, 10, 25)),  # 23:59 BST
        (datetime(2025, 10, 25, 23, 0, tzinfo=UTC), date(2025, 10, 26)),  # 00:00 BST
        (datetime(2025, 10, 26, 0, 30, tzinfo=UTC), date(2025, 10, 26)),  # 01:30 BST
        (datetime(2025, 10, 26, 1, 30, tzinfo=UTC), date(2025, 10, 26)),  # 01:30 GMT (again)
        (datetime(2025, 10, 26, 23, 59, tzinfo=UTC), date(2025, 10, 26)),  # 23:59 GMT
        (datetime(2025, 10, 27, 0, 0, tzinfo=UTC), date(2025, 10, 27)),  # 00:00 GMT
    ],
)
def test_business_date_is_the_date_in_london(utc, expected):
    assert business_date(utc) == expected


def test_business_date_refuses_a_naive_time():
    with pytest.raises(ValueError):
        business_date(datetime(2025, 3, 30, 1, 0))


def test_nightly_jobs_are_scheduled_outside_the_hour_the_clocks_change():
    """01:00-01:59 happens twice in October and not at all in March."""
    from django.conf import settings

    from payments.jobs import NIGHTLY_JOBS

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "payments.tasks.start_job"
    ]
    assert len(entries) == len(NIGHTLY_JOBS)
    for entry in entries:
        hours = entry["schedule"].hour
        assert hours and all(2 <= hour <= 5 for hour in hours)


def test_monthly_due_dates_keep_the_day_or_use_the_last_day_of_a_short_month():
    anchor = date(2025, 1, 31)
    assert [nth_due_date(anchor, "monthly", n) for n in range(4)] == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
    ]
    assert due_date_on_or_after(anchor, "monthly", date(2025, 3, 1)) == date(2025, 3, 31)


@pytest.mark.parametrize(
    ("frequency", "step"), [("weekly", 7), ("fortnightly", 14), ("four_weekly", 28)]
)
def test_weekly_kinds_of_due_dates(frequency, step):
    anchor = date(2025, 1, 6)
    dates = due_dates_between(anchor, frequency, date(2025, 1, 7), date(2025, 3, 31))
    assert dates[0] == date(2025, 1, 6 + step) if step < 25 else dates[0] == date(2025, 2, 3)
    assert all((b - a).days == step for a, b in zip(dates, dates[1:]))
    assert all(date(2025, 1, 7) <= d <= date(2025, 3, 31) for d in dates)


def test_due_dates_between_includes_both_ends():
    anchor = date(2025, 1, 1)
    assert due_dates_between(anchor, "weekly", date(2025, 1, 1), date(2025, 1, 15)) == [
        date(2025, 1, 1),
        date(2025, 1, 8),
        date(2025, 1, 15),
    ]


def test_fees_are_summed_since_the_first_of_april():
    assert financial_year_start(date(2026, 3, 31)) == date(2025, 4, 1)
    assert financial_year_start(date(2026, 4, 1)) == date(2026, 4, 1)
