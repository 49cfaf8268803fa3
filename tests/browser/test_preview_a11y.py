"""axe finds nothing on the previews of what the other parent sees (the case page and a
decision page, each way, and the page saying a preview cannot be shown), and the
preview's own links and buttons do nothing."""

from playwright.sync_api import expect


def test_preview_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, assert_accessible, make_case, make_user
):
    paying_user, receiving_user = make_user(), make_user()
    case = make_case(
        service_type="collect_and_pay", paying_user=paying_user, receiving_user=receiving_user
    )
    paying, receiving = case.parties.get(role="paying"), case.parties.get(role="receiving")
    decision = case.decisions.get()
    case_url = f"{live_server.url}/account/cases/{case.reference}"
    for user, other in ((paying_user, receiving), (receiving_user, paying)):
        page.context.clear_cookies()
        sign_in_browser(page, user)
        page.goto(f"{case_url}/")
        page.get_by_role("link", name="Preview what the other parent sees").click()
        page.wait_for_load_state()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            "You cannot change anything here."
        )
        assert_accessible(page, f"case preview as {other.role}")
        # Nothing in the previewed page leads anywhere.
        expect(page.locator("main a[href]")).to_have_count(1)  # the banner's way back
        page.goto(f"{case_url}/decisions/{decision.public_id}/preview/{other.public_id}/")
        assert_accessible(page, f"decision preview as {other.role}")
        expect(page.locator("main a[href]")).to_have_count(1)


def test_unavailable_preview_has_no_axe_violations(
    page, live_server, sign_in_browser, assert_accessible, make_case, make_user
):
    receiving_user = make_user()
    case = make_case(
        paying_user=make_user(), receiving_users=[receiving_user, make_user()], receiving_parents=2
    )
    paying = case.parties.get(role="paying")
    sign_in_browser(page, receiving_user)
    page.goto(f"{live_server.url}/account/cases/{case.reference}/preview/{paying.public_id}/")
    expect(page.locator("h1")).to_have_text("We cannot show you this preview")
    assert_accessible(page, "preview unavailable")
