"""axe finds nothing on the Welsh pages of enforcement, complaints and arrears plans:
each parent's case page with an enforcement timeline, the complaint questions (with an
error), your complaints and an answered complaint with the stage 2 review and the
outside bodies, and the arrears plan start, amount (with an error) and plan pages."""

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.browser.helpers import submit_form

WELSH = "/cy"


@pytest.fixture
def check(page, assert_accessible):
    def visit(url=None, context=""):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "cy"
        assert_accessible(page, context or page.url)

    return visit


@pytest.mark.django_db(transaction=True)
def test_welsh_enforcement_complaint_and_plan_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, make_case, make_user, caseworker
):
    from arrears_plans.services import request_arrears_plan
    from cases.selectors import CaseAccess
    from complaints import services as complaint_services
    from payments.dates import business_date
    from payments.jobs import NIGHTLY_ORDER, run_job_now
    from payments.services.enforcement_process import start_stage

    today = business_date()
    paying_user, receiving_user = make_user(), make_user()
    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=today - timedelta(days=40),
        paying_user=paying_user,
        receiving_user=receiving_user,
    )
    for job in NIGHTLY_ORDER:
        run_job_now(job, today)
    start_stage(
        acting_user=caseworker, case=case, stage="rdo", on_date=today, idempotency_key="cy-rdo"
    )
    base = f"{live_server.url}{WELSH}"
    case_url = f"{base}/account/cases/{case.reference}/"

    sign_in_browser(page, receiving_user)
    check(case_url, "receiving parent's case page with enforcement")
    assert page.locator("#enforcement").is_visible()

    page.context.clear_cookies()
    sign_in_browser(page, paying_user)
    check(case_url, "paying parent's case page with enforcement")
    assert page.locator("#enforcement").is_visible()

    # Arrears plan: start, the amount with an error, then the plan agreed at once.
    plan_base = f"{case_url}arrears-plan"
    check(f"{plan_base}/agree/", "plan start")
    page.goto(f"{plan_base}/agree/amount/")
    submit_form(page)
    check(context="plan amount with an error")
    paying = case.parties.get(role="paying")
    request_arrears_plan(
        acting_user=paying_user,
        access=CaseAccess(case=case, party=paying),
        amount=Decimal("50.00"),
    )
    check(f"{plan_base}/", "plan page")

    # Complaints: start, a question with an error, the list and an answered complaint.
    check(f"{base}/complaints/", "complaint start")
    page.goto(f"{base}/complaints/new/about/")
    submit_form(page)
    check(context="complaint about, with an error")
    complaint = complaint_services.submit_complaint(
        acting_user=paying_user,
        topic="payments",
        case=case,
        what_happened="Roedd fy nhaliad yn hwyr.",
        wanted_outcome="Ymddiheuriad.",
    )
    check(f"{base}/complaints/your-complaints/", "your complaints")
    complaint_services.answer_review(
        acting_user=None, review=complaint.reviews.get(), answer="Mae'n ddrwg gennym."
    )
    check(f"{base}/complaints/{complaint.public_id}/", "answered complaint")
    page.goto(f"{base}/complaints/{complaint.public_id}/review/")
    submit_form(page)
    check(context="stage 2 review with an error")
