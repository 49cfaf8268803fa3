"""Rounding money to the penny, half up, without ever rounding anything earlier."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")


def to_penny(amount: Decimal) -> Decimal:
    """Round an exact amount to the penny, half up."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def pennies_half_up(numerator: Decimal, denominator: int) -> int:
    """Whole pennies in `numerator / denominator` pounds, rounded half up, exactly.

    Dividing by sevenths has no exact decimal, so the division is done on the integer ratio
    of the numerator: the result is exact whatever the Decimal context's precision.
    Both arguments must be non-negative.
    """
    top, bottom = numerator.as_integer_ratio()
    scaled_bottom = bottom * denominator
    return (200 * top + scaled_bottom) // (2 * scaled_bottom)


def from_pennies(pennies: int) -> Decimal:
    return Decimal(pennies).scaleb(-2)


def ratio_to_penny(numerator: Decimal, denominator: int) -> Decimal:
    """`numerator / denominator` pounds rounded half up to the penny, computed exactly."""
    return from_pennies(pennies_half_up(numerator, denominator))


def has_at_most_pennies(amount: Decimal) -> bool:
    return amount.is_finite() and amount == amount.quantize(PENNY)
