"""Password reset: the same answer for any email, a link that works once and for at
most an hour, and every session of the user ended when it is used."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from .helpers import link_in_last_email, main_text, session_exists, session_key, sign_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a brand new reset password"


def request_reset(client, email, prefix=""):
    return client.post(f"{prefix}/accounts/password/reset/", {"email": email})


def reset_link():
    return link_in_last_email(r"/accounts/password/reset/key/[^\s]+/")


def test_known_and_unknown_emails_get_the_same_answer(client, make_user):
    make_user(email="known@example.test")
    known = request_reset(client, "known@example.test")
    unknown = request_reset(client, "unknown@example.test")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    assert main_text(client.get(known["Location"])) == main_text(client.get(unknown["Location"]))
    assert [message.subject for message in mail.outbox] == [
        "Reset your password",
        "Reset your password",
    ]


def test_reset_with_the_link(client, make_user):
    user = make_user()
    request_reset(client, user.email)
    response = client.get(reset_link())
    # The key moves into the session so it never sits in a page's address.
    assert response.status_code == 302 and response["Location"].endswith("-set-password/")
    form = client.get(response["Location"])
    assert "Create a new password" in form.content.decode()
    done = client.post(response["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/password/reset/key/done/"
    assert "Your password has been reset" in client.get(done["Location"]).content.decode()
    assert sign_in(Client(), user.email, NEW_PASSWORD).status_code == 302
    assert mail.outbox[-1].subject == "Your password has been reset"


def test_the_link_works_only_once(client, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = reset_link()
    set_password_url = client.get(link)["Location"]
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = Client()
    page = again.get(link)
    assert page.status_code == 200
    assert "This link has expired or has already been used" in page.content.decode()


@pytest.mark.parametrize("minutes,works", [(59, True), (61, False)])
def test_the_link_lasts_at_most_an_hour(client, make_user, minutes, works):
    user = make_user()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request_reset(client, user.email)
        link = reset_link()
    with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
        response = client.get(link)
        assert (response.status_code == 302) is works


def test_a_longer_setting_cannot_stretch_the_token(make_user, settings):
    from cms_portal.accounts.tokens import OneHourPasswordResetTokenGenerator

    settings.PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
    user = make_user()
    generator = OneHourPasswordResetTokenGenerator()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = generator.make_token(user)
        assert generator.check_token(user, token)
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert not generator.check_token(user, token)
    assert not generator.check_token(user, "garbage-token")
    assert not generator.check_token(None, token)


def test_reset_ends_every_session_of_the_user(client, make_user):
    user = make_user()
    elsewhere = Client()
    sign_in(elsewhere, user.email)
    other_key = session_key(elsewhere)
    request_reset(client, user.email)
    set_password_url = client.get(reset_link())["Location"]
    reset_session = session_key(client)
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not session_exists(reset_session)  # the session that held the key is gone
    assert elsewhere.get("/your-account/").status_code == 302  # the other one is signed out
    assert not session_exists(other_key)


def test_bad_new_password_is_a_400_with_a_clear_message(client, make_user):
    user = make_user()
    request_reset(client, user.email)
    set_password_url = client.get(reset_link())["Location"]
    response = client.post(set_password_url, {"password1": "short", "password2": "short"})
    assert response.status_code == 400
    assert "Your password must be at least 12 characters" in response.content.decode()


def test_reset_request_needs_a_real_email(client):
    response = request_reset(client, "")
    assert response.status_code == 400 and "Enter your email address" in response.content.decode()


def test_reset_email_is_welsh_in_welsh(client, make_user):
    user = make_user()
    request_reset(client, user.email, prefix="/cy")
    assert mail.outbox[-1].subject == "Ailosod eich cyfrinair"
    assert "/cy/accounts/password/reset/key/" in mail.outbox[-1].body
