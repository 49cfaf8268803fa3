""" "What if": the case's current decision worked out again by the same engine with one
answer changed. Nothing here writes anything: the figures are only shown to the parent.

An answer is one fact the decision used: the paying parent's gross weekly income, whether
a benefit decides the rate, the number of relevant other children, or the nights a year
one child stays with the paying parent. Each has a key used in the page's address."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from calculation.engine import Benefit, CalculationInput, CalculationResult, calculate
from calculation.instalments import instalment_amount
from calculation.requests import OPTIONAL_REQUEST_FIELDS, REQUEST_FIELDS
from cases.presenters.case import paying_parent_facts_shown_to
from cases.rules import (
    income_change_fraction,
    income_change_needs_new_decision,
    income_change_threshold,
)

INCOME = "income"
BENEFIT = "benefit"
OTHER_CHILDREN = "other-children"
NIGHTS = "nights"
_ENGINE_FIELDS = REQUEST_FIELDS + OPTIONAL_REQUEST_FIELDS


@dataclass(frozen=True)
class Answer:
    """One answer the parent may change. For nights, `child` is the child as the decision
    recorded them (public id, name, nights) and `position` is (receiving parent, child)."""

    key: str
    kind: str
    child: dict | None = None
    position: tuple[int, int] | None = None


def decision_input(decision) -> CalculationInput:
    """The engine's input as the decision kept it (the snapshot adds the ids and names it
    was built from, which the engine does not take)."""
    data = decision.calculation_input
    return CalculationInput.from_dict({name: data[name] for name in _ENGINE_FIELDS if name in data})


def reader_position(access, decision):
    """Which receiving parent's share this reader sees: None for the paying parent (the
    total), else the index of their own share, or -1 when the decision has none."""
    if access.is_paying:
        return None
    own = str(access.party.public_id)
    for index, entry in enumerate(decision.calculation_input.get("receiving_parties", [])):
        if entry["public_id"] == own:
            return index
    return -1


def answers_for(access, decision):
    """The answers this reader may change, in the order the case page lists the figures.
    A receiving parent is offered the paying parent's income and benefit only when the
    case page shows them those, and only their own children's nights."""
    answers = []
    if paying_parent_facts_shown_to(access):
        answers += [Answer(INCOME, INCOME), Answer(BENEFIT, BENEFIT)]
    answers.append(Answer(OTHER_CHILDREN, OTHER_CHILDREN))
    own = reader_position(access, decision)
    for parent_index, entry in enumerate(decision.calculation_input.get("receiving_parties", [])):
        if own is not None and parent_index != own:
            continue
        for child_index, child in enumerate(entry["children"]):
            answers.append(
                Answer(
                    f"{NIGHTS}-{child['public_id']}",
                    NIGHTS,
                    child=child,
                    position=(parent_index, child_index),
                )
            )
    return answers


def answer_for(access, decision, key):
    """The answer with this key if this reader may change it, else None."""
    return next((answer for answer in answers_for(access, decision) if answer.key == key), None)


@dataclass(frozen=True)
class BenefitChange:
    benefit: Benefit
    # The income to use when no benefit decides the rate and the decision had none.
    income: Decimal | None = None


def current_value(decision, answer):
    """The answer as the decision used it: the engine's own figure."""
    calculation_input = decision_input(decision)
    if answer.kind == INCOME:
        return calculation_input.gross_weekly_income
    if answer.kind == BENEFIT:
        return BenefitChange(calculation_input.benefit, calculation_input.gross_weekly_income)
    if answer.kind == OTHER_CHILDREN:
        return calculation_input.relevant_other_children
    parent_index, child_index = answer.position
    return (
        calculation_input.receiving_parents[parent_index].children[child_index].shared_care_nights
    )


def changed_input(decision, answer, value) -> CalculationInput:
    """The decision's input with this one answer changed. The effective date stays the
    decision's, so the change is the only difference between the two amounts."""
    calculation_input = decision_input(decision)
    if answer.kind == INCOME:
        return replace(calculation_input, gross_weekly_income=value)
    if answer.kind == BENEFIT:
        income = calculation_input.gross_weekly_income
        if value.income is not None:
            income = value.income
        return replace(calculation_input, benefit=value.benefit, gross_weekly_income=income)
    if answer.kind == OTHER_CHILDREN:
        return replace(calculation_input, relevant_other_children=value)
    parent_index, child_index = answer.position
    parents = list(calculation_input.receiving_parents)
    children = list(parents[parent_index].children)
    children[child_index] = replace(children[child_index], shared_care_nights=value)
    parents[parent_index] = replace(parents[parent_index], children=tuple(children))
    return replace(calculation_input, receiving_parents=tuple(parents))


def what_if(decision, answer, value) -> CalculationResult:
    return calculate(changed_input(decision, answer, value))


@dataclass(frozen=True)
class Amounts:
    weekly: Decimal
    instalment: Decimal


def amounts_for(shares, position, frequency):
    """The reader's weekly amount and each payment from the receiving parents' weekly
    shares: the paying parent's is the total, each instalment worked out per share as the
    payment schedule does."""
    if position is None:
        chosen = list(shares)
    else:
        chosen = [shares[position]] if 0 <= position < len(shares) else []
    return Amounts(
        weekly=sum(chosen, Decimal("0.00")),
        instalment=sum((instalment_amount(share, frequency) for share in chosen), Decimal("0.00")),
    )


def amounts_now(access, decision):
    shares = [
        Decimal(entry["weekly_amount"])
        for entry in decision.calculation_result.get("receiving_parents", [])
    ]
    return amounts_for(shares, reader_position(access, decision), access.case.payment_frequency)


def amounts_after(access, decision, result):
    return amounts_for(
        list(result.parent_amounts),
        reader_position(access, decision),
        access.case.payment_frequency,
    )


@dataclass(frozen=True)
class IncomeRule:
    """What the 25% rule says about a change. `applies` is False for any answer other than
    income; `income_used` is False when a benefit decided the rate with no income."""

    applies: bool
    income_used: bool = True
    needs_new_decision: bool = False
    # How far the new income is from the decision's, as a fraction of it.
    fraction: Decimal | None = None
    threshold: Decimal = Decimal("0")
    decision_income: Decimal | None = None


def income_rule(decision, answer, value, on_date: date) -> IncomeRule:
    threshold = income_change_threshold(on_date)
    if answer.kind != INCOME:
        return IncomeRule(applies=False, threshold=threshold)
    old = decision.income_used
    if old is None:
        return IncomeRule(applies=True, income_used=False, threshold=threshold)
    return IncomeRule(
        applies=True,
        needs_new_decision=income_change_needs_new_decision(old, value, on_date),
        fraction=income_change_fraction(old, value),
        threshold=threshold,
        decision_income=old,
    )
