"""Corrections by reversal, enforcement charges and arrears plans."""

from decimal import Decimal

import pytest

from payments.models import (
    ArrearsPaymentPlan,
    Disbursement,
    EntryKind,
    InsertOnlyError,
    LedgerEntry,
    Obligation,
)
from payments.services import (
    PaymentsError,
    agree_payment_plan,
    end_payment_plan,
    post_enforcement_charge,
    reverse_entry,
)
from tests.payments.helpers import paying_account, receiving_account


def test_ledger_entries_cannot_be_changed_or_deleted_in_python(collect_and_pay_case, run_nightly):
    run_nightly()
    entry = LedgerEntry.objects.first()
    entry.amount = Decimal("1.00")
    with pytest.raises(InsertOnlyError):
        entry.save()
    with pytest.raises(InsertOnlyError):
        entry.delete()
    with pytest.raises(InsertOnlyError):
        LedgerEntry.objects.all().delete()


def test_reversing_a_bounced_payment_makes_the_debt_owed_again(
    collect_and_pay_case, run_nightly, pay, days_ago
):
    case = collect_and_pay_case
    run_nightly()
    receipt = pay(case, "312.00")
    assert paying_account(case).balance == 0
    entry = receipt.entries.get(kind=EntryKind.PAYMENT_RECEIVED)
    reversal = reverse_entry(acting_user=None, entry=entry, reason="Direct Debit returned")
    assert reversal.amount == Decimal("312.00") and reversal.reverses == entry
    assert paying_account(case).balance == Decimal("312.00")
    assert receiving_account(case).balance == 0
    assert Obligation.objects.filter(case=case, outstanding__gt=0).count() == 2
    # Reversing again does nothing more.
    assert reverse_entry(acting_user=None, entry=entry, reason="again").pk == reversal.pk
    assert LedgerEntry.objects.filter(kind=EntryKind.REVERSAL, reverses=entry).count() == 1


def test_reversing_a_charge_frees_the_money_that_paid_it(collect_and_pay_case, run_nightly, pay):
    case = collect_and_pay_case
    run_nightly()
    action = post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="rdo",
        on_date=case.created_at.date(),
        idempotency_key="rdo-1",
    )
    pay(case, "362.00")  # instalment and fee (£312) plus £50
    assert action.charge == Decimal("50.00")
    charge = Obligation.objects.get(entry__enforcement_action=action)
    assert charge.outstanding == 0
    reverse_entry(acting_user=None, entry=charge.entry, reason="Order made in error")
    account = paying_account(case)
    assert account.unallocated == Decimal("50.00") and account.balance == Decimal("-50.00")


def test_enforcement_charges_are_collected_only_after_maintenance(
    collect_and_pay_case, run_nightly, pay
):
    case = collect_and_pay_case
    run_nightly()
    post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="liability_order",
        on_date=case.created_at.date(),
        idempotency_key="lo-1",
    )
    pay(case, "300.00")
    charge = Obligation.objects.get(case=case, kind="enforcement_charge")
    assert charge.amount == Decimal("300.00") and charge.outstanding == Decimal("300.00")
    assert Obligation.objects.get(case=case, kind="maintenance").outstanding == 0


def test_enforcement_is_idempotent_and_collect_and_pay_only(
    collect_and_pay_case, make_case, run_nightly
):
    case = collect_and_pay_case
    run_nightly()
    first = post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="rdo",
        on_date=case.created_at.date(),
        idempotency_key="rdo-1",
    )
    again = post_enforcement_charge(
        acting_user=None,
        case=case,
        kind="rdo",
        on_date=case.created_at.date(),
        idempotency_key="rdo-1",
    )
    assert first.pk == again.pk
    assert LedgerEntry.objects.filter(kind=EntryKind.ENFORCEMENT_CHARGE).count() == 1
    with pytest.raises(PaymentsError):
        post_enforcement_charge(
            acting_user=None,
            case=make_case(),
            kind="rdo",
            on_date=case.created_at.date(),
            idempotency_key="dp-1",
        )
    with pytest.raises(PaymentsError):
        post_enforcement_charge(
            acting_user=None,
            case=case,
            kind="prison",
            on_date=case.created_at.date(),
            idempotency_key="x-1",
        )


def test_a_returned_payment_out_is_paid_again_the_next_night(
    collect_and_pay_case, run_nightly, pay, days_ago
):
    case = collect_and_pay_case
    run_nightly(days_ago(1))
    pay(case, "312.00")
    run_nightly(days_ago(0))
    first = Disbursement.objects.get()
    assert (first.gross, first.fee, first.net) == (
        Decimal("260.00"),
        Decimal("10.40"),
        Decimal("249.60"),
    )
    reverse_entry(
        acting_user=None,
        entry=first.entries.get(kind=EntryKind.PASSED_ON),
        reason="Account closed",
        on_date=days_ago(0),
    )
    first.refresh_from_db()
    assert first.status == "returned"
    assert receiving_account(case).balance == Decimal("260.00")
    run_nightly(days_ago(-1))
    again = Disbursement.objects.exclude(pk=first.pk).get()
    assert again.net == Decimal("249.60")
    assert receiving_account(case).balance == 0


def test_collected_money_and_reversals_cannot_be_reversed_directly(
    collect_and_pay_case, run_nightly, pay
):
    run_nightly()
    receipt = pay(collect_and_pay_case, "20.00")
    collected = LedgerEntry.objects.get(kind=EntryKind.MAINTENANCE_COLLECTED)
    with pytest.raises(PaymentsError):
        reverse_entry(acting_user=None, entry=collected, reason="no")
    reversal = reverse_entry(
        acting_user=None,
        reason="bounced",
        entry=receipt.entries.get(kind=EntryKind.PAYMENT_RECEIVED),
    )
    with pytest.raises(PaymentsError):
        reverse_entry(acting_user=None, entry=reversal, reason="undo")
    with pytest.raises(PaymentsError):
        reverse_entry(acting_user=None, entry=reversal.reverses, reason=" ")


def test_a_payment_plan_replaces_the_last_and_can_end(collect_and_pay_case):
    case = collect_and_pay_case
    first = agree_payment_plan(
        acting_user=None, case=case, amount_per_instalment="25.00", starts_on=case.created_at.date()
    )
    second = agree_payment_plan(
        acting_user=None, case=case, amount_per_instalment="30.00", starts_on=case.created_at.date()
    )
    first.refresh_from_db()
    assert first.status == "ended" and second.status == "active"
    assert end_payment_plan(acting_user=None, case=case)
    assert not ArrearsPaymentPlan.objects.filter(status="active").exists()
    with pytest.raises(PaymentsError):
        agree_payment_plan(
            acting_user=None, case=case, amount_per_instalment="0", starts_on=case.created_at.date()
        )
