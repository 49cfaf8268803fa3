"""Caseworkers issue, vary, suspend and end orders in the admin through the services,
issue employer activation codes and see the late payments list."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from employers.models import DeductionOrder, EmployerActivationCode, OrderStatus


def test_issuing_an_order_in_the_admin_goes_through_the_service(
    caseworker_client, employer, make_case
):
    from payments.models import EnforcementAction

    case = make_case(service_type="collect_and_pay")
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": timezone.localdate().isoformat(),
            "payroll_number": "ADM1",
            "pay_frequency": "weekly",
            "normal_deduction_rate": "35.00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    order = DeductionOrder.objects.get(payroll_number="ADM1")
    assert order.employee == case.parties.get(role="paying")
    assert EnforcementAction.objects.filter(case=case, kind="deo").exists()
    change = caseworker_client.post(
        reverse("admin:employers_deductionorder_change", args=[order.pk]),
        {"payroll_number": "ADM1", "pay_frequency": "monthly"},
    )
    assert change.status_code == 302
    order.refresh_from_db()
    assert order.pay_frequency == "monthly" and order.normal_deduction_rate > Decimal("35.00")
    assert employer.messages.filter(subject__contains="has changed").exists()


def test_the_admin_refuses_an_order_on_a_direct_pay_case(caseworker_client, employer, make_case):
    case = make_case(service_type="direct_pay")
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": timezone.localdate().isoformat(),
            "payroll_number": "ADM2",
            "pay_frequency": "monthly",
            "normal_deduction_rate": "35.00",
        },
    )
    assert response.status_code == 200 and b"Collect and Pay" in response.content
    assert not DeductionOrder.objects.exists()


def test_admin_actions_end_orders_and_issue_codes(caseworker_client, employer, make_order):
    order = make_order(employer)
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_changelist"),
        {"action": "end", "_selected_action": [order.pk]},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED
    response = caseworker_client.post(
        reverse("admin:employers_employer_changelist"),
        {"action": "issue_activation_code", "_selected_action": [employer.pk]},
        follow=True,
    )
    assert EmployerActivationCode.objects.filter(employer=employer).count() == 1
    assert b"It works once" in response.content


def test_admin_lists_load(caseworker_client, employer_world):
    for name in (
        "employer",
        "deductionorder",
        "deductionreturn",
        "remittance",
        "leaverreport",
        "latepayment",
        "deductionupload",
        "employermessage",
        "returncorrection",
        "stoppedtradingreport",
    ):
        response = caseworker_client.get(reverse(f"admin:employers_{name}_changelist"))
        assert response.status_code == 200, name
    order = employer_world.active
    assert (
        caseworker_client.get(
            reverse("admin:employers_deductionorder_change", args=[order.pk])
        ).status_code
        == 200
    )
    assert (
        caseworker_client.get(
            reverse("admin:employers_remittance_change", args=[employer_world.remittance.pk])
        ).status_code
        == 200
    )


def test_an_employers_postcode_is_checked_and_stored_like_a_parents(caseworker_client):
    from employers.models import Employer

    url = reverse("admin:employers_employer_add")
    details = {
        "name": "Dock Road Ltd",
        "preferred_language": "en",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = caseworker_client.post(url, {**details, "postcode": "NOTACODE"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "postcode": ["Enter a real postcode, like LS1 4AP"]
    }
    assert not Employer.objects.exists()
    assert caseworker_client.post(url, {**details, "postcode": "cf105aa"}).status_code == 302
    assert Employer.objects.get().postcode == "CF10 5AA"
