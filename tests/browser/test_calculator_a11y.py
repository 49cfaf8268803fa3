"""axe finds nothing on every calculator page, in English and Welsh, including a page
showing errors, walking the journey as a person would (JavaScript on)."""

import pytest

pytestmark = pytest.mark.browser

BASE = "/calculate/"


def _continue(page):
    name = "Parhau" if "/cy/" in page.url else "Continue"
    page.get_by_role("button", name=name).click()


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_calculator_page_is_accessible(page, live_server, assert_accessible, prefix):
    base = live_server.url + prefix + BASE

    def check(label):
        assert_accessible(page, f"{prefix or '/'} {label}: {page.url}")

    page.goto(base)
    check("start page")
    page.locator(".govuk-button--start").click()

    page.wait_for_url(base + "circumstances/")
    check("circumstances")
    _continue(page)  # nothing chosen: the error page
    assert page.locator(".govuk-error-summary").is_visible()
    check("circumstances with an error")
    page.locator("input[name='circumstances'][value='none']").check()
    _continue(page)

    page.wait_for_url(base + "benefits/")
    check("benefits")
    page.locator("input[name='benefits'][value='none']").check()
    _continue(page)

    page.wait_for_url(base + "income/")
    check("income")
    page.locator("#amount").fill("not money")
    _continue(page)
    check("income with errors")
    page.locator("#amount").fill("850")
    page.locator("input[name='period'][value='week']").check()
    _continue(page)

    page.wait_for_url(base + "receiving-parents/")
    check("receiving parents")
    page.locator("#receiving_parents").fill("2")
    _continue(page)

    for parent, children in ((1, "1"), (2, "2")):
        page.wait_for_url(base + f"children/{parent}/")
        check(f"children of parent {parent}")
        page.locator("#children").fill(children)
        _continue(page)

    page.wait_for_url(base + "other-children/")
    check("other children")
    page.locator("input[name='other_children'][value='1']").check()
    _continue(page)

    page.wait_for_url(base + "shared-care/")
    check("shared care")
    page.locator("input[name='shared_care'][value='yes']").check()
    _continue(page)

    for parent, child, band in (
        (1, 1, "fewer_than_52"),
        (2, 1, "175_or_more"),
        (2, 2, "156_to_174"),
    ):
        page.wait_for_url(base + f"nights/{parent}/{child}/")
        check(f"nights for child {child} of parent {parent}")
        page.locator(f"input[name='nights'][value='{band}']").check()
        _continue(page)

    page.wait_for_url(base + "check-your-answers/")
    check("check your answers")
    page.goto(base + "result/")
    assert page.locator("h1").is_visible()
    check("result")
    assert page.get_by_role(
        "button", name="Exit this page" if not prefix else "Gadael y dudalen hon"
    ).first.is_visible()
