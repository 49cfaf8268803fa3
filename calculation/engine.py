"""The 2012-scheme weekly child maintenance calculation (Child Support Act 1991 Sch 1).

Pure Python and exact: every figure comes from the rate schedule in force on the effective
date, all arithmetic is Decimal (shared-care sevenths are kept as exact integer numerators
over a common denominator), and nothing is rounded until each receiving parent's weekly
amount is rounded to the penny, half up. The total is the sum of those rounded amounts.

Decisions the law's text leaves to us (see docs/rules.md):
- A receiving parent's share that shared care would take below zero is zero.
- The flat rate and the £7 shared-care minimum are fixed totals, apportioned between
  receiving parents by their number of children (Sch 1 paras 6 and 7(7)) with the largest
  remainder method, so the shares add up to exactly £7.00 (half-up rounding of each share
  could give £6.99 or £7.01).
- Where the exact total on the reduced or basic rate is £7 or more but rounding each share
  half up would leave it under £7, the missing pennies go to the shares that lost most in
  rounding (ties to the earlier receiving parent): the total is never below the minimum.
- On the flat rate paid because of a benefit, a receiving parent gets nothing if any one
  of their children stays 52 nights or more with the paying parent (Sch 1 para 8).
- A flat-rate benefit decides the rate whatever income is given, except that income under
  £7 still gives the nil rate, which takes precedence over the flat rate (Sch 1 para 4(1)).
- Collection fees are worked out on each receiving parent's amount (each is a separate
  case in the service) and totalled.

Exactness relies on the thread's Decimal context keeping its default precision (28
digits) or more; no figure here needs more than about 15. The engine sets no context of
its own, which would add to the cost of every call.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .fees import fee_on
from .inputs import (
    Benefit,
    CalculationError,
    CalculationInput,
    ChildInput,
    InvalidInputError,
    ReceivingParentInput,
    ServiceType,
    Variation,
    VariationGround,
)
from .instalments import PaymentFrequency, instalment_amount
from .money import PENNY, ZERO
from .prepared import (
    DateBeforeSchemeError,
    PreparedRates,
    fee_rates_by_date,
    look_up_fee_rates,
    look_up_rates,
    rates_by_date,
)
from .results import (
    CalculationResult,
    CollectionFees,
    RateType,
    ReceivingParentResult,
)
from .variations import apply_variations

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
    "Variation",
    "VariationGround",
    "calculate",
    "instalment_amount",
]

_HUNDRED = Decimal(100)
_new = object.__new__
_set_attribute = object.__setattr__
# Whole numbers the shared-care sums take, ready as Decimals: multiplying a Decimal by a
# Decimal is about twice as quick as by an int.
_SMALL_LIMIT = 512
_SMALL_DECIMALS = tuple(Decimal(number) for number in range(_SMALL_LIMIT))
_ONE = _SMALL_DECIMALS[1]


def _decimal(number: int) -> Decimal:
    return _SMALL_DECIMALS[number] if number < _SMALL_LIMIT else Decimal(number)


_DIRECT_PAY = ServiceType.DIRECT_PAY
_NIL_RATE = Benefit.NIL_RATE
_FLAT_RATE_BENEFIT = Benefit.FLAT_RATE_BENEFIT
_NIL, _FLAT, _REDUCED = RateType.NIL, RateType.FLAT, RateType.REDUCED
_BASIC, _BASIC_PLUS = RateType.BASIC, RateType.BASIC_PLUS


def calculate(calculation_input: CalculationInput) -> CalculationResult:
    """The weekly amount, each receiving parent's share, any fees, and the steps taken.

    Raises DateBeforeSchemeError for an effective date before 25 November 2013.
    """
    prepared = rates_by_date.get(calculation_input.effective_date)
    if prepared is None:
        prepared = look_up_rates(calculation_input.effective_date)
    if calculation_input.variations:
        return _calculate_varied(calculation_input, prepared)
    parents = calculation_input.receiving_parents
    income = calculation_input.gross_weekly_income
    benefit = calculation_input.benefit
    # The steps particular to this calculation, each (code, *figures) as explain.STEP_PARAMS
    # names them; the result adds the opening and closing steps that follow from its fields.
    trace: list[tuple] = []

    if benefit is _NIL_RATE:
        trace.append(("nil_prescribed",))
        return _finish(calculation_input, _NIL, [ZERO] * len(parents), trace)
    if income is not None and income < prepared.nil_rate_income_below:
        trace.append(("gross_income", income))
        trace.append(("nil_low_income", prepared.nil_rate_income_below))
        return _finish(calculation_input, _NIL, [ZERO] * len(parents), trace)
    if benefit is _FLAT_RATE_BENEFIT:
        trace.append(("flat_benefit", prepared.flat_rate))
        if len(parents) == 1 and not _any_shared_care(
            parents[0], prepared.flat_rate_shared_care_nights
        ):
            return _finish(calculation_input, _FLAT, (prepared.flat_rate,), trace)
        amounts = _flat_rate_shares(prepared, parents, trace, benefit_decides=True)
        return _finish(calculation_input, _FLAT, amounts, trace)

    # Inputs validate that income is given whenever no benefit decides the rate.
    assert income is not None
    trace.append(("gross_income", income))
    if income <= prepared.flat_rate_income_up_to:
        trace.append(
            (
                "flat_low_income",
                prepared.nil_rate_income_below,
                prepared.flat_rate_income_up_to,
                prepared.flat_rate,
            )
        )
        amounts = _flat_rate_shares(prepared, parents, trace, benefit_decides=False)
        return _finish(calculation_input, _FLAT, amounts, trace)

    if income > prepared.income_cap:
        income = prepared.income_cap
        trace.append(("income_capped", income))
    if len(parents) == 1:
        children = len(parents[0].children)
    else:
        children = sum([len(parent.children) for parent in parents])
    child_index = children if children <= prepared.max_child_index else prepared.max_child_index
    other_children = calculation_input.relevant_other_children
    other_index = (
        other_children if other_children <= prepared.max_other_index else prepared.max_other_index
    )

    if income < prepared.reduced_rate_income_below:
        rate_type = _REDUCED
        rate = prepared.reduced_rates[child_index][other_index]
        excess = income - prepared.flat_rate_income_up_to
        amount = prepared.flat_rate + excess * rate
        trace.append(
            ("reduced_rate", prepared.flat_rate_income_up_to, prepared.reduced_rate_income_below)
        )
        trace.append(
            (
                "reduced_rate_amount",
                prepared.flat_rate,
                rate,
                excess,
                prepared.flat_rate_income_up_to,
                children,
                other_children,
                amount,
            )
        )
    else:
        if other_children:
            income = income * prepared.income_kept[other_index]
            trace.append(
                (
                    "other_children_reduction",
                    prepared.other_reductions[other_index],
                    other_children,
                    income,
                )
            )
        tier_one_rate = prepared.tier_one_rates[child_index]
        limit = prepared.tier_limit
        if income <= limit:
            rate_type = _BASIC
            amount = income * tier_one_rate
            trace.append(("basic_rate", tier_one_rate, income, children, amount))
        else:
            rate_type = _BASIC_PLUS
            tier_one = prepared.tier_one_at_limit[child_index]
            tier_two_rate = prepared.tier_two_rates[child_index]
            excess = income - limit
            tier_two = excess * tier_two_rate
            amount = tier_one + tier_two
            trace.append(("basic_plus_tier_one", tier_one_rate, limit, children, tier_one))
            trace.append(("basic_plus_tier_two", tier_two_rate, excess, limit, tier_two))
            trace.append(("basic_plus_total", amount))

    if len(parents) == 1:
        first_shared_nights = prepared.first_shared_nights
        for child in parents[0].children:
            if child.shared_care_nights >= first_shared_nights:
                break
        else:  # one receiving parent and no shared care: the amount is theirs
            rounded = amount.quantize(PENNY, ROUND_HALF_UP)
            if rounded != amount:
                trace.append(("rounded_to_penny",))
            return _finish(calculation_input, rate_type, (rounded,), trace)
    amounts = _shared_care_shares(prepared, parents, children, amount, trace)
    return _finish(calculation_input, rate_type, amounts, trace)


def _calculate_varied(
    calculation_input: CalculationInput, prepared: PreparedRates
) -> CalculationResult:
    """The calculation on the income the variations in force leave (see variations.py):
    the usual rules are run on that income and their steps follow the variations' own."""
    benefit_decides = calculation_input.benefit is not Benefit.NONE
    applied = apply_variations(
        calculation_input.variations,
        calculation_input.effective_date,
        benefit_decides=benefit_decides,
    )
    plain = _changed(calculation_input, variations=())
    if benefit_decides:
        on_benefit = applied.income_while_on_benefit
        if on_benefit is None:
            result = calculate(plain)
            return _finish(
                calculation_input,
                result.rate_type,
                result.parent_amounts,
                [*applied.trace, *result.trace],
            )
        # Reg 70: the rate is worked out on that income as if no benefit applied.
        result = calculate(_changed(plain, gross_weekly_income=on_benefit, benefit=Benefit.NONE))
        # The result's first step states the income, which the variation step has said.
        return _finish(
            calculation_input,
            result.rate_type,
            result.parent_amounts,
            [*applied.trace, *result.trace[1:]],
        )

    income = calculation_input.gross_weekly_income
    assert income is not None  # given whenever no benefit decides the rate
    trace: list[tuple] = [("gross_income", income), *applied.trace]
    if not applied.expenses and not applied.additional_income:
        result = calculate(plain)
        return _finish(
            calculation_input, result.rate_type, result.parent_amounts, [*trace, *result.trace[1:]]
        )
    # Regs 72 and 73: on the actual income, capped afterwards by the usual rules, which
    # is reg 72(2) when the actual income is over the cap.
    unvaried = income + applied.additional_income
    varied = unvaried - applied.expenses
    if varied < 0:
        varied = ZERO
    trace.append(("variation_income", varied))
    nil_below = prepared.nil_rate_income_below
    if applied.expenses and varied < nil_below <= unvaried:
        # Reg 74(1A): special expenses cannot take the amount below the flat rate.
        flat = prepared.flat_rate
        trace.append(("variation_flat_rate_floor", flat))
        parents = calculation_input.receiving_parents
        amounts = (
            [flat]
            if len(parents) == 1
            else _apportion(flat, [len(parent.children) for parent in parents], trace)
        )
        return _finish(calculation_input, _FLAT, amounts, trace)
    result = calculate(_changed(plain, gross_weekly_income=varied))
    return _finish(
        calculation_input, result.rate_type, result.parent_amounts, [*trace, *result.trace[1:]]
    )


_INPUT_FIELDS = tuple(field.name for field in fields(CalculationInput))


def _changed(calculation_input: CalculationInput, **changes: object) -> CalculationInput:
    """A copy with some fields changed, without checking it again: dataclasses.replace
    would check every field, which costs more than the calculation. Every change made here
    is to a value that passes the checks."""
    copy = _new(CalculationInput)
    for name in _INPUT_FIELDS:
        _set_attribute(
            copy, name, changes[name] if name in changes else getattr(calculation_input, name)
        )
    return copy


def _any_shared_care(parent: ReceivingParentInput, first_shared_nights: int) -> bool:
    # A plain loop: any() over a generator costs several times more in this hot path.
    for child in parent.children:  # noqa: SIM110
        if child.shared_care_nights >= first_shared_nights:
            return True
    return False


def _shared_care_shares(
    prepared: PreparedRates,
    parents: tuple[ReceivingParentInput, ...],
    children: int,
    amount: Decimal,
    trace: list[tuple],
) -> list[Decimal]:
    """Each receiving parent's rounded weekly amount on the reduced or basic rate.

    Each child's share is amount / children; shared care keeps (denominator - k) /
    denominator of it, and equal care takes off a further fixed sum. A receiving parent's
    exact share is numerator / (denominator x children), every numerator an exact Decimal.
    """
    if children > 1:
        trace.append(("split_between_children", children, amount))
    band_by_nights = prepared.band_by_nights
    kept_by_nights = prepared.kept_by_nights
    full_share = prepared.denominator
    common_decimal = _decimal(full_share * children)
    several_parents = len(parents) > 1
    shared = False
    numerators: list[Decimal] = []
    for parent_number, parent in enumerate(parents, start=1):
        kept = 0
        extra = ZERO
        for child_number, child in enumerate(parent.children, start=1):
            nights = child.shared_care_nights
            child_kept = kept_by_nights[nights]
            kept += child_kept
            if child_kept != full_share:
                shared = True
                band = band_by_nights[nights]
                if several_parents:
                    trace.append(
                        (
                            "shared_care_parent_child",
                            parent_number,
                            child_number,
                            nights,
                            band.reduction,
                        )
                    )
                else:
                    trace.append(("shared_care_child", child_number, nights, band.reduction))
                if band.extra_reduction:
                    extra += band.extra_reduction
                    trace.append(("equal_care_extra", band.extra_reduction))
        numerator = amount * _decimal(kept)
        if extra:
            numerator -= extra * common_decimal
            if numerator < 0:
                numerator = ZERO
                trace.append(("parent_share_not_below_zero", parent_number, ZERO))
        numerators.append(numerator)

    minimum = prepared.shared_care_minimum_total
    if several_parents:
        if shared and sum(numerators, ZERO) < minimum * common_decimal:
            trace.append(("shared_care_minimum", minimum))
            return _apportion(minimum, [len(parent.children) for parent in parents], trace)
        return _round_shares(numerators, common_decimal, minimum, trace)

    # One receiving parent: one share, so rounding cannot take it under the minimum.
    numerator = numerators[0]
    if numerator < minimum * common_decimal:
        trace.append(("shared_care_minimum", minimum))
        return [minimum]
    pennies, residue = divmod(numerator * _HUNDRED, common_decimal)
    if residue:
        trace.append(("rounded_to_penny",))
        if residue + residue >= common_decimal:
            pennies += _ONE
    return [pennies * PENNY]


def _round_shares(
    numerators: list[Decimal], denominator: Decimal, minimum: Decimal, trace: list[tuple]
) -> list[Decimal]:
    """Round each numerator / denominator to the penny, half up, exactly; then, if the
    pennies lost would leave the total under `minimum`, give them back where most was lost."""
    amounts: list[Decimal] = []
    residues: list[Decimal] = []
    rounded_any = False
    for numerator in numerators:
        # divmod on Decimals is exact: whole pennies and the exact remainder.
        pennies, residue = divmod(numerator * _HUNDRED, denominator)
        if residue:
            rounded_any = True
            if residue + residue >= denominator:
                pennies += _ONE
                residue -= denominator
        amounts.append(pennies * PENNY)
        residues.append(residue)
    if rounded_any:
        trace.append(("rounded_to_penny",))
        total = sum(amounts, ZERO)
        if total < minimum and sum(numerators, ZERO) >= minimum * denominator:
            trace.append(("rounding_minimum", minimum))
            shortfall = int((minimum - total) / PENNY)
            by_loss = sorted(range(len(amounts)), key=lambda i: -residues[i])
            for index in by_loss[:shortfall]:
                amounts[index] += PENNY
    return amounts


def _apportion(total: Decimal, children: list[int], trace: list[tuple]) -> list[Decimal]:
    """A fixed total (the flat rate, the shared-care minimum) shared by number of children,
    to the penny, adding up to the total exactly: each share is rounded down, and the
    pennies left over go one each to the shares that lost most, ties to the earlier
    receiving parent (the largest remainder method)."""
    total_pennies = int(total * _HUNDRED)
    all_children = sum(children)
    pennies = [total_pennies * count // all_children for count in children]
    remainders = [total_pennies * count % all_children for count in children]
    left_over = total_pennies - sum(pennies)
    by_remainder = sorted(range(len(children)), key=lambda index: -remainders[index])
    for index in by_remainder[:left_over]:
        pennies[index] += 1
    if any(remainders):
        trace.append(("split_to_the_penny", total))
    return [Decimal(share).scaleb(-2) for share in pennies]


def _flat_rate_shares(
    prepared: PreparedRates,
    parents: tuple[ReceivingParentInput, ...],
    trace: list[tuple],
    *,
    benefit_decides: bool,
) -> list[Decimal]:
    flat = prepared.flat_rate
    if len(parents) == 1:
        amounts = [flat]
    else:
        children = sum([len(parent.children) for parent in parents])
        trace.append(("split_between_children", children, flat))
        amounts = _apportion(flat, [len(parent.children) for parent in parents], trace)

    nil_nights = prepared.flat_rate_shared_care_nights
    shared = [_any_shared_care(parent, nil_nights) for parent in parents]
    if not any(shared):
        return amounts
    if not benefit_decides:
        trace.append(("flat_shared_care_ignored",))
        return amounts
    for index, is_shared in enumerate(shared):
        if is_shared:
            amounts[index] = ZERO
            if len(parents) == 1:
                trace.append(("flat_shared_care_nil", nil_nights))
            else:
                trace.append(("flat_shared_care_nil_parent", index + 1, nil_nights))
    return amounts


def _finish(
    calculation_input: CalculationInput,
    rate_type: RateType,
    amounts: list[Decimal] | tuple[Decimal, ...],
    trace: list[tuple],
) -> CalculationResult:
    parents = calculation_input.receiving_parents
    if len(amounts) == 1:
        total = amounts[0]
        parent_children: tuple[int, ...] = (len(parents[0].children),)
    else:
        total = sum(amounts, ZERO)
        parent_children = tuple([len(parent.children) for parent in parents])

    if calculation_input.service_type is _DIRECT_PAY:
        fees = None
    else:
        fees = _collection_fees(calculation_input.effective_date, amounts, total)
    result = _new(CalculationResult)
    _set_attribute(
        result,
        "__dict__",
        {  # every field at once; see results.py
            "effective_date": calculation_input.effective_date,
            "rate_type": rate_type,
            "weekly_amount": total,
            "parent_amounts": tuple(amounts),
            "parent_children": parent_children,
            "collection_fees": fees,
            "trace": tuple(trace),
        },
    )
    return result


def _collection_fees(
    on_date: date, amounts: list[Decimal] | tuple[Decimal, ...], total: Decimal
) -> CollectionFees:
    rates = fee_rates_by_date.get(on_date)
    if rates is None:
        rates = look_up_fee_rates(on_date)
    paying_rate, receiving_rate = rates
    if len(amounts) == 1:
        paying_fee = fee_on(total, paying_rate)
        receiving_fee = fee_on(total, receiving_rate)
    else:
        paying_fee = receiving_fee = ZERO
        for amount in amounts:
            paying_fee += fee_on(amount, paying_rate)
            receiving_fee += fee_on(amount, receiving_rate)
    fees = _new(CollectionFees)
    _set_attribute(
        fees,
        "__dict__",
        {  # every field at once; see results.py
            "paying_parent_rate": paying_rate,
            "receiving_parent_rate": receiving_rate,
            "paying_parent_weekly_fee": paying_fee,
            "paying_parent_weekly_total": total + paying_fee,
            "receiving_parent_weekly_fee": receiving_fee,
            "receiving_parent_weekly_net": total - receiving_fee,
        },
    )
    return fees
