"""Working days by UK division: weekends and that division's bank holidays are skipped."""

import logging
from datetime import date, timedelta

import pytest

from cms_portal.core.working_days import (
    Division,
    add_working_days,
    covered_until,
    division_for_postcode,
    is_working_day,
)

EW = Division.ENGLAND_AND_WALES
SCOTLAND = Division.SCOTLAND
NI = Division.NORTHERN_IRELAND


@pytest.mark.parametrize(
    ("start", "days", "division", "expected"),
    [
        # Christmas 2026: Friday 25th, Boxing Day (Saturday) moves to Monday 28th.
        (date(2026, 12, 24), 1, EW, date(2026, 12, 29)),
        (date(2026, 12, 24), 1, SCOTLAND, date(2026, 12, 29)),
        # Christmas 2027 falls on a Saturday: both days are taken on Monday and Tuesday.
        (date(2027, 12, 24), 1, EW, date(2027, 12, 29)),
        (date(2027, 12, 23), 2, EW, date(2027, 12, 29)),
        # Easter 2026: Good Friday 3 April everywhere, Easter Monday not in Scotland.
        (date(2026, 4, 2), 1, EW, date(2026, 4, 7)),
        (date(2026, 4, 2), 1, SCOTLAND, date(2026, 4, 6)),
        (date(2026, 4, 2), 1, NI, date(2026, 4, 7)),
        # Summer bank holiday: first Monday of August in Scotland, last in England.
        (date(2026, 7, 31), 1, SCOTLAND, date(2026, 8, 4)),
        (date(2026, 7, 31), 1, EW, date(2026, 8, 3)),
        (date(2026, 8, 28), 1, EW, date(2026, 9, 1)),
        (date(2026, 8, 28), 1, SCOTLAND, date(2026, 8, 31)),
        # St Andrew's Day 2025 was a Sunday: Scotland takes Monday 1 December.
        (date(2025, 11, 28), 1, SCOTLAND, date(2025, 12, 2)),
        (date(2025, 11, 28), 1, EW, date(2025, 12, 1)),
        # 2 January is a holiday in Scotland only (2026: a Friday).
        (date(2025, 12, 31), 1, EW, date(2026, 1, 2)),
        (date(2025, 12, 31), 1, SCOTLAND, date(2026, 1, 5)),
        # Across the year end: New Year's Day 2027 (Friday); in Scotland 2 January
        # (a Saturday) moves to Monday 4th.
        (date(2026, 12, 30), 2, EW, date(2027, 1, 4)),
        (date(2026, 12, 30), 2, SCOTLAND, date(2027, 1, 5)),
        # St Patrick's Day in Northern Ireland only.
        (date(2026, 3, 16), 1, NI, date(2026, 3, 18)),
        (date(2026, 3, 16), 1, EW, date(2026, 3, 17)),
        # The service standards from a Friday: 2 and 15 working days.
        (date(2026, 6, 5), 2, EW, date(2026, 6, 9)),
        (date(2026, 6, 5), 15, EW, date(2026, 6, 26)),
        # From a weekend, the count starts on Monday; zero days is the day itself.
        (date(2026, 6, 6), 1, EW, date(2026, 6, 8)),
        (date(2026, 6, 6), 0, EW, date(2026, 6, 6)),
    ],
)
def test_add_working_days(start, days, division, expected):
    assert add_working_days(start, days, division) == expected


def test_bank_holidays_are_not_working_days_by_division():
    assert not is_working_day(date(2026, 4, 6), EW)  # Easter Monday
    assert is_working_day(date(2026, 4, 6), SCOTLAND)
    assert not is_working_day(date(2026, 11, 30), SCOTLAND)  # St Andrew's Day
    assert is_working_day(date(2026, 11, 30), EW)
    assert not is_working_day(date(2026, 7, 13), NI)  # Battle of the Boyne (substitute)
    assert not is_working_day(date(2026, 6, 6), EW)  # a Saturday


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 6, 1), -1)


def test_the_shipped_data_covers_whole_years_to_the_end_of_its_last():
    last = covered_until(EW)
    assert (last.month, last.day) == (12, 31)
    assert last >= date(2028, 12, 31)
    assert covered_until(SCOTLAND) == covered_until(NI) == last


def test_beyond_the_data_weekends_only_with_a_warning(caplog):
    christmas = date(covered_until(EW).year + 1, 12, 25)
    day_before = christmas - timedelta(days=1)
    while day_before.weekday() >= 4:  # a Monday to Thursday, so the next day is a weekday
        christmas += timedelta(days=365)
        day_before = christmas - timedelta(days=1)
    with caplog.at_level(logging.WARNING, logger="cms_portal.core.working_days"):
        assert add_working_days(day_before, 1, EW) == christmas
    assert "counting weekends only" in caplog.text


@pytest.mark.parametrize(
    ("postcode", "division"),
    [
        ("EH1 1YZ", SCOTLAND),
        ("g2 1dy", SCOTLAND),
        ("AB101AB", SCOTLAND),
        ("TD1 1AA", SCOTLAND),
        ("TD15 1AA", EW),  # Berwick-upon-Tweed
        ("GL1 1AA", EW),
        ("CF10 1AA", EW),
        ("BT1 1AA", NI),
        ("", EW),
        (None, EW),
        ("not a postcode", EW),
    ],
)
def test_division_for_postcode(postcode, division):
    assert division_for_postcode(postcode) == division
