"""Instalments: a weekly amount as the amount due each pay period."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from .money import PENNY

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
