"""A plan outside the rules is agreed or refused by a caseworker in the admin, through
the service: audited, the queue item closed, and the parent told in their language with
no amount in the subject."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from arrears_plans.models import ArrearsPlanRequest
from arrears_plans.services import PlanRequestError, decide_arrears_plan, request_arrears_plan
from cases.selectors import CaseAccess
from casework.models import WorkItem
from cms_portal.models import AuditEvent
from payments.models import ArrearsPaymentPlan

pytestmark = pytest.mark.django_db


def _refer(case, amount="5"):
    party = case.parties.get(role="paying")
    request = request_arrears_plan(
        acting_user=party.user, access=CaseAccess(case=case, party=party), amount=Decimal(amount)
    )
    assert request.status == "with_caseworker"
    return request


def _action(client, action, objects):
    return client.post(
        reverse("admin:arrears_plans_arrearsplanrequest_changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
        follow=True,
    )


def test_a_caseworker_agrees_a_plan(
    case_in_arrears, caseworker, caseworker_client, django_capture_on_commit_callbacks
):
    request = _refer(case_in_arrears)
    mail.outbox.clear()
    listing = caseworker_client.get(reverse("admin:arrears_plans_arrearsplanrequest_changelist"))
    assert listing.status_code == 200 and case_in_arrears.reference in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(caseworker_client, "agree_plans", [request])
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "agreed" and request.decided_by == caseworker
    plan = ArrearsPaymentPlan.objects.get(case=case_in_arrears, status="active")
    assert plan.amount_per_instalment == Decimal("5.00") and request.plan == plan
    # £260 at £5 a month: 52 payments, well beyond 2 years, agreed anyway.
    assert request.expected_end_on == plan.expected_end_on
    assert WorkItem.objects.get(source_reference=request.work_item_reference).status == "done"
    assert AuditEvent.objects.filter(
        actor=caseworker, action="arrears_plans.decided", details__outcome="agreed"
    ).exists()
    (email,) = mail.outbox
    assert email.subject == "Your plan to pay your arrears is agreed"
    assert "£5.00" in email.body


def test_a_caseworker_refuses_a_plan_and_the_parent_is_told_in_welsh(
    case_in_arrears, caseworker, caseworker_client, django_capture_on_commit_callbacks
):
    party = case_in_arrears.parties.get(role="paying")
    party.preferred_language = "cy"
    party.save(update_fields=["preferred_language"])
    request = _refer(case_in_arrears)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _action(caseworker_client, "refuse_plans", [request])
    request.refresh_from_db()
    assert request.status == "refused" and request.plan is None
    assert not ArrearsPaymentPlan.objects.filter(case=case_in_arrears).exists()
    assert AuditEvent.objects.filter(
        actor=caseworker, action="arrears_plans.decided", details__outcome="refused"
    ).exists()
    (email,) = mail.outbox
    assert email.subject == "Ni chafodd eich cynllun i dalu eich ôl-ddyledion ei gytuno"
    assert "£" not in email.subject


def test_the_refused_parent_can_suggest_another_plan(
    case_in_arrears, caseworker, paying_client, plan_url
):
    request = _refer(case_in_arrears)
    decide_arrears_plan(acting_user=caseworker, plan_request=request, agree=False)
    page = paying_client.get(plan_url("plan", case_in_arrears)).content.decode()
    assert "We could not agree your plan" in page and plan_url("start", case_in_arrears) in page
    assert paying_client.get(plan_url("start", case_in_arrears)).status_code == 200


def test_a_plan_is_decided_once(case_in_arrears, caseworker):
    request = _refer(case_in_arrears)
    decide_arrears_plan(acting_user=caseworker, plan_request=request, agree=True)
    with pytest.raises(PlanRequestError):
        decide_arrears_plan(acting_user=caseworker, plan_request=request, agree=False)
    assert ArrearsPlanRequest.objects.get().status == "agreed"


def test_a_second_request_while_one_waits_is_refused(case_in_arrears):
    _refer(case_in_arrears)
    with pytest.raises(PlanRequestError):
        _refer(case_in_arrears, "6")
