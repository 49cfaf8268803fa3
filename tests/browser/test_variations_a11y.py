"""axe finds nothing on the variation pages, in English and Welsh, with and without
errors: every question of the journey, check answers, the confirmation, the other
parent's response page and the case page's section."""

import pytest

from tests.browser.helpers import submit_form

LANGUAGES = ["", "/cy"]


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
    submit_form(page)  # nothing chosen: the error summary
    check(context="ground with an error")
    page.locator("[name='ground'][value='contact_costs']").check()
    submit_form(page)
    check(context="amount")
    submit_form(page)
    check(context="amount with an error")
    page.locator("[name='amount']").fill("60")
    submit_form(page)
    check(context="period")
    submit_form(page)
    check(context="period with an error")
    page.locator("[name='period'][value='month']").check()
    submit_form(page)
    check(context="details")
    submit_form(page)
    check(context="details with an error")
    page.locator("[name='details']").fill("Train fares")
    submit_form(page)
    check(context="evidence")
    submit_form(page)
    check(context="check answers")
    submit_form(page)
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
    submit_form(other)
    assert_accessible(other, "response with an error")
    other.locator("[name='response']").fill("I do not agree")
    submit_form(other)
    assert_accessible(other, "response sent")
    other.close()
