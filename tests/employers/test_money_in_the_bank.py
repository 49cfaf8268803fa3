"""A payment an employer records is only expected until its money is matched in CMS's
bank: the month is late if the money is not in the bank by the deadline, the Pay page
says the payment is waiting for the money, and the parents' instalments are not missed
while the employer's money is still clearing."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from employers import services
from employers.models import LatePayment
from employers.tasks import flag_late_payments_task

D = Decimal
MARCH = date(2026, 3, 1)
DEADLINE = date(2026, 4, 19)


def bank_money(employer, amount, booked_on, transaction_id):
    from payments.services import record_bank_receipt

    with time_machine.travel(booked_on, tick=False):
        return record_bank_receipt(
            acting_user=None,
            booked_on=booked_on,
            amount=D(amount),
            reference=f"ACME {employer.reference}",
            transaction_id=transaction_id,
        )


@pytest.fixture
def march_paid_on_the_15th(employer, employer_admin, make_order):
    """An order with £100 deducted in March, recorded as paid on 15 April."""
    order = make_order(employer, rate=D("100.00"), served_on=date(2026, 2, 25))
    with time_machine.travel(date(2026, 3, 31), tick=False):
        services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=date(2026, 3, 27),
            lines=[(order.reference, D("1000.00"), D("0.00"))],
        )
    with time_machine.travel(date(2026, 4, 15), tick=False):
        remittance = services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=MARCH,
            method="bank_transfer",
            paid_on=date(2026, 4, 15),
        )
    return order, remittance


def test_a_recorded_payment_whose_money_is_not_in_the_bank_by_the_deadline_is_late(
    employer, march_paid_on_the_15th, django_capture_on_commit_callbacks
):
    _order, remittance = march_paid_on_the_15th
    with time_machine.travel(DEADLINE, tick=False):
        assert flag_late_payments_task(DEADLINE.isoformat()) == 0
    with time_machine.travel(date(2026, 4, 20), tick=False):
        assert flag_late_payments_task("2026-04-20") == 1
    late = LatePayment.objects.get()
    assert (late.month, late.amount_outstanding, late.resolved_at) == (
        MARCH,
        remittance.amount,
        None,
    )
    # The money arrives after the deadline: the flag is resolved, not removed.
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, remittance.amount, date(2026, 4, 22), "late-1")
    with time_machine.travel(date(2026, 4, 23), tick=False):
        assert flag_late_payments_task("2026-04-23") == 0
    late.refresh_from_db()
    assert late.resolved_at is not None


def test_money_in_the_bank_by_the_deadline_is_on_time(
    employer, march_paid_on_the_15th, django_capture_on_commit_callbacks
):
    _order, remittance = march_paid_on_the_15th
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, remittance.amount, DEADLINE, "on-time-1")
    with time_machine.travel(date(2026, 4, 20), tick=False):
        assert flag_late_payments_task("2026-04-20") == 0
    assert not LatePayment.objects.exists()


def test_part_of_the_money_in_the_bank_by_the_deadline_is_still_late(
    employer, march_paid_on_the_15th, django_capture_on_commit_callbacks
):
    _order, remittance = march_paid_on_the_15th
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, remittance.amount - D("0.01"), DEADLINE, "short-1")
    with time_machine.travel(date(2026, 4, 20), tick=False):
        assert flag_late_payments_task("2026-04-20") == 1


def test_the_pay_page_and_payments_list_say_a_payment_is_waiting_then_received_late(
    employer,
    employer_admin,
    employer_client,
    march_paid_on_the_15th,
    django_capture_on_commit_callbacks,
):
    """Sent on 15 April, before the 19 April deadline, but in the bank on 22 April."""
    _order, remittance = march_paid_on_the_15th
    client = employer_client(employer_admin)

    def pages():
        pay = client.get(reverse("employers:pay")).content.decode()
        listed = client.get(reverse("employers:payments")).content.decode().split("<tbody")[1]
        return pay, listed

    with time_machine.travel(date(2026, 4, 16), tick=False):
        pay, listed = pages()
    assert "Waiting for the money to reach us" in pay and "Received on" not in pay
    assert "Waiting for the money to reach us" in listed and "On time" not in listed
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, remittance.amount, date(2026, 4, 22), "page-1")
    with time_machine.travel(date(2026, 4, 23), tick=False):
        pay, listed = pages()
    assert "Received on 22 April 2026" in pay and "Waiting for the money" not in pay
    assert "Late" in listed and "On time" not in listed and "Waiting" not in listed


@pytest.fixture
def deo_case_with_march_deducted(employer, employer_admin, make_case, caseworker, run_nightly):
    """A £312.00 a month Collect and Pay case paid through a DEO, with March's instalment
    posted and £312.00 deducted on 27 March."""
    with time_machine.travel(date(2026, 3, 1), tick=False):
        case = make_case(
            service_type="collect_and_pay",
            payment_frequency="monthly",
            effective_date=date(2026, 3, 10),
        )
    with time_machine.travel(date(2026, 3, 10), tick=False):
        order = services.issue_order(
            acting_user=caseworker,
            employer=employer,
            case=case,
            payroll_number="P1",
            pay_frequency="monthly",
            served_on=date(2026, 3, 10),
        )
    with time_machine.travel(date(2026, 3, 31), tick=False):
        run_nightly(date(2026, 3, 31))
        services.file_returns(
            acting_user=employer_admin,
            employer=employer,
            pay_date=date(2026, 3, 27),
            lines=[(order.reference, D("3000.00"), D("0.00"))],
        )
    return case


def test_instalments_are_not_missed_while_the_employers_payment_is_clearing(
    employer, employer_admin, deo_case_with_march_deducted, run_nightly
):
    from payments.models import MissedPaymentNotice

    case = deo_case_with_march_deducted
    with time_machine.travel(DEADLINE, tick=False):
        services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=MARCH,
            method="bank_transfer",
            paid_on=DEADLINE,
        )
    # Four days on the money has not been matched yet: it is still clearing.
    with time_machine.travel(date(2026, 4, 23), tick=False):
        run_nightly(date(2026, 4, 23))
    assert not MissedPaymentNotice.objects.filter(case=case).exists()
    # Past the clearing allowance with no money in the bank: missed.
    from payments.services.missed import clearing_days

    after = date.fromordinal(DEADLINE.toordinal() + clearing_days(DEADLINE) + 1)
    with time_machine.travel(after, tick=False):
        run_nightly(after)
    notice = MissedPaymentNotice.objects.get(case=case)
    assert notice.instalment.due_date == date(2026, 3, 10)


def test_a_month_paid_in_full_after_the_next_instalment_is_not_missed(
    employer,
    employer_admin,
    deo_case_with_march_deducted,
    run_nightly,
    django_capture_on_commit_callbacks,
):
    """March's money reaches the ledger after April's instalment is due, so the statutory
    order gives it to April's maintenance first; March is still not missed."""
    from payments.models import MissedPaymentNotice, Receipt

    case = deo_case_with_march_deducted
    with time_machine.travel(date(2026, 4, 15), tick=False):
        run_nightly(date(2026, 4, 15))
        remittance = services.record_remittance(
            acting_user=employer_admin,
            employer=employer,
            month=MARCH,
            method="bank_transfer",
            paid_on=date(2026, 4, 15),
        )
    with django_capture_on_commit_callbacks(execute=True):
        bank_money(employer, remittance.amount, date(2026, 4, 16), "march-in-full")
    assert Receipt.objects.get(case=case).amount == remittance.amount
    for day in (date(2026, 4, 16), date(2026, 4, 23), date(2026, 5, 1)):
        with time_machine.travel(day, tick=False):
            run_nightly(day)
    assert not MissedPaymentNotice.objects.filter(case=case).exists()
