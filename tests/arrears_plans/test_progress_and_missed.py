"""Once agreed, the plan's amount is added to each instalment from its first payment; the
plan page shows what has been paid towards the arrears and what is left; a plan payment
not made is found by the nightly job and both parents are told once, each in their own
language, the receiving parent without the paying parent's figures."""

from contextlib import contextmanager
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from arrears_plans.services import request_arrears_plan
from cases.selectors import CaseAccess
from casework.models import WorkItem
from payments.dates import LONDON
from payments.models import Instalment, MissedPlanPayment
from payments.selectors import active_plan, plan_progress

pytestmark = pytest.mark.django_db


@contextmanager
def on_day(day):
    with time_machine.travel(datetime.combine(day, time(12), tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def plan(case_in_arrears):
    party = case_in_arrears.parties.get(role="paying")
    request_arrears_plan(
        acting_user=party.user,
        access=CaseAccess(case=case_in_arrears, party=party),
        amount=Decimal("50.00"),
    )
    return active_plan(case_in_arrears)


def test_the_schedule_carries_the_plan_amount_from_the_first_plan_payment(
    case_in_arrears, plan, run_nightly
):
    first = Instalment.objects.get(case=case_in_arrears)
    assert first.plan_amount == 0  # posted before the plan
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
    posted = Instalment.objects.get(case=case_in_arrears, due_date=plan.starts_on)
    assert posted.plan_amount == Decimal("50.00")
    assert posted.amount == first.amount  # the plan is not a new debt


def test_the_plan_amount_never_exceeds_the_arrears_left(case_in_arrears, plan, run_nightly, pay):
    pay(case_in_arrears, "230.00")  # £30 of arrears left
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
    posted = Instalment.objects.get(case=case_in_arrears, due_date=plan.starts_on)
    assert posted.plan_amount == Decimal("30.00")


def test_progress_shows_what_is_paid_towards_the_arrears_and_what_is_left(
    case_in_arrears, plan, run_nightly, pay, paying_client, plan_url
):
    maintenance = Instalment.objects.get(case=case_in_arrears).amount
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
        # The payment due now first, then £50 towards the arrears.
        pay(case_in_arrears, maintenance + Decimal("50.00"), received_on=plan.starts_on)
        run_nightly(plan.starts_on + timedelta(days=1))
        progress = plan_progress(plan)
        assert progress == type(progress)(Decimal("260.00"), Decimal("50.00"), Decimal("210.00"))
    page = paying_client.get(plan_url("plan", case_in_arrears)).content.decode()
    assert "£50.00" in page and "£210.00" in page and "£260.00" in page
    from cms_portal.formatting import govuk_date

    assert govuk_date(plan.expected_end_on) in page


def test_a_missed_plan_payment_is_found_once_and_both_parents_told(
    case_in_arrears, plan, run_nightly, django_capture_on_commit_callbacks
):
    receiving = case_in_arrears.parties.get(role="receiving")
    receiving.preferred_language = "cy"
    receiving.save(update_fields=["preferred_language"])
    paying = case_in_arrears.parties.get(role="paying")
    mail.outbox.clear()
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
    late = plan.starts_on + timedelta(days=3)
    with on_day(late), django_capture_on_commit_callbacks(execute=True):
        run_nightly(late)
    notice = MissedPlanPayment.objects.get(case=case_in_arrears)
    assert notice.instalment.due_date == plan.starts_on and notice.plan == plan
    assert notice.shortfall == Decimal("50.00") and notice.notified_at is not None
    told = {
        message.to[0]: message
        for message in mail.outbox
        if message.subject
        in (
            "A payment towards your arrears was not made",
            "Ni wnaed taliad tuag at ôl-ddyledion",
        )
    }
    assert told[paying.notification_email].subject == "A payment towards your arrears was not made"
    assert "£50.00" in told[paying.notification_email].body
    to_receiving = told[receiving.notification_email]
    assert to_receiving.subject == "Ni wnaed taliad tuag at ôl-ddyledion"
    for secret in ("£", paying.employer_name, paying.phone, paying.address_line_1):
        assert secret not in to_receiving.body
    assert WorkItem.objects.filter(case=case_in_arrears, kind="arrears_plan_missed").count() == 1

    count = len(mail.outbox)
    for day in (late + timedelta(days=1), late + timedelta(days=2)):
        with on_day(day), django_capture_on_commit_callbacks(execute=True):
            run_nightly(day)
    assert MissedPlanPayment.objects.filter(case=case_in_arrears).count() == 1
    assert len(mail.outbox) == count


def test_a_plan_payment_made_is_not_missed(
    case_in_arrears, plan, run_nightly, pay, django_capture_on_commit_callbacks
):
    maintenance = Instalment.objects.get(case=case_in_arrears).amount
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
        pay(case_in_arrears, maintenance + Decimal("50.00"), received_on=plan.starts_on)
    late = plan.starts_on + timedelta(days=3)
    with on_day(late), django_capture_on_commit_callbacks(execute=True):
        run_nightly(late)
    assert not MissedPlanPayment.objects.exists()


def test_paying_a_penny_short_of_the_plan_is_missed(
    case_in_arrears, plan, run_nightly, pay, django_capture_on_commit_callbacks
):
    maintenance = Instalment.objects.get(case=case_in_arrears).amount
    with on_day(plan.starts_on):
        run_nightly(plan.starts_on)
        pay(case_in_arrears, maintenance + Decimal("49.99"), received_on=plan.starts_on)
    late = plan.starts_on + timedelta(days=3)
    with on_day(late), django_capture_on_commit_callbacks(execute=True):
        run_nightly(late)
    assert MissedPlanPayment.objects.get().shortfall == Decimal("0.01")
