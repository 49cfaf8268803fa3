"""Rules of running a case (docs/rules.md §4) as plain functions, named where they apply."""

from decimal import ROUND_HALF_UP, Decimal

# A reported income change is acted on only when it differs from the income in the
# decision by this fraction or more (docs/rules.md §4).
INCOME_CHANGE_THRESHOLD = Decimal("0.25")
WEEKS_IN_YEAR = Decimal(52)
MONTHS_IN_YEAR = Decimal(12)
PENNY = Decimal("0.01")


def weekly_from(amount: Decimal, period: str) -> Decimal:
    """Gross income for a week from an amount a week, a month or a year, to the penny."""
    if period == "week":
        weekly = amount
    elif period == "month":
        weekly = amount * MONTHS_IN_YEAR / WEEKS_IN_YEAR
    elif period == "year":
        weekly = amount / WEEKS_IN_YEAR
    else:
        raise ValueError(f"unknown period {period!r}")
    return weekly.quantize(PENNY, rounding=ROUND_HALF_UP)


def income_change_fraction(decision_income: Decimal, new_income: Decimal) -> Decimal | None:
    """How far the new income is from the decision's, as a fraction (None from zero)."""
    if decision_income == 0:
        return None
    return abs(new_income - decision_income) / decision_income


def income_change_needs_new_decision(decision_income: Decimal, new_income: Decimal) -> bool:
    """The 25% rule: exactly 25% counts. From a zero income any income at all counts."""
    if decision_income == 0:
        return new_income != 0
    return abs(new_income - decision_income) >= decision_income * INCOME_CHANGE_THRESHOLD


def percent_for_display(fraction: Decimal | None) -> Decimal | None:
    if fraction is None:
        return None
    return (fraction * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
