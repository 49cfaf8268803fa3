"""The arithmetic of an arrears payment plan: how many payments clear the arrears at an
amount each, when the last of them falls due, and the least amount that clears them by a
date. Pure: due dates come from the schedule's anchor and frequency (payments.dates).

Decisions documented here:
- A plan's payments are added to the instalments falling due on or after the day it
  starts; the first is the first due date on or after that day.
- The last payment may be smaller than the others (only what is left is added), so the
  number of payments is the arrears divided by the amount, rounded up.
"""

from datetime import date
from decimal import ROUND_CEILING, ROUND_UP, Decimal

from calculation.money import PENNY

from .dates import first_index_on_or_after, nth_due_date


def payments_needed(arrears: Decimal, amount: Decimal) -> int:
    """How many payments of `amount` clear `arrears` (0 when there are none)."""
    if arrears <= 0:
        return 0
    if amount <= 0:
        raise ValueError("A plan's amount must be more than nothing.")
    return int((arrears / amount).to_integral_value(rounding=ROUND_CEILING))


def plan_end_date(
    arrears: Decimal, amount: Decimal, anchor: date, frequency: str, starts_on: date
) -> date | None:
    """The due date of the payment that clears `arrears`, or None when there are none."""
    count = payments_needed(arrears, amount)
    if count == 0:
        return None
    first = first_index_on_or_after(anchor, frequency, starts_on)
    return nth_due_date(anchor, frequency, first + count - 1)


def payments_between(anchor: date, frequency: str, starts_on: date, last_day: date) -> int:
    """How many due dates fall from `starts_on` to `last_day`, both included."""
    if last_day < starts_on:
        return 0
    first = first_index_on_or_after(anchor, frequency, starts_on)
    after_last = first_index_on_or_after(
        anchor, frequency, date.fromordinal(last_day.toordinal() + 1)
    )
    return max(after_last - first, 0)


def least_amount_to_clear_by(
    arrears: Decimal, anchor: date, frequency: str, starts_on: date, last_day: date
) -> Decimal | None:
    """The smallest amount a payment (in whole pennies) that clears `arrears` with the
    payments due by `last_day`; None when no payment falls due by then."""
    count = payments_between(anchor, frequency, starts_on, last_day)
    if count == 0:
        return None
    return (arrears / count).quantize(PENNY, rounding=ROUND_UP)
