"""Dates of money: the business date the nightly jobs run for, and the due dates of a
schedule. Pure functions, no database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from cms_portal.core.months import add_months

from .models.choices import PaymentFrequency

LONDON = ZoneInfo("Europe/London")
PERIOD_DAYS = {
    PaymentFrequency.WEEKLY: 7,
    PaymentFrequency.FORTNIGHTLY: 14,
    PaymentFrequency.FOUR_WEEKLY: 28,
}


def business_date(now: datetime | None = None) -> date:
    """The calendar date in London at `now`: in GMT and in BST the jobs run for the day
    people in the UK call today, whatever the server's clock or time zone."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("business_date needs an aware datetime")
    return now.astimezone(LONDON).date()


def financial_year_start(on_date: date) -> date:
    """1 April on or before `on_date` (fees are summed "since April")."""
    year = on_date.year if (on_date.month, on_date.day) >= (4, 1) else on_date.year - 1
    return date(year, 4, 1)


def nth_due_date(anchor: date, frequency: str, n: int) -> date:
    """The n-th due date (0 is the anchor). Monthly dates keep the anchor's day, or the
    month's last day when it is shorter, so the 31st never drifts to the 28th."""
    if frequency == PaymentFrequency.MONTHLY:
        return add_months(anchor, n)
    return anchor + timedelta(days=PERIOD_DAYS[PaymentFrequency(frequency)] * n)


def first_index_on_or_after(anchor: date, frequency: str, on_date: date) -> int:
    """The smallest n with nth_due_date(anchor, frequency, n) >= on_date (n >= 0)."""
    if on_date <= anchor:
        return 0
    if frequency == PaymentFrequency.MONTHLY:
        n = max(0, (on_date.year - anchor.year) * 12 + on_date.month - anchor.month - 1)
    else:
        period = PERIOD_DAYS[PaymentFrequency(frequency)]
        n = -(-(on_date - anchor).days // period)
    while nth_due_date(anchor, frequency, n) < on_date:
        n += 1
    while n > 0 and nth_due_date(anchor, frequency, n - 1) >= on_date:
        n -= 1
    return n


def due_date_on_or_after(anchor: date, frequency: str, on_date: date) -> date:
    return nth_due_date(anchor, frequency, first_index_on_or_after(anchor, frequency, on_date))


def due_dates_between(anchor: date, frequency: str, first: date, last: date) -> list[date]:
    """Every due date d with first <= d <= last."""
    dates = []
    n = first_index_on_or_after(anchor, frequency, first)
    while (due := nth_due_date(anchor, frequency, n)) <= last:
        dates.append(due)
        n += 1
    return dates


def next_due_dates(anchor: date, frequency: str, on_or_after: date, count: int) -> list[date]:
    n = first_index_on_or_after(anchor, frequency, on_or_after)
    return [nth_due_date(anchor, frequency, n + offset) for offset in range(count)]
