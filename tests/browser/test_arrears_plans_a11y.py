"""axe finds nothing on the arrears plan pages, with and without errors: the start page
with the rules, what you can pay, your take-home pay (with an employer deducting), check
answers for a plan agreed at once and for one that goes to a caseworker, the
confirmations and the plan page."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.browser.helpers import submit_form


def _cases_in_arrears(make_case, make_user, run_nightly):
    plain_user, deducted_user = make_user(), make_user()
    plain = make_case(service_type="collect_and_pay", paying_user=plain_user)
    deducted = make_case(service_type="collect_and_pay", paying_user=deducted_user)
    run_nightly()
    return (plain, plain_user), (deducted, deducted_user)


def test_arrears_plan_pages_have_no_axe_violations(
    page,
    live_server,
    sign_in_browser,
    check,
    make_case,
    make_user,
    run_nightly,
    make_employer,
    caseworker,
):
    from employers import services as employer_services

    (plain, plain_user), (deducted, deducted_user) = _cases_in_arrears(
        make_case, make_user, run_nightly
    )
    employer_services.issue_order(
        acting_user=caseworker,
        employer=make_employer(),
        case=deducted,
        payroll_number="P55001",
        pay_frequency="monthly",
        normal_deduction_rate=Decimal("150.00"),
        served_on=timezone.localdate() - timedelta(days=30),
        charge_waived=True,
    )

    sign_in_browser(page, plain_user)
    base = f"{live_server.url}/account/cases/{plain.reference}/arrears-plan"
    check(f"{live_server.url}/account/cases/{plain.reference}/", context="case page with arrears")
    check(f"{base}/agree/", context="start")
    page.goto(f"{base}/agree/amount/")
    check(context="amount")
    submit_form(page)
    check(context="amount with an error")
    page.locator("[name='amount']").fill("1000")
    submit_form(page)
    check(context="amount more than the arrears")
    page.locator("[name='amount']").fill("50")
    submit_form(page)
    check(context="check answers, agreed at once")
    submit_form(page)
    check(context="confirmation, agreed")
    check(f"{base}/", context="plan page")

    page.context.clear_cookies()
    sign_in_browser(page, deducted_user)
    base = f"{live_server.url}/account/cases/{deducted.reference}/arrears-plan"
    check(f"{base}/agree/", context="start with an employer deducting")
    page.goto(f"{base}/agree/amount/")
    page.locator("[name='amount']").fill("5")
    submit_form(page)
    check(context="take-home pay")
    page.locator("[name='net_income']").fill("lots")
    submit_form(page)
    check(context="take-home pay with an error")
    page.locator("[name='net_income']").fill("10")
    submit_form(page)
    check(context="check answers, to a caseworker")
    submit_form(page)
    check(context="confirmation, sent to a caseworker")
    check(f"{base}/", context="plan page while a caseworker looks")
