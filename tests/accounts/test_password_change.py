"""Changing a password while signed in: current password needed, confirmation page,
other sessions ended, this one kept."""

import pytest
from django.core import mail
from django.test import Client

from .helpers import PASSWORD, session_exists, session_key, sign_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "another long new password"


def change(client, old=PASSWORD, new=NEW_PASSWORD, again=None):
    return client.post(
        "/accounts/password/change/",
        {
            "oldpassword": old,
            "password1": new,
            "password2": again or new,
        },
    )


def test_change_password_ends_on_a_confirmation_page(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    response = change(client)
    assert response["Location"] == "/accounts/password/changed/"
    assert "Your password has been changed" in client.get(response["Location"]).content.decode()
    assert mail.outbox[-1].subject == "Your password has been changed"


def test_other_sessions_end_and_this_one_stays(client, make_user):
    user = make_user()
    elsewhere = Client()
    sign_in(elsewhere, user.email)
    other_key = session_key(elsewhere)
    sign_in(client, user.email)
    change(client)
    assert client.get("/your-account/").status_code == 200
    assert elsewhere.get("/your-account/").status_code == 302
    assert not session_exists(other_key)


def test_wrong_current_password(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    response = change(client, old="this is not my password")
    assert response.status_code == 400
    assert "The current password you entered is not correct" in response.content.decode()


def test_change_password_needs_sign_in(client):
    assert client.get("/accounts/password/change/")["Location"].startswith("/accounts/login/")
