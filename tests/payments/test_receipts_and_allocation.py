"""Recording receipts and paying debts through the services, on a real case."""

from datetime import timedelta
from decimal import Decimal

import pytest

from payments.models import Allocation, EntryKind, LedgerEntry, Obligation, Receipt
from payments.services import IdempotencyConflict, PaymentsError, record_receipt
from tests.payments.helpers import paying_account, receiving_account

MONTHLY = Decimal("260.00")  # £500 a week, 1 child: £60.00 a week, x 52 / 12
FEE = Decimal("52.00")  # 20% of each instalment


def test_a_receipt_pays_current_maintenance_then_the_fee(collect_and_pay_case, run_nightly, pay):
    run_nightly()
    receipt = pay(collect_and_pay_case, "300.00")
    paying = paying_account(collect_and_pay_case)
    assert paying.balance == MONTHLY + FEE - Decimal("300.00")
    assert receipt.allocations.filter(obligation__kind="maintenance").get().amount == MONTHLY
    assert receipt.allocations.filter(obligation__kind="collection_fee").get().amount == Decimal(
        "40.00"
    )
    assert receiving_account(collect_and_pay_case).balance == MONTHLY


def test_same_idempotency_key_records_one_receipt(collect_and_pay_case, pay):
    first = pay(collect_and_pay_case, "10.00", key="bank-file-1:line-7")
    again = pay(collect_and_pay_case, "10.00", key="bank-file-1:line-7")
    assert first.pk == again.pk
    assert Receipt.objects.count() == 1
    assert LedgerEntry.objects.filter(kind=EntryKind.PAYMENT_RECEIVED).count() == 1


def test_reusing_a_key_for_a_different_payment_is_refused(collect_and_pay_case, pay):
    pay(collect_and_pay_case, "10.00", key="k-1")
    with pytest.raises(IdempotencyConflict):
        pay(collect_and_pay_case, "11.00", key="k-1")


@pytest.mark.parametrize("amount", ["0", "-5", "1.234", "NaN", "abc", "1000000"])
def test_bad_amounts_are_refused(collect_and_pay_case, pay, amount):
    with pytest.raises(PaymentsError):
        record_receipt(
            acting_user=None,
            case=collect_and_pay_case,
            amount=amount,
            received_on=collect_and_pay_case.created_at.date(),
            method="card",
            idempotency_key="bad",
        )
    assert Receipt.objects.count() == 0


def test_future_dates_and_unknown_methods_are_refused(collect_and_pay_case, days_ago):
    with pytest.raises(PaymentsError):
        record_receipt(
            acting_user=None,
            case=collect_and_pay_case,
            amount="5",
            method="card",
            received_on=days_ago(-1),
            idempotency_key="f",
        )
    with pytest.raises(PaymentsError):
        record_receipt(
            acting_user=None,
            case=collect_and_pay_case,
            amount="5",
            method="cheque",
            received_on=days_ago(0),
            idempotency_key="m",
        )


def test_direct_pay_has_no_money_through_the_ledger(make_case, pay, run_nightly):
    case = make_case(service_type="direct_pay")
    run_nightly()
    assert case.instalments.count() == 1
    assert LedgerEntry.objects.filter(case=case).count() == 0
    with pytest.raises(PaymentsError):
        pay(case, "10.00")


def test_money_paid_before_anything_is_due_waits_for_the_instalment(
    make_case, pay, run_nightly, days_ago
):
    case = make_case(service_type="collect_and_pay", effective_date=days_ago(0) + timedelta(days=3))
    pay(case, "312.00")
    assert paying_account(case).unallocated == Decimal("312.00")
    run_nightly(days_ago(0) + timedelta(days=3))
    account = paying_account(case)
    assert account.unallocated == 0 and account.balance == 0
    assert Obligation.objects.filter(case=case, outstanding__gt=0).count() == 0


def test_arrears_are_paid_after_the_current_instalment(make_case, pay, run_nightly, days_ago):
    case = make_case(
        service_type="collect_and_pay", effective_date=days_ago(40), payment_frequency="fortnightly"
    )
    run_nightly()
    dues = list(Obligation.objects.filter(case=case, kind="maintenance").order_by("due_date"))
    assert [d.due_date for d in dues] == [days_ago(40), days_ago(26), days_ago(12)]
    pay(case, "150.00")  # one fortnight is £120.00
    paid = {d.due_date: d.amount - Obligation.objects.get(pk=d.pk).outstanding for d in dues}
    assert paid == {
        days_ago(12): Decimal("120.00"),
        days_ago(40): Decimal("30.00"),
        days_ago(26): Decimal("0.00"),
    }


def test_allocations_are_insert_only(collect_and_pay_case, run_nightly, pay):
    from payments.models import InsertOnlyError

    run_nightly()
    pay(collect_and_pay_case, "20.00")
    allocation = Allocation.objects.first()
    with pytest.raises(InsertOnlyError):
        Allocation.objects.filter(pk=allocation.pk).update(amount=1)
    with pytest.raises(InsertOnlyError):
        allocation.delete()
