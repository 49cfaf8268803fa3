"""Caseworkers work money through the admin: recording receipts, reversing entries,
starting enforcement and agreeing plans all go through the services; the ledger itself
cannot be added to, changed or deleted there."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cms_portal.models import AuditEvent
from payments.models import (
    ArrearsPaymentPlan,
    EnforcementAction,
    ExpectedPayment,
    LedgerEntry,
    Receipt,
)

PERMISSIONS = [
    "add_receipt",
    "view_receipt",
    "add_expectedpayment",
    "view_expectedpayment",
    "add_bankreceipt",
    "view_bankreceipt",
    "add_bankmatch",
    "reverse_ledgerentry",
    "view_ledgerentry",
    "add_enforcementaction",
    "view_enforcementaction",
    "add_arrearspaymentplan",
    "view_arrearspaymentplan",
    "view_account",
]


@pytest.fixture
def finance_client(caseworker, caseworker_client):
    caseworker.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=PERMISSIONS)
    )
    return caseworker_client


def test_a_parents_payment_recorded_in_admin_waits_for_the_bank(
    finance_client, collect_and_pay_case, run_nightly, days_ago
):
    run_nightly()
    url = reverse("admin:payments_expectedpayment_add")
    form = finance_client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["idempotency_key"]
    data = {
        "case": collect_and_pay_case.reference,
        "amount": "312.00",
        "paid_on": days_ago(0).isoformat(),
        "method": "bank_transfer",
        "reference": "FPS 123",
        "idempotency_key": key,
    }
    assert finance_client.post(url, data).status_code == 302
    # A double submit of the same form records nothing more.
    assert finance_client.post(url, data).status_code == 302
    expected = ExpectedPayment.objects.get()
    assert expected.amount == Decimal("312.00") and expected.recorded_by is not None
    # Expected, not received: nothing on the ledger until the bank has the money.
    assert not Receipt.objects.exists()
    assert collect_and_pay_case.payment_accounts.get(role="paying").balance == Decimal("312.00")


def test_a_possible_duplicate_in_admin_needs_a_reason(
    finance_client, collect_and_pay_case, days_ago
):
    url = reverse("admin:payments_expectedpayment_add")
    data = {
        "case": collect_and_pay_case.reference,
        "amount": "100.00",
        "paid_on": days_ago(0).isoformat(),
        "method": "bank_transfer",
        "reference": "FPS 9",
    }
    assert finance_client.post(url, {**data, "idempotency_key": "admin:one"}).status_code == 302
    # Back and resubmit with a fresh form: same case, amount, date and reference.
    again = finance_client.post(url, {**data, "idempotency_key": "admin:two"})
    assert again.status_code == 400
    assert "is already recorded" in again.content.decode()
    assert ExpectedPayment.objects.count() == 1
    anyway = finance_client.post(
        url,
        {
            **data,
            "idempotency_key": "admin:two",
            "duplicate_reason": "Two transfers on the same day",
        },
    )
    assert anyway.status_code == 302
    assert ExpectedPayment.objects.count() == 2
    assert AuditEvent.objects.filter(
        action="payments.duplicate_recorded_anyway", details__reason="Two transfers on the same day"
    ).exists()


def test_payment_errors_are_shown_not_raised(finance_client, make_case, days_ago):
    direct = make_case()
    url = reverse("admin:payments_expectedpayment_add")
    base = {
        "amount": "10.00",
        "paid_on": days_ago(0).isoformat(),
        "method": "card",
        "idempotency_key": "admin:test",
    }
    unknown = finance_client.post(url, {**base, "case": "121999999999"})
    assert unknown.status_code == 400 and "No case has this reference" in unknown.content.decode()
    refused = finance_client.post(url, {**base, "case": direct.reference})
    assert refused.status_code == 400
    assert "only recorded on Collect and Pay" in refused.content.decode()
    assert not ExpectedPayment.objects.exists()


def test_receipts_cannot_be_added_by_hand_in_admin(finance_client):
    assert finance_client.get("/admin/payments/receipt/add/").status_code == 403


def test_reverse_an_entry_with_a_reason(finance_client, collect_and_pay_case, run_nightly, pay):
    run_nightly()
    receipt = pay(collect_and_pay_case, "20.00")
    entry = receipt.entries.get(kind="payment_received")
    change = finance_client.get(reverse("admin:payments_ledgerentry_change", args=[entry.pk]))
    assert "Reverse this entry" in change.content.decode()
    url = reverse("admin:payments_ledgerentry_reverse", args=[entry.pk])
    assert finance_client.post(url, {"idempotency_key": "x", "reason": ""}).status_code == 400
    assert (
        finance_client.post(url, {"idempotency_key": "x", "reason": "Bank returned it"}).status_code
        == 302
    )
    reversal = LedgerEntry.objects.get(reverses=entry)
    assert reversal.reason == "Bank returned it" and reversal.created_by is not None


def test_the_ledger_cannot_be_edited_in_the_admin(
    finance_client, collect_and_pay_case, run_nightly
):
    run_nightly()
    entry = LedgerEntry.objects.first()
    assert finance_client.get(reverse("admin:payments_ledgerentry_add")).status_code == 403
    assert (
        finance_client.get(
            reverse("admin:payments_ledgerentry_delete", args=[entry.pk])
        ).status_code
        == 403
    )
    before = entry.amount
    finance_client.post(
        reverse("admin:payments_ledgerentry_change", args=[entry.pk]), {"amount": "1.00"}
    )
    entry.refresh_from_db()
    assert entry.amount == before


def test_reversal_needs_the_permission(caseworker_client, collect_and_pay_case, run_nightly):
    run_nightly()
    entry = LedgerEntry.objects.first()
    url = reverse("admin:payments_ledgerentry_reverse", args=[entry.pk])
    assert caseworker_client.post(url, {"reason": "x", "idempotency_key": "k"}).status_code == 403


def test_start_enforcement_and_agree_a_plan(
    finance_client, collect_and_pay_case, days_ago, run_nightly
):
    run_nightly()  # enforcement needs arrears
    enforcement = finance_client.post(
        reverse("admin:payments_enforcementaction_add"),
        {
            "case": collect_and_pay_case.reference,
            "kind": "lsdo",
            "on_date": days_ago(1).isoformat(),
            "notes": "Bank account found",
            "idempotency_key": "admin:lsdo",
        },
    )
    assert enforcement.status_code == 302
    action = EnforcementAction.objects.get()
    assert action.charge == Decimal("200.00")
    plan = finance_client.post(
        reverse("admin:payments_arrearspaymentplan_add"),
        {
            "case": collect_and_pay_case.reference,
            "amount_per_instalment": "15.00",
            "starts_on": days_ago(0).isoformat(),
            "idempotency_key": "admin:plan",
        },
    )
    assert plan.status_code == 302
    assert ArrearsPaymentPlan.objects.get().amount_per_instalment == Decimal("15.00")
    assert (
        finance_client.get(
            reverse("admin:payments_account_changelist"), {"arrears_status": "in_arrears"}
        ).status_code
        == 200
    )


def test_finance_staff_import_a_statement_and_match_money_by_hand(
    finance_client, collect_and_pay_case, run_nightly, days_ago
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.models import WorkItem
    from payments.models import BankReceipt

    run_nightly()
    changelist = finance_client.get(reverse("admin:payments_bankreceipt_changelist"))
    assert changelist.status_code == 200
    url = reverse("admin:payments_bankreceipt_import")
    assert url in changelist.content.decode()
    assert finance_client.get(url).status_code == 200
    header = "transaction_id,booked_on,amount,reference,payer_name\n"
    bad = SimpleUploadedFile(
        "bad.csv", (header + "T1,31/02/2026,1.00,A,B\nT2,2026-01-01,x,A,B\n").encode()
    )
    refused = finance_client.post(url, {"statement": bad})
    page = refused.content.decode()
    assert refused.status_code == 400 and "Row 2:" in page and "Row 3:" in page
    good = (header + f"T1,{days_ago(0).isoformat()},50.00,GIRO CREDIT,A N OTHER\n").encode()
    assert (
        finance_client.post(url, {"statement": SimpleUploadedFile("s.csv", good)}).status_code
        == 302
    )
    again = finance_client.post(url, {"statement": SimpleUploadedFile("s.csv", good)}, follow=True)
    assert "nothing changed" in again.content.decode()
    bank = BankReceipt.objects.get()
    assert bank.status == "unmatched" and not Receipt.objects.exists()
    match_url = reverse("admin:payments_bankreceipt_match", args=[bank.pk])
    assert finance_client.get(match_url).status_code == 200
    neither = finance_client.post(match_url, {})
    assert neither.status_code == 400
    assert (
        finance_client.post(match_url, {"case": collect_and_pay_case.reference}).status_code == 302
    )
    bank.refresh_from_db()
    assert bank.status == "matched" and Receipt.objects.get().amount == Decimal("50.00")
    assert not WorkItem.objects.filter(kind="unmatched_money").exists()


def test_an_empty_submission_shows_the_errors(finance_client):
    for url in (
        reverse("admin:payments_expectedpayment_add"),
        reverse("admin:payments_bankreceipt_add"),
    ):
        response = finance_client.post(url, {})
        assert response.status_code == 400 and "errorlist" in response.content.decode()


def test_finance_staff_record_money_in_the_bank_and_it_is_matched(
    finance_client, collect_and_pay_case, run_nightly, days_ago
):
    from payments.models import BankReceipt
    from payments.services import record_expected_payment

    run_nightly()
    expected = record_expected_payment(
        acting_user=None,
        case=collect_and_pay_case,
        amount=Decimal("312.00"),
        paid_on=days_ago(1),
        method="standing_order",
        reference="SO",
        idempotency_key="so-1",
    )
    url = reverse("admin:payments_bankreceipt_add")
    form = finance_client.get(url)
    assert form.status_code == 200
    data = {
        "booked_on": days_ago(0).isoformat(),
        "amount": "312.00",
        "reference": f"CMS {collect_and_pay_case.reference}",
        "payer_name": "C PAYING",
        "idempotency_key": form.context["form"].initial["idempotency_key"],
    }
    assert finance_client.post(url, data).status_code == 302
    # The same form sent twice records the money once.
    assert finance_client.post(url, data).status_code == 302
    bank = BankReceipt.objects.get()
    assert (bank.source, bank.status) == ("manual", "matched")
    expected.refresh_from_db()
    assert expected.status == "matched"
    assert Receipt.objects.get().amount == Decimal("312.00")
    assert AuditEvent.objects.filter(action__startswith="payments.bank").exists()
