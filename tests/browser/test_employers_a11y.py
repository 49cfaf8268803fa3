"""axe finds nothing on every employer page, in English and Welsh, including the pages
with errors; and the case page's deductions fragment for the paying parent."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone

from cms_portal.accounts.mfa import mark_session_mfa_completed

PREFIXES = ["", "/cy"]


@pytest.fixture
def employer_browser(live_server):
    """Signs `page` in as `user`, with two-step verification done (employer admins need it)."""

    def sign_in(page, user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        mark_session_mfa_completed(session, user)
        session.save()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in


def visit(page, live_server, path, assert_accessible):
    response = page.goto(live_server.url + path)
    assert response.status < 500, path
    assert_accessible(page, path)
    return response


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_employer_page(
    page, live_server, assert_accessible, employer_world, employer_browser, prefix
):
    employer_browser(page, employer_world.admin)
    for path in employer_world.urls:
        assert visit(page, live_server, prefix + path, assert_accessible).status == 200, path


def submit(page):
    page.locator("main form[method=post] button.govuk-button").last.click()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_forms_with_errors(
    page, live_server, assert_accessible, employer_world, employer_browser, prefix, tmp_path
):
    employer_browser(page, employer_world.admin)
    order = employer_world.active
    month = timezone.localdate().replace(day=1)
    for path in (
        reverse("employers:report_return", kwargs={"reference": order.reference}),
        reverse("employers:report_leaver", kwargs={"reference": order.reference}),
        reverse("employers:schedule_start"),
        reverse("employers:invite"),
        reverse("employers:pay_month", kwargs={"month": f"{month:%Y-%m}"}),
        reverse("employers:upload"),
        reverse("employers:activate"),
    ):
        page.goto(live_server.url + prefix + path)
        submit(page)
        assert page.locator(".govuk-error-summary").is_visible(), path
        assert_accessible(page, f"{path} with errors")

    bad_file = tmp_path / "payroll.csv"
    bad_file.write_text(
        "order_reference,payroll_number,pay_date,net_earnings\r\n"
        + "".join(f"12,P{i},2026-02-30,=1\r\n" for i in range(15))
    )
    page.goto(live_server.url + prefix + reverse("employers:upload"))
    page.set_input_files("#deductions_file", str(bad_file))
    submit(page)
    assert page.locator("#problems").is_visible()
    assert_accessible(page, "upload with problems")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_reporting_a_deduction_end_to_end(
    page, live_server, assert_accessible, employer_world, employer_browser, make_order, prefix
):
    order = make_order(employer_world.employer)
    employer_browser(page, employer_world.member)
    page.goto(
        live_server.url
        + prefix
        + reverse("employers:report_return", kwargs={"reference": order.reference})
    )
    pay_date = timezone.localdate() - timedelta(days=1)
    page.fill("#pay_date-day", str(pay_date.day))
    page.fill("#pay_date-month", str(pay_date.month))
    page.fill("#pay_date-year", str(pay_date.year))
    page.fill("#net_earnings", "300")
    submit(page)
    assert "/check/" in page.url
    assert_accessible(page, "check the deduction")
    submit(page)
    assert page.locator(".govuk-panel").is_visible()
    assert_accessible(page, "deduction reported")


def test_the_paying_parents_case_page_shows_the_deductions(
    page, live_server, assert_accessible, employer_world, employer_browser
):
    order = employer_world.active
    employer_browser(page, order.employee.user)
    path = reverse("cases:detail", kwargs={"reference": order.case.reference})
    page.goto(live_server.url + path)
    assert page.get_by_text(employer_world.employer.name).first.is_visible()
    assert_accessible(page, "case page with deductions")
