"""Instalments: a weekly amount as the amount due each pay period."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from .money import PENNY, ratio_to_penny

_HUNDRED = Decimal(100)


class PaymentFrequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    FOUR_WEEKLY = "four_weekly"
    MONTHLY = "monthly"


_WEEKS_IN = {
    PaymentFrequency.WEEKLY: (1, 1),
    PaymentFrequency.FORTNIGHTLY: (2, 1),
    PaymentFrequency.FOUR_WEEKLY: (4, 1),
    # 52 weeks a year paid in 12 months.
    PaymentFrequency.MONTHLY: (52, 12),
}


def instalment_amount(weekly: Decimal, frequency: PaymentFrequency | str) -> Decimal:
    """One instalment of a weekly amount, rounded to the penny half up, exactly.

    Raises ValueError for an unknown frequency.
    """
    weeks, months = _WEEKS_IN[PaymentFrequency(frequency)]
    pennies, residue = divmod(weekly * weeks * _HUNDRED, months)
    if residue * 2 >= months:
        pennies += 1
    return pennies * PENNY


def per_other_frequency(
    amount: Decimal, frequency: PaymentFrequency | str, to_frequency: PaymentFrequency | str
) -> Decimal:
    """An amount paid every `frequency` as the amount for each `to_frequency` period (a
    weekly deduction as a monthly figure), exactly, rounded once to the penny half up."""
    weeks_from, months_from = _WEEKS_IN[PaymentFrequency(frequency)]
    weeks_to, months_to = _WEEKS_IN[PaymentFrequency(to_frequency)]
    return ratio_to_penny(amount * weeks_to * months_from, months_to * weeks_from)
