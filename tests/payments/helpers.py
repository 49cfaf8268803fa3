"""Small helpers for payments tests."""

from decimal import Decimal

from cases import services as case_services
from cases.models import IncomeSource


def new_decision(case, *, income, effective_date, frequency=None):
    """Record a new income (and frequency) and make a decision effective from a date."""
    if frequency:
        case_services.update_case(acting_user=None, case=case, payment_frequency=frequency)
    case_services.record_income(
        acting_user=None,
        case=case,
        gross_weekly_income=Decimal(income),
        source=IncomeSource.HMRC_CURRENT,
        effective_from=effective_date,
    )
    case.refresh_from_db()
    return case_services.make_decision(
        acting_user=None, case=case, reason="change", effective_date=effective_date, notify=False
    )


def paying_account(case):
    return case.payment_accounts.get(role="paying")


def receiving_account(case):
    return case.payment_accounts.get(role="receiving")


def kinds_and_amounts(account):
    return list(account.entries.order_by("id").values_list("kind", "amount"))
