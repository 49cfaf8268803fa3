"""The paying parent's journey: the arrears and rules, what they can pay, check answers
showing at once whether the plan is agreed or goes to a caseworker, the confirmation, the
plan in the ledger's schedule, the audit trail; bad input; Welsh."""

from decimal import Decimal

import pytest
from django.core import mail

from arrears_plans.models import ArrearsPlanRequest
from casework.models import WorkItem
from cms_portal.models import AuditEvent
from payments.models import ArrearsPaymentPlan
from payments.selectors import arrears

pytestmark = pytest.mark.django_db


def _text(response):
    return response.content.decode()


def test_a_plan_inside_the_rules_is_agreed_at_once(
    case_in_arrears, paying_client, plan_url, cp_paying_parent, django_capture_on_commit_callbacks
):
    case = case_in_arrears
    owed = arrears(case)
    assert owed == Decimal("260.00")
    detail = _text(paying_client.get(f"/account/cases/{case.reference}/"))
    assert plan_url("start", case) in detail and "Agree how to pay your arrears" in detail
    overview = _text(
        paying_client.get(plan_url("start", case).replace("arrears-plan/agree/", "payments/"))
    )
    assert plan_url("start", case) in overview

    start = _text(paying_client.get(plan_url("start", case)))
    assert "£260.00" in start and "2 years" in start
    # 24 monthly payments before the limit: £10.84 clears £260 in time.
    assert "£10.84" in start
    assert "40%" not in start  # no employer deducts from this parent's pay

    answered = paying_client.post(plan_url("amount", case), {"amount": "50"})
    assert answered["Location"] == plan_url("check", case)
    check = _text(paying_client.get(plan_url("check", case)))
    assert "We can agree this plan straight away" in check
    assert "£50.00" in check and "6 payments" in check
    assert f'href="{plan_url("amount", case)}?change=1"' in check

    with django_capture_on_commit_callbacks(execute=True):
        sent = paying_client.post(plan_url("check", case))
    request = ArrearsPlanRequest.objects.get(case=case)
    assert sent["Location"] == plan_url("sent", case, request_id=request.public_id)
    assert request.status == "agreed" and request.decided_automatically
    plan = ArrearsPaymentPlan.objects.get(case=case, status="active")
    assert request.plan == plan
    assert plan.amount_per_instalment == Decimal("50.00")
    assert plan.arrears_at_start == owed
    assert plan.starts_on == request.starts_on and plan.starts_on > case.created_at.date()
    assert plan.expected_end_on == request.expected_end_on
    confirmation = _text(paying_client.get(sent["Location"]))
    assert "Your plan is agreed" in confirmation and "govuk-panel" in confirmation
    # The parent is told, with no amount in the subject.
    (email,) = [m for m in mail.outbox if "arrears" in m.subject]
    assert email.subject == "Your plan to pay your arrears is agreed"
    assert email.to == [case.parties.get(role="paying").notification_email]
    assert "£50.00" in email.body and "£" not in email.subject
    # Audited: the request and the plan, by the parent.
    assert AuditEvent.objects.filter(
        actor=cp_paying_parent, action="arrears_plans.requested", details__outcome="agreed"
    ).exists()
    assert AuditEvent.objects.filter(actor=cp_paying_parent, action="payments.plan_agreed").exists()
    # The journey is over: starting again shows the plan.
    assert paying_client.get(plan_url("start", case))["Location"] == plan_url("plan", case)
    assert paying_client.get(plan_url("check", case))["Location"] == plan_url("plan", case)
    # The next payments carry the plan amount.
    schedule = _text(paying_client.get(f"/account/cases/{case.reference}/payments/schedule/"))
    assert "Towards arrears" in schedule and "£50.00" in schedule


def test_a_plan_outside_the_rules_goes_to_a_caseworker(
    case_in_arrears, paying_client, plan_url, django_capture_on_commit_callbacks
):
    case = case_in_arrears
    paying_client.post(plan_url("amount", case), {"amount": "10.83"})  # a penny short
    check = _text(paying_client.get(plan_url("check", case)))
    assert "A caseworker needs to look at this plan" in check
    assert "25 payments" in check and "more than 2 years" in check
    with django_capture_on_commit_callbacks(execute=True):
        sent = paying_client.post(plan_url("check", case))
    request = ArrearsPlanRequest.objects.get(case=case)
    assert request.status == "with_caseworker" and request.plan is None
    assert not request.clears_in_time
    assert not ArrearsPaymentPlan.objects.filter(case=case).exists()
    item = WorkItem.objects.get(case=case, kind="arrears_plan")
    assert item.source_reference == f"arrears-plan:{request.public_id}"
    assert "does not clear the arrears in time" in item.summary
    page = _text(paying_client.get(sent["Location"]))
    assert "Your plan has been sent to a caseworker" in page
    assert [m.subject for m in mail.outbox if "arrears" in m.subject] == [
        "We have your plan to pay your arrears"
    ]
    # While it waits, the parent sees that and cannot send another.
    assert paying_client.get(plan_url("amount", case))["Location"] == plan_url("plan", case)
    assert "A caseworker is looking at your plan" in _text(
        paying_client.get(plan_url("plan", case))
    )


def test_at_the_limit_the_plan_is_agreed(case_in_arrears, paying_client, plan_url):
    case = case_in_arrears
    paying_client.post(plan_url("amount", case), {"amount": "10.84"})
    assert "24 payments" in _text(paying_client.get(plan_url("check", case)))
    paying_client.post(plan_url("check", case))
    assert ArrearsPlanRequest.objects.get(case=case).status == "agreed"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter how much you can pay towards your arrears"),
        ("fifty", "must be an amount of money"),
        ("0", "must be more than £0"),
        ("-5", "How much you can pay towards your arrears"),
        ("260.01", "must be £260.00 or less"),
    ],
)
def test_bad_amounts_are_a_400_with_the_answer_kept(
    case_in_arrears, paying_client, plan_url, amount, message
):
    response = paying_client.post(plan_url("amount", case_in_arrears), {"amount": amount})
    assert response.status_code == 400
    page = _text(response)
    assert "govuk-error-summary" in page and message in page
    assert 'href="#amount"' in page
    assert f'value="{amount}"' in page or not amount
    assert not ArrearsPlanRequest.objects.exists()


def test_the_check_page_sends_back_to_an_unanswered_question(
    case_in_arrears, paying_client, plan_url
):
    assert paying_client.get(plan_url("check", case_in_arrears))["Location"] == plan_url(
        "amount", case_in_arrears
    )
    assert paying_client.post(plan_url("check", case_in_arrears))["Location"] == plan_url(
        "amount", case_in_arrears
    )
    assert not ArrearsPlanRequest.objects.exists()


def test_changing_the_amount_returns_to_check_and_keeps_the_answer(
    case_in_arrears, paying_client, plan_url
):
    case = case_in_arrears
    paying_client.post(plan_url("amount", case), {"amount": "30"})
    form = _text(paying_client.get(plan_url("amount", case) + "?change=1"))
    assert 'value="30"' in form
    moved = paying_client.post(plan_url("amount", case) + "?change=1", {"amount": "40"})
    assert moved["Location"] == plan_url("check", case)
    assert "£40.00" in _text(paying_client.get(plan_url("check", case)))


def test_the_journey_in_welsh(
    case_in_arrears, paying_client, plan_url, cp_paying_parent, django_capture_on_commit_callbacks
):
    case = case_in_arrears
    party = case.parties.get(role="paying")
    party.preferred_language = "cy"
    party.save(update_fields=["preferred_language"])
    start_url = "/cy" + plan_url("start", case)
    start = _text(paying_client.get(start_url))
    assert 'lang="cy"' in start
    assert "Cytuno sut i dalu eich ôl-ddyledion" in start and "2 flynedd" in start
    bad = paying_client.post("/cy" + plan_url("amount", case), {"amount": ""})
    assert bad.status_code == 400 and "Gwall:" in _text(bad)
    paying_client.post("/cy" + plan_url("amount", case), {"amount": "50"})
    check = _text(paying_client.get("/cy" + plan_url("check", case)))
    assert "Gallwn gytuno ar y cynllun hwn ar unwaith" in check
    with django_capture_on_commit_callbacks(execute=True):
        sent = paying_client.post("/cy" + plan_url("check", case))
    assert sent["Location"].startswith("/cy/")
    assert "Mae eich cynllun wedi’i gytuno" in _text(paying_client.get(sent["Location"]))
    (email,) = [m for m in mail.outbox if "ôl-ddyledion" in m.subject]
    assert email.subject == "Mae eich cynllun i dalu eich ôl-ddyledion wedi’i gytuno"
    plan_page = _text(paying_client.get("/cy" + plan_url("plan", case)))
    assert "Eich cynllun i dalu ôl-ddyledion" in plan_page


def test_with_a_deduction_order_the_take_home_pay_is_asked_and_capped(
    case_in_arrears, paying_client, plan_url, make_employer, caseworker
):
    from employers import services as employer_services

    case = case_in_arrears
    from datetime import timedelta

    from django.utils import timezone

    employer_services.issue_order(
        acting_user=caseworker,
        employer=make_employer(),
        case=case,
        payroll_number="P77001",
        pay_frequency="monthly",
        normal_deduction_rate=Decimal("150.00"),
        served_on=timezone.localdate() - timedelta(days=30),
        charge_waived=True,
    )
    start = _text(paying_client.get(plan_url("start", case)))
    assert "40%" in start and "take-home pay" in start
    assert paying_client.post(plan_url("amount", case), {"amount": "40.01"})[
        "Location"
    ] == plan_url("income", case)
    assert paying_client.get(plan_url("check", case))["Location"] == plan_url("income", case)
    bad = paying_client.post(plan_url("income", case), {"net_income": "lots"})
    assert bad.status_code == 400 and 'value="lots"' in _text(bad)
    # 40% of £100.00 is £40.00: a penny more goes to a caseworker.
    paying_client.post(plan_url("income", case), {"net_income": "100.00"})
    check = _text(paying_client.get(plan_url("check", case)))
    assert "A caseworker needs to look at this plan" in check and "£40.00" in check
    paying_client.post(plan_url("amount", case) + "?change=1", {"amount": "40.00"})
    check = _text(paying_client.get(plan_url("check", case)))
    assert "We can agree this plan straight away" in check
    paying_client.post(plan_url("check", case))
    request = ArrearsPlanRequest.objects.get(case=case)
    assert request.status == "agreed" and request.within_income_cap is True
    assert request.net_income == Decimal("100.00")


def test_a_penny_over_forty_percent_is_referred_end_to_end(
    case_in_arrears, paying_client, plan_url, make_employer, caseworker
):
    from datetime import timedelta

    from django.utils import timezone

    from employers import services as employer_services

    case = case_in_arrears
    employer_services.issue_order(
        acting_user=caseworker,
        employer=make_employer(),
        case=case,
        payroll_number="P77002",
        pay_frequency="monthly",
        normal_deduction_rate=Decimal("150.00"),
        served_on=timezone.localdate() - timedelta(days=30),
        charge_waived=True,
    )
    paying_client.post(plan_url("amount", case), {"amount": "40.01"})
    paying_client.post(plan_url("income", case), {"net_income": "100.00"})
    paying_client.post(plan_url("check", case))
    request = ArrearsPlanRequest.objects.get(case=case)
    assert request.status == "with_caseworker" and request.within_income_cap is False
    assert request.clears_in_time
    assert (
        "takes more of net income" in WorkItem.objects.get(case=case, kind="arrears_plan").summary
    )
