"""axe finds nothing on the pages for a copy of your data, in English: the account page
that offers it, asking, waiting, ready, the password page before the download, expired."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def check(page, assert_accessible):
    def visit(url=None):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        expect(page.locator(".govuk-exit-this-page")).to_have_count(1)
        assert_accessible(page, page.url)

    return visit


def test_data_request_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, make_case, make_user
):
    from data_requests.models import DataRequest

    user = make_user(full_name="Pat Paying")
    make_case(paying_user=user)
    sign_in_browser(page, user)
    check(f"{live_server.url}/your-account/")
    page.get_by_role("link", name="Download a copy of your data").click()
    check()
    expect(page.locator("h1")).to_have_text("Download a copy of your data")

    # Tasks run in-process here, so the file is ready by the time the page loads.
    page.locator("main form[method='post'] button.govuk-button").click()
    check()
    expect(page.locator("h1")).to_have_text("Your file is ready")

    page.get_by_role("button", name="Download your data").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Enter your password to continue")
    main_text = page.locator("main").inner_text()
    assert "download a copy of your data" in main_text

    pending = DataRequest.objects.create(user=user)
    check(f"{live_server.url}/your-account/your-data/{pending.public_id}/")
    expect(page.locator("h1")).to_have_text("We are preparing your file")
    pending.status = "expired"
    pending.save(update_fields=["status"])
    check(f"{live_server.url}/your-account/your-data/{pending.public_id}/")
    expect(page.locator("h1")).to_have_text("This file has been deleted")
