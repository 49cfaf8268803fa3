"""The years a statement can cover: a tax year (6 April to 5 April) or a calendar year.
Pure functions of dates, no database."""

from dataclasses import dataclass
from datetime import date, timedelta

TAX_YEAR = "tax-year"
CALENDAR_YEAR = "calendar-year"
KINDS = (TAX_YEAR, CALENDAR_YEAR)
# How many years of each kind the case page offers, newest first.
OFFERED = 6


@dataclass(frozen=True)
class Period:
    kind: str
    year: int  # the year it starts in

    @property
    def first_day(self) -> date:
        return date(self.year, 4, 6) if self.kind == TAX_YEAR else date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        if self.kind == TAX_YEAR:
            return date(self.year + 1, 4, 5)
        return date(self.year, 12, 31)

    def day_after_or(self, today: date) -> date:
        """The first day not in the period, or `today` while the period is still running."""
        return min(self.last_day + timedelta(days=1), today)


def period_containing(kind: str, day: date) -> Period:
    if kind == TAX_YEAR and (day.month, day.day) < (4, 6):
        return Period(kind, day.year - 1)
    return Period(kind, day.year)


def offered_periods(kind: str, since: date, today: date) -> list[Period]:
    """Periods of `kind` from the one containing `since` to the one containing `today`,
    newest first, at most OFFERED."""
    first = period_containing(kind, since).year
    last = period_containing(kind, today).year
    return [Period(kind, year) for year in range(last, max(first, last - OFFERED + 1) - 1, -1)]


def chosen_period(kind: str, year: int, since: date, today: date) -> Period | None:
    """The period a link names, or None when it is not one the case could have."""
    if kind not in KINDS:
        return None
    first = period_containing(kind, since).year
    last = period_containing(kind, today).year
    return Period(kind, year) if first <= year <= last else None
