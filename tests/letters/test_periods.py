from datetime import date

from letters.periods import (
    CALENDAR_YEAR,
    TAX_YEAR,
    Period,
    chosen_period,
    offered_periods,
    period_containing,
)


def test_a_tax_year_runs_from_6_april_to_5_april():
    period = Period(TAX_YEAR, 2025)
    assert (period.first_day, period.last_day) == (date(2025, 4, 6), date(2026, 4, 5))
    assert period_containing(TAX_YEAR, date(2026, 4, 5)) == period
    assert period_containing(TAX_YEAR, date(2026, 4, 6)) == Period(TAX_YEAR, 2026)


def test_a_calendar_year_runs_from_january_to_december():
    period = period_containing(CALENDAR_YEAR, date(2025, 12, 31))
    assert (period.first_day, period.last_day) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_running_period_ends_today():
    period = Period(CALENDAR_YEAR, 2026)
    assert period.day_after_or(date(2026, 3, 1)) == date(2026, 3, 1)
    assert Period(CALENDAR_YEAR, 2025).day_after_or(date(2026, 3, 1)) == date(2026, 1, 1)


def test_offered_periods_are_newest_first_and_few():
    offered = offered_periods(TAX_YEAR, date(2015, 1, 1), date(2026, 5, 1))
    assert [period.year for period in offered] == [2026, 2025, 2024, 2023, 2022, 2021]
    assert [p.year for p in offered_periods(CALENDAR_YEAR, date(2026, 2, 1), date(2026, 5, 1))] == [
        2026
    ]


def test_only_years_the_case_could_have_are_chosen():
    since, today = date(2024, 5, 1), date(2026, 5, 1)
    assert chosen_period(TAX_YEAR, 2024, since, today) == Period(TAX_YEAR, 2024)
    assert chosen_period(TAX_YEAR, 2023, since, today) is None
    assert chosen_period(CALENDAR_YEAR, 2027, since, today) is None
    assert chosen_period("fortnight", 2025, since, today) is None
