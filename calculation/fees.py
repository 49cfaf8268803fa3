"""Child Maintenance Service fees and charges as dated tables (Child Support Fees Regs 2014).

Other apps import these: payments for collection fees on each amount collected and passed
on, enforcement for the charges, and applications for the application fee.
Every amount is rounded to the penny, half up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from .dated import DatedTable
from .money import ZERO, to_penny

__all__ = [
    "ANNOUNCED_COLLECTION_FEE_REFORM",
    "APPLICATION_FEES",
    "COLLECTION_FEE_SCHEDULES",
    "ENFORCEMENT_CHARGES",
    "ApplicationFee",
    "CollectionFeeSchedule",
    "EnforcementChargeKind",
    "EnforcementCharges",
    "application_fee",
    "collection_fee_rates",
    "collection_fee_schedules",
    "collection_fee_schedules_from",
    "paying_parent_complies",
    "reform_commencement",
    "set_reform_commencement_source",
    "enforcement_charge",
    "InstalmentFees",
    "instalment_fees",
    "paying_parent_fee",
    "receiving_parent_fee",
]


@dataclass(frozen=True, slots=True)
class CollectionFeeSchedule:
    """Collect and Pay fees as a fraction of each amount collected or passed on.

    `effective_from=None` marks a schedule that is announced but not law: lookups skip it
    until it is given a start date.
    """

    effective_from: date | None
    paying_parent_rate: Decimal
    receiving_parent_rate: Decimal
    # The reform charges a paying parent who does not pay on time more than one who does.
    non_compliant_paying_parent_rate: Decimal | None = None
    direct_pay_available: bool = True

    def paying_parent_rate_for(self, *, compliant: bool = True) -> Decimal:
        if not compliant and self.non_compliant_paying_parent_rate is not None:
            return self.non_compliant_paying_parent_rate
        return self.paying_parent_rate


# Child Support Fees Regulations 2014 (SI 2014/612), reg 7: 20% on top for the paying
# parent, 4% off for the receiving parent, on every Collect and Pay case. The regulations
# waive no collection fee for domestic abuse: the only domestic abuse waiver, reg 4(3),
# was of the application fee. So a safeguarded case that moves to Collect and Pay (as the
# Child Support Collection (Domestic Abuse) Act 2023 allows) pays these fees like any other.
COLLECTION_FEES_2014 = CollectionFeeSchedule(
    effective_from=date(2014, 8, 11),
    paying_parent_rate=Decimal("0.20"),
    receiving_parent_rate=Decimal("0.04"),
)

# Government response of 23 June 2025: Direct Pay ends; 2% receiving, 2% for a compliant
# paying parent, 20% for a non-compliant one. Subject to legislation, so it has no date yet.
ANNOUNCED_COLLECTION_FEE_REFORM = CollectionFeeSchedule(
    effective_from=None,
    paying_parent_rate=Decimal("0.02"),
    receiving_parent_rate=Decimal("0.02"),
    non_compliant_paying_parent_rate=Decimal("0.20"),
    direct_pay_available=False,
)

COLLECTION_FEE_SCHEDULES: DatedTable[CollectionFeeSchedule] = DatedTable(
    "collection fee schedule", [COLLECTION_FEES_2014, ANNOUNCED_COLLECTION_FEE_REFORM]
)


def _no_commencement() -> date | None:
    return None


# Where the reform's start date comes from. The engine knows no settings: the portal
# points this at its REFORM_COMMENCEMENT_DATE setting when it starts (calculation.apps).
_commencement_source: Callable[[], date | None] = _no_commencement


def set_reform_commencement_source(source: Callable[[], date | None] | None) -> None:
    """Read the reform's commencement date from `source` (None: never commenced)."""
    global _commencement_source
    _commencement_source = source or _no_commencement


def reform_commencement() -> date | None:
    """The day the announced reform starts, or None while no date has been set."""
    return _commencement_source()


@lru_cache(maxsize=8)
def _commenced(
    table: DatedTable[CollectionFeeSchedule], commencement: date
) -> DatedTable[CollectionFeeSchedule]:
    last_start = table.in_force_entries[-1].effective_from if table.in_force_entries else None
    if last_start is not None and commencement <= last_start:
        raise ValueError(
            f"The reform cannot start on {commencement.isoformat()}: the schedule in force "
            f"started on {last_start.isoformat()}"
        )
    reform = replace(ANNOUNCED_COLLECTION_FEE_REFORM, effective_from=commencement)
    return DatedTable(table.name, [*table.in_force_entries, reform])


def collection_fee_schedules_from(commencement: date) -> DatedTable[CollectionFeeSchedule]:
    """The collection fee schedules as they would be with the reform in force from
    `commencement`. Raises ValueError for a date not after the schedule in force."""
    return _commenced(COLLECTION_FEE_SCHEDULES, commencement)


def collection_fee_schedules() -> DatedTable[CollectionFeeSchedule]:
    """The collection fee schedules, the reform among them from its commencement date
    once one is set; without a date the reform is only announced and never picked."""
    commencement = reform_commencement()
    if commencement is None:
        return COLLECTION_FEE_SCHEDULES
    return collection_fee_schedules_from(commencement)


def collection_fee_rates(on_date: date) -> CollectionFeeSchedule | None:
    """The collection fees in force on `on_date`, or None before 11 August 2014."""
    return collection_fee_schedules().find(on_date)


def paying_parent_complies(*, in_arrears: bool) -> bool:
    """Whether a paying parent counts as paying on time for the reform's lower fee.

    The government said the 20% fee stays for paying parents who do not pay "on time and
    in full" without defining it. Our decision: a paying parent does not comply while
    their account is in arrears: maintenance that fell due is still unpaid 3 days (the
    grace days of `payments.services.missed`) after its due date, as found by the nightly
    missed-payment job, the same state that opens the way to enforcement. They comply
    again once the arrears are cleared. Each instalment's fee follows the parent's state
    on the day it falls due.
    """
    return not in_arrears


def fee_on(amount: Decimal, rate: Decimal) -> Decimal:
    """A collection fee: `rate` of `amount`, rounded to the penny half up. The one
    rounding of fees, used by the engine, its results and the instalment fees."""
    return to_penny(amount * rate)


def paying_parent_fee(amount: Decimal, on_date: date, *, compliant: bool = True) -> Decimal:
    """The fee added to `amount` collected from a paying parent under Collect and Pay."""
    schedule = collection_fee_rates(on_date)
    if schedule is None:
        return ZERO
    return fee_on(amount, schedule.paying_parent_rate_for(compliant=compliant))


def receiving_parent_fee(amount: Decimal, on_date: date) -> Decimal:
    """The fee taken from `amount` passed on to a receiving parent under Collect and Pay."""
    schedule = collection_fee_rates(on_date)
    if schedule is None:
        return ZERO
    return fee_on(amount, schedule.receiving_parent_rate)


@dataclass(frozen=True, slots=True)
class InstalmentFees:
    """The collection fees on one amount of maintenance for one receiving parent."""

    maintenance: Decimal
    paying_fee: Decimal
    receiving_fee: Decimal

    @property
    def paying_total(self) -> Decimal:
        return self.maintenance + self.paying_fee

    @property
    def receiving_net(self) -> Decimal:
        return self.maintenance - self.receiving_fee


def instalment_fees(amount: Decimal, on_date: date, *, compliant: bool = True) -> InstalmentFees:
    """The fees on `amount`: one instalment of one receiving parent's share, or one amount
    passed on. The rounding is decided here once, for the ledger and every page alike:
    each fee is the rate times the whole amount, exactly, rounded once to the penny, half
    up; the receiving parent gets the amount less their fee. `compliant` matters only
    under the reform (see `paying_parent_complies`)."""
    return InstalmentFees(
        amount,
        paying_parent_fee(amount, on_date, compliant=compliant),
        receiving_parent_fee(amount, on_date),
    )


class EnforcementChargeKind(StrEnum):
    DEDUCTION_FROM_EARNINGS_ORDER = "deduction_from_earnings_order"
    # The armed forces equivalent of an order.
    DEDUCTION_FROM_EARNINGS_REQUEST = "deduction_from_earnings_request"
    REGULAR_DEDUCTION_ORDER = "regular_deduction_order"
    LUMP_SUM_DEDUCTION_ORDER = "lump_sum_deduction_order"
    LIABILITY_ORDER = "liability_order"


@dataclass(frozen=True, slots=True)
class EnforcementCharges:
    """Charges to a paying parent for enforcement, collected only after maintenance and
    arrears have been paid."""

    effective_from: date | None
    amounts: Mapping[EnforcementChargeKind, Decimal]


# Introduced with collection fees by the Child Support Fees Regulations 2014.
ENFORCEMENT_CHARGES: DatedTable[EnforcementCharges] = DatedTable(
    "enforcement charges",
    [
        EnforcementCharges(
            effective_from=date(2014, 8, 11),
            amounts=MappingProxyType(
                {
                    EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_ORDER: Decimal("50.00"),
                    EnforcementChargeKind.DEDUCTION_FROM_EARNINGS_REQUEST: Decimal("50.00"),
                    EnforcementChargeKind.REGULAR_DEDUCTION_ORDER: Decimal("50.00"),
                    EnforcementChargeKind.LUMP_SUM_DEDUCTION_ORDER: Decimal("200.00"),
                    EnforcementChargeKind.LIABILITY_ORDER: Decimal("300.00"),
                }
            ),
        ),
    ],
)


def enforcement_charge(kind: EnforcementChargeKind | str, on_date: date) -> Decimal:
    """The charge for an enforcement action taken on `on_date`; £0.00 before charges began.

    Raises ValueError for an unknown kind.
    """
    kind = EnforcementChargeKind(kind)
    charges = ENFORCEMENT_CHARGES.find(on_date)
    if charges is None:
        return ZERO
    return charges.amounts[kind]


@dataclass(frozen=True, slots=True)
class ApplicationFee:
    effective_from: date | None
    amount: Decimal


APPLICATION_FEES: DatedTable[ApplicationFee] = DatedTable(
    "application fee",
    [
        ApplicationFee(effective_from=date(2014, 6, 30), amount=Decimal("20.00")),
        # Abolished by the Child Support (Fees) (Amendment) Regulations 2024.
        ApplicationFee(effective_from=date(2024, 2, 26), amount=Decimal("0.00")),
    ],
)


def application_fee(
    on_date: date, *, applicant_under_19: bool = False, domestic_abuse_reported: bool = False
) -> Decimal:
    """The fee for an application made on `on_date`.

    None was charged before 30 June 2014 or from 26 February 2024; it was waived (SI
    2014/612 reg 4) for applicants under 19 (reg 4(2)) and for victims of domestic abuse
    who had reported it to an appropriate person (reg 4(3)).
    """
    fee = APPLICATION_FEES.find(on_date)
    if fee is None or applicant_under_19 or domestic_abuse_reported:
        return ZERO
    return fee.amount
