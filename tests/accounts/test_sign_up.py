"""Signing up: mandatory email confirmation, the password policy, and the same answer
whether or not the email address already has an account."""

import pytest
from django.core import mail

from .helpers import PASSWORD, link_in_last_email, main_text, sign_in

pytestmark = pytest.mark.django_db


def sign_up(client, email, password=PASSWORD, again=None, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": email,
            "password1": password,
            "password2": password if again is None else again,
        },
    )


def test_sign_up_sends_a_confirmation_link_and_does_not_sign_in(client):
    response = sign_up(client, "new.parent@example.test")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].subject == "Confirm your email address"
    page = client.get(response["Location"])
    assert "Check your email" in page.content.decode()


def test_confirming_the_email_then_signing_in(client):
    sign_up(client, "new.parent@example.test")
    link = link_in_last_email(r"http://testserver(/accounts/confirm-email/[^/\s]+/)")
    path = link.replace("http://testserver", "")
    page = client.get(path)
    assert page.status_code == 200 and "Confirm your email address" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    confirmed = client.get(response["Location"])
    assert "Email address confirmed" in confirmed.content.decode()
    assert sign_in(client, "new.parent@example.test")["Location"] == "/signed-in/"


def test_a_used_or_wrong_confirmation_link_explains_itself(client):
    page = client.get("/accounts/confirm-email/not-a-real-key/")
    assert page.status_code == 200
    assert "This link has expired or has already been used" in page.content.decode()


def test_existing_email_gets_the_same_answer_and_an_email_instead(client, make_user):
    make_user(email="taken@example.test")
    taken = sign_up(client, "taken@example.test")
    fresh = sign_up(client, "fresh@example.test")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert main_text(client.get(taken["Location"])) == main_text(client.get(fresh["Location"]))
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Confirm your email address", "You already have an account"]


@pytest.mark.parametrize(
    "password,message",
    [
        ("eleven char", "Your password must be at least 12 characters"),
        ("password1234", "Your password is too easy to guess"),
        ("new.parent@example.test", "Your password must not be too similar to your email address"),
        ("x" * 257, "Your password must be 256 characters or fewer"),
        ("", "Create a password"),
    ],
)
def test_password_policy_messages(client, password, message):
    response = sign_up(client, "new.parent@example.test", password)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="new.parent@example.test"' in page  # what they typed is kept


def test_no_composition_rules_twelve_lowercase_characters_are_enough(client):
    assert (
        sign_up(client, "words@example.test", "purple lemon tree")["Location"]
        == "/accounts/confirm-email/"
    )


def test_passwords_that_differ(client):
    response = sign_up(client, "new.parent@example.test", PASSWORD, again="something else entirely")
    assert response.status_code == 400
    assert "The passwords do not match" in response.content.decode()


def test_sign_up_form_fields(client):
    page = client.get("/accounts/signup/").content.decode()
    assert page.count('autocomplete="new-password"') == 2
    assert 'data-module="govuk-password-input"' in page
    assert "Must be at least 12 characters" in page


def test_emails_are_welsh_when_signing_up_in_welsh(client):
    sign_up(client, "cymraeg@example.test", prefix="/cy")
    message = mail.outbox[-1]
    assert message.subject == "Cadarnhewch eich cyfeiriad e-bost"
    assert "/cy/accounts/confirm-email/" in message.body


def test_a_known_and_an_unknown_email_do_the_same_work(client, make_user, settings):
    """Time must not tell an attacker which emails have accounts: both paths hash the
    password once, hand one email to the mail queue through the same adapter call (none
    is sent inside the request) and answer alike."""
    from unittest import mock

    from django.contrib.auth.hashers import get_hasher

    from cms_portal.accounts import adapter
    from cms_portal.accounts.adapter import PortalAccountAdapter
    from cms_portal.tasks import send_outbound_email

    make_user(email="taken@example.test")
    hasher = type(get_hasher())
    work = {}
    for email in ("taken@example.test", "fresh@example.test"):
        mail.outbox.clear()
        with (
            mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as encode,
            mock.patch.object(
                PortalAccountAdapter,
                "send_mail",
                autospec=True,
                side_effect=PortalAccountAdapter.send_mail,
            ) as send_mail,
            mock.patch.object(
                adapter, "queue_rendered_email", side_effect=adapter.queue_rendered_email
            ) as queued,
            # The broker takes the task; nothing is sent while the request runs.
            mock.patch.object(send_outbound_email, "delay") as handed_to_broker,
            mock.patch(
                "django.core.mail.backends.locmem.EmailBackend.send_messages",
                autospec=True,
                return_value=1,
            ) as sent_now,
        ):
            response = sign_up(client, email)
        assert response.status_code == 302
        passwords = [call.args[1] for call in encode.call_args_list]
        work[email] = (
            passwords,
            send_mail.call_count,
            queued.call_count,
            handed_to_broker.call_count,
            sent_now.call_count,
            response["Location"],
        )
    assert (
        work["taken@example.test"]
        == work["fresh@example.test"]
        == ([PASSWORD], 1, 1, 1, 0, "/accounts/confirm-email/")
    )
