"""axe finds nothing on every site page, in English and Welsh, with the cookie banner
shown and after it is hidden."""

import pytest

SITE_PAGES = [
    "/",
    "/cookies/",
    "/accessibility/",
    "/privacy/",
    "/contact/",
    "/help/",
    "/signed-out/?reason=timeout",
    "/page-that-does-not-exist/",
]


@pytest.mark.parametrize("language_prefix", ["", "/cy"])
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_has_no_axe_violations_with_banner(
    page, live_server, assert_accessible, language_prefix, path
):
    page.goto(live_server.url + language_prefix + path)
    assert page.locator(".govuk-cookie-banner").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language_prefix", ["", "/cy"])
def test_cookie_banner_accept_then_hide_is_accessible(
    page, live_server, assert_accessible, language_prefix
):
    page.goto(live_server.url + language_prefix + "/")
    page.locator(".govuk-cookie-banner button[value='accept']").click()
    confirmation = page.locator(".govuk-cookie-banner")
    assert confirmation.is_visible()
    assert_accessible(page, "cookie confirmation")
    page.locator(".govuk-cookie-banner button[value='hide']").click()
    assert page.locator(".govuk-cookie-banner").count() == 0 or not confirmation.is_visible()
    assert_accessible(page, "banner hidden")
    page.goto(live_server.url + language_prefix + "/help/")
    assert page.locator(".govuk-cookie-banner").count() == 0
    assert_accessible(page, "later page without banner")


def test_exit_this_page_clears_the_session_and_leaves(page, live_server):
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>"),
    )
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Exit this page").first.click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
