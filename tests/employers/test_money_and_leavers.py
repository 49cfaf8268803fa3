"""Paying CMS (each order's share a receipt on its case), late payments found by the
nightly job, and leavers ending orders and telling the caseworker."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from casework.models import WorkItem
from employers import services
from employers.deadlines import payment_due_date
from employers.models import LatePayment, LeaverReport, OrderStatus, Remittance
from employers.tasks import flag_late_payments_task

D = Decimal


def file_for(user, employer, order, pay_date, net):
    return services.file_returns(
        acting_user=user,
        employer=employer,
        pay_date=pay_date,
        lines=[(order.reference, D(net), D("0.00"))],
    )


@pytest.fixture
def two_orders(employer, make_order):
    return make_order(employer, rate=D("100.00")), make_order(employer, rate=D("40.00"))


def bank_money(employer, amount, transaction_id):
    from payments.services import record_bank_receipt

    return record_bank_receipt(
        acting_user=None,
        booked_on=timezone.localdate(),
        amount=D(amount),
        reference=f"TAFF {employer.reference} PAYROLL",
        transaction_id=transaction_id,
    )


def last_month_day(day=15):
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=1)).replace(day=day)


def test_a_payment_is_shared_between_orders_and_each_share_is_a_receipt(
    employer, employer_admin, two_orders, django_capture_on_commit_callbacks
):
    from payments.models import Receipt

    first, second = two_orders
    pay_date = last_month_day()
    file_for(employer_admin, employer, first, pay_date, "1000.00")
    file_for(employer_admin, employer, second, pay_date, "1000.00")
    with django_capture_on_commit_callbacks(execute=True):
        remittance = services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=pay_date,
            method="bank_transfer",
            paid_on=timezone.localdate(),
            payment_reference="ACME MAR",
            expected_total=D("140.00"),
        )
    assert remittance.amount == D("140.00") and remittance.due_on == payment_due_date(
        pay_date.replace(day=1)
    )
    # Expected until the money is in the bank: part of it is queued and posts nothing,
    # even when the posting job is run by hand.
    assert not Receipt.objects.exists()
    assert services.post_remittance_receipts(acting_user=None, remittance_id=remittance.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, "100.00", "b-1")
    assert services.post_remittance_receipts(acting_user=None, remittance_id=remittance.pk) == 0
    assert not Receipt.objects.exists()
    assert WorkItem.objects.filter(kind="part_matched_money").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, "40.00", "b-2")
    receipts = Receipt.objects.filter(method="employer_deduction").order_by("amount")
    assert [(r.case_id, r.amount) for r in receipts] == [
        (second.case_id, D("40.00")),
        (first.case_id, D("100.00")),
    ]
    assert all(a.posted_at and a.receipt_public_id for a in remittance.allocations.all())
    # Posting again (a re-run job) makes no second receipt.
    services.post_remittance_receipts(acting_user=None, remittance_id=remittance.pk)
    assert Receipt.objects.filter(method="employer_deduction").count() == 2
    # Nothing is left to pay, so paying again is refused.
    with pytest.raises(services.EmployerRuleError):
        services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=pay_date,
            method="bank_transfer",
            paid_on=timezone.localdate(),
        )


def test_a_changed_total_asks_the_employer_to_check_again(employer, employer_admin, two_orders):
    first, _second = two_orders
    file_for(employer_admin, employer, first, last_month_day(), "1000.00")
    with pytest.raises(services.EmployerRuleError):
        services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=last_month_day(),
            method="cheque",
            paid_on=timezone.localdate(),
            expected_total=D("1.00"),
        )
    assert not Remittance.objects.exists()


def test_paid_on_dates_must_make_sense(employer, employer_admin, two_orders):
    file_for(employer_admin, employer, two_orders[0], last_month_day(), "1000.00")
    for paid_on in (
        timezone.localdate() + timedelta(days=1),
        last_month_day().replace(day=1) - timedelta(days=1),
    ):
        with pytest.raises(services.EmployerRuleError) as raised:
            services.record_remittance(
                acting_user=employer_admin,
                employer=employer,
                month=last_month_day(),
                method="cheque",
                paid_on=paid_on,
            )
        assert raised.value.field == "paid_on"


def test_the_nightly_job_flags_late_months_once_and_resolves_them_when_paid(
    employer, employer_admin, make_order, django_capture_on_commit_callbacks
):
    first = make_order(employer, rate=D("100.00"), served_on=date(2026, 2, 25))
    second = make_order(employer, rate=D("40.00"), served_on=date(2026, 2, 25))
    march = date(2026, 3, 1)
    with time_machine.travel(date(2026, 3, 31), tick=False):
        file_for(employer_admin, employer, first, date(2026, 3, 27), "1000.00")
    with time_machine.travel(date(2026, 4, 19), tick=False):
        assert flag_late_payments_task("2026-04-19") == 0  # due today: not late yet
    with (
        time_machine.travel(date(2026, 4, 20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert flag_late_payments_task("2026-04-20") == 1
        assert flag_late_payments_task("2026-04-20") == 0
    late = LatePayment.objects.get()
    assert (late.month, late.amount_outstanding, late.orders_without_return) == (
        march,
        D("100.00"),
        1,
    )
    late_emails = [m for m in mail.outbox if "late" in m.subject]
    assert len(late_emails) == 2  # the admin and the payroll contact, once each
    with time_machine.travel(date(2026, 4, 21), tick=False):
        file_for(employer_admin, employer, second, date(2026, 3, 31), "1000.00")
        services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=march,
            method="bank_transfer",
            paid_on=date(2026, 4, 21),
        )
        # Recorded but not yet in the bank: still late.
        flag_late_payments_task("2026-04-21")
        late.refresh_from_db()
        assert late.resolved_at is None
        with django_capture_on_commit_callbacks(execute=True):
            bank_money(employer, "140.00", "late-march")
        flag_late_payments_task("2026-04-21")
    late.refresh_from_db()
    assert late.resolved_at is not None


def test_a_leaver_ends_the_order_and_queues_the_details_for_a_caseworker(
    employer, employer_admin, two_orders
):

    order = two_orders[0]
    report = services.report_leaver(
        acting_user=employer_admin,
        order=order,
        kind="left",
        left_on=timezone.localdate() - timedelta(days=3),
        last_pay_date=timezone.localdate() - timedelta(days=3),
        last_deduction=D("100.00"),
        new_employer_name="New Co",
        new_employer_address="1 High St\nLeeds",
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED and order.end_reason == "left"
    assert report.reported_in_time
    item = WorkItem.objects.get(case=order.case)
    assert item.kind == "deo_leaver" and item.source_reference == order.reference
    assert "New Co, 1 High St Leeds" in item.summary
    with pytest.raises(services.EmployerRuleError):
        services.report_leaver(acting_user=employer_admin, order=order, kind="not_employee")


def test_a_late_not_employee_report_is_marked_late(employer, employer_admin, make_order):
    order = make_order(employer, served_on=timezone.localdate() - timedelta(days=30))
    report = services.report_leaver(acting_user=employer_admin, order=order, kind="not_employee")
    assert not report.reported_in_time
    assert LeaverReport.objects.get().kind == "not_employee"


def test_the_paying_parents_case_shows_deductions_stopped_and_the_receiving_parent_sees_nothing(
    employer, employer_admin, make_order, make_user
):
    from cases.models import Party
    from employers.presenters.case import case_deductions

    order = make_order(employer, paying_user=make_user())
    paying = order.employee
    receiving = Party.objects.get(case=order.case, role="receiving")
    assert employer.name in case_deductions(order.case, paying)[0]
    services.report_leaver(
        acting_user=employer_admin, order=order, kind="left", left_on=timezone.localdate()
    )
    lines = case_deductions(order.case, paying)
    assert "stopped" in lines[0] and employer.name in lines[0]
    assert case_deductions(order.case, receiving) == []


def test_a_share_the_ledger_refuses_goes_to_a_caseworker_and_the_rest_are_posted(
    employer, employer_admin, two_orders, django_capture_on_commit_callbacks
):
    from cases.models import Case
    from payments.models import Receipt

    first, second = two_orders
    pay_date = last_month_day()
    file_for(employer_admin, employer, first, pay_date, "1000.00")
    file_for(employer_admin, employer, second, pay_date, "1000.00")
    # The first order's case has left Collect and Pay since the deductions were made.
    Case.objects.filter(pk=first.case_id).update(service_type="direct_pay")
    with django_capture_on_commit_callbacks(execute=True):
        # The money reached the bank before the payment was recorded.
        bank_money(employer, "140.00", "b-1")
        remittance = services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=pay_date,
            method="bank_transfer",
            paid_on=timezone.localdate(),
            expected_total=D("140.00"),
        )
    assert [(r.case_id, r.amount) for r in Receipt.objects.all()] == [(second.case_id, D("40.00"))]
    refused = remittance.allocations.get(order=first)
    assert refused.posted_at is None
    item = WorkItem.objects.get(case_id=first.case_id, kind="employer_payment_not_posted")
    assert "£100.00" in item.summary and first.reference in item.summary
    # Trying again later neither posts it nor queues it twice.
    assert services.post_remittance_receipts(acting_user=None, remittance_id=remittance.pk) == 0
    assert WorkItem.objects.filter(kind="employer_payment_not_posted").count() == 1
