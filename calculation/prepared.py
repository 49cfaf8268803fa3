"""Rate schedules laid out for the engine's hot path, and looked up by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dated import NotInForceError
from .fees import collection_fee_rates
from .inputs import MAX_SHARED_CARE_NIGHTS, InvalidInputError
from .rates import RATE_SCHEDULES, RateSchedule, SharedCareBand

NO_FEE_RATES = (Decimal("0"), Decimal("0"))


class DateBeforeSchemeError(InvalidInputError):
    """The effective date is before the first rate schedule (25 November 2013)."""

    def __init__(self, on_date: date, scheme_start: date | None):
        self.on_date = on_date
        self.scheme_start = scheme_start
        start = scheme_start.isoformat() if scheme_start else "an unknown date"
        super().__init__(
            "effective_date",
            f"the 2012 scheme rates start on {start}; {on_date.isoformat()} is before that",
        )


@dataclass(frozen=True, slots=True)
class PreparedRates:
    """A schedule's figures laid out once so that each calculation only reads attributes
    and indexes tuples."""

    schedule: RateSchedule
    nil_rate_income_below: Decimal
    flat_rate: Decimal
    flat_rate_income_up_to: Decimal
    reduced_rate_income_below: Decimal
    income_cap: Decimal
    tier_limit: Decimal
    shared_care_minimum_total: Decimal
    flat_rate_shared_care_nights: int
    first_shared_nights: int
    max_other_index: int
    max_child_index: int
    # Indexed by other children (capped): the reduction and the income kept after it.
    other_reductions: tuple[Decimal, ...]
    income_kept: tuple[Decimal, ...]
    # Indexed by qualifying children (capped); reduced_rates is [children][other children].
    tier_one_rates: tuple[Decimal, ...]
    tier_two_rates: tuple[Decimal, ...]
    tier_one_at_limit: tuple[Decimal, ...]
    reduced_rates: tuple[tuple[Decimal, ...], ...]
    # Indexed by nights 0..365: the band, and the part of a child's share kept after
    # shared care in 1/denominator.
    denominator: int
    band_by_nights: tuple[SharedCareBand, ...]
    kept_by_nights: tuple[int, ...]

    @classmethod
    def of(cls, schedule: RateSchedule) -> PreparedRates:
        denominator = schedule.shared_care_denominator
        bands = tuple(
            schedule.shared_care_band(nights) for nights in range(MAX_SHARED_CARE_NIGHTS + 1)
        )
        return cls(
            schedule=schedule,
            nil_rate_income_below=schedule.nil_rate_income_below,
            flat_rate=schedule.flat_rate,
            flat_rate_income_up_to=schedule.flat_rate_income_up_to,
            reduced_rate_income_below=schedule.reduced_rate_income_below,
            income_cap=schedule.income_cap,
            tier_limit=schedule.basic_rate_tier_limit,
            shared_care_minimum_total=schedule.shared_care_minimum_total,
            flat_rate_shared_care_nights=schedule.flat_rate_shared_care_nights,
            first_shared_nights=min(
                band.min_nights for band in schedule.shared_care_bands if band.reduction
            ),
            max_other_index=schedule.max_other_children_index,
            max_child_index=schedule.max_qualifying_children_index,
            other_reductions=schedule.other_children_reductions,
            income_kept=tuple(1 - r for r in schedule.other_children_reductions),
            tier_one_rates=schedule.basic_rate_tier_one,
            tier_two_rates=schedule.basic_rate_tier_two,
            tier_one_at_limit=tuple(
                schedule.basic_rate_tier_limit * rate for rate in schedule.basic_rate_tier_one
            ),
            reduced_rates=schedule.reduced_rate_percentages,
            denominator=denominator,
            band_by_nights=bands,
            kept_by_nights=tuple(int((1 - band.reduction) * denominator) for band in bands),
        )


# Rates and fee rates by effective date. Dates repeat a great deal (every case with the
# same effective date), and a dict lookup is several times cheaper than finding the schedule.
_DATE_CACHE_LIMIT = 50_000
rates_by_date: dict[date, PreparedRates] = {}
fee_rates_by_date: dict[date, tuple[Decimal, Decimal]] = {}
# Keyed by identity: schedules are module constants, and hashing one means hashing every
# figure in it.
_prepared_by_schedule: dict[int, PreparedRates] = {}


def look_up_rates(on_date: date) -> PreparedRates:
    try:
        schedule = RATE_SCHEDULES.on(on_date)
    except NotInForceError as error:
        raise DateBeforeSchemeError(on_date, error.first_date) from None
    prepared = _prepared_by_schedule.get(id(schedule))
    if prepared is None:
        prepared = _prepared_by_schedule[id(schedule)] = PreparedRates.of(schedule)
    if len(rates_by_date) >= _DATE_CACHE_LIMIT:
        rates_by_date.clear()
    rates_by_date[on_date] = prepared
    return prepared


def look_up_fee_rates(on_date: date) -> tuple[Decimal, Decimal]:
    """(paying, receiving) fee rates; zero before collection fees began."""
    schedule = collection_fee_rates(on_date)
    rates = (
        NO_FEE_RATES
        if schedule is None
        else (schedule.paying_parent_rate, schedule.receiving_parent_rate)
    )
    if len(fee_rates_by_date) >= _DATE_CACHE_LIMIT:
        fee_rates_by_date.clear()
    fee_rates_by_date[on_date] = rates
    return rates
