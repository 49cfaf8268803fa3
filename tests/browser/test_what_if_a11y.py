"""axe finds nothing on the "what if" pages (choose an answer, give its new value, the
result), with and without errors, for the paying and a receiving parent, and the result's
"Report this change" link opens the report-a-change form with the answers filled in."""

from playwright.sync_api import expect


def _submit(page):
    page.locator("main form[method='post'] button.govuk-button").first.click()


def test_what_if_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, make_case, make_user
):
    paying_user = make_user(full_name="Pat Paying")
    receiving_user = make_user(full_name="Robin Receiving")
    case = make_case(
        paying_user=paying_user,
        receiving_user=receiving_user,
        service_type="collect_and_pay",
        children=2,
        nights=60,
    )
    case_url = f"{live_server.url}/account/cases/{case.reference}"
    sign_in_browser(page, paying_user)
    check(f"{case_url}/", "case page")
    page.get_by_role("link", name="See how a change would affect the amount").click()
    check(context="what if: choose")
    _submit(page)
    check(context="what if: choose with errors")
    page.locator("[name='answer'][value='income']").check()
    _submit(page)
    check(context="what if: income")
    page.fill("[name='amount']", "lots")
    _submit(page)
    check(context="what if: income with errors")
    page.fill("[name='amount']", "700")
    _submit(page)
    expect(page.locator("h1")).to_have_text("How the change would affect the amount")
    check(context="what if: result")
    page.get_by_role("link", name="Report this change").click()
    expect(page.locator("[name='amount']")).to_have_value("700.00")
    for key in ("benefit", "other-children"):
        check(f"{case_url}/what-if/{key}/", f"what if: {key}")
        _submit(page)
        check(context=f"what if: {key} result")

    page.context.clear_cookies()
    sign_in_browser(page, receiving_user)
    check(f"{case_url}/what-if/", "what if: choose (receiving)")
    page.locator("[name='answer'][value^='nights-']").first.check()
    _submit(page)
    check(context="what if: nights (receiving)")
    page.fill("[name='nights']", "400")
    _submit(page)
    check(context="what if: nights with errors (receiving)")
    page.fill("[name='nights']", "180")
    _submit(page)
    check(context="what if: nights result (receiving)")
