"""axe finds nothing on every sign-in, account and two-step verification page, in
English and Welsh, including their error states; the QR code shows under our CSP."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from cms_portal.accounts.mfa import mark_session_mfa_completed

PREFIXES = ["", "/cy"]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def plant_session(live_server):
    """Signs `page` in as `user` (optionally with two-step verification done)."""

    def plant(page, user, with_mfa=False):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if with_mfa:
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

    return plant


def visit(page, live_server, path, assert_accessible):
    response = page.goto(live_server.url + path)
    assert response.status < 500, path
    assert_accessible(page, path)
    return response


ANONYMOUS = [
    "/accounts/login/",
    "/accounts/login/?as=parent",
    "/accounts/login/?as=employer",
    "/accounts/login/?next=/admin/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/no-such-key/",
    "/accounts/password/reset/key/1-no-such-key/",
    "/accounts/password/reset/key/done/",
    "/accounts/inactive/",
    "/accounts/email/confirmed/",
    "/signed-out/?reason=expired",
    "/signed-out/?reason=signed-out",
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_anonymous_account_pages(page, live_server, assert_accessible, prefix):
    for path in ANONYMOUS:
        visit(page, live_server, prefix + path, assert_accessible)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_forms_with_errors(page, live_server, assert_accessible, prefix):
    page.goto(f"{live_server.url}{prefix}/accounts/login/")
    page.locator("button.govuk-button:not(.govuk-password-input__toggle)").last.click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page, "sign in with errors")
    page.goto(f"{live_server.url}{prefix}/accounts/signup/")
    page.fill("#email", "someone@example.test")
    page.fill("#password1", "short")
    page.fill("#password2", "different")
    page.locator("main form button[type=submit]").last.click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.input_value("#email") == "someone@example.test"
    assert_accessible(page, "sign up with errors")
    page.goto(f"{live_server.url}{prefix}/accounts/password/reset/")
    page.fill("#email", "not an email")
    page.locator("main form button[type=submit]").last.click()
    assert_accessible(page, "reset with errors")


def test_password_can_be_shown_and_pasted(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#password", "pasted in from a manager")
    toggle = page.locator(".govuk-password-input__toggle")
    toggle.click()
    assert page.get_attribute("#password", "type") == "text"
    toggle.click()
    assert page.get_attribute("#password", "type") == "password"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_reset_and_confirmation_links(page, live_server, assert_accessible, make_user, prefix):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from cms_portal.accounts.tokens import OneHourPasswordResetTokenGenerator

    user = make_user()
    key = f"{user_pk_to_url_str(user)}-{OneHourPasswordResetTokenGenerator().make_token(user)}"
    visit(page, live_server, f"{prefix}/accounts/password/reset/key/{key}/", assert_accessible)
    assert page.locator("#password1").is_visible()
    unconfirmed = make_user()
    address = EmailAddress.objects.get(user=unconfirmed)
    address.verified = False
    address.save()
    confirmation = EmailConfirmationHMAC(address)
    visit(
        page, live_server, f"{prefix}/accounts/confirm-email/{confirmation.key}/", assert_accessible
    )
    assert page.locator("main form button").last.is_visible()


SIGNED_IN = [
    "/your-account/",
    "/accounts/password/change/",
    "/accounts/password/changed/",
    "/accounts/email/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_signed_in_parent_pages(
    page, live_server, assert_accessible, make_user, plant_session, prefix
):
    plant_session(page, make_user())
    for path in SIGNED_IN:
        visit(page, live_server, prefix + path, assert_accessible)
    page.goto(f"{live_server.url}{prefix}/accounts/password/change/")
    page.locator("main form button[type=submit]").last.click()
    assert_accessible(page, "change password with errors")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_set_up_page_shows_the_qr_code_under_the_csp(
    page, live_server, assert_accessible, make_user, prefix
):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    make_user(email="parent@example.test")
    page.goto(f"{live_server.url}{prefix}/accounts/login/")
    page.fill("#login", "parent@example.test")
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    visit(page, live_server, prefix + "/accounts/2fa/totp/activate/", assert_accessible)
    qr = page.locator("img.app-qr-code")
    assert page.evaluate("image => image.complete && image.naturalWidth > 0", qr.element_handle())
    assert not blocked
    page.locator("main form button[type=submit]").last.click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "set up with errors")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_caseworker_two_step_pages(
    page, live_server, assert_accessible, caseworker, plant_session, prefix
):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(caseworker)
    plant_session(page, caseworker, with_mfa=True)
    for path in [
        "/accounts/2fa/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/2fa/totp/deactivate/",
        "/accounts/2fa/reauthenticate/",
        "/your-account/",
    ]:
        visit(page, live_server, prefix + path, assert_accessible)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_code_step_and_lockout_pages(page, live_server, assert_accessible, caseworker, prefix):
    from django.test import Client

    from tests.fixtures.accounts import CASEWORKER_PASSWORD

    page.goto(f"{live_server.url}{prefix}/accounts/login/?next=/admin/")
    page.fill("#login", caseworker.email)
    page.fill("#password", CASEWORKER_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page, "code step")
    page.fill("#code", "000000")
    page.locator("main form button[type=submit]").last.click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "code step with error")

    page.context.clear_cookies()  # leave the half-finished sign-in behind
    client = Client()
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": "locked@example.test", "password": "wrong guess here"}
        )
    page.goto(f"{live_server.url}{prefix}/accounts/login/")
    page.fill("#login", "locked@example.test")
    page.fill("#password", "wrong guess here")
    with page.expect_response(lambda response: response.status == 429):
        page.locator("main form button[type=submit]").last.click()
    assert_accessible(page, "lockout page")
