"""axe finds nothing on the variation pages, in English and Welsh, with and without
errors: every question of the journey, check answers, the confirmation, the other
parent's response page and the case page's section."""

import pytest
from playwright.sync_api import expect

LANGUAGES = ["", "/cy"]


@pytest.fixture
def check(page, assert_accessible):
    def visit(url=None, context=""):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        expect(page.locator(".govuk-exit-this-page")).to_have_count(1)
        assert_accessible(page, context or page.url)

    return visit


def _submit(page):
    page.locator("main form[method='post'] button.govuk-button").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_variation_pages_have_no_axe_violations(
    page,
    live_server,
    sign_in_browser,
    check,
    assert_accessible,
    prefix,
    make_case,
    make_user,
    browser,
):
    from variations.models import VariationRequest

    paying_user = make_user(full_name="Pat Paying")
    receiving_user = make_user(full_name="Robin Receiving")
    case = make_case(paying_user=paying_user, receiving_user=receiving_user)
    base = f"{live_server.url}{prefix}/account/cases/{case.reference}"
    sign_in_browser(page, paying_user)

    check(f"{base}/variations/apply/")
    _submit(page)  # nothing chosen: the error summary
    check(context="ground with an error")
    page.locator("[name='ground'][value='contact_costs']").check()
    _submit(page)
    check(context="amount")
    _submit(page)
    check(context="amount with an error")
    page.locator("[name='amount']").fill("60")
    _submit(page)
    check(context="period")
    _submit(page)
    check(context="period with an error")
    page.locator("[name='period'][value='month']").check()
    _submit(page)
    check(context="details")
    _submit(page)
    check(context="details with an error")
    page.locator("[name='details']").fill("Train fares")
    _submit(page)
    check(context="evidence")
    _submit(page)
    check(context="check answers")
    _submit(page)
    check(context="confirmation")
    check(base + "/", context="case page with a request")

    variation = VariationRequest.objects.get()
    other = browser.new_page()
    sign_in_browser(other, receiving_user)
    other.goto(f"{base}/variations/{variation.public_id}/")
    other.wait_for_load_state()
    assert_accessible(other, "the request as the other parent sees it")
    other.goto(f"{base}/variations/{variation.public_id}/respond/")
    other.wait_for_load_state()
    assert_accessible(other, "response page")
    _submit(other)
    assert_accessible(other, "response with an error")
    other.locator("[name='response']").fill("I do not agree")
    _submit(other)
    assert_accessible(other, "response sent")
    other.close()
