"""Lockout is owned by django-axes: five failures per account and IP, then HTTP 429
with our own page (even for the right password) until 15 minutes have passed."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from .helpers import PASSWORD, main_text, sign_in

pytestmark = pytest.mark.django_db
WRONG = "not the right password"


def fail(client, email, times, **extra):
    return [sign_in(client, email, WRONG, **extra).status_code for _ in range(times)]


def test_five_failures_lock_the_account_and_the_sixth_attempt_is_refused_even_when_right(
    client, make_user
):
    user = make_user()
    assert fail(client, user.email, 5) == [400, 400, 400, 400, 400]
    sixth = sign_in(client, user.email, PASSWORD)
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert "You have been locked out for 15 minutes" in page
    assert 'class="govuk-template' in page  # our GOV.UK page, not axes' plain text
    assert "_auth_user_id" not in client.session


def test_only_one_message_is_ever_shown(client, make_user):
    user = make_user()
    pages = [sign_in(client, user.email, WRONG).content.decode() for _ in range(8)]
    assert all("Too many failed login attempts" not in page for page in pages)
    assert all("locked out" not in page for page in pages[:5])
    assert all("locked out" in page for page in pages[5:])


def test_lockout_is_lifted_after_15_minutes(client, make_user):
    user = make_user()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, user.email, 5)
        assert sign_in(client, user.email).status_code == 429
    with time_machine.travel(start + timedelta(minutes=14, seconds=50), tick=False):
        assert sign_in(client, user.email).status_code == 429
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = sign_in(client, user.email)
        assert response.status_code == 302 and response["Location"] == "/signed-in/"


def test_lockout_is_per_account_and_ip(client, make_user):
    locked, other = make_user(), make_user()
    fail(client, locked.email, 5)
    assert sign_in(client, other.email).status_code == 302
    from django.test import Client

    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert sign_in(elsewhere, locked.email).status_code == 302


def test_unknown_email_is_locked_the_same_way(client):
    assert fail(client, "nobody@example.test", 6) == [400, 400, 400, 400, 400, 429]


def test_lockout_page_is_welsh_under_cy(client, make_user):
    user = make_user()
    fail(client, user.email, 5, prefix="/cy")
    response = sign_in(client, user.email, prefix="/cy")
    assert response.status_code == 429
    assert 'lang="cy"' in response.content.decode()
    assert "15 munud" in main_text(response)


def test_admin_sign_in_goes_through_the_same_protected_form(client, make_user):
    staff = make_user(is_staff=True)
    # Django's own admin form is never offered: it sends people to our sign-in.
    response = client.post("/admin/login/", {"username": staff.email, "password": WRONG})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    fail(client, staff.email, 5, next="/admin/")
    assert sign_in(client, staff.email, next="/admin/").status_code == 429


def test_reauthentication_failures_count_towards_the_lockout(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    for _ in range(5):
        assert client.post("/accounts/reauthenticate/", {"password": WRONG}).status_code == 400
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 429


def test_other_allauth_rate_limits_stay_on(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "2/m/ip"}
    statuses = [
        client.post("/accounts/password/reset/", {"email": f"a{i}@example.test"}).status_code
        for i in range(3)
    ]
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429


def test_a_post_to_the_admin_login_while_signed_in_authenticates_nobody(mfa_user_client, make_user):
    # Django's own form would try the username (here too long for the lockout records)
    # and the password: it is answered as a GET instead.
    staff = make_user(is_staff=True)
    client = mfa_user_client(staff)
    other = make_user(is_staff=True, is_superuser=True)
    for username in (other.email, "x" * 3000):
        response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/admin/login/"
        assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_refused_password_is_checked_once(client, make_user, monkeypatch):
    """allauth's backend stays in the settings only to read back older sessions; a
    refused sign-in must not run the password hash a second time through it."""
    from django.contrib.auth.hashers import get_hasher

    user = make_user()
    checks = []
    hasher = type(get_hasher())
    original = hasher.verify

    def counted(self, password, encoded):
        checks.append(password)
        return original(self, password, encoded)

    monkeypatch.setattr(hasher, "verify", counted)
    assert sign_in(client, user.email, WRONG).status_code == 400
    assert checks == [WRONG]
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    assert checks == [WRONG, PASSWORD]
