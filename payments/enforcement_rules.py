"""The enforcement ladder: which stage charges what (Child Support Fees Regulations 2014,
SI 2014/612, reg 10 and calculation.fees.ENFORCEMENT_CHARGES), which stages the nightly
job may take by itself, what each stage needs first, which reg 12 waiver fits which
stage, and the default arrears thresholds when no team has set its own."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculation.dated import DatedTable

from .models.choices import EnforcementKind
from .models.enforcement_process import EnforcementStage, LiabilityRoute, WaiverReason

Stage = EnforcementStage

LADDER = list(EnforcementStage)

# Stages with a charge under reg 10. A DEO's charge is posted by issuing the order.
CHARGED = {
    Stage.DEDUCTION_FROM_EARNINGS: EnforcementKind.DEO,
    Stage.REGULAR_DEDUCTION: EnforcementKind.RDO,
    Stage.LUMP_SUM_DEDUCTION: EnforcementKind.LSDO,
    Stage.LIABILITY_ORDER: EnforcementKind.LIABILITY_ORDER,
}

# The only stages the nightly job takes without a caseworker.
AUTOMATIC = {Stage.ARREARS_NOTICE, Stage.REMINDER}

# Everything after a liability order rests on one having been made (1991 Act ss.35-40B).
AFTER_LIABILITY_ORDER = {
    Stage.REGISTRATION,
    Stage.ENFORCEMENT_AGENTS,
    Stage.CHARGING_ORDER,
    Stage.ORDER_FOR_SALE,
    Stage.THIRD_PARTY_DEBT_ORDER,
    Stage.DRIVING_LICENCE,
    Stage.PASSPORT,
    Stage.COMMITTAL,
}
# An order for sale enforces a charging order.
NEEDS_FIRST = {Stage.ORDER_FOR_SALE: {Stage.CHARGING_ORDER}}
# Disqualification and committal (ss.39A-40B) come only once enforcement agents, a third
# party debt order or a charging order have been tried and the arrears are still unpaid.
for _last_resort in (Stage.DRIVING_LICENCE, Stage.PASSPORT, Stage.COMMITTAL):
    NEEDS_FIRST[_last_resort] = {
        Stage.ENFORCEMENT_AGENTS,
        Stage.THIRD_PARTY_DEBT_ORDER,
        Stage.CHARGING_ORDER,
    }

_BANK_ORDERS = {Stage.REGULAR_DEDUCTION, Stage.LUMP_SUM_DEDUCTION}
_ORDERS = {Stage.DEDUCTION_FROM_EARNINGS, *_BANK_ORDERS}

# Which stages each reg 12 circumstance can apply to.
WAIVER_APPLIES_TO = {
    WaiverReason.SEVERAL_EMPLOYERS: {Stage.DEDUCTION_FROM_EARNINGS},
    WaiverReason.SEVERAL_ACCOUNTS: _BANK_ORDERS,
    WaiverReason.CHANGED_EMPLOYER: {Stage.DEDUCTION_FROM_EARNINGS},
    WaiverReason.CHANGED_ACCOUNT: {Stage.REGULAR_DEDUCTION},
    WaiverReason.AMOUNT_CHANGED: {Stage.DEDUCTION_FROM_EARNINGS, Stage.REGULAR_DEDUCTION},
    WaiverReason.NO_LIABILITY_ORDER: {Stage.LIABILITY_ORDER},
    WaiverReason.APPEAL_OR_REVIEW: _ORDERS,
    WaiverReason.SECRETARY_OF_STATE_ERROR: _ORDERS,
}
# reg 12(4)(a) is about an application to a court.
WAIVER_NEEDS_ROUTE = {WaiverReason.NO_LIABILITY_ORDER: LiabilityRoute.COURT}


def next_stage(stage):
    """The stage a caseworker would usually consider after `stage`, or None at the end."""
    index = LADDER.index(Stage(stage))
    return LADDER[index + 1] if index + 1 < len(LADDER) else None


@dataclass(frozen=True, slots=True)
class Thresholds:
    effective_from: date | None
    days_in_arrears: int
    arrears_amount: Decimal
    review_after_days: int


# Decision, until a team sets its own in the admin: enforcement opens once the oldest
# unpaid maintenance is 28 days overdue and at least £50 is owed (a monthly instalment
# missed and the next one due, or four weekly ones); each stage is reviewed 28 days on.
DEFAULT_THRESHOLDS: DatedTable[Thresholds] = DatedTable(
    "enforcement thresholds",
    [
        Thresholds(
            effective_from=date(2014, 8, 11),
            days_in_arrears=28,
            arrears_amount=Decimal("50.00"),
            review_after_days=28,
        )
    ],
)
