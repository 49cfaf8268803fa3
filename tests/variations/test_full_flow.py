"""Done means: a paying parent asks for contact costs online, the receiving parent
responds, a caseworker agrees, and the decision, schedule and explanation follow the
regulations to the penny; a receiving parent can do the same for unearned income."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import DecisionReason
from cases.selectors import current_decision
from variations import services
from variations.models import VariationRequest, VariationStatus

from .conftest import apply_online, pdf_upload, variation_url

pytestmark = pytest.mark.django_db


def test_paying_parent_contact_costs_to_a_new_decision(
    family_case,
    paying_parent,
    receiving_parent,
    signed_in_client,
    make_user,
    django_capture_on_commit_callbacks,
):
    paying = signed_in_client(paying_parent)
    response = apply_online(
        paying,
        family_case,
        ground="contact_costs",
        amount="65",
        period="month",
        upload=pdf_upload(),
    )
    assert response.status_code == 200
    variation = VariationRequest.objects.get(case=family_case)
    assert variation.reference in response.content.decode()
    # £65 a month is £15.00 a week (x 12 / 52).
    assert variation.weekly_amount == Decimal("15.00")
    assert variation.evidence.count() == 1
    assert variation.status == VariationStatus.AWAITING_RESPONSE

    receiving = signed_in_client(receiving_parent)
    page = receiving.get(variation_url(family_case, variation)).content.decode()
    assert "Respond to this request" in page
    assert "Train fares" not in page  # what the paying parent wrote stays with them
    response = receiving.post(
        variation_url(family_case, variation, "respond"), {"response": "They drive, not train"}
    )
    assert response.status_code == 302
    variation.refresh_from_db()
    assert variation.status == VariationStatus.WITH_CASEWORKER

    caseworker = make_user(is_staff=True)
    before = current_decision(family_case)
    with django_capture_on_commit_callbacks(execute=True):
        services.agree_variation(acting_user=caseworker, request=variation)
    variation.refresh_from_db()
    decision = current_decision(family_case)
    assert decision != before
    assert decision.reason == DecisionReason.VARIATION
    # £500 less £15 contact costs: 12% of £485 = £58.20 (was 12% of £500 = £60.00).
    assert before.weekly_amount == Decimal("60.00")
    assert decision.weekly_amount == Decimal("58.20")
    assert variation.decision == decision
    assert decision.effective_date == variation.in_force_from
    assert decision.calculation_input["variations"] == [
        {
            "ground": "contact_costs",
            "weekly_amount": "15.00",
            "in_force_from": variation.in_force_from.isoformat(),
            "in_force_to": None,
        }
    ]
    steps = [
        step["code"] if isinstance(step, dict) else step[0]
        for step in decision.calculation_result["steps"]
    ]
    assert "variation_expense" in str(steps)
    # Both parents are told, with the date to challenge by.
    told = [message for message in mail.outbox if "We have decided" in message.subject]
    assert len(told) == 2
    assert all(str(decision.challenge_by.year) in message.body for message in told)
    # The paying parent's page shows the variation in force and the challenge date.
    page = paying.get(variation_url(family_case, variation)).content.decode()
    assert "£15.00 a week" in page
    case_page = paying.get(f"/account/cases/{family_case.reference}/").content.decode()
    assert "Costs of keeping in contact" in case_page
    assert "£15.00 a week, from" in case_page
    # The explanation shows the variation as a step, for each parent, in both languages.
    decision_path = f"/account/cases/{family_case.reference}/decisions/{decision.public_id}/"
    explained = {
        (paying, ""): "We took £15.00 a week off your income for the costs of keeping in "
        "contact with your children",
        (paying, "/cy"): "Gwnaethom dynnu £15.00 yr wythnos oddi ar eich incwm ar gyfer costau "
        "cadw mewn cysylltiad",
        (receiving, ""): "We took £15.00 a week off the paying parent",
        (receiving, "/cy"): "Gwnaethom dynnu £15.00 yr wythnos oddi ar incwm y rhiant",
    }
    for (client, prefix), sentence in explained.items():
        page = client.get(prefix + decision_path).content.decode().replace("&#39;", "'")
        assert sentence.replace("'", "'") in page.replace("’", "'"), (prefix, sentence)


def test_a_later_decision_keeps_the_variation(
    family_case, paying_parent, signed_in_client, make_user
):
    from cases.services import make_decision

    apply_online(signed_in_client(paying_parent), family_case, ground="contact_costs", amount="15")
    variation = VariationRequest.objects.get(case=family_case)
    variation.respond_by = timezone.localdate() - timedelta(days=1)
    variation.save(update_fields=["respond_by"])
    services.agree_variation(acting_user=make_user(is_staff=True), request=variation)
    later = make_decision(acting_user=None, case=family_case, reason=DecisionReason.ANNUAL_REVIEW)
    assert later.weekly_amount == Decimal("58.20")


def test_receiving_parent_unearned_income(
    family_case, paying_parent, receiving_parent, signed_in_client, make_user
):
    apply_online(
        signed_in_client(receiving_parent),
        family_case,
        ground="unearned_income",
        amount="2600",
        period="year",
        details="Rent from a flat",
    )
    variation = VariationRequest.objects.get(case=family_case)
    assert variation.weekly_amount == Decimal("50.00")
    paying = signed_in_client(paying_parent)
    page = paying.get(variation_url(family_case, variation)).content.decode()
    assert "Rent from a flat" not in page
    assert (
        paying.post(
            variation_url(family_case, variation, "respond"), {"response": "I have no flat"}
        ).status_code
        == 302
    )
    services.agree_variation(acting_user=make_user(is_staff=True), request=variation)
    # £500 + £50: 12% of £550 = £66.00.
    assert current_decision(family_case).weekly_amount == Decimal("66.00")


def test_a_variation_that_has_ended_no_longer_counts(
    family_case, paying_parent, signed_in_client, make_user
):
    from cases.services import make_decision

    apply_online(signed_in_client(paying_parent), family_case, ground="contact_costs", amount="15")
    variation = VariationRequest.objects.get(case=family_case)
    variation.respond_by = timezone.localdate() - timedelta(days=1)
    variation.save(update_fields=["respond_by"])
    first = family_case.decisions.order_by("effective_date").first().effective_date
    # Asked for a week after the first effective date: in force from then, for a week.
    start = first + timedelta(days=7)
    services.agree_variation(
        acting_user=make_user(is_staff=True), request=variation, in_force_to=start + timedelta(6)
    )
    variation.refresh_from_db()
    assert variation.in_force_from == start
    assert current_decision(family_case).weekly_amount == Decimal("58.20")
    later = make_decision(
        acting_user=None,
        case=family_case,
        reason=DecisionReason.CHANGE,
        effective_date=start + timedelta(days=7),
    )
    assert later.weekly_amount == Decimal("60.00")
    # The case page shows it with its last day while it is in force.
    from cms_portal.formatting import govuk_date

    page = signed_in_client(paying_parent).get(f"/account/cases/{family_case.reference}/")
    assert f"until {govuk_date(start + timedelta(6))}" in page.content.decode()
