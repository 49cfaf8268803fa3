"""axe finds nothing on the apply and respond pages, in English and Welsh, with and
without errors: every question (including those only some answers lead to), the stop
pages, check answers, the declaration, the confirmation and status pages, and every
page of the other parent's response, including a refused payslip."""

from datetime import date

import pytest

from tests.applications.helpers import ANSWERS
from tests.applications.test_respond import RESPONSE
from tests.browser.helpers import submit_form
from tests.cases.conftest import PDF_BYTES

LANGUAGES = ["", "/cy"]
STOP_PAGES = ["northern-ireland", "cannot-apply", "get-help-first", "child-not-included"]


@pytest.fixture
def check(assert_accessible):
    def visit(page, url=None, context=""):
        if url:
            page.goto(url)
        page.wait_for_load_state()
        assert_accessible(page, context or page.url)

    return visit


def _fill(page, answers):
    for name, value in answers.items():
        field = page.locator(f"main [name='{name}']")
        kind = field.first.get_attribute("type")
        if kind == "radio":
            page.locator(f"main [name='{name}'][value='{value}']").check()
        elif kind == "checkbox":
            field.first.check()
        else:
            field.first.fill(value)


def _slug(page):
    return page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def _answer_pages(page, check, answers, until):
    """Checks each page as it comes, then empty (with its errors), then answers it."""
    while _slug(page) != until:
        slug = _slug(page)
        check(page, context=slug)
        submit_form(page)
        if _slug(page) != slug:
            continue  # an optional page: nothing to correct
        assert page.locator(".govuk-error-summary").count() == 1, slug
        check(page, context=f"{slug} with errors")
        _fill(page, answers[slug])
        submit_form(page)
        assert _slug(page) != slug, f"{slug} was not accepted"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_apply_and_respond_pages_have_no_axe_violations(
    page, browser, live_server, sign_in_browser, check, make_user, caseworker, prefix
):
    from applications import respond
    from applications.models import Application

    applicant = make_user()
    sign_in_browser(page, applicant)
    apply = f"{live_server.url}{prefix}/apply"

    check(page, f"{apply}/", "start")
    submit_form(page)
    _answer_pages(page, check, ANSWERS, until="check-your-answers")
    check(page, context="check answers")
    for reason in STOP_PAGES:
        check(page, f"{apply}/stop/{reason}/", f"stop page {reason}")

    # The pages only some answers lead to: a child of 16 or over, and no abuse.
    older = {
        "date_of_birth-day": "1",
        "date_of_birth-month": "1",
        "date_of_birth-year": str(date.today().year - 17),
    }
    page.goto(f"{apply}/child-1-date-of-birth/?change=1")
    _fill(page, older)
    submit_form(page)
    _answer_pages(
        page,
        check,
        {"child-1-education": {"in_education": "yes"}},
        until="check-your-answers",
    )
    page.goto(f"{apply}/domestic-abuse/?change=1")
    page.locator("main [name='domestic_abuse'][value='no']").check()
    submit_form(page)
    _answer_pages(
        page,
        check,
        {"payment-method": {"payment_method": "direct_pay"}},
        until="check-your-answers",
    )
    check(page, context="check answers after changes")
    check(page, f"{apply}/declaration/", "declaration")
    submit_form(page)
    check(page, context="declaration with errors")
    page.locator("main [name='confirm']").check()
    submit_form(page)
    check(page, context="application sent")
    application = Application.objects.get(user=applicant)
    check(page, f"{apply}/status/{application.reference}/", "status")
    check(page, f"{apply}/", "start with a sent application")

    code = respond.issue_response_code(acting_user=caseworker, application=application)
    other = browser.new_page()
    sign_in_browser(other, make_user())
    check(other, f"{live_server.url}{prefix}/respond/", "respond start")
    submit_form(other)
    check(other, context="respond start with errors")
    _fill(other, {"reference": application.reference, "code": "WRONG-CODE-0000"})
    submit_form(other)
    check(other, context="respond start with a wrong code")
    _fill(other, {"reference": application.reference, "code": code})
    submit_form(other)
    _answer_pages(other, check, RESPONSE, until="income")
    check(other, context="income")
    submit_form(other)
    check(other, context="income with errors")
    _fill(other, RESPONSE["income"])
    bad = {"name": "payslip.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}
    other.locator("main [name='payslip']").set_input_files(bad)
    submit_form(other)
    assert _slug(other) == "income"
    check(other, context="income with a refused payslip")
    good = {"name": "payslip.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    other.locator("main [name='payslip']").set_input_files(good)
    submit_form(other)
    _answer_pages(other, check, RESPONSE, until="check-your-answers")
    check(other, context="respond check answers")
    submit_form(other)
    check(other, context="respond check answers with errors")
    other.locator("main [name='confirm']").check()
    submit_form(other)
    check(other, context="response sent")
    other.close()
