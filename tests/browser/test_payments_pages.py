"""axe finds nothing on any payments page, in English and Welsh, for the paying and the
receiving parent, on Collect and Pay and Direct Pay, with and without errors; "Exit this
page" is on every one."""

import pytest
from django.urls import reverse

LANGUAGES = ["", "/cy"]


@pytest.fixture
def money_cases(make_case, make_user, run_nightly, pay, days_ago):
    """A Collect and Pay case with arrears, a plan, payments passed on and enforcement,
    and a Direct Pay case, each with a signed-up paying and receiving parent."""
    from payments.services import agree_payment_plan, post_enforcement_charge

    users = {
        role: make_user(full_name=f"{role.title()} Parent")
        for role in ("paying", "receiving", "dp_paying", "dp_receiving")
    }
    collect = make_case(
        service_type="collect_and_pay",
        paying_user=users["paying"],
        receiving_user=users["receiving"],
        payment_frequency="weekly",
        effective_date=days_ago(20),
    )
    direct = make_case(
        paying_user=users["dp_paying"],
        receiving_user=users["dp_receiving"],
        effective_date=days_ago(20),
    )
    for day in (20, 13, 6, 5, 1, 0):
        run_nightly(days_ago(day))
        if day in (13, 1):
            pay(collect, "72.00", received_on=days_ago(day))
    post_enforcement_charge(
        acting_user=None,
        case=collect,
        kind="rdo",
        on_date=days_ago(2),
        idempotency_key="browser-rdo",
    )
    agree_payment_plan(
        acting_user=None, case=collect, amount_per_instalment="10.00", starts_on=days_ago(0)
    )
    return users, collect, direct


def _url(live_server, prefix, name, case, **query):
    url = (
        live_server.url + prefix + reverse(f"payments:{name}", kwargs={"reference": case.reference})
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _check(page, assert_accessible, url, context=""):
    page.goto(url)
    assert page.locator(".govuk-exit-this-page").count() == 1, url
    assert_accessible(page, context or url)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_collect_and_pay_pages_are_accessible(
    page, live_server, sign_in_browser, assert_accessible, money_cases, prefix
):
    users, collect, _direct = money_cases
    sign_in_browser(page, users["paying"])
    for name in ("overview", "schedule", "statement", "how_to_pay"):
        _check(page, assert_accessible, _url(live_server, prefix, name, collect))
    _check(
        page,
        assert_accessible,
        _url(
            live_server,
            prefix,
            "statement",
            collect,
            **{"date_from-day": "32", "date_from-month": "1", "date_from-year": "2025"},
        ),
        "statement with an error",
    )
    assert page.locator(".govuk-error-summary").count() == 1
    page.context.clear_cookies()
    sign_in_browser(page, users["receiving"])
    for name in ("overview", "schedule", "statement"):
        _check(page, assert_accessible, _url(live_server, prefix, name, collect))


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_direct_pay_pages_and_reporting_a_missed_payment_are_accessible(
    page, live_server, sign_in_browser, assert_accessible, money_cases, prefix
):
    users, _collect, direct = money_cases
    sign_in_browser(page, users["dp_receiving"])
    for name in ("overview", "schedule", "statement"):
        _check(page, assert_accessible, _url(live_server, prefix, name, direct))
    _check(page, assert_accessible, _url(live_server, prefix, "report_missed", direct))
    page.locator("main form button.govuk-button").click()
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page, "report missed payment with errors")
    page.locator("input[name='due_date']").first.check()
    page.locator("input[name='amount_received']").fill("12.50")
    page.locator("main form button.govuk-button").click()
    assert page.locator(".govuk-panel").count() == 1
    assert page.locator(".govuk-exit-this-page").count() == 1
    assert_accessible(page, "missed payment reported")
    page.context.clear_cookies()
    sign_in_browser(page, users["dp_paying"])
    _check(page, assert_accessible, _url(live_server, prefix, "how_to_pay", direct))


def test_the_date_filter_and_csv_link_work_without_javascript(
    browser, live_server, sign_in_browser, money_cases
):
    users, collect, _direct = money_cases
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in_browser(page, users["paying"])
    page.goto(_url(live_server, "", "statement", collect))
    page.locator("summary").click()
    page.locator("input[name='date_to-day']").fill("1")
    page.locator("input[name='date_to-month']").fill("1")
    page.locator("input[name='date_to-year']").fill("2020")
    page.get_by_role("button", name="Show payments").click()
    assert "There are no payments to show" in page.content()
    assert "date_to-year=2020" in page.url
    context.close()
