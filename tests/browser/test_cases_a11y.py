"""axe finds nothing on any parents' page, in English and Welsh, with and without
errors; "Exit this page" is on every one and leaves with the session cleared."""

import re
import time

import pytest

from tests.cases.journey_data import valid_answers

LANGUAGES = ["", "/cy"]


def _reauthenticate(page, user):
    """Marks the browser's session as having just re-entered the password."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def _submit(page):
    page.locator("main form[method='post'] button.govuk-button").first.click()


def _fill(page, answers):
    for name, value in answers.items():
        field = page.locator(f"[name='{name}']")
        if field.count() == 0:
            continue
        kind = field.first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            page.locator(f"[name='{name}'][value='{value}']").check()
        elif field.first.evaluate("e => e.tagName") == "TEXTAREA":
            field.fill(value)
        else:
            field.fill(str(value))


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_parent_pages_have_no_axe_violations(
    page, live_server, sign_in_browser, check, prefix, make_case, make_user
):
    from cases import services
    from cases.journeys import JOURNEYS
    from cases.selectors import CaseAccess

    paying_user = make_user(full_name="Pat Paying")
    receiving_user = make_user(full_name="Robin Receiving")
    case = make_case(paying_user=paying_user, receiving_user=receiving_user)
    base = f"{live_server.url}{prefix}/account"
    case_url = f"{base}/cases/{case.reference}"
    sign_in_browser(page, receiving_user)
    page.goto(f"{base}/")
    _reauthenticate(page, receiving_user)
    receiving = case.parties.get(role="receiving")
    services.start_thread(
        acting_user=receiving_user,
        access=CaseAccess(case=case, party=receiving),
        subject="A question",
        body="Hello",
    )
    check(f"{base}/", "dashboard")
    check(f"{base}/activate/", "activate")
    _submit(page)
    check(context="activate with errors")
    check(f"{base}/activate/representative/", "activate representative")
    check(case_url + "/", "case page")
    check(f"{case_url}/decisions/{case.decisions.get().public_id}/", "decision page")
    check(f"{case_url}/changes/", "report a change")
    for kind, journey in JOURNEYS.items():
        if not journey.available_to(CaseAccess(case=case, party=receiving)):
            continue
        if journey.url_name:  # another area's page, checked with that area's pages
            continue
        check(f"{case_url}/changes/report/{kind}/", f"{kind} form")
        if kind != "service_type":
            _submit(page)
            check(context=f"{kind} form with errors")
        _fill(page, valid_answers(kind, case))
        _submit(page)
        assert "/check/" in page.url, (kind, page.url)
        check(context=f"{kind} check answers")
        _submit(page)
        check(context=f"{kind} confirmation")
    # The link sent to a new contact email: confirm, confirmed, and the used link again.
    from django.core import mail

    link = re.findall(
        r"https?://\S+/changes/email/confirm/\S+/",
        "\n".join(message.body for message in mail.outbox),
    )[-1]
    check(link, "confirm new email")
    _submit(page)
    check(context="new email confirmed")
    check(link, "used email link")
    check(f"{case_url}/changes/history/", "change history")
    # Challenge a decision.
    check(f"{case_url}/challenge/", "challenge: choose")
    _submit(page)
    check(context="challenge: choose with errors")
    page.locator("[name='decision']").first.check()
    _submit(page)
    check(context="challenge: reasons")
    _submit(page)
    check(context="challenge: reasons with errors")
    page.fill("[name='reasons']", "The income is wrong")
    _submit(page)
    check(context="challenge: evidence")
    page.locator("main a.govuk-button--secondary").click()
    check(context="challenge: check")
    _submit(page)
    check(context="challenge: sent")
    # Messages.
    check(f"{case_url}/messages/", "messages")
    check(f"{case_url}/messages/new/", "new message")
    _submit(page)
    check(context="new message with errors")
    page.fill("[name='subject']", "Another question")
    page.fill("[name='body']", "Hello again")
    _submit(page)
    check(context="message sent")
    page.locator("main a.govuk-link").first.click()
    check(context="thread")
    # Someone acting on your behalf.
    check(f"{case_url}/representatives/", "representatives")
    check(f"{case_url}/representatives/add/", "add representative")
    _submit(page)
    check(context="add representative with errors")
    _fill(
        page,
        {
            "full_name": "Ashley Adviser",
            "email": "adviser@example.test",
            "scopes": "view",
            "valid_until-day": "1",
            "valid_until-month": "1",
            "valid_until-year": str(time.localtime().tm_year + 1),
        },
    )
    _submit(page)
    check(context="representative check")
    _submit(page)
    check(context="representative added with code")
    check(f"{case_url}/representatives/", "representatives with one")
    page.locator("main a.govuk-link", has_text=re.compile("Ashley Adviser")).first.click()
    check(context="remove representative")
    _submit(page)
    check(context="representative removed")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_paying_parent_case_page_and_welsh_toggle(
    page, live_server, sign_in_browser, check, prefix, make_case, make_user
):
    user = make_user()
    case = make_case(
        paying_user=user,
        service_type="collect_and_pay",
        receiving_parents=2,
        nights=110,
        other_children=1,
    )
    sign_in_browser(page, user)
    check(f"{live_server.url}{prefix}/account/cases/{case.reference}/", "paying case page")
    check(f"{live_server.url}{prefix}/account/", "paying dashboard")


def test_exit_this_page_on_a_case_page_signs_out(
    page, live_server, sign_in_browser, make_case, make_user
):
    user = make_user()
    case = make_case(paying_user=user)
    sign_in_browser(page, user)
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body="<title>Weather</title>"),
    )
    page.goto(f"{live_server.url}/account/cases/{case.reference}/")
    page.get_by_role("button", name="Exit this page").first.click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.goto(f"{live_server.url}/account/cases/{case.reference}/")
    assert "/accounts/login/" in page.url
