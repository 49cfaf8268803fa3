"""Money as the portal stores it: the settings of every money column and rounding to the
penny, half up. The rounding is the statutory engine's (calculation.money), so pages,
services and the engine cannot round differently."""

from calculation.money import PENNY, ZERO, has_at_most_pennies, to_penny

# Every money column: pounds and pence up to £9,999,999,999.99.
MONEY = {"max_digits": 12, "decimal_places": 2}

__all__ = ["MONEY", "PENNY", "ZERO", "has_at_most_pennies", "to_penny"]
