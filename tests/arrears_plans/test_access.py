"""Who may see and agree plans: only the paying parent of their own Collect and Pay case.
Anyone else's case is a 404, the receiving parent gets a 404 for every plan page (and
sees on their case page only that a plan is agreed and when it should end), and signing
out sends you to sign in."""

from decimal import Decimal

import pytest

from arrears_plans.models import ArrearsPlanRequest
from arrears_plans.services import request_arrears_plan
from cases.selectors import CaseAccess

pytestmark = pytest.mark.django_db

PAGES = ["plan", "start", "amount", "income", "check"]


def _agree(case, amount="50"):
    party = case.parties.get(role="paying")
    return request_arrears_plan(
        acting_user=party.user, access=CaseAccess(case=case, party=party), amount=Decimal(amount)
    )


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_sign_in(case_in_arrears, anonymous_client, plan_url, page):
    response = anonymous_client.get(plan_url(page, case_in_arrears))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("page", PAGES)
def test_another_users_case_is_not_found(
    case_in_arrears, make_user, signed_in_client, plan_url, page
):
    client = signed_in_client(make_user())
    assert client.get(plan_url(page, case_in_arrears)).status_code == 404
    assert client.post(plan_url(page, case_in_arrears), {"amount": "5"}).status_code in (404, 405)


@pytest.mark.parametrize("page", PAGES)
def test_the_receiving_parent_cannot_see_or_propose_a_plan(
    case_in_arrears, cp_receiving_parent, signed_in_client, plan_url, page
):
    client = signed_in_client(cp_receiving_parent)
    assert client.get(plan_url(page, case_in_arrears)).status_code == 404
    assert client.post(plan_url(page, case_in_arrears), {"amount": "5"}).status_code in (404, 405)
    assert not ArrearsPlanRequest.objects.exists()


def test_a_confirmation_of_another_case_is_not_found(
    collect_and_pay_case,
    cp_paying_parent,
    signed_in_client,
    plan_url,
    make_case,
    make_user,
    run_nightly,
    days_ago,
):
    other = make_case(service_type="collect_and_pay", paying_user=make_user())
    run_nightly(days_ago(0))
    sent = _agree(other)
    mine = plan_url("sent", collect_and_pay_case, request_id=sent.public_id)
    assert signed_in_client(cp_paying_parent).get(mine).status_code == 404
    theirs = plan_url("sent", other, request_id=sent.public_id)
    assert signed_in_client(cp_paying_parent).get(theirs).status_code == 404


def test_direct_pay_has_no_plans(make_case, make_user, signed_in_client, plan_url):
    user = make_user()
    case = make_case(service_type="direct_pay", paying_user=user)
    client = signed_in_client(user)
    for page in PAGES:
        assert client.get(plan_url(page, case)).status_code == 404
    assert "arrears-plan" not in client.get(f"/account/cases/{case.reference}/").content.decode()


def test_without_arrears_there_is_nothing_to_agree(
    collect_and_pay_case, cp_paying_parent, signed_in_client, plan_url
):
    client = signed_in_client(cp_paying_parent)
    case_page = client.get(f"/account/cases/{collect_and_pay_case.reference}/").content.decode()
    assert "Agree how to pay your arrears" not in case_page
    start = client.get(plan_url("start", collect_and_pay_case)).content.decode()
    assert "You have no arrears" in start
    assert client.get(plan_url("amount", collect_and_pay_case))["Location"] == plan_url(
        "start", collect_and_pay_case
    )


def test_the_receiving_parent_sees_the_plan_and_its_end_but_nothing_of_the_payer(
    case_in_arrears, cp_receiving_parent, signed_in_client, make_employer, caseworker
):
    from datetime import timedelta

    from django.utils import timezone

    from employers import services as employer_services

    order = employer_services.issue_order(
        acting_user=caseworker,
        employer=make_employer(name="Secret Widgets Ltd"),
        case=case_in_arrears,
        payroll_number="P99001",
        pay_frequency="monthly",
        normal_deduction_rate=Decimal("150.00"),
        served_on=timezone.localdate() - timedelta(days=30),
        charge_waived=True,
    )
    party = case_in_arrears.parties.get(role="paying")
    sent = request_arrears_plan(
        acting_user=party.user,
        access=CaseAccess(case=case_in_arrears, party=party),
        amount=Decimal("50"),
        net_income=Decimal("1234.56"),
    )
    assert sent.status == "agreed"
    page = (
        signed_in_client(cp_receiving_parent)
        .get(f"/account/cases/{case_in_arrears.reference}/")
        .content.decode()
    )
    assert "Plan to pay arrears" in page
    assert "should have paid them off by" in page
    from cms_portal.formatting import govuk_date

    assert govuk_date(sent.expected_end_on) in page
    for secret in ("1,234.56", "Secret Widgets", order.payroll_number, "£50.00"):
        assert secret not in page
    assert "arrears-plan" not in page
