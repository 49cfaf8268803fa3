"""axe finds nothing on the alerts pages in English: the summary, the choices with and
without errors, the safeguarding question with and without an error, and the
confirmation; the account page's Alerts row links to them."""

from playwright.sync_api import expect

from tests.browser.helpers import phone_width_problems


def test_alerts_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, assert_accessible, make_case, make_user
):
    parent = make_user(full_name="Robin Receiving")
    make_case(safeguarding=True, paying_user=make_user(), receiving_user=parent)
    sign_in_browser(page, parent)

    def check(context):
        page.wait_for_load_state()
        expect(page.locator(".govuk-exit-this-page")).to_have_count(1)
        assert_accessible(page, context)
        too_wide = phone_width_problems(page)
        assert not too_wide, "\n".join(too_wide)

    def submit():
        page.locator("main form[method='post'] button.govuk-button").first.click()
        page.wait_for_load_state()

    page.goto(f"{live_server.url}/your-account/")
    page.get_by_role("link", name="Change alerts").click()
    check("alerts summary")
    page.get_by_role("button", name="Change your alerts").click()
    check("choose alerts")
    page.locator("[name='mobile_number']").fill("not a number")
    page.locator("[name='decision_made'][value='sms']").check()
    submit()
    check("choose alerts with an error")
    page.locator("[name='mobile_number']").fill("07700 900 982")
    submit()
    check("texts on a locked screen")
    submit()
    check("texts on a locked screen with an error")
    page.locator("[name='confirm'][value='yes']").check()
    submit()
    expect(page.locator("h1")).to_have_text("Your alerts have been saved")
    check("alerts saved")
