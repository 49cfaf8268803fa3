"""The account page and what hangs off it: email address change, audit trail of
changes to how someone signs in, and employer admins held to two-step verification."""

import pytest
from django.core import mail

from cms_portal.models import AuditEvent

from .helpers import PASSWORD, link_in_last_email, sign_in

pytestmark = pytest.mark.django_db


def test_account_page_shows_email_password_two_step_and_sign_out(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    page = client.get("/your-account/").content.decode()
    assert user.email in page
    for link in (
        'href="/accounts/email/"',
        'href="/accounts/password/change/"',
        'href="/accounts/2fa/totp/activate/"',
        'action="/accounts/logout/"',
    ):
        assert link in page
    assert "Exit this page" in page


def test_account_page_needs_sign_in(client):
    assert client.get("/your-account/")["Location"].startswith("/accounts/login/")


def test_change_email_address(client, make_user, django_user_model):
    user = make_user(email="old@example.test")
    sign_in(client, user.email)
    response = client.post("/accounts/email/", {"action_add": "1", "email": "new@example.test"})
    assert response["Location"] == "/accounts/email/"
    pending = client.get("/accounts/email/").content.decode()
    assert "We have sent a link to new@example.test" in pending
    assert mail.outbox[-1].to == ["new@example.test"]
    confirm = link_in_last_email(r"/accounts/confirm-email/[^/\s]+/")
    done = client.post(confirm)
    assert done["Location"] == "/accounts/email/confirmed/"
    user.refresh_from_db()
    assert user.email == "new@example.test"
    assert AuditEvent.objects.filter(
        action="account.email_changed", object_ref=str(user.public_id)
    ).exists()


def test_change_email_errors(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    response = client.post("/accounts/email/", {"action_add": "1", "email": "nonsense"})
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()


def test_password_change_is_audited_and_emailed_in_welsh(client, make_user):
    user = make_user()
    sign_in(client, user.email)
    client.post(
        "/cy/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a fresh new password",
            "password2": "a fresh new password",
        },
    )
    assert mail.outbox[-1].subject == "Mae eich cyfrinair wedi newid"
    assert "Gwasanaeth Cynhaliaeth Plant" in mail.outbox[-1].body
    event = AuditEvent.objects.get(action="account.password_changed")
    assert event.actor == user and event.object_ref == str(user.public_id)
    assert PASSWORD not in str(event.details) and "a fresh new password" not in str(event.details)


def test_employer_admins_are_held_to_two_step_verification(client, make_user, monkeypatch):
    from cms_portal.accounts import middleware

    admin = make_user()
    monkeypatch.setattr(
        middleware, "mfa_required_for_request", lambda request: request.user.pk == admin.pk
    )
    sign_in(client, admin.email)
    assert client.get("/signed-in/")["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/your-account/").status_code == 200
