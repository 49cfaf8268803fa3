"""The 2012-scheme weekly rates (Child Support Act 1991 Sch 1; SI 2012/2677 regs 43-45, 50).

One `RateSchedule` per set of figures, in a dated table: a calculation asks for the schedule
in force on its effective date. The scheme began on 25 November 2013; no schedule covers an
earlier date, so asking for one raises `NotInForceError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import lcm

from .dated import DatedTable, NotInForceError

__all__ = [
    "RATE_SCHEDULES",
    "NotInForceError",
    "RateSchedule",
    "SharedCareBand",
    "rates_on",
]


@dataclass(frozen=True, slots=True)
class SharedCareBand:
    """Nights a year with the paying parent from `min_nights` up to the next band."""

    min_nights: int
    reduction: Fraction
    # Equal care (175+ nights) also takes off a fixed sum for the child (Sch 1 para 7(6)).
    extra_reduction: Decimal = Decimal("0")

    @property
    def is_shared(self) -> bool:
        return self.reduction != 0


@dataclass(frozen=True, slots=True)
class RateSchedule:
    effective_from: date
    nil_rate_income_below: Decimal
    flat_rate: Decimal
    flat_rate_income_up_to: Decimal
    reduced_rate_income_below: Decimal
    basic_rate_tier_limit: Decimal
    income_cap: Decimal
    # Index by other children, capped at the last index: 0, 1, 2, 3 or more.
    other_children_reductions: tuple[Decimal, ...]
    # Index by qualifying children, capped at the last index: 1, 2, 3 or more (index 0 unused).
    basic_rate_tier_one: tuple[Decimal, ...]
    basic_rate_tier_two: tuple[Decimal, ...]
    # reduced_rate_percentages[qualifying children][other children], both capped as above.
    reduced_rate_percentages: tuple[tuple[Decimal, ...], ...]
    shared_care_bands: tuple[SharedCareBand, ...]
    shared_care_minimum_total: Decimal
    flat_rate_shared_care_nights: int
    shared_care_denominator: int = field(init=False)

    def __post_init__(self) -> None:
        bands = self.shared_care_bands
        if bands[0].min_nights != 0 or any(
            a.min_nights >= b.min_nights or a.reduction > b.reduction
            for a, b in zip(bands, bands[1:], strict=False)
        ):
            raise ValueError("shared care bands must start at 0 nights and rise")
        # A common denominator lets the engine keep shared-care shares as exact integers
        # of 1/denominator (sevenths and the half give fourteenths).
        denominator = 1
        for band in bands:
            denominator = lcm(denominator, band.reduction.denominator)
        object.__setattr__(self, "shared_care_denominator", denominator)

    @property
    def max_other_children_index(self) -> int:
        return len(self.other_children_reductions) - 1

    @property
    def max_qualifying_children_index(self) -> int:
        return len(self.basic_rate_tier_one) - 1

    def other_children_reduction(self, other_children: int) -> Decimal:
        return self.other_children_reductions[min(other_children, self.max_other_children_index)]

    def basic_rates(self, qualifying_children: int) -> tuple[Decimal, Decimal]:
        index = min(qualifying_children, self.max_qualifying_children_index)
        return self.basic_rate_tier_one[index], self.basic_rate_tier_two[index]

    def reduced_rate_percentage(self, qualifying_children: int, other_children: int) -> Decimal:
        row = self.reduced_rate_percentages[
            min(qualifying_children, self.max_qualifying_children_index)
        ]
        return row[min(other_children, self.max_other_children_index)]

    def shared_care_band(self, nights: int) -> SharedCareBand:
        chosen = self.shared_care_bands[0]
        for band in self.shared_care_bands:
            if nights >= band.min_nights:
                chosen = band
        return chosen


_P = Decimal

SCHEME_2012 = RateSchedule(
    effective_from=date(2013, 11, 25),
    nil_rate_income_below=_P("7.00"),
    flat_rate=_P("7.00"),
    flat_rate_income_up_to=_P("100.00"),
    reduced_rate_income_below=_P("200.00"),
    basic_rate_tier_limit=_P("800.00"),
    income_cap=_P("3000.00"),
    other_children_reductions=(_P("0"), _P("0.11"), _P("0.14"), _P("0.16")),
    basic_rate_tier_one=(_P("0"), _P("0.12"), _P("0.16"), _P("0.19")),
    basic_rate_tier_two=(_P("0"), _P("0.09"), _P("0.12"), _P("0.15")),
    reduced_rate_percentages=(
        (_P("0"), _P("0"), _P("0"), _P("0")),
        (_P("0.170"), _P("0.141"), _P("0.132"), _P("0.124")),
        (_P("0.250"), _P("0.212"), _P("0.199"), _P("0.189")),
        (_P("0.310"), _P("0.264"), _P("0.249"), _P("0.238")),
    ),
    shared_care_bands=(
        SharedCareBand(0, Fraction(0)),
        SharedCareBand(52, Fraction(1, 7)),
        SharedCareBand(104, Fraction(2, 7)),
        SharedCareBand(156, Fraction(3, 7)),
        SharedCareBand(175, Fraction(1, 2), extra_reduction=_P("7.00")),
    ),
    shared_care_minimum_total=_P("7.00"),
    flat_rate_shared_care_nights=52,
)

RATE_SCHEDULES: DatedTable[RateSchedule] = DatedTable(
    "child maintenance rate schedule", [SCHEME_2012]
)


def rates_on(on_date: date) -> RateSchedule:
    """The schedule in force on `on_date`; raises NotInForceError before 25 November 2013."""
    return RATE_SCHEDULES.on(on_date)
