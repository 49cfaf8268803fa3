"""axe finds nothing on the pages for asking us to close a case, with and without errors:
what happens, why, from when, check answers, the confirmation, the case page with the
request waiting, and the case page and a blocked page once the case has closed."""

from django.utils import timezone

from tests.browser.helpers import submit_form


def test_closing_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, make_case, make_user
):
    from cases import services
    from cases.models import ClosureRequest

    paying_user = make_user(full_name="Pat Paying")
    case = make_case(service_type="collect_and_pay", paying_user=paying_user)
    base = f"{live_server.url}/account/cases/{case.reference}"
    sign_in_browser(page, paying_user)

    check(f"{base}/close/", context="what happens when a case closes")
    page.locator("main a.govuk-button").click()
    check(context="why")
    submit_form(page)
    check(context="why with an error")
    page.locator("[name='reason'][value='other']").check()
    submit_form(page)
    check(context="why with another reason and no words")
    page.locator("[name='details']").fill("We have moved abroad")
    submit_form(page)
    check(context="when")
    page.locator("[name='wanted_from-day']").fill("31")
    page.locator("[name='wanted_from-month']").fill("2")
    page.locator("[name='wanted_from-year']").fill("2027")
    submit_form(page)
    check(context="when with an error")
    today = timezone.localdate()
    page.locator("[name='wanted_from-day']").fill(str(today.day))
    page.locator("[name='wanted_from-month']").fill(str(today.month))
    page.locator("[name='wanted_from-year']").fill(str(today.year))
    submit_form(page)
    check(context="check answers")
    submit_form(page)
    check(context="confirmation")
    check(f"{base}/", context="case page with the request waiting")

    services.confirm_closure(
        acting_user=make_user(is_staff=True),
        closure_request=ClosureRequest.objects.get(),
        effective_date=today,
    )
    check(f"{base}/", context="closed case page")
    check(f"{base}/changes/", context="report a change on a closed case")
