"""axe finds nothing on the complaint pages, in English, with and without errors: the
start page, each question, the file page, check answers, the confirmation, Your
complaints, the complaint page after answers (with the stage 2 request and the
outside bodies)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import phone_width_problems


@pytest.fixture
def check(page, assert_accessible):
    def visit(url=None):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        assert_accessible(page, page.url)
        too_wide = phone_width_problems(page)
        assert not too_wide, "\n".join(too_wide)

    return visit


def _continue(page):
    page.locator("main form[method='post'] button.govuk-button").click()


def test_complaint_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, make_case, make_user
):
    from complaints import services
    from complaints.models import Complaint

    user = make_user(full_name="Pat Paying")
    case = make_case(paying_user=user)
    check(f"{live_server.url}/complaints/")
    expect(page.locator("h1")).to_have_text("Make a complaint")

    sign_in_browser(page, user)
    check(f"{live_server.url}/account/cases/{case.reference}/")
    page.get_by_role("link", name="Make a complaint").first.click()
    check()

    # Errors first, then the answers.
    _continue(page)
    check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Payments").check()
    _continue(page)
    check()
    _continue(page)
    check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("What happened?").fill("My payment was late.")
    page.get_by_label("What do you want us to do to put it right?").fill("An apology.")
    _continue(page)
    check()
    _continue(page)  # no file
    check()
    expect(page.locator("h1")).to_have_text("Check your answers before sending your complaint")
    page.get_by_role("button", name="Send complaint").click()
    check()
    expect(page.locator("h1")).to_have_text("Complaint sent")

    check(f"{live_server.url}/complaints/your-complaints/")
    complaint = Complaint.objects.get()
    services.answer_review(acting_user=None, review=complaint.reviews.get(), answer="Sorry.")
    detail = f"{live_server.url}/complaints/{complaint.public_id}/"
    check(detail)
    page.get_by_role("button", name="Ask for a stage 2 review").click()
    _continue(page)
    check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Why does our answer not settle your complaint?").fill("Not explained.")
    _continue(page)
    check()
    services.answer_review(
        acting_user=None, review=complaint.reviews.get(stage=2), answer="Still sorry."
    )
    check(detail)
    expect(page.locator("main")).to_contain_text("Independent Case Examiner")
