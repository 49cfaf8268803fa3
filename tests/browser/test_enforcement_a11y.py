"""The case page with an enforcement timeline passes axe (English)."""

from decimal import Decimal

import pytest

from payments.services.enforcement_process import start_stage


@pytest.mark.django_db(transaction=True)
def test_case_page_with_an_enforcement_timeline_is_accessible(
    page, live_server, assert_accessible, sign_in_browser, make_case, make_user, caseworker
):
    from datetime import timedelta

    from payments.dates import business_date
    from payments.jobs import NIGHTLY_ORDER, run_job_now

    today = business_date()
    user = make_user()
    case = make_case(
        service_type="collect_and_pay",
        payment_frequency="weekly",
        effective_date=today - timedelta(days=40),
        paying_user=user,
    )
    for job in NIGHTLY_ORDER:
        run_job_now(job, today)
    start_stage(
        acting_user=caseworker,
        case=case,
        stage="rdo",
        on_date=today,
        idempotency_key="axe-rdo",
    )
    assert case.enforcement_cases.get().arrears_when_opened > Decimal(0)
    sign_in_browser(page, user)
    page.goto(f"{live_server.url}/account/cases/{case.reference}/")
    assert page.locator("#enforcement").is_visible()
    assert_accessible(page)
