"""Caseworkers decide variation requests in the admin, through the services: not
considered on preliminary consideration with a reason (reg 57), refused, or agreed with
the amount agreed, making a new decision and schedule to the penny."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import DecisionReason
from cases.selectors import current_decision
from casework.models import WorkItem
from cms_portal.models import AuditEvent
from variations.models import VariationRequest, VariationStatus

from .conftest import after_response_period, apply_online, variation_url

pytestmark = pytest.mark.django_db


def _action(client, action, objects):
    return client.post(
        reverse("admin:variations_variationrequest_changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
        follow=True,
    )


def _edit(client, variation, **fields):
    data = {
        "rejection_reason": "",
        "caseworker_note": "",
        "agreed_weekly_amount": "",
        "in_force_to": "",
        "responses-TOTAL_FORMS": 0,
        "responses-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        **fields,
    }
    response = client.post(
        reverse("admin:variations_variationrequest_change", args=[variation.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def asked(family_case, paying_parent, signed_in_client):
    apply_online(signed_in_client(paying_parent), family_case, ground="contact_costs", amount="20")
    variation = VariationRequest.objects.get()
    assert WorkItem.objects.filter(source_reference=variation.reference, kind="variation").exists()
    return variation


def test_admin_pages_load(caseworker_client, asked):
    assert (
        caseworker_client.get(reverse("admin:variations_variationrequest_changelist")).status_code
        == 200
    )
    page = caseworker_client.get(
        reverse("admin:variations_variationrequest_change", args=[asked.pk])
    )
    assert page.status_code == 200


def test_reject_needs_a_reason_then_is_shown_to_the_parent(
    caseworker_client, caseworker, asked, family_case, paying_parent, signed_in_client
):
    response = _action(caseworker_client, "reject", [asked])
    assert "Choose the reason" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == VariationStatus.AWAITING_RESPONSE
    _edit(
        caseworker_client, asked, rejection_reason="default_decision", caseworker_note="See letter"
    )
    _action(caseworker_client, "reject", [asked])
    asked.refresh_from_db()
    assert asked.status == VariationStatus.REJECTED
    assert (
        not WorkItem.objects.filter(source_reference=asked.reference)
        .exclude(status="done")
        .exists()
    )
    page = signed_in_client(paying_parent).get(variation_url(family_case, asked)).content.decode()
    assert "A default decision is in force" in page
    assert AuditEvent.objects.filter(actor=caseworker, action="variation.rejected").exists()


def test_refuse_needs_a_note(caseworker_client, asked):
    response = _action(caseworker_client, "refuse", [asked])
    assert "Write a note" in response.content.decode()
    _edit(caseworker_client, asked, caseworker_note="No evidence of the costs")
    _action(caseworker_client, "refuse", [asked])
    asked.refresh_from_db()
    assert asked.status == VariationStatus.REFUSED


def test_agree_waits_for_the_response_period(caseworker_client, asked):
    response = _action(caseworker_client, "agree", [asked])
    assert "can still respond" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == VariationStatus.AWAITING_RESPONSE


def test_agree_with_an_amount_makes_a_decision_and_schedule_to_the_penny(
    caseworker_client, caseworker, asked, family_case
):
    from payments.models import PaymentSchedule

    after_response_period(asked)
    _edit(caseworker_client, asked, agreed_weekly_amount="17.50")
    _action(caseworker_client, "agree", [asked])
    asked.refresh_from_db()
    decision = current_decision(family_case)
    assert asked.status == VariationStatus.AGREED
    assert asked.agreed_weekly_amount == Decimal("17.50")
    assert decision.reason == DecisionReason.VARIATION
    assert decision.decided_by == caseworker
    # £500 less £17.50: 12% of £482.50 = £57.90.
    assert decision.weekly_amount == Decimal("57.90")
    schedule = PaymentSchedule.objects.get(decision=decision)
    assert schedule.weekly_amount == Decimal("57.90")
    # Monthly: £57.90 x 52 / 12 = £250.90.
    assert schedule.instalment_amount == Decimal("250.90")
    # The effective date is the first day of the maintenance period it was asked in.
    first = family_case.decisions.order_by("effective_date").first().effective_date
    weeks = (asked.submitted_at.date() - first).days // 7
    assert decision.effective_date == first + timedelta(days=7 * weeks)
    assert asked.in_force_from == decision.effective_date
    # A decided request cannot be decided again.
    response = _action(caseworker_client, "refuse", [asked])
    assert "already been decided" in response.content.decode()


def test_caseworker_downloads_the_evidence_and_a_decided_request_is_read_only(
    caseworker_client, family_case, paying_parent, signed_in_client, client
):
    from .conftest import pdf_upload

    apply_online(
        signed_in_client(paying_parent),
        family_case,
        ground="prior_debts",
        amount="25",
        upload=pdf_upload("loan.pdf"),
    )
    variation = VariationRequest.objects.get()
    evidence = variation.evidence.get()
    change_url = reverse("admin:variations_variationrequest_change", args=[variation.pk])
    download_url = reverse("admin:variations_evidence_download", args=[evidence.public_id])
    assert download_url in caseworker_client.get(change_url).content.decode()
    response = caseworker_client.get(download_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="variation.evidence_downloaded").exists()
    # Parents (and anyone signed out) never reach it.
    assert signed_in_client(paying_parent).get(download_url).status_code in (302, 404)
    assert client.get(download_url).status_code == 302
    _edit(caseworker_client, variation, caseworker_note="Not shown")
    _action(caseworker_client, "refuse", [variation])
    page = caseworker_client.get(change_url).content.decode()
    assert 'name="caseworker_note"' not in page
