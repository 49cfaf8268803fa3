"""The 2012-scheme weekly child maintenance calculation (Child Support Act 1991 Sch 1).

Pure Python and exact: every figure comes from the rate schedule in force on the effective
date, all arithmetic is Decimal (shared-care sevenths are kept as exact integer numerators
over a common denominator), and nothing is rounded until each receiving parent's weekly
amount is rounded to the penny, half up. The total is the sum of those rounded amounts.

Decisions the law's text leaves to us (see shared RULES.md):
- A receiving parent's share that shared care would take below zero is zero.
- The £7 shared-care minimum is apportioned between receiving parents by their number of
  children (Sch 1 para 6), as is the flat rate. Whenever per-parent rounding would leave a
  statutory minimum total (the flat rate or the shared-care floor) a penny or two short,
  the missing pennies go to the shares that lost most in rounding, ties to the earlier
  receiving parent, so the total is never below the minimum.
- On the flat rate paid because of a benefit, a receiving parent gets nothing if any one
  of their children stays 52 nights or more with the paying parent (Sch 1 para 8).
- A flat-rate benefit decides the rate whatever income is given, except that income under
  £7 still gives the nil rate, which takes precedence over the flat rate (Sch 1 para 4(1)).
- Collection fees are worked out on each receiving parent's amount (each is a separate
  case in the service) and totalled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

from .dated import NotInForceError
from .explain import ExplanationStep as Step
from .fees import CollectionFeeSchedule, collection_fee_rates
from .inputs import (
    MAX_SHARED_CARE_NIGHTS,
    Benefit,
    CalculationError,
    CalculationInput,
    ChildInput,
    InvalidInputError,
    ReceivingParentInput,
    ServiceType,
)
from .money import PENNY, ZERO
from .rates import RATE_SCHEDULES, RateSchedule, SharedCareBand
from .results import CalculationResult, CollectionFees, RateType, ReceivingParentResult

__all__ = [
    "Benefit",
    "CalculationError",
    "CalculationInput",
    "CalculationResult",
    "ChildInput",
    "CollectionFees",
    "DateBeforeSchemeError",
    "InvalidInputError",
    "PaymentFrequency",
    "RateType",
    "ReceivingParentInput",
    "ReceivingParentResult",
    "ServiceType",
    "calculate",
    "instalment_amount",
]

_HUNDRED = Decimal(100)
_NO_FEE = Decimal("0")


class DateBeforeSchemeError(InvalidInputError):
    """The effective date is before the first rate schedule (25 November 2013)."""

    def __init__(self, on_date: date, scheme_start: date | None):
        self.on_date = on_date
        self.scheme_start = scheme_start
        start = scheme_start.isoformat() if scheme_start else "an unknown date"
        super().__init__("effective_date",
                         f"the 2012 scheme rates start on {start}; "
                         f"{on_date.isoformat()} is before that")


@dataclass(frozen=True, slots=True)
class _PreparedRates:
    """A schedule's figures rearranged once so each calculation only indexes tuples."""

    schedule: RateSchedule
    denominator: int
    # Indexed by nights 0..365: the band, the part of a child's share kept (in
    # 1/denominator), and any fixed sum taken off for equal care.
    band_by_nights: tuple[SharedCareBand, ...]
    kept_by_nights: tuple[int, ...]
    # Indexed by other children (capped): income kept after the reduction.
    income_kept: tuple[Decimal, ...]
    # Indexed by qualifying children (capped): the first tier's amount at the tier limit.
    tier_one_at_limit: tuple[Decimal, ...]

    @classmethod
    def of(cls, schedule: RateSchedule) -> _PreparedRates:
        denominator = schedule.shared_care_denominator
        bands = tuple(schedule.shared_care_band(nights)
                      for nights in range(MAX_SHARED_CARE_NIGHTS + 1))
        kept = tuple(int((1 - band.reduction) * denominator) for band in bands)
        return cls(
            schedule=schedule,
            denominator=denominator,
            band_by_nights=bands,
            kept_by_nights=kept,
            income_kept=tuple(1 - r for r in schedule.other_children_reductions),
            tier_one_at_limit=tuple(schedule.basic_rate_tier_limit * rate
                                    for rate in schedule.basic_rate_tier_one),
        )


@lru_cache(maxsize=8)
def _prepare(schedule: RateSchedule) -> _PreparedRates:
    return _PreparedRates.of(schedule)


@lru_cache(maxsize=4096)
def _rates_on(on_date: date) -> _PreparedRates:
    try:
        return _prepare(RATE_SCHEDULES.on(on_date))
    except NotInForceError as error:
        raise DateBeforeSchemeError(on_date, error.first_date) from None


@lru_cache(maxsize=4096)
def _fees_on(on_date: date) -> CollectionFeeSchedule | None:
    return collection_fee_rates(on_date)


def calculate(calculation_input: CalculationInput) -> CalculationResult:
    """The weekly amount, each receiving parent's share, any fees, and the steps taken.

    Raises DateBeforeSchemeError for an effective date before 25 November 2013.
    """
    effective_date = calculation_input.effective_date
    prepared = _rates_on(effective_date)
    schedule = prepared.schedule
    parents = calculation_input.receiving_parents
    income = calculation_input.gross_weekly_income
    benefit = calculation_input.benefit
    steps = [Step("rates_in_force", {"effective_date": effective_date})]

    if benefit is Benefit.NIL_RATE:
        steps.append(Step("nil_prescribed", {}))
        return _finish(calculation_input, RateType.NIL, [ZERO] * len(parents), steps)
    if income is not None and income < schedule.nil_rate_income_below:
        steps.append(Step("gross_income", {"income": income}))
        steps.append(Step("nil_low_income", {"limit": schedule.nil_rate_income_below}))
        return _finish(calculation_input, RateType.NIL, [ZERO] * len(parents), steps)
    if benefit is Benefit.FLAT_RATE_BENEFIT:
        steps.append(Step("flat_benefit", {"amount": schedule.flat_rate}))
        amounts = _flat_rate_shares(prepared, parents, steps, benefit_decides=True)
        return _finish(calculation_input, RateType.FLAT, amounts, steps)

    steps.append(Step("gross_income", {"income": income}))
    if income <= schedule.flat_rate_income_up_to:
        steps.append(Step("flat_low_income", {"lower": schedule.nil_rate_income_below,
                                              "upper": schedule.flat_rate_income_up_to,
                                              "amount": schedule.flat_rate}))
        amounts = _flat_rate_shares(prepared, parents, steps, benefit_decides=False)
        return _finish(calculation_input, RateType.FLAT, amounts, steps)

    if income > schedule.income_cap:
        income = schedule.income_cap
        steps.append(Step("income_capped", {"cap": income}))
    children = sum(len(parent.children) for parent in parents)
    other_children = calculation_input.relevant_other_children
    if income < schedule.reduced_rate_income_below:
        rate_type = RateType.REDUCED
        amount = _reduced_rate(schedule, income, children, other_children, steps)
    else:
        rate_type, amount = _basic_rate(prepared, income, children, other_children, steps)
    amounts = _shared_care_shares(prepared, parents, children, amount, steps)
    return _finish(calculation_input, rate_type, amounts, steps)


def _reduced_rate(schedule: RateSchedule, income: Decimal, children: int,
                  other_children: int, steps: list[Step]) -> Decimal:
    threshold = schedule.flat_rate_income_up_to
    rate = schedule.reduced_rate_percentage(children, other_children)
    excess = income - threshold
    amount = schedule.flat_rate + excess * rate
    steps.append(Step("reduced_rate", {"lower": threshold,
                                       "upper": schedule.reduced_rate_income_below}))
    steps.append(Step("reduced_rate_amount", {
        "flat": schedule.flat_rate, "rate": rate, "excess": excess, "threshold": threshold,
        "children": children, "other_children": other_children, "amount": amount}))
    return amount


def _basic_rate(prepared: _PreparedRates, income: Decimal, children: int,
                other_children: int, steps: list[Step]) -> tuple[RateType, Decimal]:
    schedule = prepared.schedule
    if other_children:
        other_index = min(other_children, schedule.max_other_children_index)
        income = income * prepared.income_kept[other_index]
        steps.append(Step("other_children_reduction", {
            "rate": schedule.other_children_reductions[other_index],
            "other_children": other_children, "reduced_income": income}))
    child_index = min(children, schedule.max_qualifying_children_index)
    tier_one_rate = schedule.basic_rate_tier_one[child_index]
    limit = schedule.basic_rate_tier_limit
    if income <= limit:
        amount = income * tier_one_rate
        steps.append(Step("basic_rate", {"rate": tier_one_rate, "income": income,
                                         "children": children, "amount": amount}))
        return RateType.BASIC, amount
    tier_one = prepared.tier_one_at_limit[child_index]
    tier_two_rate = schedule.basic_rate_tier_two[child_index]
    excess = income - limit
    tier_two = excess * tier_two_rate
    amount = tier_one + tier_two
    steps.append(Step("basic_plus_tier_one", {"rate": tier_one_rate, "limit": limit,
                                              "children": children, "amount": tier_one}))
    steps.append(Step("basic_plus_tier_two", {"rate": tier_two_rate, "excess": excess,
                                              "limit": limit, "amount": tier_two}))
    steps.append(Step("basic_plus_total", {"amount": amount}))
    return RateType.BASIC_PLUS, amount


def _shared_care_shares(prepared: _PreparedRates, parents: tuple[ReceivingParentInput, ...],
                        children: int, amount: Decimal, steps: list[Step]) -> list[Decimal]:
    """Each receiving parent's rounded weekly amount on the reduced or basic rate.

    Each child's share is amount / children; shared care keeps (denominator - k) /
    denominator of it and equal care takes off a further fixed sum. A parent's exact share
    is numerator / (denominator x children), with every numerator an exact Decimal.
    """
    kept_by_nights = prepared.kept_by_nights
    denominator = prepared.denominator
    several_parents = len(parents) > 1
    shared = False
    kept_parts: list[int] = []
    extras: list[Decimal] = []
    for parent in parents:
        kept = 0
        extra = ZERO
        for child in parent.children:
            nights = child.shared_care_nights
            kept += kept_by_nights[nights]
            if nights >= 52 and not shared:
                shared = True
            band_extra = prepared.band_by_nights[nights].extra_reduction
            if band_extra:
                extra += band_extra
        kept_parts.append(kept)
        extras.append(extra)

    if not shared and not several_parents:
        return [_round_single(amount, steps)]

    if children > 1:
        steps.append(Step("split_between_children",
                          {"children": children, "per_child": amount / children}))
    if shared:
        _shared_care_steps(prepared, parents, steps)

    common = denominator * children
    numerators: list[Decimal] = []
    for index, kept in enumerate(kept_parts):
        numerator = amount * kept - extras[index] * common
        if numerator < 0:
            numerator = ZERO
            steps.append(Step("parent_share_not_below_zero", {"parent": index + 1,
                                                              "amount": ZERO}))
        numerators.append(numerator)

    minimum = prepared.schedule.shared_care_minimum_total
    if shared and sum(numerators) < minimum * common:
        steps.append(Step("shared_care_minimum", {"minimum": minimum}))
        numerators = [minimum * denominator * len(parent.children) for parent in parents]
    return _round_shares(numerators, common, minimum, steps)


def _shared_care_steps(prepared: _PreparedRates, parents: tuple[ReceivingParentInput, ...],
                       steps: list[Step]) -> None:
    code = "shared_care_parent_child" if len(parents) > 1 else "shared_care_child"
    for parent_number, parent in enumerate(parents, start=1):
        for child_number, child in enumerate(parent.children, start=1):
            band = prepared.band_by_nights[child.shared_care_nights]
            if not band.is_shared:
                continue
            steps.append(Step(code, {"parent": parent_number, "child": child_number,
                                     "nights": child.shared_care_nights,
                                     "fraction": band.reduction})
                         if code == "shared_care_parent_child" else
                         Step(code, {"child": child_number,
                                     "nights": child.shared_care_nights,
                                     "fraction": band.reduction}))
            if band.extra_reduction:
                steps.append(Step("equal_care_extra", {"extra": band.extra_reduction}))


def _round_single(amount: Decimal, steps: list[Step]) -> Decimal:
    rounded = amount.quantize(PENNY, ROUND_HALF_UP)
    if rounded != amount:
        steps.append(Step("rounded_to_penny", {}))
    return rounded


def _round_shares(numerators: list[Decimal], denominator: int, minimum: Decimal,
                  steps: list[Step]) -> list[Decimal]:
    """Round each numerator / denominator to the penny, half up, exactly; then, if the
    pennies lost would leave the total under `minimum`, give them back where most was lost."""
    amounts: list[Decimal] = []
    residues: list[Decimal] = []
    rounded_any = False
    for numerator in numerators:
        pennies, residue = divmod(numerator * _HUNDRED, denominator)
        if residue:
            rounded_any = True
            if residue * 2 >= denominator:
                pennies += 1
                residue -= denominator
        amounts.append(pennies * PENNY)
        residues.append(residue)
    if rounded_any:
        steps.append(Step("rounded_to_penny", {}))
    shortfall = int((minimum - sum(amounts)) / PENNY)
    if shortfall > 0 and sum(numerators) >= minimum * denominator:
        steps.append(Step("rounding_minimum", {"minimum": minimum}))
        by_loss = sorted(range(len(amounts)), key=lambda i: -residues[i])
        for index in by_loss[:shortfall]:
            amounts[index] += PENNY
    return amounts


def _flat_rate_shares(prepared: _PreparedRates, parents: tuple[ReceivingParentInput, ...],
                      steps: list[Step], *, benefit_decides: bool) -> list[Decimal]:
    schedule = prepared.schedule
    flat = schedule.flat_rate
    if len(parents) == 1:
        amounts = [flat]
    else:
        children = sum(len(parent.children) for parent in parents)
        steps.append(Step("split_between_children",
                          {"children": children, "per_child": flat / children}))
        amounts = _round_shares([flat * len(parent.children) for parent in parents],
                                children, flat, steps)

    nil_nights = schedule.flat_rate_shared_care_nights
    shared = [any(child.shared_care_nights >= nil_nights for child in parent.children)
              for parent in parents]
    if not any(shared):
        return amounts
    if not benefit_decides:
        steps.append(Step("flat_shared_care_ignored", {}))
        return amounts
    for index, is_shared in enumerate(shared):
        if is_shared:
            amounts[index] = ZERO
            if len(parents) == 1:
                steps.append(Step("flat_shared_care_nil", {"nights": nil_nights}))
            else:
                steps.append(Step("flat_shared_care_nil_parent",
                                  {"parent": index + 1, "nights": nil_nights}))
    return amounts


def _finish(calculation_input: CalculationInput, rate_type: RateType, amounts: list[Decimal],
            steps: list[Step]) -> CalculationResult:
    parents = calculation_input.receiving_parents
    total = sum(amounts, ZERO)
    if len(parents) > 1:
        for index, amount in enumerate(amounts):
            steps.append(Step("parent_amount", {"parent": index + 1, "amount": amount}))
    steps.append(Step("weekly_total", {"amount": total}))

    if calculation_input.service_type is ServiceType.DIRECT_PAY:
        steps.append(Step("direct_pay", {}))
        results = tuple(ReceivingParentResult(amount, len(parent.children))
                        for amount, parent in zip(amounts, parents, strict=True))
        return CalculationResult(calculation_input.effective_date, rate_type, total, results,
                                 None, tuple(steps))

    schedule = _fees_on(calculation_input.effective_date)
    if schedule is None:
        paying_rate = receiving_rate = _NO_FEE
        steps.append(Step("no_collection_fees",
                          {"start": _first_collection_fee_date()}))
    else:
        paying_rate = schedule.paying_parent_rate
        receiving_rate = schedule.receiving_parent_rate
    results = []
    for amount, parent in zip(amounts, parents, strict=True):
        paying_fee = (amount * paying_rate).quantize(PENNY, ROUND_HALF_UP)
        receiving_fee = (amount * receiving_rate).quantize(PENNY, ROUND_HALF_UP)
        results.append(ReceivingParentResult(amount, len(parent.children), CollectionFees(
            paying_rate, receiving_rate, paying_fee, amount + paying_fee,
            receiving_fee, amount - receiving_fee)))
    paying_fee = sum((r.collection_fees.paying_parent_weekly_fee for r in results), ZERO)
    receiving_fee = sum((r.collection_fees.receiving_parent_weekly_fee for r in results), ZERO)
    fees = CollectionFees(paying_rate, receiving_rate, paying_fee, total + paying_fee,
                          receiving_fee, total - receiving_fee)
    if schedule is not None:
        steps.append(Step("collection_fee_paying", {"rate": paying_rate, "fee": paying_fee,
                                                    "total": fees.paying_parent_weekly_total}))
        steps.append(Step("collection_fee_receiving", {
            "rate": receiving_rate, "fee": receiving_fee,
            "net": fees.receiving_parent_weekly_net}))
    return CalculationResult(calculation_input.effective_date, rate_type, total,
                             tuple(results), fees, tuple(steps))


def _first_collection_fee_date() -> date:
    from .fees import COLLECTION_FEE_SCHEDULES

    first = COLLECTION_FEE_SCHEDULES.first_date
    assert first is not None
    return first


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
