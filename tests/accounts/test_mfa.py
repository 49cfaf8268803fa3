"""Two-step verification (TOTP): required for staff and employer admins, with no way
round it into /admin/; optional for parents; set up with a QR code under our CSP."""

import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from cms_portal.accounts.mfa import mfa_required
from tests.fixtures.accounts import CASEWORKER_PASSWORD

from .helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


class FakeMemberships:
    def __init__(self, roles):
        self.roles = roles

    def filter(self, role):
        return SimpleNamespace(exists=lambda: role in self.roles)


def person(is_staff=False, roles=None):
    return SimpleNamespace(
        is_authenticated=True,
        is_staff=is_staff,
        **({"employer_memberships": FakeMemberships(roles)} if roles is not None else {}),
    )


@pytest.mark.parametrize(
    "user,required",
    [
        (person(is_staff=True), True),
        (person(roles=["admin"]), True),
        (person(roles=["member"]), False),
        (person(roles=[]), False),
        (person(), False),  # no employers model yet: still answers
        (SimpleNamespace(is_authenticated=False), False),
    ],
)
def test_who_must_use_two_step_verification(user, required):
    assert mfa_required(user) is required


def code_now(secret):
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


# --- staff: no way into /admin/ without the second factor -------------------------


def test_staff_without_an_authenticator_are_sent_to_set_one_up(signed_in_client, make_user):
    client = signed_in_client(make_user(is_staff=True))
    for path in ("/admin/", "/admin/cms_portal/user/", "/link-your-account/", "/signed-in/"):
        assert client.get(path)["Location"] == "/accounts/2fa/totp/activate/", path
    assert client.get("/your-account/").status_code == 200  # explains why
    assert client.post("/accounts/logout/")["Location"] == "/signed-out/?reason=signed-out"


def test_force_logged_in_staff_with_an_authenticator_must_enter_a_code(
    caseworker, signed_in_client, totp_code_for
):
    client = signed_in_client(caseworker)  # a session that never did the code step
    response = client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    assert client.get("/admin/cms_portal/auditevent/").status_code == 302
    page = client.get(response["Location"])
    assert "Enter your security code to continue" in page.content.decode()
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 400
    right = client.post(response["Location"], {"code": totp_code_for(caseworker)})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_refuses_a_session_without_mfa_even_without_the_middleware(caseworker, rf):
    from django.contrib import admin
    from django.contrib.sessions.backends.db import SessionStore

    from cms_portal.accounts.mfa import mark_session_mfa_completed

    request = rf.get("/admin/")
    request.user = caseworker
    request.session = SessionStore()
    assert admin.site.has_permission(request) is False
    mark_session_mfa_completed(request.session, caseworker)
    assert admin.site.has_permission(request) is True


def test_admin_refuses_without_mfa_when_the_middleware_is_missing(
    caseworker, signed_in_client, settings
):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "MfaRequiredMiddleware" not in m]
    client = signed_in_client(caseworker)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_caseworker_client_fixture_can_use_admin(caseworker_client):
    assert caseworker_client.get("/admin/").status_code == 200


def test_mfa_user_client_fixture_gives_any_user_a_completed_session(mfa_user_client, make_user):
    user = make_user(is_staff=True)
    client = mfa_user_client(user)
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get("/admin/").status_code == 200


def test_non_staff_cannot_use_admin(signed_in_client, make_user):
    assert signed_in_client(make_user()).get("/admin/").status_code in (302, 403)


def test_caseworker_signs_in_with_password_then_code(client, caseworker, totp_code_for):
    response = sign_in(client, caseworker.email, CASEWORKER_PASSWORD, next="/admin/")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not signed in until the code is right
    assert client.get("/admin/").status_code == 302
    page = client.get("/accounts/2fa/authenticate/")
    assert "Enter your security code" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 400
    assert "The code is not correct" in wrong.content.decode()
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code_for(caseworker)})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_codes_with_spaces_are_accepted(client, caseworker, totp_code_for):
    sign_in(client, caseworker.email, CASEWORKER_PASSWORD)
    code = totp_code_for(caseworker)
    response = client.post("/accounts/2fa/authenticate/", {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_five_wrong_codes_stop_the_code_step_for_15_minutes(client, caseworker, totp_code_for):
    sign_in(client, caseworker.email, CASEWORKER_PASSWORD)
    for _ in range(5):
        assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 400
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code_for(caseworker)})
    assert response.status_code == 400
    assert "You have entered the wrong code too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once_at_sign_in(client, make_user):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from tests.fixtures.accounts import give_totp

    user = make_user(is_staff=True)
    give_totp(user)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    sign_in(client, user.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, user.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 400


# --- setting it up -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # allauth sends the email on commit, inside the request
def test_staff_set_up_their_app_straight_after_signing_in(client, make_user):
    staff = make_user(is_staff=True)
    sign_in(client, staff.email)
    assert client.get("/signed-in/")["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")  # no second password prompt
    assert page.status_code == 200
    html = page.content.decode()
    assert "Set up two-step verification" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "img-src 'self' data:" in page["Content-Security-Policy"]
    assert "Your account needs two-step verification" in html
    secret = client.session["mfa.totp.secret"]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 400 and "The code is not correct" in wrong.content.decode()
    done = client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    assert done["Location"] == "/accounts/2fa/recovery-codes/?activated=1"
    codes_page = client.get(done["Location"]).content.decode()
    assert "Two-step verification is on" in codes_page and "Save your recovery codes" in codes_page
    assert codes_page.count("<li><code>") == 10
    assert "Two-step verification is on" in mail.outbox[-1].subject
    # Setting it up proved the factor: the admin works without another code.
    assert client.get("/admin/").status_code == 200


def test_empty_set_up_code(client, make_user):
    staff = make_user(is_staff=True)
    sign_in(client, staff.email)
    response = client.post("/accounts/2fa/totp/activate/", {"code": ""})
    assert response.status_code == 400
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()


def test_staff_cannot_turn_it_off(caseworker_client, caseworker):
    page = caseworker_client.get("/accounts/2fa/totp/deactivate/")
    assert "you cannot turn it off" in page.content.decode()
    response = caseworker_client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 400
    assert Authenticator.objects.filter(user=caseworker, type="totp").exists()


def test_parents_may_turn_it_on_and_off(client, make_user):
    parent = make_user()
    sign_in(client, parent.email)
    account = client.get("/your-account/").content.decode()
    assert "You can choose to use two-step verification" in account
    assert "Your account needs" not in client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = client.session["mfa.totp.secret"]
    client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    assert "Two-step verification is on" in client.get("/your-account/").content.decode()
    # A parent with the app is asked for a code at the next sign-in.
    client.post("/accounts/logout/")
    assert sign_in(client, parent.email)["Location"] == "/accounts/2fa/authenticate/"
    cache.clear()  # lets the same 30-second code be used again in this test
    assert client.post("/accounts/2fa/authenticate/", {"code": code_now(secret)}).status_code == 302
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response["Location"] == "/accounts/2fa/?turned_off=1"
    assert "Two-step verification is now off" in client.get(response["Location"]).content.decode()
    assert not Authenticator.objects.filter(user=parent).exists()


def test_account_page_tells_staff_it_is_required(caseworker_client):
    page = caseworker_client.get("/your-account/").content.decode()
    assert "Your account needs two-step verification" in page
    assert "You can choose to use two-step verification" not in page


def test_recovery_codes_can_be_renewed(caseworker_client, caseworker):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    old = RecoveryCodes.activate(caseworker).get_unused_codes()
    page = caseworker_client.get("/accounts/2fa/recovery-codes/generate/")
    assert page.status_code == 200
    response = caseworker_client.post("/accounts/2fa/recovery-codes/generate/")
    assert response["Location"] == "/accounts/2fa/recovery-codes/?generated=1"
    html = caseworker_client.get(response["Location"]).content.decode()
    assert "You have new recovery codes" in html
    assert old[0] not in html
    download = caseworker_client.get("/accounts/2fa/recovery-codes/download/")
    assert download["Content-Type"].startswith("text/plain")
    assert "recovery codes" in download.content.decode()


def test_two_step_verification_page(caseworker_client, signed_in_client, make_user):
    assert "Authenticator app" in caseworker_client.get("/accounts/2fa/").content.decode()
    page = signed_in_client(make_user()).get("/accounts/2fa/").content.decode()
    assert "Two-step verification is off." in page


def test_password_is_asked_again_for_sensitive_changes_later(caseworker_client):
    # The fixture session has no recent password: turning things off needs it again.
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        response = caseworker_client.get("/accounts/2fa/recovery-codes/generate/")
    assert response.status_code == 302 and "reauthenticate" in response["Location"]


def test_sign_in_with_wrong_password_for_staff_never_reaches_the_code_step(client, caseworker):
    response = sign_in(client, caseworker.email, PASSWORD + " nope")
    assert response.status_code == 400
