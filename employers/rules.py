"""The Deduction from Earnings Order rule (Child Support (Collection and Enforcement)
Regulations 1992 as amended for the 2012 scheme; docs/rules.md §3).

Pure Python: each pay day the employer should deduct the normal deduction rate plus any
shortfall carried from earlier pay days, but never so much that the employee keeps less
than the protected earnings proportion (60%) of net earnings. Whatever cannot be deducted
is carried forward. The employer may also keep an admin fee of up to £1 per deduction,
which may go below the protected earnings.

Decisions the regulations leave to us:
- The most that may be deducted is rounded DOWN to the penny (the protected amount is
  rounded up), so the employee always keeps at least the full 60%. Rounding half up would
  let a deduction take a fraction of a penny of protected pay.
- An admin fee is only taken with a deduction ("per deduction"), and never more than the
  pay left after the deduction. The National Minimum Wage floor on the fee needs hours
  worked, which the service does not hold, so the pages explain it and the employer
  applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from types import MappingProxyType

from calculation.dated import DatedTable
from calculation.fees import paying_parent_fee
from calculation.instalments import instalment_amount
from calculation.money import PENNY, ZERO

__all__ = [
    "DEDUCTION_RULES",
    "DeductionInputError",
    "DeductionOutcome",
    "DeductionRules",
    "admin_fee_allowed",
    "deduction_rules",
    "pay_dates_fit_frequency",
    "scheduled_deduction_rate",
    "work_out_deduction",
]


@dataclass(frozen=True, slots=True)
class DeductionRules:
    effective_from: date | None
    protected_earnings_proportion: Decimal
    maximum_admin_fee: Decimal
    # Money deducted in one month must reach CMS by this day of the next month.
    payment_due_day: int
    # The employer is liable for deductions from this many days after the order is served.
    liable_after_days: int
    # Leavers, people who do not work there and stopped trading: report within this many days.
    report_within_days: int
    # The most a court may fine an employer for failing to give information.
    information_offence_fine: Decimal
    # Decision: the fewest days between two pay dates of one order for each pay
    # frequency. Shorter than the period itself, because payrolls move a pay day for
    # weekends and bank holidays (a monthly pay day of the 25th paid on the 18th of
    # December), but too long for two pay days in one period at the full rate.
    shortest_pay_gap_days: Mapping[str, int]


DEDUCTION_RULES: DatedTable[DeductionRules] = DatedTable(
    "deduction from earnings rules",
    [
        # SI 2012/2785, in force with the 2012 scheme on 10 December 2012.
        DeductionRules(
            effective_from=date(2012, 12, 10),
            protected_earnings_proportion=Decimal("0.60"),
            maximum_admin_fee=Decimal("1.00"),
            payment_due_day=19,
            liable_after_days=7,
            report_within_days=10,
            information_offence_fine=Decimal("1000.00"),
            shortest_pay_gap_days=MappingProxyType(
                {"weekly": 4, "fortnightly": 9, "four_weekly": 20, "monthly": 20}
            ),
        ),
    ],
)


def deduction_rules(on_date: date) -> DeductionRules:
    """The rules in force on `on_date` (NotInForceError before the 2012 scheme)."""
    return DEDUCTION_RULES.on(on_date)


class DeductionInputError(ValueError):
    """A figure the rule cannot accept. `code` says which, so forms can word it."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class DeductionOutcome:
    net_earnings: Decimal
    normal_rate: Decimal
    shortfall_brought_forward: Decimal
    # What should be deducted: the normal rate plus the shortfall brought forward.
    deduction_due: Decimal
    protected_earnings: Decimal
    # The most that may be deducted for child maintenance this pay day.
    deduction_limit: Decimal
    amount_deducted: Decimal
    shortfall_carried_forward: Decimal
    admin_fee: Decimal
    maximum_admin_fee: Decimal

    @property
    def limited_by_protected_earnings(self) -> bool:
        return self.shortfall_carried_forward > ZERO

    @property
    def pay_after_deductions(self) -> Decimal:
        return self.net_earnings - self.amount_deducted - self.admin_fee


def _check_amount(name: str, amount: Decimal) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DeductionInputError("not_an_amount", f"{name} must be a finite Decimal")
    if amount < ZERO:
        raise DeductionInputError("negative", f"{name} must not be negative")
    if amount != amount.quantize(PENNY):
        raise DeductionInputError("fraction_of_penny", f"{name} must be in whole pennies")


def admin_fee_allowed(
    *, amount_deducted: Decimal, net_earnings: Decimal, rules: DeductionRules
) -> Decimal:
    """The largest admin fee the employer may keep after deducting `amount_deducted`."""
    if amount_deducted <= ZERO:
        return ZERO
    return min(rules.maximum_admin_fee, net_earnings - amount_deducted)


def work_out_deduction(
    *,
    net_earnings: Decimal,
    normal_rate: Decimal,
    shortfall_brought_forward: Decimal = ZERO,
    admin_fee: Decimal = ZERO,
    pay_date: date,
) -> DeductionOutcome:
    """What to deduct on one pay day, what is carried forward and the admin fee kept.

    Raises DeductionInputError for a negative or fractional-penny figure, or an admin fee
    the rules do not allow (codes "admin_fee_too_high", "admin_fee_without_deduction",
    "admin_fee_more_than_pay").
    """
    for name, amount in (
        ("net_earnings", net_earnings),
        ("normal_rate", normal_rate),
        ("shortfall_brought_forward", shortfall_brought_forward),
        ("admin_fee", admin_fee),
    ):
        _check_amount(name, amount)
    rules = deduction_rules(pay_date)
    deduction_limit = (net_earnings * (1 - rules.protected_earnings_proportion)).quantize(
        PENNY, rounding=ROUND_DOWN
    )
    deduction_due = normal_rate + shortfall_brought_forward
    amount_deducted = min(deduction_due, deduction_limit)
    fee_allowed = admin_fee_allowed(
        amount_deducted=amount_deducted, net_earnings=net_earnings, rules=rules
    )
    if admin_fee > ZERO:
        if admin_fee > rules.maximum_admin_fee:
            raise DeductionInputError(
                "admin_fee_too_high", f"the admin fee can be at most {rules.maximum_admin_fee}"
            )
        if amount_deducted == ZERO:
            raise DeductionInputError(
                "admin_fee_without_deduction", "an admin fee can only be taken with a deduction"
            )
        if admin_fee > fee_allowed:
            raise DeductionInputError(
                "admin_fee_more_than_pay", "the admin fee is more than the pay left"
            )
    return DeductionOutcome(
        net_earnings=net_earnings,
        normal_rate=normal_rate,
        shortfall_brought_forward=shortfall_brought_forward,
        deduction_due=deduction_due,
        protected_earnings=net_earnings - deduction_limit,
        deduction_limit=deduction_limit,
        amount_deducted=amount_deducted,
        shortfall_carried_forward=deduction_due - amount_deducted,
        admin_fee=admin_fee,
        maximum_admin_fee=fee_allowed,
    )


def scheduled_deduction_rate(weekly_shares, pay_frequency: str, on_date: date) -> Decimal:
    """The normal deduction rate for one pay period of `pay_frequency`: each receiving
    parent's weekly amount as one instalment of that frequency, plus the paying parent's
    collection fee in force on `on_date` on that instalment. Worked share by share, as
    the instalments themselves are charged, so a correctly paid order clears each one."""
    total = ZERO
    for weekly in weekly_shares:
        instalment = instalment_amount(weekly, pay_frequency)
        total += instalment + paying_parent_fee(instalment, on_date)
    return total


def pay_dates_fit_frequency(pay_frequency: str, earlier: date, later: date) -> bool:
    """Whether `later` can be the next pay day after `earlier` for an order paid at
    `pay_frequency`: far enough apart that they are not two pay days in one period."""
    gap = deduction_rules(later).shortest_pay_gap_days[str(pay_frequency)]
    return (later - earlier).days >= gap
