"""Orders are safe: one live order per case and employer, orders follow their case, and
the normal deduction rate is worked out from the payment schedule with the fee."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from employers import services
from employers.models import DeductionOrder, OrderStatus
from employers.rules import scheduled_deduction_rate

from .test_leaver_last_pay import assert_reportable_up_to


def _issue(caseworker, employer, case, frequency="monthly", **extra):
    return services.issue_order(
        acting_user=caseworker,
        employer=employer,
        case=case,
        payroll_number="P1",
        pay_frequency=frequency,
        served_on=timezone.localdate() - timedelta(days=10),
        **extra,
    )


@pytest.mark.parametrize(
    ("frequency", "rate"),
    [
        # £500 a week, one child: £60.00 a week maintenance, plus the 20% collection fee.
        ("weekly", Decimal("72.00")),
        ("fortnightly", Decimal("144.00")),
        ("four_weekly", Decimal("288.00")),
        # £60 x 52 / 12 = £260.00, plus £52.00.
        ("monthly", Decimal("312.00")),
    ],
)
def test_the_rate_is_worked_out_from_the_schedule_with_the_fee(
    employer, make_case, caseworker, frequency, rate
):
    case = make_case(service_type="collect_and_pay")
    order = _issue(caseworker, employer, case, frequency)
    assert order.normal_deduction_rate == rate


def test_each_share_is_charged_its_own_fee_as_instalments_are():
    # Two receiving parents: £10.01 each weekly is £43.38 a month each; fee £8.68 each.
    assert scheduled_deduction_rate(
        [Decimal("10.01"), Decimal("10.01")], "monthly", timezone.localdate()
    ) == Decimal("104.12")


def test_a_second_live_order_for_the_same_case_and_employer_is_refused(
    employer, make_case, caseworker
):
    case = make_case(service_type="collect_and_pay")
    first = _issue(caseworker, employer, case)
    with pytest.raises(services.EmployerRuleError) as raised:
        _issue(caseworker, employer, case, "weekly")
    assert first.reference in str(raised.value.message)
    services.suspend_order(acting_user=caseworker, order=first)
    with pytest.raises(services.EmployerRuleError):
        _issue(caseworker, employer, case, "weekly")
    services.end_order(acting_user=caseworker, order=first)
    assert _issue(caseworker, employer, case, "weekly").is_active


def test_the_database_refuses_a_second_live_order(employer, make_order):
    order = make_order(employer)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeductionOrder.objects.create(
            employer=employer,
            case=order.case,
            employee=order.employee,
            payroll_number="X",
            pay_frequency="monthly",
            normal_deduction_rate=Decimal("1.00"),
            served_on=order.served_on,
        )


def test_closing_a_case_ends_its_orders_audited_and_told(employer, make_order, caseworker):
    from cms_portal.models import AuditEvent

    order = make_order(employer)
    case_services.update_case(acting_user=caseworker, case=order.case, status="closed")
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED and order.end_reason == "case_closed"
    assert AuditEvent.objects.filter(
        action="deduction_order.ended", object_ref=order.reference
    ).exists()
    assert employer.messages.filter(subject__contains="has ended").exists()


def test_a_case_closing_on_a_later_date_ends_its_orders_on_that_date(
    employer, employer_admin, employer_client, make_order, caseworker
):
    import time_machine

    from cms_portal.formatting import govuk_date
    from cms_portal.models import AuditEvent
    from employers.presenters.case import case_deductions
    from employers.tasks import end_orders_due_task

    today = timezone.localdate()
    order = make_order(employer, rate=Decimal("150.00"))
    closing = today + timedelta(days=20)
    closure = case_services.request_closure_review(
        acting_user=caseworker, case=order.case, reason="The child left education"
    )
    case_services.confirm_closure(
        acting_user=caseworker, closure_request=closure, effective_date=closing
    )
    order.refresh_from_db()
    # Active until the closing date, so its pay days still count as the employer's.
    assert (order.status, order.ended_on, order.end_reason) == (
        OrderStatus.ACTIVE,
        closing,
        "case_closed",
    )
    scheduled = AuditEvent.objects.get(
        action="deduction_order.end_scheduled", object_ref=order.reference
    )
    assert scheduled.details["ended_on"] == closing.isoformat()
    told = employer.messages.get(subject__contains="ends on")
    assert "up to and including" in told.body
    page = employer_client(employer_admin).get(
        reverse("employers:order_detail", args=[order.reference])
    )
    assert f"Active until {govuk_date(closing)}" in page.content.decode()
    assert case_deductions(order.case, order.employee) == [
        f"{employer.name} takes £150.00 (monthly) from your pay for child maintenance until "
        f"{govuk_date(closing)}."
    ]
    # The nightly job ends it on the closing date, once.
    assert end_orders_due_task((closing - timedelta(days=1)).isoformat()) == 0
    assert end_orders_due_task(closing.isoformat()) == 1
    assert end_orders_due_task(closing.isoformat()) == 0
    order.refresh_from_db()
    assert (order.status, order.ended_on) == (OrderStatus.ENDED, closing)
    assert AuditEvent.objects.filter(
        action="deduction_order.ended", object_ref=order.reference
    ).exists()
    # Pay days up to the closing date are still reported and paid; later ones are not.
    with time_machine.travel(closing + timedelta(days=2), tick=False):
        assert_reportable_up_to(employer_admin, employer, order, closing)


def test_an_order_ending_later_refuses_pay_dates_after_its_end_while_still_active(
    employer, employer_admin, make_order, caseworker
):
    import time_machine

    today = timezone.localdate()
    order = make_order(employer, rate=Decimal("150.00"))
    closing = today + timedelta(days=3)
    case_services.confirm_closure(
        acting_user=caseworker,
        closure_request=case_services.request_closure_review(
            acting_user=caseworker, case=order.case, reason="Check"
        ),
        effective_date=closing,
    )
    # The nightly job has not run yet: the order is still active, but not after its end.
    with (
        time_machine.travel(closing + timedelta(days=1), tick=False),
        pytest.raises(services.ReturnProblems) as raised,
    ):
        services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=closing + timedelta(days=1),
            lines=[(order.reference, Decimal("1000.00"), Decimal("0.00"))],
        )
    assert "ends on" in raised.value.problems[0].message


def test_a_case_closing_today_or_before_ends_its_orders_now(employer, make_order, caseworker):
    order = make_order(employer)
    case_services.confirm_closure(
        acting_user=caseworker,
        closure_request=case_services.request_closure_review(
            acting_user=caseworker, case=order.case, reason="Check"
        ),
        effective_date=timezone.localdate(),
    )
    order.refresh_from_db()
    assert (order.status, order.ended_on) == (OrderStatus.ENDED, timezone.localdate())
    assert order.employer.messages.filter(subject__contains="has ended").exists()


def test_a_move_to_direct_pay_suspends_orders_until_collect_and_pay_again(
    employer, make_order, caseworker
):
    order = make_order(employer)
    case_services.update_case(acting_user=caseworker, case=order.case, service_type="direct_pay")
    order.refresh_from_db()
    assert order.status == OrderStatus.SUSPENDED
    assert employer.messages.filter(subject__contains="is suspended").exists()
    with pytest.raises(services.EmployerRuleError):
        services.resume_order(acting_user=caseworker, order=order)
    case_services.update_case(
        acting_user=caseworker, case=order.case, service_type="collect_and_pay"
    )
    services.resume_order(acting_user=caseworker, order=order)
    order.refresh_from_db()
    assert order.status == OrderStatus.ACTIVE


def test_a_new_decision_changes_the_rate(employer, make_case, caseworker):
    from cases.models import DecisionReason, IncomeSource

    case = make_case(service_type="collect_and_pay")
    order = _issue(caseworker, employer, case, "weekly")
    case_services.record_income(
        acting_user=caseworker,
        case=case,
        gross_weekly_income=Decimal("600.00"),
        source=IncomeSource.HMRC_CURRENT,
        tax_year="2025-26",
        effective_from=timezone.localdate() - timedelta(days=2),
    )
    case_services.make_decision(
        acting_user=caseworker,
        case=case,
        reason=DecisionReason.CHANGE,
        effective_date=timezone.localdate(),
        notify=False,
    )
    order.refresh_from_db()
    # £600 x 12% = £72.00 a week, plus £14.40.
    assert order.normal_deduction_rate == Decimal("86.40")


def test_the_admin_issues_with_the_worked_out_rate_and_changes_it_with_the_frequency(
    caseworker_client, employer, make_case
):
    case = make_case(service_type="collect_and_pay")
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": timezone.localdate().isoformat(),
            "payroll_number": "ADM1",
            "pay_frequency": "weekly",
            "normal_deduction_rate": "1.00",
        },
    )
    assert response.status_code == 302
    order = DeductionOrder.objects.get(payroll_number="ADM1")
    assert order.normal_deduction_rate == Decimal("72.00")
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_change", args=[order.pk]),
        {"payroll_number": "ADM1", "pay_frequency": "monthly"},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.normal_deduction_rate == Decimal("312.00")


def test_the_admin_refuses_a_second_order_with_a_form_error(
    caseworker_client, employer, make_order
):
    order = make_order(employer)
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": order.case.pk,
            "served_on": timezone.localdate().isoformat(),
            "payroll_number": "ADM2",
            "pay_frequency": "monthly",
        },
    )
    assert response.status_code == 200
    assert order.reference.encode() in response.content
    assert DeductionOrder.objects.count() == 1


def test_the_admin_gives_an_error_for_a_future_served_date(caseworker_client, employer, make_case):
    case = make_case(service_type="collect_and_pay")
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_add"),
        {
            "employer": employer.pk,
            "case": case.pk,
            "served_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "payroll_number": "ADM3",
            "pay_frequency": "monthly",
        },
    )
    assert response.status_code == 200
    assert b"must be today or in the past" in response.content
    assert not DeductionOrder.objects.exists()


def test_the_admin_gives_an_error_for_changing_an_ended_order(
    caseworker_client, employer, make_order, caseworker
):
    order = make_order(employer)
    services.end_order(acting_user=caseworker, order=order)
    response = caseworker_client.post(
        reverse("admin:employers_deductionorder_change", args=[order.pk]),
        {"payroll_number": "NEW", "pay_frequency": "weekly"},
    )
    assert response.status_code == 200
    assert b"has ended, so it cannot be changed" in response.content
    order.refresh_from_db()
    assert (order.payroll_number, order.pay_frequency) != ("NEW", "weekly")


def test_demo_orders_ask_for_an_instalment_and_its_fee(db):
    from calculation.fees import paying_parent_fee
    from tests.nonprod.test_employers_demo import load_everything

    load_everything()
    for order in DeductionOrder.objects.select_related("case"):
        schedule = order.case.payment_schedules.get(ends_on__isnull=True)
        assert schedule.frequency == order.pay_frequency
        expected = sum(
            share.instalment_amount
            + paying_parent_fee(share.instalment_amount, timezone.localdate())
            for share in schedule.shares.all()
        )
        assert order.normal_deduction_rate == expected, order.reference


def test_the_demo_weekly_employee_reports_every_week_and_is_paid_up(db):
    from employers.deadlines import deduction_month
    from employers.models import DeductionReturn
    from tests.nonprod.test_employers_demo import load_everything

    load_everything()
    order = DeductionOrder.objects.get(pay_frequency="weekly")
    returns = list(DeductionReturn.objects.filter(order=order).order_by("pay_date"))
    assert returns and all(item.amount_deducted == order.normal_deduction_rate for item in returns)
    last_month = deduction_month(deduction_month(timezone.localdate()) - timedelta(days=1))
    assert all(item.remittance_id for item in returns if item.pay_date < last_month)


def test_instalments_paid_through_an_employer_are_missed_only_after_the_employers_deadline(
    employer, make_case, caseworker, run_nightly
):
    from employers.deadlines import deduction_month, payment_due_date, previous_month
    from payments.models import MissedPaymentNotice

    last_month = previous_month(deduction_month(timezone.localdate()))
    with_order = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=last_month.replace(day=20),
    )
    without_order = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=last_month.replace(day=20),
    )
    _issue(caseworker, employer, with_order, "weekly")
    deadline = payment_due_date(last_month)
    run_nightly(deadline)
    assert not MissedPaymentNotice.objects.filter(case=with_order).exists()
    assert MissedPaymentNotice.objects.filter(case=without_order).exists()
    run_nightly(deadline + timedelta(days=4))
    missed = MissedPaymentNotice.objects.filter(case=with_order)
    assert missed.exists()
    assert all(deduction_month(notice.instalment.due_date) == last_month for notice in missed)


def test_a_case_opened_again_before_its_closing_date_keeps_its_orders(
    employer, make_order, caseworker
):
    order = make_order(employer)
    case_services.confirm_closure(
        acting_user=caseworker,
        closure_request=case_services.request_closure_review(
            acting_user=caseworker, case=order.case, reason="Check"
        ),
        effective_date=timezone.localdate() + timedelta(days=10),
    )
    case_services.update_case(acting_user=caseworker, case=order.case, status="open")
    order.refresh_from_db()
    assert (order.status, order.ended_on, order.end_reason) == (OrderStatus.ACTIVE, None, "")
    assert order.case.closed_from is None
    assert employer.messages.filter(subject__contains="no longer ends").exists()
