"""The rules of asking for a variation (docs/rules.md §6): who may ask on which ground,
how long the other parent has to respond, and when an agreed variation takes effect."""

from dataclasses import dataclass
from datetime import date, timedelta

from calculation.dated import DatedTable
from calculation.variations import thresholds_on
from cms_portal.formatting import money

from .models import Ground

# Special expenses are the paying parent's (regs 63 to 67); additional income is asked
# for by a receiving parent (regs 69 to 71).
PAYING_GROUNDS = (
    Ground.CONTACT_COSTS,
    Ground.RELEVANT_OTHER_CHILD_ILLNESS,
    Ground.PRIOR_DEBTS,
    Ground.BOARDING_SCHOOL_FEES,
    Ground.FORMER_FAMILY_HOME,
)
RECEIVING_GROUNDS = (
    Ground.UNEARNED_INCOME,
    Ground.DIVERSION_OF_INCOME,
    Ground.INCOME_WHILE_ON_BENEFIT,
)
# Grounds the reg 68 weekly threshold applies to (calculation.variations.THRESHOLD_GROUNDS).
WEEKLY_THRESHOLD_GROUNDS = (
    Ground.CONTACT_COSTS,
    Ground.PRIOR_DEBTS,
    Ground.BOARDING_SCHOOL_FEES,
    Ground.FORMER_FAMILY_HOME,
)


def grounds_for(is_paying):
    return PAYING_GROUNDS if is_paying else RECEIVING_GROUNDS


@dataclass(frozen=True)
class ResponsePeriod:
    effective_from: date | None
    days: int


# The regulations leave the time for the other parent's representations to the service
# (reg 60 says they are told and may make them); we give 14 days from the day they are told.
RESPONSE_PERIODS = DatedTable(
    "variation response period",
    [ResponsePeriod(effective_from=date(2012, 12, 10), days=14)],
)


def respond_by(told_on: date) -> date:
    return told_on + timedelta(days=RESPONSE_PERIODS.on(told_on).days)


def variation_effective_date(applied_on: date, first_effective_date: date) -> date:
    """An agreed variation changes the amount from the first day of the maintenance period
    (a week counted from the case's first effective date) in which it was asked for: the
    supersession rule for an application. Before that first date, from that date."""
    if applied_on <= first_effective_date:
        return first_effective_date
    weeks = (applied_on - first_effective_date).days // 7
    return first_effective_date + timedelta(days=7 * weeks)


def threshold_figures(on_date: date) -> dict:
    """The thresholds as people read them, from the dated table (never typed in a page)."""
    thresholds = thresholds_on(on_date)
    return {
        "special_expenses": _pounds(thresholds.special_expenses_weekly),
        "unearned_income": _pounds(thresholds.unearned_income_yearly),
        "income_on_benefit": _pounds(thresholds.income_while_on_benefit_weekly),
    }


def _pounds(amount):
    # "£10" and "£2,500" read better than "£10.00"; pence are kept when there are any.
    return money(amount, pence=amount != amount.to_integral_value())
