"""A minimal straight-line Decimal implementation of the same rules, for comparison only.

No tables, no explanation, no result objects: the figures are literals and each receiving
parent's share is one Decimal division (exact whenever the true value has a terminating
decimal, which is the only case a half-penny tie can occur), then rounded half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
SEVEN = Decimal("7")
CAP = Decimal("3000")
TIER = Decimal("800")
OTHER_KEEP = (Decimal("1"), Decimal("0.89"), Decimal("0.86"), Decimal("0.84"))
TIER_ONE = (None, Decimal("0.12"), Decimal("0.16"), Decimal("0.19"))
TIER_TWO = (None, Decimal("0.09"), Decimal("0.12"), Decimal("0.15"))
REDUCED = (
    None,
    (Decimal("0.170"), Decimal("0.141"), Decimal("0.132"), Decimal("0.124")),
    (Decimal("0.250"), Decimal("0.212"), Decimal("0.199"), Decimal("0.189")),
    (Decimal("0.310"), Decimal("0.264"), Decimal("0.249"), Decimal("0.238")),
)
FEE_START = (2014, 8, 11)


def _kept_fourteenths(nights: int) -> int:
    if nights >= 175:
        return 7
    if nights >= 156:
        return 8
    if nights >= 104:
        return 10
    if nights >= 52:
        return 12
    return 14


def _top_up(amounts: list[Decimal], exacts: list[Decimal], minimum: Decimal) -> None:
    missing = int((minimum - sum(amounts)) / PENNY)
    if missing > 0:
        order = sorted(range(len(amounts)), key=lambda i: amounts[i] - exacts[i])
        for index in order[:missing]:
            amounts[index] += PENNY


def _split_seven_pounds(children_per_parent: list[int]) -> list[Decimal]:
    children = sum(children_per_parent)
    pennies = [700 * count // children for count in children_per_parent]
    order = sorted(range(len(pennies)), key=lambda i: -(700 * children_per_parent[i] % children))
    for index in order[: 700 - sum(pennies)]:
        pennies[index] += 1
    return [Decimal(share) / 100 for share in pennies]


def baseline_calculate(calculation_input):
    """-> (rate type, total, per-parent amounts, paying fee, receiving fee)"""
    effective_date = calculation_input.effective_date
    income = calculation_input.gross_weekly_income
    benefit = calculation_input.benefit
    other_children = calculation_input.relevant_other_children
    collect_and_pay = calculation_input.service_type == "collect_and_pay"
    parents_nights = [
        [child.shared_care_nights for child in parent.children]
        for parent in calculation_input.receiving_parents
    ]
    children_per_parent = [len(nights) for nights in parents_nights]
    children = sum(children_per_parent)
    if benefit == "nil_rate" or (income is not None and income < SEVEN):
        rate_type, amounts = "nil", [Decimal("0.00")] * len(parents_nights)
    elif benefit == "flat_rate_benefit" or income <= 100:
        rate_type = "flat"
        amounts = _split_seven_pounds(children_per_parent)
        if benefit == "flat_rate_benefit":
            for index, nights in enumerate(parents_nights):
                if max(nights) >= 52:
                    amounts[index] = Decimal("0.00")
    else:
        income = min(income, CAP)
        qc = min(children, 3)
        oc = min(other_children, 3)
        if income < 200:
            rate_type = "reduced"
            amount = SEVEN + (income - 100) * REDUCED[qc][oc]
        else:
            reduced = income * OTHER_KEEP[oc]
            if reduced > TIER:
                rate_type = "basic_plus"
                amount = TIER * TIER_ONE[qc] + (reduced - TIER) * TIER_TWO[qc]
            else:
                rate_type = "basic"
                amount = reduced * TIER_ONE[qc]
        exacts = []
        shared = False
        for nights in parents_nights:
            kept = 0
            halves = 0
            for night in nights:
                kept += _kept_fourteenths(night)
                if night >= 175:
                    halves += 1
                if night >= 52:
                    shared = True
            exact = amount * kept / (14 * children) - SEVEN * halves
            exacts.append(max(exact, Decimal(0)))
        if shared and sum(exacts) < SEVEN:
            amounts = _split_seven_pounds(children_per_parent)
        else:
            amounts = [exact.quantize(PENNY, ROUND_HALF_UP) for exact in exacts]
            _top_up(amounts, exacts, SEVEN)
    total = sum(amounts)
    paying_fee = receiving_fee = Decimal("0.00")
    if (
        collect_and_pay
        and (effective_date.year, effective_date.month, effective_date.day) >= FEE_START
    ):
        for amount in amounts:
            paying_fee += (amount * Decimal("0.20")).quantize(PENNY, ROUND_HALF_UP)
            receiving_fee += (amount * Decimal("0.04")).quantize(PENNY, ROUND_HALF_UP)
    return rate_type, total, amounts, paying_fee, receiving_fee
