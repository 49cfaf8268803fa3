"""Variations (SI 2012/2677 Part 5): which agreed variations count, and by how much.

Pure Python. The engine asks `apply_variations` for the paying parent's income after the
variations in force on the effective date, with the steps that explain it; the rates are
then worked out on that income as usual (reg 74(2): shared care applies after a variation).

Decisions the text leaves to us, or whose text we could not read (see docs/rules.md):
- Reg 68: special expenses of one ground (one "description of expenses") are added
  together; if that total is the threshold (£10 a week) or less the ground is disregarded,
  and if it is more the whole total is taken off, not only the part above £10. Each ground
  is tested on its own: two grounds of £6 each are both disregarded. Contact costs are one
  ground however many children or journeys they cover. The costs of a relevant other
  child's illness or disability (reg 64) have no threshold, as under the 2003 scheme
  (SI 2001/156 reg 15 covers regs 10 and 12 to 14, not reg 11).
- Reg 69: unearned income counts if it is at least £2,500 a year. The variation gives a
  weekly amount, and a year is taken as 365 days (the weekly amount x 365 / 7, as reg 34
  turns yearly income into weekly), compared exactly in Decimal: £47.95 a week counts,
  £47.94 does not.
- Reg 70: income while on a benefit counts if it is at least £100 a week.
- Regs 72(2) and 73 together: special expenses come off, and additional income is added
  to, the actual gross weekly income; the cap then applies to the result. With income
  above the cap this is exactly reg 72(2): the capped income falls only by the amount the
  actual income less the expenses is below the cap. Income never goes below zero.
- When a benefit decides the rate, only reg 70 applies: the rate is then worked out on the
  reg 70 income as if the benefit did not apply (reg 73(2), whose full text we could not
  read). Other grounds change nothing then (reg 57(1)(d) rejects them), and a step says so.
- Reg 74(1A): if special expenses would take the amount below the flat rate (from income
  of £7 or more down to the nil rate), the flat rate applies instead, shared between
  receiving parents by children (Sch 1 para 6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dated import DatedTable
from .inputs import Variation, VariationGround

# Reg 68: the special-expense grounds the weekly threshold applies to.
THRESHOLD_GROUNDS = frozenset(
    {
        VariationGround.CONTACT_COSTS,
        VariationGround.PRIOR_DEBTS,
        VariationGround.BOARDING_SCHOOL_FEES,
        VariationGround.FORMER_FAMILY_HOME,
    }
)

__all__ = [
    "THRESHOLD_GROUNDS",
    "VARIATION_THRESHOLDS",
    "AppliedVariations",
    "VariationThresholds",
    "apply_variations",
    "thresholds_on",
]


@dataclass(frozen=True, slots=True)
class VariationThresholds:
    effective_from: date | None
    # Reg 68: special expenses of one ground this much a week or less are disregarded.
    special_expenses_weekly: Decimal
    # Reg 69: unearned income counts if at least this much a year ...
    unearned_income_yearly: Decimal
    # ... with a year of this many days of the weekly amount.
    days_in_year: int
    # Reg 70: income while on a flat- or nil-rate benefit counts if at least this a week.
    income_while_on_benefit_weekly: Decimal


VARIATION_THRESHOLDS: DatedTable[VariationThresholds] = DatedTable(
    "variation thresholds",
    [
        VariationThresholds(
            effective_from=date(2013, 11, 25),
            special_expenses_weekly=Decimal("10.00"),
            unearned_income_yearly=Decimal("2500.00"),
            days_in_year=365,
            income_while_on_benefit_weekly=Decimal("100.00"),
        )
    ],
)


def thresholds_on(on_date: date) -> VariationThresholds:
    return VARIATION_THRESHOLDS.on(on_date)


_SEVEN = Decimal(7)
_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class AppliedVariations:
    """What the variations in force do: amounts taken off and added, and their steps."""

    expenses: Decimal
    additional_income: Decimal
    # Reg 70 income, which replaces a benefit's rate (None when there is none).
    income_while_on_benefit: Decimal | None
    trace: tuple[tuple, ...]


def _totals_by_ground(
    variations: Iterable[Variation], on_date: date
) -> dict[VariationGround, Decimal]:
    totals: dict[VariationGround, Decimal] = {}
    for variation in variations:
        if variation.in_force_on(on_date):
            totals[variation.ground] = totals.get(variation.ground, _ZERO) + variation.weekly_amount
    # In the order the grounds are declared, so the steps read the same every time.
    return {ground: totals[ground] for ground in VariationGround if ground in totals}


def apply_variations(
    variations: Iterable[Variation], on_date: date, *, benefit_decides: bool
) -> AppliedVariations:
    """The variations in force on `on_date`, tested against their thresholds.

    Each step is (code, *figures) as explain.STEP_PARAMS names them."""
    thresholds = thresholds_on(on_date)
    trace: list[tuple] = []
    expenses = additional = _ZERO
    on_benefit: Decimal | None = None
    for ground, amount in _totals_by_ground(variations, on_date).items():
        if ground is VariationGround.INCOME_WHILE_ON_BENEFIT:
            if amount < thresholds.income_while_on_benefit_weekly:
                trace.append(
                    (
                        "variation_income_under_threshold",
                        amount,
                        thresholds.income_while_on_benefit_weekly,
                    )
                )
            elif benefit_decides:
                on_benefit = amount
                trace.append(("variation_income_on_benefit", amount))
            continue
        if benefit_decides:
            trace.append(("variation_not_on_benefit", ground))
            continue
        if ground.is_special_expense:
            if ground in THRESHOLD_GROUNDS and amount <= thresholds.special_expenses_weekly:
                trace.append(
                    (
                        "variation_expense_under_threshold",
                        ground,
                        amount,
                        thresholds.special_expenses_weekly,
                    )
                )
            else:
                expenses += amount
                trace.append(("variation_expense", ground, amount))
        elif (
            ground is VariationGround.UNEARNED_INCOME
            and amount * thresholds.days_in_year < thresholds.unearned_income_yearly * _SEVEN
        ):
            trace.append(
                ("variation_unearned_under_threshold", amount, thresholds.unearned_income_yearly)
            )
        else:
            additional += amount
            trace.append(("variation_additional_income", ground, amount))
    return AppliedVariations(expenses, additional, on_benefit, tuple(trace))
