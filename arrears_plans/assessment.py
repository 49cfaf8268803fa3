"""Whether a proposed plan keeps to the rules, worked out the same way for the pages
(shown before the parent sends it) and the service (which decides on it again)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from cms_portal.core.months import add_months
from payments.dates import due_date_on_or_after
from payments.plans import least_amount_to_clear_by, payments_needed, plan_end_date

from .rules import ArrearsPlanRules, income_cap


@dataclass(frozen=True)
class PlanTerms:
    """The facts a plan is judged on: the arrears and the case's payment dates."""

    arrears: Decimal
    anchor: date
    frequency: str
    # The first payment the plan adds to: the next due date after today.
    starts_on: date
    # The payment that clears the arrears must fall due by this date.
    clear_by: date
    rules: ArrearsPlanRules

    @property
    def least_amount(self):
        return least_amount_to_clear_by(
            self.arrears, self.anchor, self.frequency, self.starts_on, self.clear_by
        )


def plan_terms(*, arrears, anchor, frequency, today, rules):
    starts_on = due_date_on_or_after(anchor, frequency, today + timedelta(days=1))
    return PlanTerms(
        arrears=arrears,
        anchor=anchor,
        frequency=frequency,
        starts_on=starts_on,
        clear_by=add_months(today, rules.clear_within_months),
        rules=rules,
    )


@dataclass(frozen=True)
class Assessment:
    terms: PlanTerms
    amount: Decimal
    payments: int
    end_date: date | None
    clears_in_time: bool
    # With a deduction from earnings order: the most the plan may be, and whether it is.
    cap: Decimal | None = None
    within_cap: bool | None = None

    @property
    def automatic(self):
        """Inside the rules: agreed at once, without a caseworker."""
        return self.clears_in_time and self.within_cap is not False


def assess(terms, amount, net_income=None):
    end_date = plan_end_date(terms.arrears, amount, terms.anchor, terms.frequency, terms.starts_on)
    cap = income_cap(net_income, terms.rules) if net_income is not None else None
    return Assessment(
        terms=terms,
        amount=amount,
        payments=payments_needed(terms.arrears, amount),
        end_date=end_date,
        clears_in_time=end_date is not None and end_date <= terms.clear_by,
        cap=cap,
        within_cap=None if cap is None else amount <= cap,
    )
