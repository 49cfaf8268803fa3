"""Money collected is passed on the next day in the demo, whatever day it is loaded and
however long since it was last loaded: loading runs the nightly jobs up to today."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Sum

from payments.dates import business_date
from payments.models import Account, BankReceipt, Disbursement, LedgerEntry, MatchStatus


def _waiting_since_before_yesterday():
    """Receiving accounts holding money collected before yesterday (it should have been
    passed on by today's run)."""
    today = business_date()
    stale = []
    for account in Account.objects.filter(role="receiving", balance__gt=0):
        recent = LedgerEntry.objects.filter(
            account=account,
            kind="maintenance_collected",
            effective_date__gte=today - timedelta(days=1),
        ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if account.balance > recent:
            stale.append((account.case.reference, account.balance, recent))
    return stale


# Committed transactions, as in a real load: an employer's payment is posted on commit.
@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_again_weeks_later_passes_on_what_was_collected():
    start = business_date()
    with time_machine.travel(start - timedelta(days=22), tick=False):
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert _waiting_since_before_yesterday() == []
        loaded_on = business_date()
    # Three weeks on, nothing ran meanwhile: loading again brings the money up to date.
    with time_machine.travel(start, tick=False):
        call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert _waiting_since_before_yesterday() == []
        assert Disbursement.objects.filter(business_date__gt=loaded_on).exists()
    # Nothing is passed on with a date before the money was collected.
    for payment in Disbursement.objects.all():
        first_collected = (
            LedgerEntry.objects.filter(account=payment.account, kind="maintenance_collected")
            .order_by("effective_date")
            .values_list("effective_date", flat=True)
            .first()
        )
        assert first_collected is not None and payment.business_date >= first_collected
    # Every receiving parent's money is passed on the day after it was collected (or,
    # for today's money, tonight), the employer's demo cases included.
    for account in Account.objects.filter(role="receiving", case__service_type="collect_and_pay"):
        collected = set(
            LedgerEntry.objects.filter(account=account, kind="maintenance_collected").values_list(
                "effective_date", flat=True
            )
        )
        paid = set(
            Disbursement.objects.filter(account=account).values_list("business_date", flat=True)
        )
        for day in collected:
            assert paid & {day, day + timedelta(days=1)}, (account.case.reference, day)
    # The employer's payment is in the bank and matched.
    assert BankReceipt.objects.filter(
        reference__startswith="TAFF PAYROLL", status=MatchStatus.MATCHED
    ).exists()
