"""What a calculation is asked: typed, immutable, checked when built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .money import has_at_most_pennies

MAX_SHARED_CARE_NIGHTS = 365


class Benefit(StrEnum):
    """Whether a benefit (or the paying parent's circumstances) decides the rate."""

    NONE = "none"
    # A benefit, pension or allowance in reg 44 that makes the flat rate apply.
    FLAT_RATE_BENEFIT = "flat_rate_benefit"
    # A prescribed person who pays the nil rate (reg 45): a child, a prisoner, and others.
    NIL_RATE = "nil_rate"


class ServiceType(StrEnum):
    DIRECT_PAY = "direct_pay"
    COLLECT_AND_PAY = "collect_and_pay"


class VariationGround(StrEnum):
    """A ground on which a variation is agreed (SI 2012/2677 Part 5)."""

    # Special expenses of the paying parent (Chapter 2), taken off income (reg 72).
    CONTACT_COSTS = "contact_costs"  # reg 63
    RELEVANT_OTHER_CHILD_ILLNESS = "relevant_other_child_illness"  # reg 64
    PRIOR_DEBTS = "prior_debts"  # reg 65
    BOARDING_SCHOOL_FEES = "boarding_school_fees"  # reg 66
    FORMER_FAMILY_HOME = "former_family_home"  # reg 67: mortgage, loan or insurance
    # Additional income of the paying parent (Chapter 3), added to income (reg 73).
    UNEARNED_INCOME = "unearned_income"  # reg 69
    INCOME_WHILE_ON_BENEFIT = "income_while_on_benefit"  # reg 70: flat or nil rate
    DIVERSION_OF_INCOME = "diversion_of_income"  # reg 71

    @property
    def is_special_expense(self) -> bool:
        return self in SPECIAL_EXPENSE_GROUNDS


SPECIAL_EXPENSE_GROUNDS = frozenset(
    {
        VariationGround.CONTACT_COSTS,
        VariationGround.RELEVANT_OTHER_CHILD_ILLNESS,
        VariationGround.PRIOR_DEBTS,
        VariationGround.BOARDING_SCHOOL_FEES,
        VariationGround.FORMER_FAMILY_HOME,
    }
)


class CalculationError(Exception):
    """Base of every error the engine raises on purpose."""


class InvalidInputError(CalculationError, ValueError):
    """An input that the rules cannot be applied to; `field` is a path like
    `receiving_parents[0].children[1].shared_care_nights`."""

    def __init__(self, field: str | None, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


def _require_int(value: Any, field: str, *, minimum: int, maximum: int | None = None) -> None:
    # bool is an int in Python; a True here is nearly always a mistake upstream.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(field, "must be a whole number")
    if value < minimum:
        raise InvalidInputError(field, f"must be {minimum} or more")
    if maximum is not None and value > maximum:
        raise InvalidInputError(field, f"must be {maximum} or fewer")


@dataclass(frozen=True, slots=True)
class ChildInput:
    """A qualifying child: nights a year the child stays with the paying parent."""

    shared_care_nights: int = 0

    def __post_init__(self) -> None:
        _require_int(
            self.shared_care_nights, "shared_care_nights", minimum=0, maximum=MAX_SHARED_CARE_NIGHTS
        )


@dataclass(frozen=True, slots=True)
class ReceivingParentInput:
    children: tuple[ChildInput, ...]

    def __post_init__(self) -> None:
        children = tuple(self.children)
        if not children:
            raise InvalidInputError("children", "must list at least one child")
        if not all(isinstance(child, ChildInput) for child in children):
            raise InvalidInputError("children", "must be ChildInput objects")
        object.__setattr__(self, "children", children)


@dataclass(frozen=True, slots=True)
class Variation:
    """An agreed variation: its ground, weekly amount, and the days it is in force.

    `in_force_to` is the last day in force (inclusive), None while it has no end. A
    variation counts in a calculation whose effective date falls in those days."""

    ground: VariationGround
    weekly_amount: Decimal
    in_force_from: date
    in_force_to: date | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "ground", VariationGround(self.ground))
        except ValueError:
            raise InvalidInputError("ground", "is not a known variation ground") from None
        amount = self.weekly_amount
        if not isinstance(amount, Decimal) or not has_at_most_pennies(amount):
            raise InvalidInputError("weekly_amount", "must be a Decimal amount in pounds and pence")
        if amount <= 0:
            raise InvalidInputError("weekly_amount", "must be more than zero")
        if not _is_date(self.in_force_from):
            raise InvalidInputError("in_force_from", "must be a date")
        end = self.in_force_to
        if end is not None:
            if not _is_date(end):
                raise InvalidInputError("in_force_to", "must be a date")
            if end < self.in_force_from:
                raise InvalidInputError("in_force_to", "must not be before in_force_from")

    def in_force_on(self, on_date: date) -> bool:
        end = self.in_force_to
        return self.in_force_from <= on_date and (end is None or on_date <= end)

    def to_dict(self) -> dict[str, Any]:
        end = self.in_force_to
        return {
            "ground": self.ground.value,
            "weekly_amount": f"{self.weekly_amount:.2f}",
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_to": None if end is None else end.isoformat(),
        }


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


@dataclass(frozen=True, slots=True)
class CalculationInput:
    effective_date: date
    # None only when a benefit decides the rate and the income does not matter.
    gross_weekly_income: Decimal | None
    benefit: Benefit
    relevant_other_children: int
    service_type: ServiceType
    receiving_parents: tuple[ReceivingParentInput, ...]
    # Agreed variations (SI 2012/2677 Part 5); those not in force on the effective date
    # are left out of the calculation.
    variations: tuple[Variation, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.effective_date, datetime) or not isinstance(self.effective_date, date):
            raise InvalidInputError("effective_date", "must be a date")
        try:
            object.__setattr__(self, "benefit", Benefit(self.benefit))
        except ValueError:
            raise InvalidInputError("benefit", "is not a known benefit choice") from None
        try:
            object.__setattr__(self, "service_type", ServiceType(self.service_type))
        except ValueError:
            raise InvalidInputError("service_type", "is not a known service type") from None
        self._check_income()
        _require_int(self.relevant_other_children, "relevant_other_children", minimum=0)
        parents = tuple(self.receiving_parents)
        if not parents:
            raise InvalidInputError("receiving_parents", "must list at least one receiving parent")
        if not all(isinstance(parent, ReceivingParentInput) for parent in parents):
            raise InvalidInputError("receiving_parents", "must be ReceivingParentInput objects")
        object.__setattr__(self, "receiving_parents", parents)
        if self.variations:
            self._check_variations()
        elif not isinstance(self.variations, tuple):
            object.__setattr__(self, "variations", ())

    def _check_variations(self) -> None:
        variations = tuple(self.variations)
        for index, variation in enumerate(variations):
            if not isinstance(variation, Variation):
                raise InvalidInputError(f"variations[{index}]", "must be a Variation object")
            if (
                variation.ground is VariationGround.INCOME_WHILE_ON_BENEFIT
                and self.benefit is Benefit.NONE
            ):
                # Reg 70 is only for a paying parent on the flat or nil rate because of a
                # benefit or their circumstances; anyone else's income is their income.
                raise InvalidInputError(
                    f"variations[{index}].ground",
                    "income_while_on_benefit needs a benefit that sets the flat or nil rate",
                )
        object.__setattr__(self, "variations", variations)

    def _check_income(self) -> None:
        income = self.gross_weekly_income
        if income is None:
            if self.benefit is Benefit.NONE:
                raise InvalidInputError(
                    "gross_weekly_income", "is needed unless a benefit decides the rate"
                )
            return
        if not isinstance(income, Decimal):
            raise InvalidInputError("gross_weekly_income", "must be a Decimal amount in pounds")
        if not has_at_most_pennies(income):
            raise InvalidInputError("gross_weekly_income", "must be an amount in pounds and pence")
        if income < 0:
            raise InvalidInputError("gross_weekly_income", "must not be negative")

    @property
    def qualifying_children(self) -> int:
        return sum(len(parent.children) for parent in self.receiving_parents)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; the same shape the `calculate` command reads."""
        income = self.gross_weekly_income
        data: dict[str, Any] = {
            "effective_date": self.effective_date.isoformat(),
            "gross_weekly_income": None if income is None else f"{income:.2f}",
            "benefit": self.benefit.value,
            "relevant_other_children": self.relevant_other_children,
            "service_type": self.service_type.value,
            "receiving_parents": [
                {
                    "children": [
                        {"shared_care_nights": child.shared_care_nights}
                        for child in parent.children
                    ]
                }
                for parent in self.receiving_parents
            ],
        }
        if self.variations:  # none: the shape a calculation without variations always had
            data["variations"] = [variation.to_dict() for variation in self.variations]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> CalculationInput:
        """Build from `to_dict()` output or a `calculate` request; raises InvalidInputError."""
        from .requests import parse_request  # the parser builds this class

        return parse_request(data)
