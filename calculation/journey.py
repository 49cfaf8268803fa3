"""The public calculator's questions: which come next, and turning answers into an input.

Answers live in the session as plain JSON (never the database). Which questions are asked
depends on earlier answers: the nil-rate circumstances or a flat-rate benefit make income
irrelevant, and the number of receiving parents and children decides how many children and
nights questions there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .engine import Benefit, CalculationInput, ChildInput, ReceivingParentInput, ServiceType
from .money import to_penny

SESSION_KEY = "calculator_answers"

NONE_OF_THESE = "none"
WEEKS_IN_YEAR = Decimal(52)
MONTHS_IN_YEAR = Decimal(12)

# Each band of nights a year is answered as a band and calculated at a night count inside
# it; any count in a band gives the same result.
NIGHTS_BANDS = {
    "fewer_than_52": 26,
    "52_to_103": 78,
    "104_to_155": 130,
    "156_to_174": 165,
    "175_or_more": 182,
}
# The same bands as (fewest, most) nights, for quoting them back in the explanation.
NIGHTS_BAND_RANGES = ((0, 51), (52, 103), (104, 155), (156, 174), (175, None))


@dataclass(frozen=True)
class Step:
    """One question page: its URL name and, for repeated questions, whose it is."""

    name: str
    parent: int | None = None
    child: int | None = None

    @property
    def url_kwargs(self) -> dict[str, int]:
        kwargs = {}
        if self.parent is not None:
            kwargs["parent"] = self.parent
        if self.child is not None:
            kwargs["child"] = self.child
        return kwargs


CIRCUMSTANCES = Step("circumstances")
BENEFITS = Step("benefits")
INCOME = Step("income")
RECEIVING_PARENTS = Step("receiving_parents")
OTHER_CHILDREN = Step("other_children")
SHARED_CARE = Step("shared_care")


def nil_rate_applies(answers: dict[str, Any]) -> bool:
    chosen = answers.get("circumstances") or []
    return bool(chosen) and NONE_OF_THESE not in chosen


def flat_rate_benefit(answers: dict[str, Any]) -> bool:
    chosen = answers.get("benefits") or []
    return bool(chosen) and NONE_OF_THESE not in chosen


def receiving_parent_count(answers: dict[str, Any]) -> int:
    return int(answers.get("receiving_parents") or 0)


def children_of(answers: dict[str, Any], parent: int) -> int:
    return int((answers.get("children") or {}).get(str(parent)) or 0)


def steps_for(answers: dict[str, Any]) -> list[Step]:
    """Every question these answers lead to, in order."""
    steps = [CIRCUMSTANCES]
    if not nil_rate_applies(answers):
        steps.append(BENEFITS)
        if not flat_rate_benefit(answers):
            steps.append(INCOME)
    steps.append(RECEIVING_PARENTS)
    parents = receiving_parent_count(answers)
    steps.extend(Step("children", parent=number) for number in range(1, parents + 1))
    steps.append(OTHER_CHILDREN)
    steps.append(SHARED_CARE)
    if answers.get("shared_care") == "yes":
        for parent in range(1, parents + 1):
            steps.extend(
                Step("nights", parent=parent, child=child)
                for child in range(1, children_of(answers, parent) + 1)
            )
    return steps


def is_answered(answers: dict[str, Any], step: Step) -> bool:
    if step.name == "children":
        return str(step.parent) in (answers.get("children") or {})
    if step.name == "nights":
        return f"{step.parent}-{step.child}" in (answers.get("nights") or {})
    return answers.get(step.name) not in (None, "", [])


def first_unanswered(answers: dict[str, Any]) -> Step | None:
    for step in steps_for(answers):
        if not is_answered(answers, step):
            return step
    return None


def is_available(answers: dict[str, Any], step: Step) -> bool:
    """A question can be shown once it is in the journey and everything before it is
    answered (so a bookmarked or typed URL cannot skip ahead)."""
    steps = steps_for(answers)
    if step not in steps:
        return False
    return all(is_answered(answers, earlier) for earlier in steps[: steps.index(step)])


def previous_step(answers: dict[str, Any], step: Step) -> Step | None:
    steps = steps_for(answers)
    index = steps.index(step)
    return steps[index - 1] if index else None


def next_step(answers: dict[str, Any], step: Step) -> Step | None:
    steps = steps_for(answers)
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def answer(answers: dict[str, Any], step: Step, value: Any) -> dict[str, Any]:
    """The answers with `value` given for `step`, dropping answers it makes stale."""
    answers = dict(answers)
    if step.name == "children":
        children = dict(answers.get("children") or {})
        children[str(step.parent)] = value
        answers["children"] = children
        answers["nights"] = {
            key: band
            for key, band in (answers.get("nights") or {}).items()
            if not key.startswith(f"{step.parent}-") or int(key.split("-")[1]) <= value
        }
    elif step.name == "nights":
        nights = dict(answers.get("nights") or {})
        nights[f"{step.parent}-{step.child}"] = value
        answers["nights"] = nights
    else:
        answers[step.name] = value
    if step.name == "receiving_parents":
        answers["children"] = {
            key: count
            for key, count in (answers.get("children") or {}).items()
            if int(key) <= value
        }
        answers["nights"] = {
            key: band
            for key, band in (answers.get("nights") or {}).items()
            if int(key.split("-")[0]) <= value
        }
    if step.name == "shared_care" and value == "no":
        answers["nights"] = {}
    return answers


INCOME_PERIODS = ("week", "month", "year")


def weekly_income(amount: Decimal, period: str) -> Decimal:
    """A gross amount per week, month or year as a weekly figure, rounded to the penny,
    half up (monthly x 12 / 52, yearly / 52). The calculator and a reported change of
    income both use it. Any other period is refused: taking an unknown period as a week
    would turn a yearly income into that much a week."""
    if period == "week":
        weekly = amount
    elif period == "month":
        weekly = amount * MONTHS_IN_YEAR / WEEKS_IN_YEAR
    elif period == "year":
        weekly = amount / WEEKS_IN_YEAR
    else:
        raise ValueError(f"unknown income period {period!r}")
    return to_penny(weekly)


def calculation_input(
    answers: dict[str, Any], *, service_type: ServiceType, on_date: date
) -> CalculationInput:
    """The engine's input for complete answers."""
    income = None
    if nil_rate_applies(answers):
        benefit = Benefit.NIL_RATE
    elif flat_rate_benefit(answers):
        benefit = Benefit.FLAT_RATE_BENEFIT
    else:
        benefit = Benefit.NONE
        income = weekly_income(Decimal(answers["income"]["amount"]), answers["income"]["period"])
    nights = answers.get("nights") or {}
    parents = []
    for parent in range(1, receiving_parent_count(answers) + 1):
        children = tuple(
            ChildInput(NIGHTS_BANDS.get(nights.get(f"{parent}-{child}") or "", 0))
            for child in range(1, children_of(answers, parent) + 1)
        )
        parents.append(ReceivingParentInput(children))
    return CalculationInput(
        effective_date=on_date,
        gross_weekly_income=income,
        benefit=benefit,
        relevant_other_children=int(answers["other_children"]),
        service_type=service_type,
        receiving_parents=tuple(parents),
    )
