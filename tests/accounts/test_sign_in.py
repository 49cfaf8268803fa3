"""Sign-in: the entry points, wording per audience, the form's fields, where users
land, and answers that do not reveal whether an email address has an account."""

import pytest

from .helpers import PASSWORD, main_text, session_exists, session_key, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "entry,audience", [("/sign-in/parent/", "parent"), ("/sign-in/employer/", "employer")]
)
def test_entry_points_lead_to_sign_in_for_their_audience(client, entry, audience):
    response = client.get(entry)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?as={audience}"


@pytest.mark.parametrize(
    "query,heading",
    [
        ("?as=parent", "Sign in to your child maintenance account"),
        ("?as=employer", "Sign in to your employer account"),
        ("?next=/admin/", "Sign in to caseworker tools"),
        ("", "Sign in"),
        ("?as=nonsense", "Sign in"),
    ],
)
def test_sign_in_page_speaks_to_its_audience(client, query, heading):
    page = client.get(f"/accounts/login/{query}").content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page


def test_the_audience_survives_a_failed_attempt(client, make_user):
    response = client.post("/accounts/login/", {"login": "", "password": "", "as": "employer"})
    assert response.status_code == 400
    assert "Sign in to your employer account" in response.content.decode()
    assert 'name="as" value="employer"' in response.content.decode()


def test_sign_in_form_uses_govuk_password_input_and_right_autocomplete(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'autocomplete="username"' in page and 'type="email"' in page
    assert 'data-module="govuk-password-input"' in page
    assert 'autocomplete="current-password"' in page
    assert "remember" not in page.lower()  # no "remember me"
    assert "onpaste" not in page  # pasting is never blocked


def test_invalid_sign_in_is_a_400_that_keeps_the_email_and_not_the_password(client, make_user):
    make_user(email="parent@example.test")
    response = sign_in(client, "parent@example.test", "wrong password here")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="parent@example.test"' in page
    assert "wrong password here" not in page
    assert "The email address or password you entered is not correct" in page
    assert 'href="#login"' in page  # the error summary points at the first box


def test_empty_and_malformed_email_get_specific_messages(client):
    assert (
        "Enter your email address"
        in client.post("/accounts/login/", {"login": "", "password": "x"}).content.decode()
    )
    page = client.post(
        "/accounts/login/", {"login": "not-an-email", "password": "x"}
    ).content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page


def test_unknown_and_known_emails_get_the_same_answer(client, make_user):
    make_user(email="known@example.test")
    known = sign_in(client, "known@example.test", "a wrong password 1")
    unknown = sign_in(client, "unknown@example.test", "a wrong password 1")
    assert known.status_code == unknown.status_code == 400
    assert main_text(known).replace("known@", "X@") == main_text(unknown).replace("unknown@", "X@")


def test_sign_in_lands_on_the_page_for_the_role(client, make_user):
    user = make_user()
    response = sign_in(client, user.email)
    assert response.status_code == 302 and response["Location"] == "/signed-in/"
    # No linked case or employer yet: the page that explains how to link one.
    assert client.get("/signed-in/")["Location"] == "/link-your-account/"


def test_sign_in_in_welsh_stays_in_welsh(client, make_user):
    user = make_user()
    response = sign_in(client, user.email, prefix="/cy")
    assert response["Location"] == "/cy/signed-in/"


def test_session_key_is_rotated_at_sign_in(client, make_user):
    user = make_user()
    client.post("/cookies/consent/", {"cookies": "reject"})  # gives the visitor a session
    before = session_key(client)
    assert before and session_exists(before)
    sign_in(client, user.email)
    after = session_key(client)
    assert after and after != before
    assert not session_exists(before)


def test_unverified_email_cannot_sign_in_and_gets_a_new_link(client, django_user_model):
    from allauth.account.models import EmailAddress
    from django.core import mail

    user = django_user_model.objects.create_user(email="new@example.test", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = sign_in(client, user.email)
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert mail.outbox and "Confirm your email address" in mail.outbox[-1].subject


def test_signed_in_user_visiting_sign_in_goes_on(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    assert client.get("/accounts/login/")["Location"] == "/signed-in/"


def test_sign_out_page_asks_then_ends_the_session_on_the_server(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    key = session_key(client)
    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and "Sign out" in page.content.decode()
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/signed-out/?reason=signed-out"
    assert not session_exists(key)
    # Replaying the old cookie gets nothing.
    from django.conf import settings
    from django.test import Client

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/your-account/")["Location"].startswith("/accounts/login/")
    assert "You have signed out" in client.get(response["Location"]).content.decode()


def test_sign_out_in_welsh_lands_on_the_welsh_page(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    assert client.post("/cy/accounts/logout/")["Location"] == "/cy/signed-out/?reason=signed-out"
