"""Checks shared by the money services."""

from decimal import Decimal, InvalidOperation

from calculation.money import has_at_most_pennies

from .accounts import PaymentsError

COLLECT_AND_PAY = "collect_and_pay"
MAX_AMOUNT = Decimal("1000000.00")


def valid_amount(amount):
    """A positive amount in pounds and pence under £1,000,000, as a Decimal."""
    try:
        amount = Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        raise PaymentsError("The amount must be a number of pounds and pence.") from None
    if not amount.is_finite() or not has_at_most_pennies(amount):
        raise PaymentsError("The amount must be in pounds and pence.")
    if amount <= 0 or amount >= MAX_AMOUNT:
        raise PaymentsError("The amount must be more than £0 and less than £1,000,000.")
    return amount.quantize(Decimal("0.01"))
