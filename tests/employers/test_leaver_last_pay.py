"""A leaver's last pay: pay dates on or before the leaving date are still reported and
paid after the order ends; later ones are refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.models import DeductionReturn, OrderStatus


def assert_reportable_up_to(employer_admin, employer, order, last_day):
    """Pay days up to an order's end are still filed at its rate; the day after is refused."""
    filed = services.file_returns(
        acting_user=employer_admin,
        employer=employer,
        pay_date=last_day,
        lines=[(order.reference, Decimal("1000.00"), Decimal("1.00"))],
    )
    assert filed[0].amount_deducted == Decimal("150.00")
    with pytest.raises(services.ReturnProblems) as raised:
        services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=last_day + timedelta(days=1),
            lines=[(order.reference, Decimal("1000.00"), Decimal("0.00"))],
        )
    assert "ended on" in raised.value.problems[0].message


def test_the_last_deduction_after_a_leaver_is_reported_and_paid(
    employer, employer_admin, make_order
):
    today = timezone.localdate()
    order = make_order(employer, rate=Decimal("150.00"))
    left_on = today - timedelta(days=3)
    services.report_leaver(acting_user=employer_admin, order=order, kind="left", left_on=left_on)
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED and order.ended_on == left_on
    assert_reportable_up_to(employer_admin, employer, order, left_on)
    remittance = services.record_remittance(
        acting_user=employer_admin,
        employer=employer,
        month=left_on,
        method="bank_transfer",
        paid_on=today,
    )
    assert remittance.amount == Decimal("150.00")
    assert DeductionReturn.objects.get(order=order).remittance == remittance


def test_an_ended_order_page_offers_the_last_deduction(
    employer, employer_admin, make_order, employer_client
):
    today = timezone.localdate()
    order = make_order(employer, rate=Decimal("150.00"))
    services.report_leaver(
        acting_user=employer_admin, order=order, kind="left", left_on=today - timedelta(days=2)
    )
    client = employer_client(employer_admin)
    page = client.get(reverse("employers:order_detail", args=[order.reference]))
    assert reverse("employers:report_return", args=[order.reference]).encode() in page.content
    response = client.post(
        reverse("employers:report_return", args=[order.reference]),
        {
            "pay_date-day": str((today - timedelta(days=2)).day),
            "pay_date-month": str((today - timedelta(days=2)).month),
            "pay_date-year": str((today - timedelta(days=2)).year),
            "net_earnings": "900.00",
            "admin_fee": "0.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_instalments_before_a_leaver_left_wait_for_the_employers_deadline(
    employer, employer_admin, make_case, caseworker, run_nightly
):
    """The employer still pays the last deductions by the usual deadline, so the
    instalments up to the leaving date are not missed before then."""
    from employers.deadlines import deduction_month, payment_due_date, previous_month
    from payments.models import MissedPaymentNotice

    last_month = previous_month(deduction_month(timezone.localdate()))
    case = make_case(
        service_type="collect_and_pay", payment_frequency="weekly", effective_date=last_month
    )
    order = services.issue_order(
        acting_user=caseworker,
        employer=employer,
        case=case,
        payroll_number="L1",
        pay_frequency="weekly",
        served_on=last_month - timedelta(days=10),
    )
    left_on = last_month.replace(day=15)
    services.report_leaver(acting_user=employer_admin, order=order, kind="left", left_on=left_on)
    # Nightly, days after the leaving date: the employer's deadline for it is still ahead.
    run_nightly(left_on + timedelta(days=5))
    missed = MissedPaymentNotice.objects.filter(case=case).select_related("instalment")
    assert not missed.filter(instalment__due_date__lte=left_on).exists()
    run_nightly(payment_due_date(last_month) + timedelta(days=4))
    assert missed.filter(instalment__due_date__lte=left_on).exists()
