"""Issuing, varying, suspending and ending orders (the caseworker's side)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from employers import services
from employers.models import DeductionOrder, OrderStatus


def test_issuing_an_order_posts_the_charge_and_tells_the_employer(
    employer, employer_admin, make_order, django_capture_on_commit_callbacks
):
    from payments.models import EnforcementAction

    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(employer, rate=Decimal("123.45"))
    assert order.reference.startswith("129") and len(order.reference) == 12
    assert order.employee.role == "paying"
    assert order.protected_earnings_proportion == Decimal("0.60")
    action = EnforcementAction.objects.get(case=order.case)
    assert action.kind == "deo" and action.charge == Decimal("50.00")
    message = employer.messages.get()
    assert order.reference in message.subject and order.employee.full_name in message.body
    recipients = {address for email in mail.outbox for address in email.to}
    assert recipients == {employer_admin.email, employer.contact_email}
    # The email says there is something to read, not whose order it is.
    assert all(order.employee.full_name not in email.body for email in mail.outbox)


def test_a_replacement_order_can_be_issued_without_a_charge(employer, make_order):
    from payments.models import EnforcementAction

    order = make_order(employer, charge_waived=True)
    assert not EnforcementAction.objects.filter(case=order.case).exists()


def test_a_second_order_on_the_same_case_needs_the_first_ended(employer, make_order, caseworker):
    from payments.models import EnforcementAction

    order = make_order(employer)
    services.end_order(acting_user=caseworker, order=order)
    second = services.issue_order(
        acting_user=caseworker,
        employer=employer,
        case=order.case,
        payroll_number="SECOND",
        pay_frequency="weekly",
        normal_deduction_rate=Decimal("20.00"),
        served_on=timezone.localdate(),
    )
    assert EnforcementAction.objects.filter(case=order.case).count() == 2
    assert second.reference != order.reference


@pytest.mark.parametrize("service_type", ["direct_pay"])
def test_orders_only_on_collect_and_pay_cases(employer, make_case, caseworker, service_type):
    case = make_case(service_type=service_type)
    with pytest.raises(services.EmployerRuleError):
        services.issue_order(
            acting_user=caseworker,
            employer=employer,
            case=case,
            payroll_number="P1",
            pay_frequency="monthly",
            normal_deduction_rate=Decimal("10.00"),
            served_on=timezone.localdate(),
        )
    assert not DeductionOrder.objects.exists()


def test_a_served_date_in_the_future_is_refused(employer, make_case, caseworker):
    case = make_case(service_type="collect_and_pay")
    with pytest.raises(services.EmployerRuleError) as raised:
        services.issue_order(
            acting_user=caseworker,
            employer=employer,
            case=case,
            payroll_number="P1",
            pay_frequency="monthly",
            normal_deduction_rate=Decimal("10.00"),
            served_on=timezone.localdate() + timedelta(days=1),
        )
    assert raised.value.field == "served_on"


def test_varying_suspending_resuming_and_ending(employer, make_order, caseworker):
    from cms_portal.models import AuditEvent

    order = make_order(employer)
    services.vary_order(
        acting_user=caseworker,
        order=order,
        normal_deduction_rate=Decimal("99.00"),
        pay_frequency="weekly",
    )
    order.refresh_from_db()
    assert (order.normal_deduction_rate, order.pay_frequency) == (Decimal("99.00"), "weekly")
    varied = AuditEvent.objects.get(action="deduction_order.varied", object_ref=order.reference)
    assert varied.details["normal_deduction_rate"] == {"from": "150.00", "to": "99.00"}
    services.suspend_order(acting_user=caseworker, order=order)
    with pytest.raises(services.EmployerRuleError):
        services.suspend_order(acting_user=caseworker, order=order)
    services.resume_order(acting_user=caseworker, order=order)
    services.end_order(acting_user=caseworker, order=order)
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED and order.end_reason == "caseworker"
    with pytest.raises(services.EmployerRuleError):
        services.vary_order(
            acting_user=caseworker, order=order, normal_deduction_rate=Decimal("1.00")
        )
    subjects = list(employer.messages.values_list("subject", flat=True))
    assert len(subjects) == 5
