"""The rules an arrears plan must keep to be agreed without a caseworker (docs/rules.md
§2; the Commons Library briefing CBP-7774 on the Child Maintenance Service's arrears
collection): arrears are normally cleared within 2 years, and when money is deducted
from earnings, what is taken for arrears may be at most 40% of net income. Held as a
dated table so a plan is judged by the rules in force on the day it is asked for.

Pure Python: no Django.

Decisions the rules leave to us:
- "Within 2 years" counts from the day the plan is asked for: the payment that clears
  the arrears must fall due on or before the same date 2 years later.
- The 40% is applied to the plan's own amount (the deduction for arrears) against net
  income over the same period as a payment, rounded down to the penny so a plan at the
  cap never takes a fraction of a penny more than 40%.
- The rules set no least amount: the least a plan can be agreed at without a caseworker
  is what clears the arrears in time, shown to the parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from calculation.dated import DatedTable
from calculation.money import PENNY


@dataclass(frozen=True, slots=True)
class ArrearsPlanRules:
    effective_from: date | None
    # A plan should clear the arrears within this many months of asking for it.
    clear_within_months: int
    # With a deduction from earnings order: the most of net income deducted for arrears.
    most_of_net_income_for_arrears: Decimal


ARREARS_PLAN_RULES: DatedTable[ArrearsPlanRules] = DatedTable(
    "arrears plan rules",
    [
        # In force with the 2012 scheme's collection.
        ArrearsPlanRules(
            effective_from=date(2012, 12, 10),
            clear_within_months=24,
            most_of_net_income_for_arrears=Decimal("0.40"),
        ),
    ],
)


def arrears_plan_rules(on_date: date) -> ArrearsPlanRules:
    return ARREARS_PLAN_RULES.on(on_date)


def income_cap(net_income: Decimal, rules: ArrearsPlanRules) -> Decimal:
    """The most a payment may take for arrears from `net_income` over the same period."""
    return (net_income * rules.most_of_net_income_for_arrears).quantize(PENNY, rounding=ROUND_DOWN)
