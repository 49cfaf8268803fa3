"""Caseworkers work money through the admin: recording receipts, reversing entries,
starting enforcement and agreeing plans all go through the services; the ledger itself
cannot be added to, changed or deleted there."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from payments.models import ArrearsPaymentPlan, EnforcementAction, LedgerEntry, Receipt

PERMISSIONS = ["add_receipt", "view_receipt", "reverse_ledgerentry", "view_ledgerentry",
               "add_enforcementaction", "view_enforcementaction", "add_arrearspaymentplan",
               "view_arrearspaymentplan", "view_account"]


@pytest.fixture
def finance_client(caseworker, caseworker_client):
    caseworker.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="payments", codename__in=PERMISSIONS))
    return caseworker_client


def test_record_a_receipt_through_the_admin(finance_client, collect_and_pay_case, run_nightly,
                                            days_ago):
    run_nightly()
    url = reverse("admin:payments_receipt_add")
    form = finance_client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["idempotency_key"]
    data = {"case": collect_and_pay_case.reference, "amount": "312.00",
            "received_on": days_ago(0).isoformat(), "method": "bank_transfer",
            "external_reference": "FPS 123", "idempotency_key": key}
    assert finance_client.post(url, data).status_code == 302
    # A double submit of the same form records nothing more.
    assert finance_client.post(url, data).status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.amount == Decimal("312.00") and receipt.recorded_by is not None
    assert collect_and_pay_case.payment_accounts.get(role="paying").balance == 0


def test_receipt_errors_are_shown_not_raised(finance_client, make_case, days_ago):
    direct = make_case()
    url = reverse("admin:payments_receipt_add")
    base = {"amount": "10.00", "received_on": days_ago(0).isoformat(), "method": "card",
            "idempotency_key": "admin:test"}
    unknown = finance_client.post(url, {**base, "case": "121999999999"})
    assert unknown.status_code == 400 and "No case has this reference" in unknown.content.decode()
    refused = finance_client.post(url, {**base, "case": direct.reference})
    assert refused.status_code == 400
    assert "only recorded on Collect and Pay" in refused.content.decode()
    assert not Receipt.objects.exists()


def test_reverse_an_entry_with_a_reason(finance_client, collect_and_pay_case, run_nightly, pay):
    run_nightly()
    receipt = pay(collect_and_pay_case, "20.00")
    entry = receipt.entries.get(kind="payment_received")
    change = finance_client.get(reverse("admin:payments_ledgerentry_change", args=[entry.pk]))
    assert "Reverse this entry" in change.content.decode()
    url = reverse("admin:payments_ledgerentry_reverse", args=[entry.pk])
    assert finance_client.post(url, {"idempotency_key": "x", "reason": ""}).status_code == 400
    assert finance_client.post(url, {"idempotency_key": "x",
                                     "reason": "Bank returned it"}).status_code == 302
    reversal = LedgerEntry.objects.get(reverses=entry)
    assert reversal.reason == "Bank returned it" and reversal.created_by is not None


def test_the_ledger_cannot_be_edited_in_the_admin(finance_client, collect_and_pay_case,
                                                  run_nightly):
    run_nightly()
    entry = LedgerEntry.objects.first()
    assert finance_client.get(reverse("admin:payments_ledgerentry_add")).status_code == 403
    assert finance_client.get(reverse("admin:payments_ledgerentry_delete",
                                      args=[entry.pk])).status_code == 403
    before = entry.amount
    finance_client.post(reverse("admin:payments_ledgerentry_change", args=[entry.pk]),
                        {"amount": "1.00"})
    entry.refresh_from_db()
    assert entry.amount == before


def test_reversal_needs_the_permission(caseworker_client, collect_and_pay_case, run_nightly):
    run_nightly()
    entry = LedgerEntry.objects.first()
    url = reverse("admin:payments_ledgerentry_reverse", args=[entry.pk])
    assert caseworker_client.post(url, {"reason": "x", "idempotency_key": "k"}).status_code == 403


def test_start_enforcement_and_agree_a_plan(finance_client, collect_and_pay_case, days_ago,
                                            run_nightly):
    run_nightly()  # enforcement needs arrears
    enforcement = finance_client.post(reverse("admin:payments_enforcementaction_add"), {
        "case": collect_and_pay_case.reference, "kind": "lsdo", "on_date": days_ago(1).isoformat(),
        "notes": "Bank account found", "idempotency_key": "admin:lsdo"})
    assert enforcement.status_code == 302
    action = EnforcementAction.objects.get()
    assert action.charge == Decimal("200.00")
    plan = finance_client.post(reverse("admin:payments_arrearspaymentplan_add"), {
        "case": collect_and_pay_case.reference, "amount_per_instalment": "15.00",
        "starts_on": days_ago(0).isoformat(), "idempotency_key": "admin:plan"})
    assert plan.status_code == 302
    assert ArrearsPaymentPlan.objects.get().amount_per_instalment == Decimal("15.00")
    assert finance_client.get(reverse("admin:payments_account_changelist"),
                              {"arrears_status": "in_arrears"}).status_code == 200
